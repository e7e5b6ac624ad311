"""CSV exports that a spreadsheet cannot be tricked into running (CSV/formula injection).

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading a formula) is run as a formula when the file is opened: `=HYPERLINK("http://evil", "Click")`
in a pupil's name would become a live link in the school's spreadsheet. OWASP's advice: prefix such a
cell with a single quote, so it is shown as text. Every CSV the product writes goes through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return the value ready for a CSV cell: text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value  # numbers (negative ones too) stay numbers
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(rows: Iterable[Iterable[Any]], file=None) -> str | None:
    """Write the rows as CSV with every cell made safe; return the text when no file is given."""
    target = file if file is not None else io.StringIO()
    writer = csv.writer(target)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return None if file is not None else target.getvalue()
