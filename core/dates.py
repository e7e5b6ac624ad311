"""Dates as people read them, the one way the product shows them ("1 Dec 2026", "1 Dec 2026 14:05").

The formats live in `nurture/formats/en_GB/formats.py` (DATE_FORMAT, DATETIME_FORMAT); templates use
`{{ day|date }}` or `{{ moment|date:"DATETIME_FORMAT" }}`, Python display code these two functions.
"""

from __future__ import annotations

import datetime

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
