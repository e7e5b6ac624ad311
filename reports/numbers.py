"""How every figure of a governors' report is rounded and written: one rule, half up, as a reader rounds."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value, places: int = 0) -> Decimal:
    """Return the value rounded half up to `places` decimals (2.5 -> 3, 0.25 -> 0.3; Python's round() does not)."""
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def decimal_text(value, places: int = 1) -> str:
    """Return the value rounded half up and written with `places` decimals."""
    return f"{half_up(value, places):f}"


def percent(part: int, whole: int) -> int:
    """Return part/whole as a whole percentage, rounded half up."""
    return int(half_up(Decimal(part) * 100 / Decimal(whole)))


def money(amount) -> str:
    """Return pounds with thousands separators and no pence (governors read totals, not pennies)."""
    return f"£{half_up(amount or 0):,}"


def days_text(days) -> str:
    """Return a number of days without trailing zeros (PostgreSQL sums decimals as 2.0), rounded to a tenth."""
    value = half_up(days or 0, 1)
    return f"{value.normalize():f}" if value else "0"


def mean(values: list) -> Decimal | None:
    """Return the mean of the values given (None when there are none): a missing value is never a zero."""
    present = [Decimal(str(value)) for value in values if value is not None]
    return sum(present) / len(present) if present else None
