"""Subject access works for every pupil and every field: each exporter's output is JSON whatever type its
model fields hold (decimals, dates, times, UUIDs, files, JSON, choices), the PDF shows dates as a person
reads them, and every pupil of the demo school and of the benchmark's tiny trust exports."""

from __future__ import annotations

import datetime
import decimal
import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, models
from django.db.models import Count
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import User
from privacy import archive
from privacy.models import ExpiredRecord, SubjectAccessExport
from privacy.registry import Change, Record, Section, model_section, plain, readable, subject_access_sections
from pupils.models import Pupil

PROJECT_APPS = {config.label for config in apps.get_app_configs()
                if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(config.path).parts}
# Records about the pupil that are not part of what is held *about* them: the exports themselves (each is
# in the audit trail the export holds) and the retention list (its values are copies of the pupil's own).
NOT_EXPORTED_MODELS = {SubjectAccessExport, ExpiredRecord}
# Fields every record has that say nothing about the pupil: the row's number, its school, the pupil it
# belongs to (the export is of that pupil) and the optimistic-locking counter.
NOT_EXPORTED_FIELDS = {"id", "school", "pupil", "version"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

DECEMBER_FIRST = datetime.date(2026, 12, 1)
AT_FIVE_PAST_TWO = datetime.datetime(2026, 12, 1, 14, 5, tzinfo=datetime.UTC)  # London is on GMT in December


def _file(field):
    return FieldFile(None, field, "subject_access/1/record.zip")


# One value of each concrete field type Django has (and so every type a model of ours can hold).
SAMPLES = {
    models.AutoField: 7, models.BigAutoField: 7, models.SmallAutoField: 7,
    models.BooleanField: True,
    models.CharField: "Plays with Bo", models.TextField: "Plays with Bo at lunch", models.SlugField: "oakfield",
    models.EmailField: "a@example.org", models.URLField: "https://example.org", models.FilePathField: "a/b.txt",
    models.GenericIPAddressField: "127.0.0.1",
    models.IntegerField: 3, models.BigIntegerField: 3, models.SmallIntegerField: 3,
    models.PositiveIntegerField: 3, models.PositiveSmallIntegerField: 3, models.PositiveBigIntegerField: 3,
    models.FloatField: 1.5, models.DecimalField: decimal.Decimal("92.50"),
    models.DateField: DECEMBER_FIRST, models.DateTimeField: AT_FIVE_PAST_TWO,
    models.TimeField: datetime.time(14, 5), models.DurationField: datetime.timedelta(minutes=90),
    models.UUIDField: uuid.UUID("12345678-1234-5678-1234-567812345678"),
    models.JSONField: {"1": 2, "settings": ["group", "class"]},
    models.BinaryField: b"\x00\x01",
    models.FileField: _file, models.ImageField: _file,
}


def _sample(field):
    if field.choices:
        return field.choices[0][0] if not isinstance(field.choices[0][1], list | tuple) else field.choices[0][1][0][0]
    for kind in type(field).__mro__:
        if kind in SAMPLES:
            value = SAMPLES[kind]
            return value(field) if callable(value) else value
    raise AssertionError(f"No sample value for {type(field).__name__}: add one so its export is proved")


def _project_models():
    return [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]


def _exported_sections(pupil) -> list[Section]:
    return subject_access_sections(pupil)


def test_plain_and_readable_handle_every_kind_of_value():
    file_field = SubjectAccessExport._meta.get_field("file")
    values = {
        "decimal": decimal.Decimal("92.50"), "date": DECEMBER_FIRST, "datetime": AT_FIVE_PAST_TWO,
        "time": datetime.time(14, 5), "uuid": uuid.UUID(int=1), "file": _file(file_field),
        "empty_file": FieldFile(None, file_field, ""), "json": {"answers": {"1": 2}, "list": [1, None]},
        "set": {"b", "a"}, "change": Change(None, DECEMBER_FIRST), "duration": datetime.timedelta(minutes=90),
        "bytes": b"\x00", "bool": False, "none": None, "iso_text": "2026-12-01T14:05:00+00:00",
    }
    as_json = json.loads(json.dumps(plain(values)))
    assert as_json["decimal"] == "92.50" and as_json["date"] == "2026-12-01"
    assert as_json["datetime"].startswith("2026-12-01T14:05") and as_json["time"] == "14:05:00"
    assert as_json["uuid"] == str(uuid.UUID(int=1)) and as_json["file"] == "subject_access/1/record.zip"
    assert as_json["empty_file"] is None and as_json["set"] == ["a", "b"] and as_json["change"] == [None, "2026-12-01"]

    assert readable(values["decimal"]) == "92.5"
    assert readable(values["date"]) == "1 Dec 2026"
    assert readable(values["datetime"]) == "1 Dec 2026 14:05"
    assert readable(values["time"]) == "14:05"
    assert readable(values["file"]) == "record.zip" and readable(values["empty_file"]) == ""
    assert readable(values["change"]) == "(blank) → 1 Dec 2026"
    assert readable(values["iso_text"]) == "1 Dec 2026 14:05", "an ISO timestamp held as text is shown readably"
    assert readable(values["bool"]) == "No" and readable(None) == ""
    summer = datetime.datetime(2026, 6, 1, 13, 5, tzinfo=datetime.UTC)
    assert readable(summer) == "1 Jun 2026 14:05", "times are shown in the school's time zone (BST)"


def test_every_concrete_field_type_our_models_hold_has_a_proved_sample():
    used = {type(field) for model in _project_models() for field in model._meta.concrete_fields
            if not field.is_relation}
    for kind in used:
        assert any(base in SAMPLES for base in kind.__mro__), f"{kind.__name__} has no sample in SAMPLES"


def test_every_model_holding_pupil_data_is_exported_with_every_field(pupil):
    sections = _exported_sections(pupil)
    exported = {section.model: section for section in sections if section.model is not None}
    holding = {model for model in _project_models()
               if any(field.is_relation and field.related_model is Pupil for field in model._meta.concrete_fields)}
    missing = {model._meta.label for model in holding | {Pupil}} - {m._meta.label for m in exported}
    missing -= {model._meta.label for model in NOT_EXPORTED_MODELS}
    assert not missing, f"models holding pupil data with no subject access section: {sorted(missing)}"
    left_out = {model._meta.label: sorted({field.name for field in model._meta.concrete_fields} - set(section.fields)
                                          - NOT_EXPORTED_FIELDS) for model, section in exported.items()}
    assert not {label: names for label, names in left_out.items() if names}, "fields missing from subject access"


def test_every_field_of_every_exported_model_gives_json_and_readable_text(pupil):
    """Walk every model an exporter names and every one of its concrete fields, with a value of that type."""
    walked = set()
    for section in _exported_sections(pupil):
        model = section.model
        if model is None:
            continue
        instance = model()
        names = [field.name for field in model._meta.concrete_fields if not field.is_relation]
        for name in names:
            setattr(instance, name, _sample(model._meta.get_field(name)))
        built = model_section(section.key, section.title, [instance], names, lambda _: "A record")
        as_json = json.loads(json.dumps(built.as_json()))
        ((_, shown),) = built.rows()
        shown = dict(zip(names, (value for _, value in shown), strict=True))
        for name in names:
            field = model._meta.get_field(name)
            walked.add(type(field))
            assert isinstance(shown[name], str), (model, name)
            assert not ISO_DATE.search(shown[name]), f"{model._meta.label}.{name} shows {shown[name]!r}"
            if field.choices:
                label = str(dict(field.flatchoices)[_sample(field)])
                assert shown[name] == label and as_json["records"][0][name] == label, (model, name)
            elif isinstance(field, models.DateTimeField):
                assert shown[name] == "1 Dec 2026 14:05"
            elif isinstance(field, models.DateField):
                assert shown[name] == "1 Dec 2026" and as_json["records"][0][name] == "2026-12-01"
            elif isinstance(field, models.DecimalField):
                assert shown[name] == "92.5" and as_json["records"][0][name] == "92.50"
    assert {models.DecimalField, models.DateField, models.DateTimeField, models.JSONField} <= walked


def test_an_exporter_may_hand_over_raw_values_and_the_export_still_builds():
    section = Section("extra", "Extra", [Record(f"On {DECEMBER_FIRST}", {
        "amount": decimal.Decimal("1.10"), "at": AT_FIVE_PAST_TWO, "id": uuid.UUID(int=3),
        "who": User(username="someone"), "times": {datetime.time(9, 0)}})])
    assert json.dumps(section.as_json())
    ((title, rows),) = section.rows()
    assert title == "On 2026-12-01" and dict(rows)["At"] == "1 Dec 2026 14:05" and dict(rows)["Amount"] == "1.1"


def _export_every_pupil(pupils) -> int:
    """Gather, write the JSON and render the PDF's HTML of every pupil; return how many exported."""
    exported = 0
    for pupil in pupils:
        # A school of the demo trust may have no staff of its own yet: anyone asks for the test's export.
        requester = (User.objects.filter(school_id=pupil.school_id).order_by("pk").first()
                     or User.objects.order_by("pk").first())
        export = SubjectAccessExport(school=pupil.school, pupil=pupil, requested_by=requester)
        gathered = archive.gather(export)
        json.loads(json.dumps(gathered["json"], ensure_ascii=False))
        html = render_to_string("privacy/subject_access_pdf.html", {
            "export": export, "sections": gathered["sections"], "generated_at": timezone.now()})
        body = re.sub(r"<[^>]+>", " ", html)
        assert not ISO_DATE.search(body), f"pupil {pupil.pk}: {ISO_DATE.search(body).group()} in the PDF"
        exported += 1
    return exported


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.django_db
def test_every_pupil_of_the_demo_school_exports(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    pupils = Pupil.objects.select_related("school", "school_class").order_by("pk")
    assert _export_every_pupil(pupils) == pupils.count() > 300

    # The whole archive, PDF included, for a pupil with a referral and attendance (the ones that failed).
    from assessments.models import AttendanceRecord

    attended = AttendanceRecord.objects.values("pupil_id")
    pupil = pupils.filter(referrals__isnull=False, pk__in=attended).distinct().first()
    referral = pupil.referrals.order_by("raised_at").first()
    export = SubjectAccessExport(school=pupil.school, pupil=pupil,
                                 requested_by=User.objects.filter(school=pupil.school).first()
                                 or User.objects.filter(username="senco").first())
    files = zipfile.ZipFile(io.BytesIO(archive.build_archive(export)))
    data = json.loads(files.read("record.json"))
    sections = {section["key"]: section for section in data["sections"]}
    assert sections["attendance"]["records"] and sections["referrals"]["records"]
    assert isinstance(sections["attendance"]["records"][0]["percent"], str)

    # The queries do not grow with the record: a query per section, whatever the rows (names of related
    # records are joined, not fetched row by row).
    from targets.models import TargetRating

    busiest = Pupil.objects.get(pk=TargetRating.objects.values("pupil_id").annotate(n=Count("pk"))
                                .order_by("-n").first()["pupil_id"])
    with CaptureQueriesContext(connection) as queries:
        busiest_sections = subject_access_sections(busiest)
    assert sum(len(section.records) for section in busiest_sections) > 100
    assert len(queries.captured_queries) <= len(busiest_sections) + 3
    if shutil.which("pdftotext"):
        text = _pdf_text(files.read("record.pdf"), tmp_path)
        raised = timezone.localtime(referral.raised_at)
        assert f"Referral raised {raised.day} {raised:%b %Y}" in text
        assert not ISO_DATE.search(text)


@pytest.mark.django_db
def test_every_pupil_of_the_benchmark_tiny_trust_exports():
    if connection.vendor != "postgresql":
        pytest.skip("The benchmark's generator writes with PostgreSQL's COPY.")
    from bench import pages as bench_pages
    from bench.generate import generate_trust

    trust = generate_trust(schools=2, pupils=160, years=2, placements=16)
    bench_pages.generate_case_records(trust, observations=1000, years=2)
    pupils = Pupil.objects.filter(school__in=trust.schools).select_related("school", "school_class").order_by("pk")
    assert _export_every_pupil(pupils) == pupils.count() == 160
