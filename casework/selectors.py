"""Reading case notes, meetings and actions: always for one pupil or one owner, in the user's school."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, F, Prefetch, Value
from django.shortcuts import get_object_or_404

from core.models import User

from . import permissions
from .models import CaseNote, Meeting, MeetingAction, MeetingKind, Visibility


@dataclass
class CaseEntry:
    """One line of the pupil's case record: a note or a meeting, in date order."""

    kind: str  # "note" or "meeting"
    record: CaseNote | Meeting

    @property
    def on(self):
        return self.record.written_on if self.kind == "note" else self.record.held_on


def case_record(user: User, pupil) -> list[CaseEntry]:
    """Return the pupil's notes and meetings the user may read, newest first."""
    restricted = user.has_perm(permissions.VIEW_RESTRICTED, pupil)
    notes = (CaseNote.objects.for_school(pupil.school_id).filter(pupil=pupil)
             .visible_to(user, may_see_restricted=restricted).select_related("recorded_by"))
    meetings = (Meeting.objects.for_school(pupil.school_id).filter(pupil=pupil)
                .visible_to(user, may_see_restricted=restricted).select_related("recorded_by")
                .prefetch_related("staff_present",
                                  Prefetch("actions", queryset=MeetingAction.objects.select_related("owner",
                                                                                                    "done_by"))))
    entries = [CaseEntry("note", note) for note in notes] + [CaseEntry("meeting", m) for m in meetings]
    entries.sort(key=lambda entry: (entry.on, entry.record.recorded_at), reverse=True)
    return entries


@dataclass
class SummaryLine:
    on: object
    label: str
    restricted: bool


def case_summary(user: User, pupil, *, limit: int = 3) -> list[SummaryLine]:
    """Return the latest notes and meetings the user may read, as one line each (one query)."""
    restricted = user.has_perm(permissions.VIEW_RESTRICTED, pupil)
    notes = (CaseNote.objects.for_school(pupil.school_id).filter(pupil=pupil)
             .visible_to(user, may_see_restricted=restricted)
             .annotate(on=F("written_on"), label=Value("Note", output_field=CharField()))
             .order_by().values_list("on", "label", "visibility"))
    meetings = (Meeting.objects.for_school(pupil.school_id).filter(pupil=pupil)
                .visible_to(user, may_see_restricted=restricted)
                .annotate(on=F("held_on"), label=F("kind")).order_by().values_list("on", "label", "visibility"))
    kinds = dict(MeetingKind.choices)
    rows = notes.union(meetings, all=True).order_by("-on")[:limit]
    return [SummaryLine(on, kinds.get(label, label), visibility == Visibility.RESTRICTED)
            for on, label, visibility in rows]


def hidden_count(user: User, pupil) -> int:
    """How many restricted records the user cannot read (0 for those who can)."""
    if user.has_perm(permissions.VIEW_RESTRICTED, pupil):
        return 0
    return (CaseNote.objects.for_school(pupil.school_id).filter(pupil=pupil, visibility="restricted").count()
            + Meeting.objects.for_school(pupil.school_id).filter(pupil=pupil, visibility="restricted").count())


def open_actions_for_owner(user: User) -> list[MeetingAction]:
    """The user's actions not yet done, soonest first, with the pupil they are about."""
    return list(MeetingAction.objects.for_user(user).open().filter(owner=user)
                .select_related("pupil", "meeting").order_by("due_on", "pk")[:50])


def action_for_user_or_404(user: User, pk: int) -> MeetingAction:
    return get_object_or_404(MeetingAction.objects.for_user(user).select_related("pupil", "meeting"), pk=pk)


def staff_choices(school_id: int):
    return User.objects.filter(school_id=school_id, is_active=True).order_by("first_name", "last_name", "username")
