"""The demo school's case notes and meetings: for two pupils of the group, a review meeting with
actions for the nurture teacher and the class teacher (one overdue), a note, and a restricted note."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from core.models import School, User
from pupils.demo import GROUP_NAME
from pupils.models import Placement

from .models import CaseNote
from .services import case_note_add, meeting_record


@transaction.atomic
def seed(school: School) -> None:
    """Add the demo's notes and meetings, once (running it twice changes nothing)."""
    if CaseNote.objects.filter(school=school).exists():
        return
    staff = {user.username: user for user in User.objects.filter(school=school)}
    senco, nurture, teacher = staff.get("senco"), staff.get("nurture"), staff.get("teacher")
    if not (senco and nurture and teacher):
        return
    today = timezone.localdate()
    placements = list(Placement.objects.filter(school=school, group__name=GROUP_NAME, end_date__isnull=True,
                                               start_date__lte=today - datetime.timedelta(days=30))
                      .select_related("pupil").order_by("start_date", "pk")[:2])
    for index, placement in enumerate(placements):
        pupil = placement.pupil
        held = max(placement.start_date, today - datetime.timedelta(days=20 + 7 * index))
        meeting_record(
            pupil=pupil, user=senco, held_on=held, kind="review", staff_present=[senco, nurture, teacher],
            others_present="Mum" if index == 0 else "Dad and Grandma",
            discussed="How the mornings go at home and in class.",
            decided="Keep the place for this term; review again in six weeks.",
            actions=[
                {"description": "Send home the calm-down plan", "owner": nurture,
                 "due_on": held + datetime.timedelta(days=7 if index == 0 else 40)},
                {"description": "Try the visual timetable in class", "owner": teacher,
                 "due_on": held + datetime.timedelta(days=28)},
            ])
        case_note_add(pupil=pupil, user=nurture, written_on=today - datetime.timedelta(days=3),
                      text="Came in calmly and chose the sand tray; asked to stay for snack.")
    if placements:
        case_note_add(pupil=placements[0].pupil, user=senco, restricted=True,
                      written_on=today - datetime.timedelta(days=2),
                      text="Family circumstances shared by a parent in confidence (see the safeguarding record).")
