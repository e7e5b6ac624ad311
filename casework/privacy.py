"""Case notes and meetings in a subject access export (restricted ones included) and in erasure."""

from __future__ import annotations

from privacy.registry import Section, day, model_section

from .models import CaseNote, Meeting, MeetingAction


def subject_access_sections(pupil) -> list[Section]:
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("case_notes", "Case notes (restricted ones included)",
                      CaseNote.objects.filter(**mine).select_related("recorded_by").order_by("written_on", "pk"),
                      ["written_on", "recorded_by", "recorded_at", "visibility", "text"],
                      lambda note: f"Note of {day(note.written_on)}"),
        model_section("meetings", "Meetings",
                      Meeting.objects.filter(**mine).select_related("recorded_by").order_by("held_on", "pk"),
                      ["held_on", "kind", "recorded_by", "recorded_at", "visibility", "others_present", "discussed",
                       "decided"],
                      str),
        model_section("meeting_actions", "Actions agreed at meetings",
                      MeetingAction.objects.filter(**mine).select_related("owner", "done_by").order_by("due_on", "pk"),
                      ["meeting", "description", "owner", "due_on", "done_on", "done_by"], str),
    ]


def erase(pupil, user) -> None:
    """Clear the words; dates and who attended stay, so counts of meetings held still add up."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    CaseNote.objects.filter(**mine).update(text="(erased)")
    Meeting.objects.filter(**mine).update(others_present="", discussed="", decided="(erased)")
    MeetingAction.objects.filter(**mine).update(description="(erased)")
