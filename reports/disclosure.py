"""Disclosure control for the governors' report: every rule that keeps a child from being identified.

The report's sections register each count about pupils (or about events that happened to pupils:
exclusions, removals) with one `Disclosure` for the whole report, under a key, and say which counts
add up to which ("the pupils in the group are those better + the same + worse + no evidence").
Sections put the returned cells in their tables; nothing is written out until `resolve()` has run,
so a figure hidden because of another table is hidden everywhere it appears.

The rules (official statistics practice):

1. Primary suppression: a count of 1 or 2 (below `threshold`) is shown as "<3". 0 is shown as 0.
2. Secondary suppression: any other figure from which a hidden count could be worked out is hidden
   too ("not shown": the threshold or more): the complement within a shown total (and counts
   the page does not print but a reader could work out, such as "pupils without an attendance
   figure"), found by working out, as a reader would, the range each hidden count could take from
   every total on the page.
3. Ratios: a share, a cost per pupil or a cost per return over a hidden count is not shown, since the
   ratio and the shown numerator give the count back. A figure printed beside a hidden count (the
   days of a single exclusion) is not shown.
4. Averages and shares about fewer pupils than the threshold are "too few to show"; a breakdown of
   a total that is itself below the threshold is "too few to show" in every cell. Where the only
   other way would be to hide the number of pupils in the group, the whole breakdown is "not shown"
   (zeros and small counts too), so it tells a reader nothing beyond its total.
5. Pupil rows ("Pupil A" ...) are lettered afresh, in a random order, in each report, and shown only
   when every count they would let a reader add up is itself shown.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .numbers import money, percent

INFINITY = float("inf")
TOO_FEW = "too few to show"
NOT_SHOWN = "not shown"

# Why a count is hidden: it is small, it would give a small one away, or its total is small.
PRIMARY, SECONDARY, FEW, MASKED = "primary", "secondary", "few", "masked"


def explanation(threshold: int) -> str:
    """Return the paragraph of the report's note that tells a governor how figures are kept anonymous."""
    return (
        f"To keep every child anonymous, a count of one or two pupils (or of one or two exclusions or removals) "
        f"is shown as \"<{threshold}\", and 0 is shown as 0. Where a hidden count could be worked out from the "
        f"figures around it (by taking the others from a total, or by dividing a cost by a cost per pupil), "
        f"one or more of those figures is also hidden and shown as \"{NOT_SHOWN}\" (such a figure is "
        f"{threshold} or more). Averages, percentages "
        f"and costs per pupil about fewer than {threshold} pupils are shown as \"{TOO_FEW}\". Where pupils "
        f"appear as letters (Pupil A, Pupil B...), the letters are given afresh and in a random order in each "
        f"report, so a row cannot be matched to a row of another term's report."
    )


class Lazy:
    """A figure written out only when the page is rendered, after every suppression is known."""

    def __init__(self, render: Callable[[], str]) -> None:
        self._render = render

    def __str__(self) -> str:
        return self._render()

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"<{self}>"


@dataclass(eq=False)
class Cell:
    """One count on the page (or one a reader could work out from it, `printed=False`)."""

    disclosure: Disclosure
    key: str
    value: int
    printed: bool = True
    anchor: bool = False

    @property
    def hidden(self) -> str | None:
        """Why this count is hidden (PRIMARY, SECONDARY or FEW), or None when it is shown."""
        self.disclosure.check_resolved()
        return self.disclosure.hidden.get(self.key)

    @property
    def small(self) -> bool:
        return 0 < self.value < self.disclosure.threshold

    def __str__(self) -> str:
        return self.disclosure.show(self.key)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"<{self.key}={self.value}>"


class Disclosure:
    """The report's register of counts about pupils, the totals they make up, and what must be hidden."""

    def __init__(self, threshold: int = 3) -> None:
        self.threshold = threshold
        self.cells: dict[str, Cell] = {}
        self.equations: list[tuple[str, tuple[str, ...]]] = []
        self.hidden: dict[str, str] = {}
        self.unresolved: list[str] = []
        self.resolved = False

    # ------------------------------------------------------------------ registering

    @property
    def small_mark(self) -> str:
        return f"<{self.threshold}"

    def count(self, key: str, value: int, *, printed: bool = True, anchor: bool = False) -> Cell:
        """Register a count about pupils (or events about pupils) and return its cell for a table.

        An `anchor` (the pupils in the group) is hidden to protect another count only as a last resort.
        """
        value = int(value)
        if key in self.cells:
            cell = self.cells[key]
            if cell.value != value:
                raise ValueError(f"The count {key} was registered as {cell.value} and now as {value}.")
            cell.printed = cell.printed or printed
            cell.anchor = cell.anchor or anchor
            return cell
        cell = Cell(self, key, value, printed, anchor)
        self.cells[key] = cell
        self.resolved = False
        return cell

    def partition(self, total: Cell, parts: Iterable[Cell]) -> None:
        """Record that the parts add up to the total (every pupil of the total is in exactly one part)."""
        parts = tuple(parts)
        if sum(part.value for part in parts) != total.value:
            raise ValueError(f"The parts of {total.key} do not add up to it.")
        self.equations.append((total.key, tuple(part.key for part in parts)))
        self.resolved = False

    def share(self, part: Cell, whole: Cell) -> Lazy:
        """Return part of whole as a percentage: too few to show over a small whole, not shown over a hidden count."""
        def render() -> str:
            if whole.value == 0:
                return "no pupils"
            if whole.value < self.threshold or whole.hidden == FEW:
                return TOO_FEW
            if part.hidden or whole.hidden:
                return NOT_SHOWN
            return f"{percent(part.value, whole.value)}%"
        return Lazy(render)

    def per(self, amount: Decimal | None, count: Cell, *, none_text: str) -> Lazy:
        """Return an amount of money per pupil (or per return); the ratio would give a hidden count back."""
        def render() -> str:
            if count.value == 0 or amount is None:
                return none_text
            if count.value < self.threshold or count.hidden == FEW:
                return TOO_FEW
            if count.hidden:
                return NOT_SHOWN
            return money(Decimal(amount) / count.value)
        return Lazy(render)

    def beside(self, text: str, count: Cell) -> Lazy:
        """Return a figure printed beside a count (days of exclusion beside exclusions): hidden with it."""
        return Lazy(lambda: NOT_SHOWN if count.hidden else text)

    def unless_hidden(self, render: Callable[[], str], *counts: Cell, hidden_text: str = NOT_SHOWN) -> Lazy:
        """Return a figure that would give any of the counts back: shown only when every one of them is."""
        return Lazy(lambda: hidden_text if any(count.hidden for count in counts) else render())

    def average(self, values: Iterable, render: Callable[[Decimal], str], *, none_text: str = "no evidence") -> str:
        """Return the mean of the values present, written by `render`, or 'too few to show' under the threshold.

        A missing value (None) is left out: it is never counted as a zero.
        """
        present = [Decimal(str(value)) for value in values if value is not None]
        if not present:
            return none_text
        if len(present) < self.threshold:
            return TOO_FEW
        return render(sum(present) / len(present))

    def phrase(self, template: str, **figures) -> Lazy:
        """Return a sentence whose figures are written out when the page is rendered."""
        return Lazy(lambda: template.format(**{name: str(value) for name, value in figures.items()}))

    def pupil_rows(self, rows: list[list], *counts: Cell, rng: random.Random | None = None) -> list[list]:
        """Return one row per pupil, lettered afresh in a random order; none while a count they add up to is hidden."""
        self.check_resolved()
        if len(rows) < self.threshold or any(count.hidden for count in counts):
            return []
        shuffled = list(rows)
        (rng or random.SystemRandom()).shuffle(shuffled)
        return [[letter, *row] for letter, row in zip(pupil_letters(len(shuffled)), shuffled, strict=True)]

    def later_pupil_rows(self, rows: list[list], *counts: Cell) -> PupilRows:
        """Return `pupil_rows` for a table, worked out (and lettered) when the page is rendered."""
        return PupilRows(self, rows, counts)

    # ------------------------------------------------------------------ resolving

    def check_resolved(self) -> None:
        if not self.resolved:
            raise RuntimeError("Resolve the report's disclosure before writing a figure out.")

    def show(self, key: str) -> str:
        """Return how the count is written on the page."""
        self.check_resolved()
        cell = self.cells[key]
        reason = self.hidden.get(key)
        if reason == PRIMARY:
            return self.small_mark
        if reason == FEW:
            return TOO_FEW
        if reason in (SECONDARY, MASKED):
            return NOT_SHOWN
        return str(cell.value)

    def resolve(self) -> None:
        """Decide every count's fate: small ones hidden, then enough others that no hidden one can be worked out."""
        self.hidden = {}
        self.unresolved = []
        for key, cell in self.cells.items():
            if cell.small:
                self.hidden[key] = PRIMARY
        for total_key, part_keys in self.equations:
            if self.cells[total_key].small:
                for key in part_keys:
                    self.hidden[key] = FEW
        protected = [key for key, cell in self.cells.items() if cell.small]
        for _ in range(len(self.cells) + 1):
            ranges = self.bounds()
            pinned = [key for key in protected if ranges[key][0] == ranges[key][1]]
            if not pinned:
                break
            candidate = self._secondary_for(pinned[0])
            if (candidate is None or self.cells[candidate].anchor) and self._mask_breakdown_of(pinned[0]):
                continue
            if candidate is None:
                self.unresolved.append(pinned[0])
                protected.remove(pinned[0])
                continue
            self.hidden[candidate] = SECONDARY
        self.resolved = True

    def bounds(self) -> dict[str, list[float]]:
        """Return the range a reader can give each count from what is printed and every total (propagated)."""
        ranges: dict[str, list[float]] = {}
        for key, cell in self.cells.items():
            reason = self.hidden.get(key)
            if not cell.printed:
                ranges[key] = [0, INFINITY]
            elif reason == PRIMARY:
                ranges[key] = [1, self.threshold - 1]
            elif reason == FEW:
                ranges[key] = [0, self.threshold - 1]
            elif reason == MASKED:
                ranges[key] = [0, INFINITY]
            elif reason == SECONDARY:
                # Never a 0 (a 0 is always printed) and never 1 or 2 (those show as "<3").
                ranges[key] = [self.threshold, INFINITY]
            else:
                ranges[key] = [cell.value, cell.value]
        for _ in range(100):
            changed = False
            for total_key, part_keys in self.equations:
                total, parts = ranges[total_key], [ranges[key] for key in part_keys]
                low, high = sum(part[0] for part in parts), sum(part[1] for part in parts)
                changed |= _tighten(total, low, high)
                for index, part in enumerate(parts):
                    others_low = low - part[0]
                    others_high = high - part[1] if part[1] != INFINITY else sum(
                        other[1] for position, other in enumerate(parts) if position != index)
                    changed |= _tighten(part, total[0] - others_high, total[1] - others_low)
            if not changed:
                break
        return ranges

    def _mask_breakdown_of(self, key: str) -> bool:
        """Hide every part of a breakdown the count is in, zeros and small counts alike ("not shown"), rather
        than the pupils in the group; return whether there was one left to hide."""
        for _total_key, part_keys in self.equations:
            if key in part_keys and len(part_keys) > 1 and any(
                    self.hidden.get(part) != MASKED for part in part_keys):
                for part in part_keys:
                    self.hidden[part] = MASKED
                return True
        return False

    def _secondary_for(self, key: str) -> str | None:
        """Return the printed, shown, non-zero count to hide next so `key` can no longer be worked out.

        Prefer a count in few totals (hiding it gives away least elsewhere), then the smallest; an anchor (the
        pupils in the group, which every section adds up to) only when nothing else would do. A 0 is never
        hidden, so a reader knows a "not shown" count is at least the threshold, and that is how it is modelled.
        """
        uses: dict[str, int] = {}
        for total_key, part_keys in self.equations:
            for member in (total_key, *part_keys):
                uses[member] = uses.get(member, 0) + 1
        # Look in the totals the count is in first; then, through the hidden counts there, in theirs.
        frontier, seen, anchors = {key}, {key}, []
        while frontier:
            candidates = []
            reached = set()
            for total_key, part_keys in self.equations:
                members = [total_key, *part_keys]
                if not frontier & set(members):
                    continue
                for member in members:
                    cell = self.cells[member]
                    if member in seen:
                        continue
                    if member in self.hidden or not cell.printed:
                        reached.add(member)
                    elif cell.value > 0:  # a 0 is always printed: hiding one would tell a reader less than it seems
                        candidates.append((cell.anchor, uses[member], cell.value, member))
            best = [candidate for candidate in candidates if not candidate[0]]
            if best:
                return min(best)[3]
            anchors += candidates
            seen |= reached
            frontier = reached
        return min(anchors)[3] if anchors else None


class PupilRows:
    """A table's pupil rows, lettered once, when first read after the rules have run."""

    def __init__(self, disclosure: Disclosure, rows: list[list], counts: tuple[Cell, ...]) -> None:
        self.disclosure, self.rows, self.counts = disclosure, rows, counts
        self._lettered: list[list] | None = None

    def _get(self) -> list[list]:
        if self._lettered is None:
            self._lettered = self.disclosure.pupil_rows(self.rows, *self.counts)
        return self._lettered

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())


def _tighten(bound: list[float], low: float, high: float) -> bool:
    changed = False
    if low > bound[0]:
        bound[0] = low
        changed = True
    if high < bound[1]:
        bound[1] = high
        changed = True
    return changed


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
