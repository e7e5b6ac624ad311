"""Writes of the privacy app: one function per action, atomic, audited."""

from __future__ import annotations

import datetime
import uuid

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from core.audit import audit_pupil_access
from pupils.models import Pupil, School, User

from .archive import build_archive, write_atomically
from .models import ExpiredRecord, SchoolPrivacySettings, SubjectAccessExport
from .registry import erase_everywhere
from .selectors import privacy_settings_for, pupils_past_retention


@transaction.atomic
def privacy_settings_update(*, school: School, user: User, values: dict) -> SchoolPrivacySettings:
    """Save the school's privacy choices; django-auditlog records old and new values."""
    settings, _ = SchoolPrivacySettings.objects.get_or_create(school=school)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def subject_access_export_request(*, pupil: Pupil, user: User) -> SubjectAccessExport:
    """Record a subject access export of the pupil (audited as an export) and queue the archive's build."""
    from .tasks import build_subject_access_export

    export = SubjectAccessExport(school=pupil.school, pupil=pupil, requested_by=user)
    export.full_clean()
    export.save()
    audit_pupil_access(user=user, pupil=pupil, page="subject access export", export=True)
    transaction.on_commit(lambda: build_subject_access_export.delay(export.pk))
    return export


def subject_access_export_build(*, export_id: int) -> SubjectAccessExport:
    """Build the export's archive, write it whole or not at all, and mark the export ready."""
    export = SubjectAccessExport.objects.select_related("pupil__school", "pupil__school_class", "school",
                                                        "requested_by").get(pk=export_id)
    if export.status == SubjectAccessExport.Status.READY:
        return export
    content = build_archive(export)
    name = write_atomically(f"subject_access/{export.school_id}/{uuid.uuid4().hex}.zip", content)
    with transaction.atomic():
        export = SubjectAccessExport.objects.select_for_update().get(pk=export_id)
        export.file.name = name
        export.set_status(SubjectAccessExport.Status.READY)
        export.save()
    return export


@transaction.atomic
def subject_access_export_fail(*, export_id: int, error: str) -> None:
    """Mark the export failed after its last retry, so the SENCO sees it and can ask again."""
    export = SubjectAccessExport.objects.select_for_update().get(pk=export_id)
    if export.status == SubjectAccessExport.Status.PENDING:
        export.set_status(SubjectAccessExport.Status.FAILED, error=error)
        export.save()


def subject_access_exports_delete_old(*, now: datetime.datetime | None = None, keep_days: int = 7) -> int:
    """Delete export files older than `keep_days` (they hold a child's whole record); return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    deleted = 0
    for export in SubjectAccessExport.objects.filter(created_at__lt=cutoff).exclude(file=""):
        export.file.delete(save=False)
        SubjectAccessExport.objects.filter(pk=export.pk).update(file="")
        deleted += 1
    return deleted


@transaction.atomic
def expired_records_list(*, school: School, today: datetime.date | None = None) -> list[ExpiredRecord]:
    """List the school's pupils whose records passed the retention period (nothing is erased here)."""
    listed = []
    for pupil, keep_until in pupils_past_retention(school, today):
        record, created = ExpiredRecord.objects.get_or_create(
            pupil=pupil, defaults={"school": school, "keep_until": keep_until})
        if created:
            listed.append(record)
    return listed


@transaction.atomic
def expired_records_erase(*, records: list[ExpiredRecord], user: User) -> int:
    """Erase the personal data of each confirmed record, keeping an anonymous tombstone; all or none."""
    erased = 0
    today = timezone.localdate()
    for record in ExpiredRecord.objects.select_for_update().filter(
            pk__in=[record.pk for record in records], school_id=user.school_id).select_related("pupil"):
        pupil = record.pupil
        keep_until = privacy_settings_for(pupil.school).keep_until(pupil)
        if keep_until is None or keep_until > today:  # re-admitted, or the school lengthened its period
            record.delete()
            continue
        record.mark_erased(user=user)
        record.birth_year = pupil.date_of_birth.year
        record.year_group_on_leaving = pupil.year_group
        record.gender = pupil.gender
        record.sen_status = pupil.sen_status
        record.pupil_premium = pupil.pupil_premium
        record.placement_count = pupil.placements.count()
        record.full_clean()
        erase_everywhere(pupil, user)
        with set_actor(user):  # saved after the audit values are erased, so this entry (anonymous) stays
            record.save()
        erased += 1
    return erased
