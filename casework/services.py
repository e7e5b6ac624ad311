"""Writing case notes, meetings and their actions: one function an action, each in its own transaction
(auditlog writes the change entries, with the pupil's id, as each record is saved)."""

from __future__ import annotations

import datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import RECENT
from core.models import User

from .models import CaseNote, Meeting, MeetingAction, Visibility


def _check_date(value: datetime.date, field: str) -> None:
    """A note or meeting of something more than a year ago belongs in the history (core.dates.RECENT)."""
    if problem := RECENT.problem(value):
        raise ValidationError({field: problem})


@transaction.atomic
def case_note_add(*, pupil, user: User, written_on: datetime.date, text: str, restricted: bool = False) -> CaseNote:
    """Add a dated note to the pupil's case record."""
    _check_date(written_on, "written_on")
    if not text.strip():
        raise ValidationError({"text": "Write the note."})
    note = CaseNote(school_id=pupil.school_id, pupil=pupil, recorded_by=user, written_on=written_on,
                    text=text.strip(), visibility=Visibility.RESTRICTED if restricted else Visibility.TEAM)
    note.full_clean()
    with set_actor(user):
        note.save()
    return note


@transaction.atomic
def meeting_record(*, pupil, user: User, held_on: datetime.date, kind: str, staff_present: list[User],
                   others_present: str = "", discussed: str = "", decided: str, restricted: bool = False,
                   actions: list[dict] | None = None) -> Meeting:
    """Record a meeting about the pupil, who came, what was decided and the actions agreed."""
    _check_date(held_on, "held_on")
    if any(member.school_id != pupil.school_id for member in staff_present):
        raise ValidationError({"staff_present": "Choose staff of this school."})
    meeting = Meeting(school_id=pupil.school_id, pupil=pupil, recorded_by=user, held_on=held_on, kind=kind,
                      others_present=others_present.strip(), discussed=discussed.strip(), decided=decided.strip(),
                      visibility=Visibility.RESTRICTED if restricted else Visibility.TEAM)
    meeting.full_clean()
    with set_actor(user):
        meeting.save()
        meeting.staff_present.set(staff_present)
        _actions_add(meeting, actions or [])
    return meeting


def _actions_add(meeting: Meeting, actions: list[dict]) -> None:
    pupil = meeting.pupil
    held_on = meeting.held_on
    for action in actions:
        if action["owner"].school_id != pupil.school_id:
            raise ValidationError("An action's owner must work at this school.")
        if action["due_on"] < held_on:
            raise ValidationError(f"The action '{action['description']}' is due before the meeting was held.")
        item = MeetingAction(school_id=pupil.school_id, meeting=meeting, pupil=pupil,
                             description=action["description"].strip(), owner=action["owner"],
                             due_on=action["due_on"])
        item.full_clean()
        item.save()


@transaction.atomic
def action_complete(*, action: MeetingAction, user: User) -> MeetingAction:
    """Mark an action done (again is a no-op: the first adult's date stands)."""
    action = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is None:
        action.done_on = timezone.localdate()
        action.done_by = user
        with set_actor(user):
            action.save(update_fields=["done_on", "done_by"])
    return action
