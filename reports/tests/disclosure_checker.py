"""An attacker for the rendered report: tries to work a hidden count back out of the page's other numbers.

It knows nothing of reports/disclosure.py. It reads the report's HTML as a governor reads the page
(tables by caption, rows by label, the money and percentages printed anywhere) and, for each count the
test says is hidden (with its true value), tries what a reader would try:

- complements: a shown figure in the same column (or the group's size) minus the other shown figures;
- several "<3" in one column whose sum is pinned (all 1s, or all at the top of the range);
- shares: the row's percentage times any shown count of the table, or the group's size, or scaled by
  another row whose count and share are both shown;
- ratios: any amount of money on the page divided by any other (a total over a cost per pupil or per
  return gives the count back), and differences of two amounts (an alternative minus "£x more than the
  group" gives the group's cost back) divided into any amount.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

MONEY = re.compile(r"£([\d,]+)")
PERCENT = re.compile(r"^(\d+)%$")
INTEGER = re.compile(r"^\d+$")


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Secret:
    """A hidden count: where it is (a table caption's words, a row label, a column), and what it really is."""

    caption: str | None
    row: str | None
    column: int
    value: int


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.text: list[str] = []
        self._table: Table | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._in_head = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "svg", "title"):
            self._skip += 1
        elif tag == "table":
            self._table = Table("", [], [])
        elif tag == "caption":
            self._caption = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("style", "svg", "title"):
            self._skip -= 1
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "caption" and self._table is not None:
            self._table.caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            if self._in_head:
                self._table.headers = self._row
            else:
                self._table.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> tuple[list[Table], str]:
    reader = _Reader()
    reader.feed(html)
    return reader.tables, " ".join(" ".join(reader.text).split())


def _integer(cell: str) -> int | None:
    return int(cell) if INTEGER.match(cell.strip()) else None


def _money_amounts(text: str) -> list[int]:
    return sorted({int(found.replace(",", "")) for found in MONEY.findall(text)})


def _pounds(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def attacks(html: str, secrets: list[Secret], *, group_size: int | None, threshold: int = 3) -> list[str]:
    """Return every way found to work one of the hidden counts back out of the page (empty: none found)."""
    tables, text = read(html)
    found: list[str] = []
    amounts = _money_amounts(text)
    for secret in secrets:
        if secret.caption is None:
            found += _ratio_attacks(amounts, secret)
            continue
        for table in tables:
            if secret.caption not in table.caption:
                continue
            found += _table_attacks(table, secret, group_size, threshold)
    return found


def _table_attacks(table: Table, secret: Secret, group_size: int | None, threshold: int) -> list[str]:
    found = []
    column = [row[secret.column] if secret.column < len(row) else "" for row in table.rows]
    shown = [value for value in (_integer(cell) for cell in column) if value is not None]
    totals = set(shown) | ({group_size} if group_size is not None else set())
    hidden = [cell for cell in column if cell and _integer(cell) is None and not PERCENT.match(cell)]
    for total in totals:
        rest = list(shown)
        if total in rest:
            rest.remove(total)
        left = total - sum(rest)
        if len(hidden) == 1 and left == secret.value:
            found.append(f"{table.caption!r}: {total} minus the rest of the column gives {left}")
        small = [cell for cell in hidden if cell.startswith("<")]
        if len(hidden) >= 2 and len(small) == len(hidden) and left in (len(small), len(small) * (threshold - 1)):
            found.append(f"{table.caption!r}: the {len(small)} '<{threshold}' cells must add up to {left}")
    # Rows whose count and share are both shown give the scale of every other row's share.
    scales = []
    for row in table.rows:
        count = _integer(row[secret.column]) if secret.column < len(row) else None
        shares = [PERCENT.match(cell) for cell in row[1:]]
        share = next((match for match in shares if match), None)
        if count and share and int(share.group(1)):
            scales.append((count, int(share.group(1))))
    for row in table.rows:
        if secret.row is None or not row or not row[0].startswith(secret.row):
            continue
        for cell in row[1:]:
            share = PERCENT.match(cell)
            if not share:
                continue
            for count, percent in scales:
                if _pounds(Decimal(count) * int(share.group(1)) / percent) == secret.value:
                    found.append(f"{table.caption!r}: {cell} beside {count} at {percent}% gives {secret.value}")
            for whole in totals:
                if whole and _pounds(Decimal(share.group(1)) * whole / 100) == secret.value and \
                        _pounds(Decimal(secret.value) * 100 / whole) == int(share.group(1)):
                    found.append(f"{table.caption!r}: {cell} of {whole} gives {secret.value}")
    return found


def _ratio_attacks(amounts: list[int], secret: Secret) -> list[str]:
    found = []
    denominators = set(amounts) | {abs(a - b) for a, b in itertools.combinations(amounts, 2)}
    for numerator in amounts:
        for denominator in denominators:
            if not denominator or denominator >= numerator:
                continue
            count = _pounds(Decimal(numerator) / denominator)
            if count == secret.value and _pounds(Decimal(numerator) / count) == denominator:
                found.append(f"£{numerator:,} / £{denominator:,} gives {count}")
    return found
