"""Dose: the nurture sessions each child was due, those the group held, and those the child attended.

The rules, one week at a time (Monday to Friday), so a test can count them again by hand:
- A week counts only if the school recorded an observation session of any kind that week: a week
  with none anywhere in the school was a holiday (the school's calendar is not held).
- Planned: the days of the group's weekly pattern that fall in the week, inside the period and while
  the pupil was in the group (start date up to, not including, the end date), at most the placement's
  sessions a week.
- Held: the group's nurture-group sessions recorded on those days, at most the week's planned.
- Attended: of those, the ones where the pupil was marked present, at most the week's held.
For a group: planned is the pattern's days in the school's open weeks; held, the sessions recorded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone

from pupils.models import GroupSession, NurtureGroup, Placement, Pupil

from .models import ObservationSession, PupilObservation, Setting


def _percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Dose:
    planned: int
    held: int
    attended: int

    @property
    def held_percent(self) -> int | None:
        return _percent(self.held, self.planned)

    @property
    def attended_percent(self) -> int | None:
        """Sessions attended as a share of those planned: the dose the child received."""
        return _percent(self.attended, self.planned)

    def __add__(self, other: Dose) -> Dose:
        return Dose(self.planned + other.planned, self.held + other.held, self.attended + other.attended)


NO_DOSE = Dose(0, 0, 0)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def open_weeks(school_id: int, start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Return the Mondays of the weeks in which the school recorded any observation session."""
    dates = (ObservationSession.objects.for_school(school_id).filter(date__range=(start, end))
             .values_list("date", flat=True).distinct())
    return {_monday(day) for day in dates}


def placement_dose(placement: Placement, *, start: datetime.date, end: datetime.date, weeks: set,
                   pattern: set[int], held_days: set[datetime.date], present_days: set[datetime.date]) -> Dose:
    """Count one placement's dose in the period (the sets are read once by the caller)."""
    first = max(start, placement.start_date)
    last = end if placement.end_date is None else min(end, placement.end_date - datetime.timedelta(days=1))
    by_week: dict[datetime.date, list[datetime.date]] = defaultdict(list)
    for day in _days(first, last):
        if day.weekday() in pattern and _monday(day) in weeks:
            by_week[_monday(day)].append(day)
    total = NO_DOSE
    for days in by_week.values():
        planned = min(len(days), placement.sessions_per_week)
        held = min(sum(day in held_days for day in days), planned)
        attended = min(sum(day in present_days for day in days if day in held_days), held)
        total += Dose(planned, held, attended)
    return total


def _period(start: datetime.date | None, end: datetime.date | None, placements) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    end = min(end or today, today)
    start = start or min((p.start_date for p in placements), default=end)
    return start, end


def pupil_dose(pupil: Pupil, *, start: datetime.date | None = None, end: datetime.date | None = None) -> Dose:
    """Return the pupil's dose over the period (default: every placement, up to today)."""
    return pupil_doses(pupil, [(start, end)])[0]


def _with_pattern(placements):
    """Annotate each placement with the weekdays its group meets (one query with the placements)."""
    return placements.annotate(**{f"meets_{day}": Exists(GroupSession.objects.filter(group=OuterRef("group_id"),
                                                                                       weekday=day))
                                  for day in range(5)})


def pupil_doses(pupil: Pupil, periods: list[tuple[datetime.date | None, datetime.date | None]]) -> list[Dose]:
    """Return the pupil's dose over each period, reading the sessions once (two queries in all)."""
    placements = list(_with_pattern(Placement.objects.for_school(pupil.school_id).filter(pupil=pupil)))
    if not placements:
        return [NO_DOSE for _ in periods]
    bounds = [_period(start, end, placements) for start, end in periods]
    first, last = min(start for start, _ in bounds), max(end for _, end in bounds)
    group_ids = {p.group_id for p in placements}
    weeks, held, present = set(), defaultdict(set), defaultdict(set)
    # Every session the school recorded in the period: any of them opens its week; the group's own are held.
    sessions = (ObservationSession.objects.for_school(pupil.school_id).filter(date__range=(first, last))
                .annotate(pupil_present=Exists(PupilObservation.objects.filter(
                    session=OuterRef("pk"), pupil=pupil, present=True)))
                .order_by().values_list("group_id", "setting", "date", "pupil_present"))
    for group_id, setting, day, was_present in sessions:
        weeks.add(_monday(day))
        if group_id in group_ids and setting == Setting.NURTURE_GROUP:
            held[group_id].add(day)
            if was_present:
                present[group_id].add(day)
    doses = []
    for start, end in bounds:
        total = NO_DOSE
        if start <= end:
            for placement in placements:
                pattern = {day for day in range(5) if getattr(placement, f"meets_{day}")}
                total += placement_dose(placement, start=start, end=end, weeks=weeks, pattern=pattern,
                                        held_days=held[placement.group_id], present_days=present[placement.group_id])
        doses.append(total)
    return doses


@dataclass(frozen=True)
class GroupDose:
    sessions_planned: int  # the group's own pattern, in the school's open weeks
    sessions_held: int
    pupils: Dose  # the sum over its pupils' placements
    pupil_count: int

    @property
    def held_percent(self) -> int | None:
        return _percent(self.sessions_held, self.sessions_planned)


def group_dose(group: NurtureGroup, *, start: datetime.date, end: datetime.date | None = None) -> GroupDose:
    """Return the group's sessions planned and held in the period, and its pupils' dose summed."""
    end = min(end or timezone.localdate(), timezone.localdate())
    if end < start:
        return GroupDose(0, 0, NO_DOSE, 0)
    pattern = {session.weekday for session in group.sessions.all()}
    weeks = open_weeks(group.school_id, start, end)
    held_days = set(ObservationSession.objects.for_school(group.school_id)
                    .filter(group=group, setting=Setting.NURTURE_GROUP, date__range=(start, end))
                    .values_list("date", flat=True))
    planned = sum(1 for day in _days(start, end) if day.weekday() in pattern and _monday(day) in weeks)
    held = sum(1 for day in held_days if day.weekday() in pattern and _monday(day) in weeks)
    placements = list(Placement.objects.for_school(group.school_id).filter(group=group, start_date__lte=end)
                      .exclude(end_date__lte=start))
    present = defaultdict(set)
    for pupil_id, day in (PupilObservation.objects.for_school(group.school_id)
                          .filter(session__group=group, session__setting=Setting.NURTURE_GROUP, present=True,
                                  session__date__range=(start, end)).values_list("pupil_id", "session__date")):
        present[pupil_id].add(day)
    pupils = NO_DOSE
    for placement in placements:
        pupils += placement_dose(placement, start=start, end=end, weeks=weeks, pattern=pattern, held_days=held_days,
                                 present_days=present[placement.pupil_id])
    return GroupDose(planned, held, pupils, len({p.pupil_id for p in placements}))
