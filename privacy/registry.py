"""The subject access and erasure registries: each app names, in settings, a function that returns its
part of a pupil's record (SUBJECT_ACCESS_EXPORTERS) or erases it (PUPIL_ERASERS), so this app never
imports the apps built on `pupils` and a new app adds its records with one line of settings.

An exporter is `function(pupil) -> list[Section]`; an eraser is `function(pupil, user) -> None` and runs
inside the erasing transaction.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import re
import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import dateparse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from core.dates import format_date, format_datetime


@dataclass
class Record:
    """One record (a row): a title for people, and its fields as the model holds them (dates, decimals...).

    `Section.as_json` turns every value into JSON (`plain`) and `Section.rows` into text a person reads
    (`readable`), so an exporter never has to convert a value itself and no field type can break an export.
    """

    title: str
    data: dict[str, Any]


@dataclass
class Section:
    """One kind of record held about the pupil (e.g. 'Placements'), with labels for the PDF."""

    key: str
    title: str
    records: list[Record] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    model: type | None = None  # the model its records are rows of, when there is one
    fields: list[str] = field(default_factory=list)  # the model's fields it exports

    def as_json(self) -> dict:
        return {"key": self.key, "title": self.title,
                "records": [{"title": plain(r.title), **plain(r.data)} for r in self.records]}

    def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Return each record's title and (label, value) pairs, for the PDF."""
        return [(readable(record.title), [(self.labels.get(key, key.replace("_", " ").capitalize()), readable(value))
                                          for key, value in record.data.items()]) for record in self.records]


@dataclass(frozen=True)
class Change:
    """A value changed from `old` to `new` (the audit trail): JSON [old, new], the PDF "old → new"."""

    old: Any
    new: Any


day = format_date  # "1 Dec 2026", the product's one way (core.dates)
moment = format_datetime  # "1 Dec 2026 14:05", in the school's time zone


def readable(value: Any) -> str:
    """Return any value a model holds as text for the PDF: dates as "1 Dec 2026", yes/no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return moment(value)
    if isinstance(value, datetime.date):
        return day(value)
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")  # 14:05
    if isinstance(value, decimal.Decimal):
        return _decimal_text(value)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else ""
    if isinstance(value, Change):
        return f"{readable(value.old) or '(blank)'} → {readable(value.new) or '(blank)'}"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(readable(item) for item in (sorted(value, key=str) if isinstance(value, set | frozenset)
                                                     else value))
    if isinstance(value, str):
        return _readable_text(value)
    return str(value)


def _decimal_text(value: decimal.Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text  # 92.50 -> 92.5, 3.00 -> 3


def _readable_text(value: str) -> str:
    """Show an ISO date or timestamp held as text (e.g. in the audit trail's changes) as a person reads it."""
    if _ISO.match(value):
        parsed = dateparse.parse_datetime(value) if len(value) > 10 else dateparse.parse_date(value)
        if parsed is not None:
            return readable(parsed)
    return value


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$")


def plain(value: Any) -> Any:
    """Return a value JSON can hold, whatever the model field held (dates and times as ISO text, decimals
    as exact text, UUIDs as text, files by name, sets as lists, records by their name)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, Change):
        return [plain(value.old), plain(value.new)]
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta | decimal.Decimal
                  | uuid.UUID | Promise):
        return _ENCODER.default(value)
    return str(value)  # a model instance or anything else a later field holds: its name, never a failed export


_ENCODER = DjangoJSONEncoder()


@cache
def _functions(setting: str) -> tuple:
    return tuple(import_string(dotted) for dotted in getattr(settings, setting))


def subject_access_sections(pupil) -> list[Section]:
    """Return every app's sections of the pupil's record, in the order of SUBJECT_ACCESS_EXPORTERS."""
    return [section for function in _functions("SUBJECT_ACCESS_EXPORTERS") for section in function(pupil)]


def erase_everywhere(pupil, user) -> None:
    """Run every app's eraser for the pupil, in the order of PUPIL_ERASERS."""
    for function in _functions("PUPIL_ERASERS"):
        function(pupil, user)


def _related_paths(model, fields: list[str]) -> list[str]:
    """Return the joins that name each related record without a query per row: the relation and, one step
    further, that record's own relations (its name often says whose it is or when it was)."""
    paths = []
    for name in fields:
        model_field = model._meta.get_field(name)
        if model_field.is_relation and (model_field.many_to_one or model_field.one_to_one) and model_field.concrete:
            paths.append(name)
            paths += [f"{name}__{further.name}" for further in model_field.related_model._meta.concrete_fields
                      if further.is_relation and further.name != "school"]
    return paths


def model_section(key: str, title: str, records, fields: list[str], title_of) -> Section:
    """Return a section with one record per model instance: its named fields as the model holds them, choices
    by their label (or the model's `<field>_display()`), related records by their name."""
    if isinstance(records, QuerySet):
        model = records.model
        records = records.select_related(*_related_paths(model, fields))
    else:
        records = list(records)
        model = type(records[0]) if records else None
    labels = {}
    if model is not None:
        for name in fields:
            verbose = str(model._meta.get_field(name).verbose_name)
            labels[name] = verbose[:1].upper() + verbose[1:]  # "UPN" stays "UPN"
    rows = []
    for instance in records:
        data = {}
        for name in fields:
            model_field = instance._meta.get_field(name)
            if model_field.choices:
                value = getattr(instance, f"get_{name}_display")()
            elif callable(getattr(instance, f"{name}_display", None)):
                value = getattr(instance, f"{name}_display")()
            else:
                value = getattr(instance, name)
            if model_field.is_relation:
                value = str(value) if value is not None else ""
            data[name] = value
        rows.append(Record(title_of(instance), data))
    return Section(key, title, rows, labels=labels, model=model, fields=list(fields))
