"""Reads for the privacy pages, scoped to the user's school."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pupils.models import Pupil, School, User

from .models import ExpiredRecord, SchoolPrivacySettings, SubjectAccessExport


def privacy_settings_for(school: School) -> SchoolPrivacySettings:
    """Return the school's privacy settings (the defaults until someone changes them)."""
    found = SchoolPrivacySettings.objects.filter(school=school).first()
    return found or SchoolPrivacySettings(school=school)


def exports_for_pupil(user: User, pupil: Pupil) -> QuerySet[SubjectAccessExport]:
    """Return the pupil's subject access exports, newest first."""
    return SubjectAccessExport.objects.filter(school_id=user.school_id, pupil=pupil).select_related("requested_by")


def export_for_user_or_404(user: User, pk: int) -> SubjectAccessExport:
    """Return an export of the user's school, or raise 404."""
    return get_object_or_404(SubjectAccessExport.objects.select_related("pupil"), pk=pk, school_id=user.school_id)


def pupils_past_retention(school: School, today=None) -> list[tuple[Pupil, object]]:
    """Return (pupil, keep_until) for each pupil of the school whose records passed the retention period."""
    today = today or timezone.localdate()
    settings = privacy_settings_for(school)
    left = (Pupil.objects.filter(school=school, date_of_leaving__lte=today)
            .exclude(expired_record__status=ExpiredRecord.Status.ERASED))
    found = []
    for pupil in left.iterator():
        keep_until = settings.keep_until(pupil)
        if keep_until is not None and keep_until <= today:
            found.append((pupil, keep_until))
    return found


def expired_records_for_user(user: User) -> QuerySet[ExpiredRecord]:
    """Return the records the nightly job listed for the user's school, awaiting a SENCO's decision."""
    return ExpiredRecord.objects.awaiting_decision().filter(school_id=user.school_id).select_related("pupil")


def erased_records_for_user(user: User) -> QuerySet[ExpiredRecord]:
    """Return the anonymous tombstones of the user's school, newest first."""
    return (ExpiredRecord.objects.filter(school_id=user.school_id, status=ExpiredRecord.Status.ERASED)
            .select_related("erased_by").order_by("-erased_at"))
