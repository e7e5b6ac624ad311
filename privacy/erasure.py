"""The pupils app's part of erasing a pupil: the Pupil row becomes an anonymous tombstone (so past
counts still add up: the row, its placements and its school stay) and old values leave the audit trail."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry

from pupils.models import Pupil

ERASED_NAME = "Erased"


def erased_upn(pupil_pk: int) -> str:
    """Return the placeholder that replaces an erased pupil's UPN (unique per school, never a real UPN)."""
    return f"ERASED{pupil_pk:x}"[:13]


def erase_pupil_row(pupil: Pupil, user) -> None:
    """Anonymise the pupil: no names, the birth year only, no UPN; anonymous flags are kept for the figures."""
    # A queryset update, so django-auditlog does not copy the old names into a new entry.
    Pupil.objects.filter(pk=pupil.pk).update(
        legal_first_name=ERASED_NAME, legal_last_name=f"pupil {pupil.pk}", preferred_first_name="",
        preferred_last_name="", date_of_birth=datetime.date(pupil.date_of_birth.year, 1, 1),
        upn=erased_upn(pupil.pk), school_class=None,
    )


def erase_audit_values(pupil: Pupil, user) -> None:
    """Keep who did what and when, but drop the values (names, dates) from the pupil's audit entries."""
    entries = LogEntry.objects.filter(additional_data__pupil_id=pupil.pk)
    for entry in entries:
        changes = entry.changes_dict
        entry.changes = {name: ["[erased]", "[erased]"] for name in changes}
        entry.object_repr = f"Erased pupil {pupil.pk}" if entry.object_pk == str(pupil.pk) else "[erased]"
        entry.changes_text = ""
    LogEntry.objects.bulk_update(entries, ["changes", "object_repr", "changes_text"], batch_size=500)


def erase_subject_access_exports(pupil: Pupil, user) -> None:
    """Delete the pupil's subject access archives: each is a full copy of the record."""
    from .models import SubjectAccessExport

    for export in SubjectAccessExport.objects.filter(pupil=pupil).exclude(file=""):
        export.file.delete(save=False)
    SubjectAccessExport.objects.filter(pupil=pupil).update(file="")


def erase_referral_text(pupil: Pupil, user) -> None:
    """Clear what was written about the pupil in referrals, contacts, reviews and timelines; dates and
    outcomes stay for the anonymous figures."""
    from pupils.models import Notification, ParentContact, PlacementEvent, PlacementReview, Referral, ReferralEvent

    mine = {"pupil": pupil, "school_id": pupil.school_id}
    Referral.objects.filter(**mine).update(
        descriptors="", tried_already="", academic_concerns="", home_circumstances="", class_observation="",
        current_attainment="", consent_given_by="[erased]", consent_withdrawn_reason="", other_support="",
        other_support_by="", decline_reason="", over_capacity_reason="", withdrawn_reason="")
    ReferralEvent.objects.filter(**mine).update(text="[erased]")
    PlacementEvent.objects.filter(**mine).update(text="[erased]")
    ParentContact.objects.filter(**mine).update(with_whom="[erased]", notes="")
    PlacementReview.objects.filter(**mine).update(notes="[erased]")
    Notification.objects.filter(pupil=pupil).delete()
