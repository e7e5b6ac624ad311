"""Counting school days between two dates."""

from __future__ import annotations

import datetime


def school_days_between(start: datetime.date, end: datetime.date) -> int:
    """Return the weekdays after `start` up to and including `end` (0 if end is not after start).

    Holidays and INSET days are ignored: the school's calendar is not held yet, so over a holiday
    the count is higher than the days the school was open.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + datetime.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count
