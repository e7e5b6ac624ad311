"""Keeping governors' figures anonymous: small numbers are hidden, pupils are letters."""

from __future__ import annotations

import string
from decimal import ROUND_HALF_UP, Decimal


class SmallNumbers:
    """Shows counts and shares so that no figure is about fewer than `threshold` pupils."""

    def __init__(self, threshold: int = 3) -> None:
        self.threshold = threshold

    @property
    def hidden(self) -> str:
        return f"<{self.threshold}"

    def count(self, number: int) -> str:
        """Return the count, or '<3' when it is about 1 or 2 pupils (0 is shown: it is about no one)."""
        return self.hidden if 0 < number < self.threshold else str(number)

    def share(self, part: int, whole: int) -> str:
        """Return 'part of whole' as a percentage, hidden when it is about 1 or 2 pupils (either number)."""
        if whole == 0:
            return "no pupils"
        if whole < self.threshold or 0 < part < self.threshold:
            return self.hidden
        return f"{percent(part, whole)}%"


def percent(part: int, whole: int) -> int:
    """Return part/whole as a whole percentage, rounded half up (as a reader would round)."""
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pupil_letters(count: int) -> list[str]:
    """Return 'Pupil A', 'Pupil B' ... 'Pupil Z', 'Pupil AA' ... for anonymous rows."""
    letters = string.ascii_uppercase
    names = []
    for index in range(count):
        label, number = "", index
        while True:
            label = letters[number % 26] + label
            number = number // 26 - 1
            if number < 0:
                break
        names.append(f"Pupil {label}")
    return names


def money(amount) -> str:
    """Return pounds with thousands separators and no pence (governors read totals, not pennies)."""
    value = Decimal(amount or 0).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"£{value:,}"
