"""Small-number rules for the trust's figures, through one thin door onto the reports' rules.

Every trust figure goes through `small_numbers` and `suppress_column`, so when the reports app's
disclosure rules change (issue 14) only this module follows them.
"""

from __future__ import annotations

from reports.numbers import money  # noqa: F401  (the trust's pages format money through here)


class SmallNumbers:
    """A count about 1 or 2 pupils is shown as "<3" (0 is shown: it is about no one), as in the school's report."""

    def __init__(self, threshold: int = 3) -> None:
        self.threshold = threshold

    @property
    def hidden(self) -> str:
        return f"<{self.threshold}"

    def count(self, number: int) -> str:
        return self.hidden if 0 < number < self.threshold else str(number)


def small_numbers(threshold: int = 3) -> SmallNumbers:
    """Return the small-number rule at the given threshold."""
    return SmallNumbers(threshold)


def suppress_column(values: list[int], thresholds: list[int], *, total_shown: bool = True) -> list[str]:
    """Return a column of counts as shown: 1 to threshold-1 hidden (primary suppression), and, when the
    column's total is shown, further cells hidden, smallest first, until the hidden cells cannot be worked
    out from the total: at least two of them, adding up to at least the threshold (secondary suppression)."""
    shown = [small_numbers(threshold).count(value) for value, threshold in zip(values, thresholds, strict=True)]
    hidden = {index for index, value in enumerate(values) if 0 < value < thresholds[index]}
    if not total_shown or not hidden:
        return shown
    threshold = max(thresholds)
    others = sorted((value, index) for index, value in enumerate(values) if index not in hidden and value > 0)
    while others and (len(hidden) < 2 or sum(values[index] for index in hidden) < threshold):
        _, index = others.pop(0)
        hidden.add(index)
        shown[index] = small_numbers(thresholds[index]).hidden
    return shown


def total_shown(total: int, threshold: int) -> str:
    """Return the trust's total, hidden only when it is itself about 1 or 2 pupils."""
    return small_numbers(threshold).count(total)
