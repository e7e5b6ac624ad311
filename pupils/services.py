"""Writes to pupils, classes and groups. Each service is one action, audited in the same transaction."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .imports import ImportPreview, read_pupil_csv
from .models import NurtureGroup, Pupil, PupilImport, School, SchoolClass, User


class ImportRefused(Exception):
    """The import cannot be applied; the message says why."""


@transaction.atomic
def pupil_update(*, pupil: Pupil, user: User, values: dict) -> Pupil:
    """Change a pupil's MIS details; django-auditlog records old and new values."""
    for name, value in values.items():
        setattr(pupil, name, value)
    pupil.full_clean()
    pupil.save()
    return pupil


@transaction.atomic
def pupil_import_preview(
    *, school: School, user: User, file_name: str, csv_text: str
) -> tuple[PupilImport, ImportPreview]:
    """Keep an uploaded MIS export and return its preview; nothing about pupils is saved yet."""
    pupil_import = PupilImport.objects.create(
        school=school, uploaded_by=user, file_name=file_name[:255], csv_text=csv_text
    )
    return pupil_import, read_pupil_csv(csv_text, school)


def _audit_entry(content_type: ContentType, instance, action: int, changes: dict, user: User | None) -> LogEntry:
    return LogEntry(
        content_type=content_type,
        object_pk=str(instance.pk),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        action=action,
        changes={name: [str(old), str(new)] for name, (old, new) in changes.items()},
        actor=user,
        timestamp=timezone.now(),
        additional_data={"pupil_id": instance.pk, "event": "import"} if isinstance(instance, Pupil) else None,
    )


@transaction.atomic
def pupil_import_apply(*, pupil_import: PupilImport, user: User | None) -> PupilImport:
    """Create and update the pupils (and classes) of a previewed import: all rows or none.

    Pupils are matched by UPN, so importing the same export again updates them. Rows are
    written in bulk (an export of a whole school is thousands of rows), with one audit entry
    per pupil created or changed, carrying the old and new values.
    """
    pupil_import = PupilImport.objects.select_for_update().get(pk=pupil_import.pk)
    if pupil_import.status == PupilImport.Status.APPLIED:
        raise ImportRefused("This file has already been imported.")
    school = pupil_import.school
    preview = read_pupil_csv(pupil_import.csv_text, school)
    if not preview.is_valid:
        raise ImportRefused("The file has errors: correct them in the MIS export and upload it again.")

    classes = {school_class.name: school_class for school_class in SchoolClass.objects.filter(school=school)}
    new_classes = []
    for row in preview.rows:
        if row.class_name and row.class_name not in classes:
            school_class = SchoolClass(school=school, name=row.class_name, year_group=row.values.get("year_group"))
            classes[row.class_name] = school_class
            new_classes.append(school_class)
    SchoolClass.objects.bulk_create(new_classes)
    for row in preview.rows:
        if row.class_teacher is not None and row.class_name:
            classes[row.class_name].teachers.add(row.class_teacher)

    to_create, to_update, audit = [], [], []
    changed_fields: set[str] = set()
    for row in preview.rows:
        school_class = classes.get(row.class_name) if row.class_name else None
        if row.existing is None:
            pupil = Pupil(school=school, upn=row.upn, school_class=school_class, **row.values)
            to_create.append(pupil)
        elif row.changes:
            pupil = row.existing
            for name, (_old, new) in row.changes.items():
                setattr(pupil, name, school_class if name == "school_class" else new)
            changed_fields.update(row.changes)
            to_update.append((pupil, row.changes))
    Pupil.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Pupil.objects.bulk_update([pupil for pupil, _ in to_update], sorted(changed_fields), batch_size=500)

    content_type = ContentType.objects.get_for_model(Pupil)
    if not all(pupil.pk for pupil in to_create):  # backends that do not return ids from bulk inserts
        by_upn = dict(Pupil.objects.filter(school=school, upn__in=[p.upn for p in to_create]).values_list("upn", "pk"))
        for pupil in to_create:
            pupil.pk = by_upn[pupil.upn]
    for pupil in to_create:
        audit.append(_audit_entry(content_type, pupil, LogEntry.Action.CREATE, {"upn": (None, pupil.upn)}, user))
    for pupil, changes in to_update:
        audit.append(_audit_entry(content_type, pupil, LogEntry.Action.UPDATE, changes, user))
    LogEntry.objects.bulk_create(audit, batch_size=500)

    pupil_import.status = PupilImport.Status.APPLIED
    pupil_import.created_count = len(to_create)
    pupil_import.updated_count = len(to_update)
    pupil_import.unchanged_count = preview.count("unchanged")
    pupil_import.applied_at = timezone.now()
    pupil_import.csv_text = ""  # the pupils are saved; the raw file is not kept longer than needed
    pupil_import.save()
    return pupil_import


@transaction.atomic
def nurture_group_save(*, form, sessions, user: User) -> NurtureGroup:
    """Create or change a nurture group with its staff and weekly sessions, all or nothing."""
    group = form.save(commit=False)
    group.full_clean()
    group.save()
    form.save_m2m()
    sessions.instance = group
    sessions.save()
    return group
