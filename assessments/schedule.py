"""Which assessments are due and overdue for the pupils of nurture groups.

The rules (DOMAIN.md, 'Assessments'): a baseline before the placement starts (at referral),
a reassessment each term while the pupil is in the group, and one at leaving. Two instruments
are scheduled: the teacher SDQ and the Boxall Profile (a parent SDQ is welcome, never chased).
A baseline is the latest assessment no more than a term (`BASELINE_WINDOW`) before the start.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from core.terms import Term
from pupils.models import Placement

from .models import BoxallProfile, Purpose, SdqAssessment

BASELINE_WINDOW = datetime.timedelta(days=120)
LEAVING_WINDOW = datetime.timedelta(days=28)  # a leaving assessment in the last four weeks
RECENTLY_ENDED = datetime.timedelta(days=120)  # ended placements still chased for a leaving assessment
INSTRUMENTS = (("sdq", "SDQ (teacher)"), ("boxall", "Boxall Profile"))


@dataclass(frozen=True)
class DueAssessment:
    placement: Placement
    instrument: str  # "sdq" or "boxall"
    instrument_label: str
    purpose: str
    due_on: datetime.date
    overdue: bool

    @property
    def pupil(self):
        return self.placement.pupil

    @property
    def purpose_label(self) -> str:
        return Purpose(self.purpose).label

    @property
    def url(self) -> str:
        return entry_url(self.instrument, self.placement.pupil_id, self.purpose)


def entry_url(instrument: str, pupil_id: int, purpose: str) -> str:
    """Return the link that opens the instrument's form for the pupil with its purpose chosen (every "due" link)."""
    name = "assessments:sdq-new" if instrument == "sdq" else "assessments:boxall-new"
    return f"{reverse(name, args=[pupil_id])}?purpose={purpose}"


def placements_to_schedule(placements: QuerySet[Placement], today: datetime.date) -> QuerySet[Placement]:
    """Return the placements that can owe an assessment: current ones and those ended in the last term."""
    return (
        placements.during(today - RECENTLY_ENDED, today + BASELINE_WINDOW)
        .select_related("pupil", "group")
        .order_by("start_date", "pupil__legal_last_name")
    )


def _due_for(
    placement: Placement, dates: list[datetime.date], today: datetime.date
) -> tuple[str, datetime.date] | None:
    """Return (purpose, due date) of the assessment this placement owes for one instrument, if any."""
    start = placement.start_date
    relevant = [day for day in dates if day >= start - BASELINE_WINDOW]
    if not relevant:
        return Purpose.BASELINE, start
    last = max(relevant)
    ended = placement.end_date is not None and placement.end_date <= today
    leaving_on = placement.end_date or placement.expected_end_date
    if leaving_on and (ended or leaving_on - today <= LEAVING_WINDOW):
        if last < leaving_on - LEAVING_WINDOW:
            return Purpose.LEAVING, leaving_on
        return None
    if ended:
        return None
    current = Term.for_date(today)
    if Term.for_date(start) >= current or Term.for_date(last) >= current:
        return None
    missed = Term.for_date(last).next()  # the first term without an assessment
    return Purpose.TERMLY, missed.end


def due_assessments(placements: QuerySet[Placement], today: datetime.date) -> list[DueAssessment]:
    """Return what the placements' pupils are due or overdue, overdue first, then by due date."""
    placements = list(placements_to_schedule(placements, today))
    pupil_ids = {placement.pupil_id for placement in placements}
    school_ids = {placement.school_id for placement in placements}
    dates: dict[tuple[str, int], list[datetime.date]] = {}
    sdq_rows = SdqAssessment.objects.filter(school_id__in=school_ids, pupil_id__in=pupil_ids, informant="teacher")
    for pupil_id, day in sdq_rows.values_list("pupil_id", "completed_on"):
        dates.setdefault(("sdq", pupil_id), []).append(day)
    boxall_rows = BoxallProfile.objects.filter(school_id__in=school_ids, pupil_id__in=pupil_ids)
    for pupil_id, day in boxall_rows.values_list("pupil_id", "completed_on"):
        dates.setdefault(("boxall", pupil_id), []).append(day)
    due = []
    for placement in placements:
        for instrument, label in INSTRUMENTS:
            found = _due_for(placement, dates.get((instrument, placement.pupil_id), []), today)
            if found:
                purpose, due_on = found
                due.append(DueAssessment(placement, instrument, label, purpose, due_on, overdue=due_on < today))
    return sorted(due, key=lambda item: (not item.overdue, item.due_on, item.placement.pupil.full_name))
