"""The subject access and erasure registries: each app names, in settings, a function that returns its
part of a pupil's record (SUBJECT_ACCESS_EXPORTERS) or erases it (PUPIL_ERASERS), so this app never
imports the apps built on `pupils` and a new app adds its records with one line of settings.

An exporter is `function(pupil) -> list[Section]`; an eraser is `function(pupil, user) -> None` and runs
inside the erasing transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass
class Record:
    """One record (a row): a title for people, and its fields as plain JSON-ready values."""

    title: str
    data: dict[str, Any]


@dataclass
class Section:
    """One kind of record held about the pupil (e.g. 'Placements'), with labels for the PDF."""

    key: str
    title: str
    records: list[Record] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"key": self.key, "title": self.title, "records": [{"title": r.title, **r.data} for r in self.records]}

    def rows(self) -> list[tuple[str, list[tuple[str, Any]]]]:
        """Return each record's title and (label, value) pairs, for the PDF."""
        return [(record.title, [(self.labels.get(key, key.replace("_", " ").capitalize()), _readable(value))
                                for key, value in record.data.items()]) for record in self.records]


def _readable(value: Any) -> Any:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_readable(item)}" for key, item in value.items())
    if isinstance(value, list):
        return " → ".join(str(_readable(item)) for item in value)
    return value


def plain(value: Any) -> Any:
    """Return a value JSON can hold (dates as ISO text)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


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


def model_section(key: str, title: str, records, fields: list[str], title_of) -> Section:
    """Return a section with one record per model instance: its named fields, choices shown by their label."""
    records = list(records)
    labels = {}
    rows = []
    for instance in records:
        data = {}
        for name in fields:
            model_field = instance._meta.get_field(name)
            labels[name] = str(model_field.verbose_name)[:1].upper() + str(model_field.verbose_name)[1:]
            getter = getattr(instance, f"get_{name}_display", None)
            value = getter() if getter and model_field.choices else getattr(instance, name)
            if model_field.is_relation:
                value = str(value) if value is not None else ""
            data[name] = plain(value)
        rows.append(Record(title_of(instance), data))
    return Section(key, title, rows, labels=labels)
