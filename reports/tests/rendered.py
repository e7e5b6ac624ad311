"""Building one section the way the report does (one Disclosure, resolved) and reading it as the page shows it."""

from __future__ import annotations

from reports.disclosure import Cell, Disclosure, Lazy, PupilRows


def as_shown(value, raw: bool = False):
    """Return the value with every cell and lazy figure written out as the page would print it (or, `raw`,
    every count as the number it is, before any is hidden)."""
    if isinstance(value, Cell):
        return value.value if raw else str(value)
    if isinstance(value, Lazy):
        return str(value)
    if isinstance(value, PupilRows):
        return [as_shown(row, raw) for row in value]
    if isinstance(value, dict):
        return {key: as_shown(item, raw) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_shown(item, raw) for item in value]
    return value


def build_section(builder, school, term, threshold: int = 3, *, raw: bool = False) -> dict:
    """Return one section built with its own resolved Disclosure, every figure as printed (or as counted)."""
    disclosure = Disclosure(threshold)
    section = builder(school, term, disclosure)
    disclosure.resolve()
    return as_shown(section, raw)
