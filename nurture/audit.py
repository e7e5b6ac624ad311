"""The audit trail: django-auditlog records every create, change and delete with old and new values;
this module adds the entries it does not make by itself (who viewed or exported a pupil's record)."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.text import capfirst

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


@dataclass
class AuditChange:
    label: str
    old: str
    new: str


@dataclass
class AuditRow:
    entry: LogEntry
    what: str
    changes: list[AuditChange]


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _display(field, raw, names: dict) -> str:
    if raw in (None, "None", ""):
        return "–"
    if field is None:
        return str(raw)
    if field.is_relation and field.many_to_one:
        return names.get((field.related_model, str(raw)), str(raw))
    if field.choices:
        return str(dict((str(value), label) for value, label in field.flatchoices).get(str(raw), raw))
    if isinstance(raw, str) and raw in ("True", "False"):
        return "Yes" if raw == "True" else "No"
    return str(raw)


def audit_rows(entries) -> list[AuditRow]:
    """Return audit entries ready to show: field labels, choice labels, and related records by name.

    Related records named in changes are looked up in one query per kind of record, so the
    page's query count does not grow with the number of entries.
    """
    entries = list(entries)
    wanted: dict = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name)
            if field is not None and field.is_relation and field.many_to_one:
                wanted.setdefault(field.related_model, set()).update(
                    str(value) for value in values if value not in (None, "None", "")
                )
    names = {}
    for related_model, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()]
        for record in related_model._default_manager.filter(pk__in=valid):
            names[(related_model, str(record.pk))] = str(record)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name)
            if field is not None and (field.auto_created or not field.concrete):
                continue
            label = capfirst(str(field.verbose_name)) if field is not None else name.replace("_", " ").capitalize()
            old, new = (list(values) + [None, None])[:2] if isinstance(values, list | tuple) else (None, values)
            changes.append(AuditChange(label, _display(field, old, names), _display(field, new, names)))
        rows.append(AuditRow(entry, _describe_action(entry), changes))
    return rows


def _describe_action(entry: LogEntry) -> str:
    if entry.action == LogEntry.Action.ACCESS:
        data = entry.additional_data or {}
        verb = "exported" if data.get("event") == "export" else "viewed"
        return f"{verb} {data.get('page', 'the record')}"
    return {LogEntry.Action.CREATE: "created", LogEntry.Action.UPDATE: "changed",
            LogEntry.Action.DELETE: "deleted"}.get(entry.action, "changed")
