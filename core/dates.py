"""Dates in the product: shown one way, and typed within one rule per kind of date.

Shown: as people read them, the one way the product shows them ("1 Dec 2026", "1 Dec 2026 14:05"). The
formats live in `nurture/formats/en_GB/formats.py` (DATE_FORMAT, DATETIME_FORMAT); templates use
`{{ day|date }}` or `{{ moment|date:"DATETIME_FORMAT" }}`, Python display code `format_date` and
`format_datetime`.

Typed: a date someone types is one of a few kinds, and each kind has one rule for how far back and how far
ahead it may be: a date of birth makes the child a plausible pupil; a date when something happened (a
contact with a parent, a review held, a form completed, an incident) is not in the future; a date when
something starts or ends (a placement, a target, admission) may be a little ahead; a date planned for a
review may be further ahead. `RuleDateField` applies a rule in a form; `DateRule.problem` gives the MIS
import its message. Cross-field rules (a review after the start) stay with the form or model owning both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone


def format_date(value: datetime.date | None) -> str:
    """Return the day as the product shows dates ("1 Dec 2026"); a date-time is read in local time."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATE_FORMAT")


def format_datetime(value: datetime.datetime | None) -> str:
    """Return the moment as the product shows date-times ("1 Dec 2026 14:05"), in local time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class DateRule:
    """How far back and ahead of today one kind of date may be, and what to say when it is not."""

    kind: str
    years_back: int  # the earliest allowed is today minus this many years
    days_ahead: int  # the latest allowed is today plus this many days (0: not in the future)
    min_age_years: int = 0  # a date of birth: the latest allowed is this many years before today
    too_late: str = ""
    too_early: str = ""
    future: str = ""  # said instead of too_late for a date after today, if given

    def earliest(self, today: datetime.date) -> datetime.date:
        return _years_before(today, self.years_back)

    def latest(self, today: datetime.date) -> datetime.date:
        if self.min_age_years:
            return _years_before(today, self.min_age_years)
        return today + datetime.timedelta(days=self.days_ahead)

    def problem(self, value: datetime.date, today: datetime.date | None = None) -> str | None:
        """Return what is wrong with the date for this kind, or None if it is allowed."""
        today = today or timezone.localdate()
        bounds = {"latest": format_date(self.latest(today)), "earliest": format_date(self.earliest(today))}
        if value > today and self.future:
            return self.future
        if value > self.latest(today):
            return self.too_late.format(**bounds)
        if value < self.earliest(today):
            return self.too_early.format(**bounds)
        return None

    def check(self, value: datetime.date | None, today: datetime.date | None = None) -> None:
        """Raise ValidationError if the date is not allowed for this kind."""
        if value is not None and (message := self.problem(value, today)):
            raise ValidationError(message, code=f"date_{self.kind}")


BIRTH = DateRule(
    "birth", years_back=25, days_ahead=0, min_age_years=2,
    too_late="A pupil's date of birth must be on or before {latest} (at least 2 years old): check the year.",
    too_early="A pupil's date of birth must be on or after {earliest} (records are kept to the 25th birthday): "
              "check the year.",
    future="A date of birth cannot be in the future: check the year.",
)
HAPPENED = DateRule(
    "happened", years_back=10, days_ahead=0,
    too_late="This date cannot be in the future: it records something that has happened (today at the latest).",
    too_early="This date is more than 10 years ago (before {earliest}): check the year.",
)
RECENT = DateRule(  # a note or meeting written now: something of the last year, not history
    "recent", years_back=1, days_ahead=0,
    too_late="This date cannot be in the future: it records something that has happened (today at the latest).",
    too_early="This date is more than a year ago (before {earliest}): check the year.",
)
STARTS = DateRule(
    "starts", years_back=10, days_ahead=366,
    too_late="This date can be at most a year ahead (by {latest}): check the year.",
    too_early="This date is more than 10 years ago (before {earliest}): check the year.",
)
PLANNED = DateRule(
    "planned", years_back=10, days_ahead=2 * 366,
    too_late="A planned date can be at most two years ahead (by {latest}): check the year.",
    too_early="This date is more than 10 years ago (before {earliest}): check the year.",
)
RULES = {rule.kind: rule for rule in (BIRTH, HAPPENED, RECENT, STARTS, PLANNED)}


def date_input(**attrs) -> forms.DateInput:
    """Return the browser's date picker, showing an ISO value it can read."""
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class RuleDateField(forms.DateField):
    """A form's date field that applies one kind's rule (every date field of every form is one)."""

    def __init__(self, *, rule: DateRule, **kwargs):
        self.date_rule = rule
        kwargs.setdefault("widget", date_input())
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        self.date_rule.check(value)
