"""School terms as values: '2026-autumn' is the autumn term of the academic year 2026-27.

English schools run three terms a year from September. The exact term dates differ by local
authority, so a term here is a calendar window wide enough to hold every school's version:
autumn 1 September - 31 December, spring 1 January - 31 March (Easter moves), summer 1 April -
31 August. A term's `code` ('2026-spring' is January-March 2027) sorts in time order as a string,
so records keyed by term code order correctly in the database too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SEASONS: tuple[str, ...] = ("autumn", "spring", "summer")


@dataclass(frozen=True, order=True)
class Term:
    """One term of one academic year; `year` is the calendar year in which that academic year began."""

    year: int
    index: int  # 0 autumn, 1 spring, 2 summer: dataclass ordering is time ordering

    def __post_init__(self) -> None:
        if self.index not in (0, 1, 2):
            raise ValueError(f"A term index is 0, 1 or 2, not {self.index!r}.")

    @classmethod
    def for_date(cls, day: datetime.date) -> Term:
        """Return the term a day falls in (the summer holiday counts as summer term)."""
        if day.month >= 9:
            return cls(day.year, 0)
        if day.month <= 3:
            return cls(day.year - 1, 1)
        return cls(day.year - 1, 2)

    @classmethod
    def parse(cls, code: str) -> Term:
        """Return the term named by a code such as '2026-autumn'; ValueError if it names none."""
        try:
            year, season = code.split("-", 1)
            return cls(int(year), SEASONS.index(season))
        except (AttributeError, ValueError):
            raise ValueError(f"{code!r} is not a term: expected e.g. '2026-autumn'.") from None

    @classmethod
    def range(cls, first: Term, last: Term) -> list[Term]:
        """Return every term from first to last, both included (empty if last is before first)."""
        terms, term = [], first
        while term <= last:
            terms.append(term)
            term = term.next()
        return terms

    @property
    def season(self) -> str:
        return SEASONS[self.index]

    @property
    def code(self) -> str:
        return f"{self.year}-{self.season}"

    @property
    def calendar_year(self) -> int:
        return self.year if self.index == 0 else self.year + 1

    @property
    def label(self) -> str:
        """'Autumn 2026', 'Spring 2027': how schools name terms."""
        return f"{self.season.capitalize()} {self.calendar_year}"

    @property
    def short_label(self) -> str:
        return f"{self.season[:3].capitalize()} {self.calendar_year % 100:02d}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.calendar_year, (9, 1, 4)[self.index], 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.calendar_year, *((12, 31), (3, 31), (8, 31))[self.index])

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Term:
        return Term(self.year + 1, 0) if self.index == 2 else Term(self.year, self.index + 1)

    def previous(self) -> Term:
        return Term(self.year - 1, 2) if self.index == 0 else Term(self.year, self.index - 1)

    def __str__(self) -> str:
        return self.label


def term_choices(today: datetime.date, back: int = 6, ahead: int = 0) -> list[tuple[str, str]]:
    """Return (code, label) choices for a form: the current term, `back` terms before it, newest first."""
    current = Term.for_date(today)
    first = current
    for _ in range(back):
        first = first.previous()
    last = current
    for _ in range(ahead):
        last = last.next()
    return [(term.code, term.label) for term in reversed(Term.range(first, last))]
