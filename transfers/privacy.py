"""Transfers and received records in a subject access export (they are data held about the pupil)."""

from __future__ import annotations

from privacy.registry import Section, model_section

from .models import ReceivedRecord, RecordTransfer


def subject_access_sections(pupil) -> list[Section]:
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("transfers", "Record sent to a new school",
                      RecordTransfer.objects.filter(**mine).select_related("prepared_by", "sent_recorded_by"),
                      ["pack_id", "receiving_school", "receiving_urn", "prepared_by", "prepared_at", "sent_on",
                       "sent_how", "sent_recorded_by", "pack"], str),
        model_section("received_records", "Record received from the previous school (as received)",
                      ReceivedRecord.objects.filter(**mine).select_related("imported_by"),
                      ["pack_id", "from_school", "from_urn", "prepared_at", "received_on", "imported_by",
                       "sections"], str),
    ]


def erase(pupil, user) -> None:
    """Erasing the pupil removes the packs sent and received (they hold the whole record)."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    RecordTransfer.objects.filter(**mine).update(pack={})
    ReceivedRecord.objects.filter(**mine).update(sections=[])
