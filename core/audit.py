"""The audit trail, by construction.

django-auditlog records every create, change and delete of a registered model with old and new
values. This module adds what it does not make by itself, in one place:

- **Reads.** `AuditContextMiddleware` opens a record of the request; every pupil loaded from the
  database while it runs is noted (`ReadAudited.from_db`), and when the page has been rendered
  (a 2xx response) one access entry is written per pupil the page was about (a pupil loaded by a
  scoped selector, or the only pupil loaded), and one entry naming all the others for a list page
  (board, group, cohort, due lists). A new pupil-scoped page is audited without a line of its own.
- **Exports** (`audit_pupil_access(export=True)`), **downloads** (`audit_download`) and **events**
  (`audit_event`): the entries a service writes itself, inside its own transaction.
- **Changes written in bulk** (`change_entry` + `write_entries`), where auditlog's signals do not run.

Nothing here names another app: a pupil is any model that uses `ReadAudited`.
"""

from __future__ import annotations

import contextvars
import datetime
import logging
from dataclasses import dataclass, field

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from core.dates import format_date, format_datetime
from core.proxy import client_ip, client_port

logger = logging.getLogger("nurture.audit")


@dataclass
class RequestAudit:
    """What one request read: the pupils loaded, and those already audited by hand (exports)."""

    user: object
    page: str = ""
    scoped: dict = field(default_factory=dict)  # pk -> pupil, loaded by a scoped selector
    loaded: dict = field(default_factory=dict)  # pk -> pupil, loaded any other way
    audited: set = field(default_factory=set)


_current: contextvars.ContextVar[RequestAudit | None] = contextvars.ContextVar("nurture_request_audit", default=None)


class ReadAudited(models.Model):
    """Abstract base of the model whose every read in a request is audited (the pupil)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        audit = _current.get()
        if audit is not None and instance.pk is not None:
            audit.loaded.setdefault(instance.pk, instance)
        return instance


def note_pupil_read(pupil) -> None:
    """Mark a pupil as the subject of this request's page (the scoped selectors call this)."""
    audit = _current.get()
    if audit is not None and pupil is not None and pupil.pk is not None:
        audit.scoped.setdefault(pupil.pk, pupil)


def page_name(view_func, url_name: str | None) -> str:
    """Return the page's name for the trail: the view's `audit_page`, else its URL name in words."""
    view_class = getattr(view_func, "view_class", None)
    name = getattr(view_class, "audit_page", "") or getattr(view_func, "audit_page", "")
    if name:
        return name
    return (url_name or "page").replace("-", " ").replace("_", " ")


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware, with the client's address read only through our trusted proxies.

    auditlog's own takes X-Forwarded-For from anyone, so any client could choose the address its
    changes were recorded with (core/proxy.py)."""

    @staticmethod
    def _get_remote_addr(request):
        from django.conf import settings

        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return client_port(request)


def _request_address() -> dict:
    """Return the client address of the request being served, for entries written without auditlog's signals."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return {}
    return {"remote_addr": context.get("remote_addr"), "remote_port": context.get("remote_port")}


class AuditContextMiddleware:
    """Write the access entries of each rendered page, once per request (after the view and its template)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        audit = RequestAudit(user=user)
        token = _current.set(audit)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if 200 <= response.status_code < 300:
            write_read_entries(audit)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        audit = _current.get()
        if audit is not None:
            match = getattr(request, "resolver_match", None)
            audit.page = page_name(view_func, match.url_name if match else None)


def write_read_entries(audit: RequestAudit) -> None:
    """Write one entry per pupil the page was about, and one naming the rest of the pupils it showed."""
    subjects = dict(audit.scoped)
    if not subjects and len(audit.loaded) == 1:
        subjects = dict(audit.loaded)
    listed = {pk: pupil for pk, pupil in audit.loaded.items() if pk not in subjects and pk not in audit.audited}
    subjects = {pk: pupil for pk, pupil in subjects.items() if pk not in audit.audited}
    if not subjects and not listed:
        return
    now = timezone.now()
    entries = [_access_entry(pupil, user=audit.user, page=audit.page, when=now) for pupil in subjects.values()]
    if listed:
        first = next(iter(listed.values()))
        entries.append(LogEntry(
            content_type=ContentType.objects.get_for_model(first._meta.model), object_pk="", object_id=None,
            object_repr=f"{len(listed)} pupils on {audit.page}"[:200], action=LogEntry.Action.ACCESS, changes={},
            actor=audit.user, timestamp=now,
            additional_data={"pupil_ids": sorted(listed), "page": audit.page, "event": "view"}, **_request_address(),
        ))
    LogEntry.objects.bulk_create(entries)


def _access_entry(pupil, *, user, page: str, when, export: bool = False) -> LogEntry:
    return LogEntry(
        content_type=ContentType.objects.get_for_model(pupil._meta.model), object_pk=str(pupil.pk), object_id=pupil.pk,
        object_repr=str(pupil)[:200], action=LogEntry.Action.ACCESS, changes={}, actor=user, timestamp=when,
        additional_data={"pupil_id": pupil.pk, "page": page, "event": "export" if export else "view"},
        **_request_address(),
    )


def audit_pupil_access(*, user, pupil, page: str, export: bool = False) -> LogEntry:
    """Record that the user viewed (or exported) part of a pupil's record, now, and not again this request."""
    entry = _access_entry(pupil, user=user, page=page, when=timezone.now(), export=export)
    entry.save()
    audit = _current.get()
    if audit is not None:
        audit.audited.add(pupil.pk)
    return entry


def audit_download(*, user, record, **details) -> LogEntry:
    """Record that the user downloaded a file made from a record (a report, an export)."""
    return LogEntry.objects.log_create(record, force_log=True, action=LogEntry.Action.ACCESS, actor=user,
                                       additional_data={"event": "download", **details})


def note_pupils_audited(pupil_ids) -> None:
    """Mark pupils as already audited this request (an export wrote its own entry naming them)."""
    audit = _current.get()
    if audit is not None:
        audit.audited.update(pupil_ids)


def audit_event(*, user, record, event: str, changes: dict | None = None, pupil_id: int | None = None) -> LogEntry:
    """Record an event about a record that is not a change of one of its fields (a reset, a lockout)."""
    data = {"event": event}
    if pupil_id is not None:
        data["pupil_id"] = pupil_id
    entry = change_entry(record, action=LogEntry.Action.UPDATE, changes=changes or {}, user=user, additional_data=data)
    entry.save()
    return entry


def change_entry(instance, *, action: int, changes: dict, user, additional_data: dict | None = None,
                 when=None, repr_text: str | None = None) -> LogEntry:
    """Return (unsaved) the entry auditlog would write for a change made in bulk; `changes` is name -> (old, new)."""
    return LogEntry(
        content_type=ContentType.objects.get_for_model(instance._meta.model), object_pk=str(instance.pk),
        object_id=instance.pk, object_repr=(repr_text if repr_text is not None else str(instance))[:200],
        action=action, changes={name: [_text(old), _text(new)] for name, (old, new) in changes.items()},
        actor=user, timestamp=when or timezone.now(), additional_data=additional_data, **_request_address(),
    )


def write_entries(entries: list[LogEntry]) -> None:
    """Write entries built by `change_entry`, in the caller's transaction."""
    LogEntry.objects.bulk_create(entries, batch_size=500)


def _text(value) -> str | None:
    return None if value is None else str(value)


def audit_entries_for_pupil(pupil) -> QuerySet[LogEntry]:
    """Return every audit entry about the pupil, a record that belongs to them, or a list that showed them."""
    return (
        LogEntry.objects.filter(Q(additional_data__pupil_id=pupil.pk) | _listed(pupil.pk))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def _listed(pupil_id: int) -> Q:
    if connection.features.supports_json_field_contains:
        return Q(additional_data__pupil_ids__contains=[pupil_id])
    # SQLite has no JSON containment: ask json_each, in the same query.
    return Q(pk__in=LogEntry.objects.extra(
        where=["EXISTS (SELECT 1 FROM json_each(auditlog_logentry.additional_data, '$.pupil_ids') "
               "WHERE json_each.value = %s)"], params=[pupil_id]).values("pk"))


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
    if isinstance(field, models.DateTimeField | models.DateField):
        return _display_date(field, str(raw))
    return str(raw)


def _display_date(field, raw: str) -> str:
    """Return a date or date-time as the product shows them ("1 Dec 2026"); auditlog stores ISO text."""
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(raw)
            return format_datetime(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
        return format_date(datetime.date.fromisoformat(raw[:10]))
    except ValueError:
        return raw


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
        if "pupil_ids" in data:
            if data.get("event") == "download":
                return f"exported in a list: {data.get('page', 'a list')} ({data.get('format', 'file')})"
            return f"viewed in a list: {data.get('page', 'a list')}"
        return f"{verb} {data.get('page', 'the record')}"
    return {LogEntry.Action.CREATE: "created", LogEntry.Action.UPDATE: "changed",
            LogEntry.Action.DELETE: "deleted"}.get(entry.action, "changed")
