"""The audit trail: django-auditlog records every create, change and delete with old and new values;
this module adds the entries it does not make by itself (who viewed or exported a pupil's record)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import QuerySet

from pupils.models import Pupil, User


def audit_pupil_access(*, user: User, pupil: Pupil, page: str, export: bool = False) -> LogEntry:
    """Record that the user viewed (or exported) part of a pupil's record."""
    return LogEntry.objects.log_create(
        pupil,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user,
        additional_data={"pupil_id": pupil.pk, "page": page, "event": "export" if export else "view"},
    )


def audit_entries_for_pupil(pupil: Pupil) -> QuerySet[LogEntry]:
    """Return every audit entry about the pupil or a record that belongs to them, newest first."""
    return (
        LogEntry.objects.filter(additional_data__pupil_id=pupil.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
