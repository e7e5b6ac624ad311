"""Hostile input: fuzzed forms, CSV import and scoring never cause a 500, every refusal says why, and a
pupil's text is escaped wherever it is shown."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.scoring import score_sdq, score_sdq_impact, sdq_band
from pupils.imports import read_pupil_csv
from pupils.models import Pupil, PupilImport, SchoolClass
from pupils.services import ImportRefused, pupil_import_apply, pupil_import_preview
from pupils.tests.factories import PupilFactory
from pupils.upn import make_upn

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
NASTY = st.sampled_from(['=HYPERLINK("http://evil.example")', "<script>alert(1)</script>", "Robert'); DROP TABLE",
                         "\x00", "\u202e", "𝓐𝓭𝓪", "a" * 300, "", " ", '"', ",", "\n", "31/02/2020", "-1", "Y", "2"])
CELL = st.one_of(NASTY, st.text(max_size=40))
HEADER = "UPN,Legal Forename,Legal Surname,DOB,Year,Gender,Reg Group,SEN Status,Pupil Premium,Admission Date"
XSS = '<script>alert("pwned")</script>'


def _refusals_say_why(preview) -> None:
    assert all(isinstance(message, str) and message.strip() for message in preview.file_errors)
    for row in preview.rows:
        assert all(isinstance(message, str) and message.strip() for message in row.errors)
    assert preview.file_errors or preview.rows


# The CSV import -------------------------------------------------------------------------------------

@FUZZ
@given(text=st.text(max_size=500))
def test_any_text_as_a_csv_gives_a_preview_or_a_reason(school, text):
    _refusals_say_why(read_pupil_csv(text, school))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=12), min_size=1, max_size=6))
def test_rows_of_hostile_cells_are_each_accepted_or_refused_with_reasons(school, rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER.split(","), *rows])
    preview = read_pupil_csv(buffer.getvalue(), school)
    _refusals_say_why(preview)
    for row in preview.rows:
        if not row.errors:
            assert row.upn and row.values["legal_first_name"] and len(row.values["legal_last_name"]) <= 100


@FUZZ
@given(content=st.binary(max_size=600),
       name=st.sampled_from(["pupils.csv", "PUPILS.CSV", "x.txt", "noext", "a.csv.exe"]))
def test_any_upload_is_previewed_or_refused_with_a_message_never_a_500(client, school_admin, content, name):
    client.force_login(school_admin)
    response = client.post(reverse("pupils:import-upload"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert errors and all(message for messages in errors.values() for message in messages)
        for message in errors["file"]:
            assert message.replace("'", "&#x27;") in response.content.decode()
    else:
        assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("name, content, message", [
    ("pupils.csv", b"UPN\n" + b"x" * (2 * 1024 * 1024), "larger than 2 MB"),
    ("pupils.xlsx", b"PK\x03\x04", "Please choose a .csv file"),
    ("pupils.csv", b"UPN,\x00\x01\x02", "not a CSV text file"),
    ("pupils.csv", b"\x81\x8d\x8f\x90\x9d", "could not be read"),
])
def test_uploads_are_size_and_type_checked(client, school_admin, name, content, message):
    client.force_login(school_admin)
    response = client.post(reverse("pupils:import-upload"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()
    assert not PupilImport.objects.exists()


def test_an_upload_over_the_request_limit_is_refused_before_it_is_read(client, school_admin, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(school_admin)
    # Django counts the non-file fields against DATA_UPLOAD_MAX_MEMORY_SIZE and answers 400, not 500.
    response = client.post(reverse("pupils:import-upload"), {"note": "x" * 5000, "file": SimpleUploadedFile(
        "p.csv", b"UPN\n")})
    assert response.status_code == 400


def test_a_failure_half_way_through_an_import_leaves_nothing(school, school_admin):
    csv_text = (HEADER + "\n" + f"{make_upn(999, 4001, 19, 1)},Ada,Quill,14/03/2019,2,F,2Q,N,N,01/09/2023\n"
                + f"{make_upn(999, 4001, 19, 2)},Bo,Quill,15/03/2019,2,M,2Q,N,N,01/09/2023\n")
    pupil_import, preview = pupil_import_preview(school=school, user=school_admin, file_name="p.csv",
                                                 csv_text=csv_text)
    assert preview.is_valid
    with mock.patch("auditlog.models.LogEntry.objects.bulk_create", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        pupil_import_apply(pupil_import=pupil_import, user=school_admin)
    assert not Pupil.objects.filter(school=school).exists()
    assert not SchoolClass.objects.filter(school=school, name="2Q").exists()
    pupil_import.refresh_from_db()
    assert pupil_import.status == PupilImport.Status.PREVIEWED and pupil_import.csv_text
    pupil_import_apply(pupil_import=pupil_import, user=school_admin)
    assert Pupil.objects.filter(school=school).count() == 2
    with pytest.raises(ImportRefused, match="already been imported"):
        pupil_import_apply(pupil_import=pupil_import, user=school_admin)


# The pupil forms ---------------------------------------------------------------------------------

PUPIL_FIELDS = ["legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
                "date_of_birth", "upn", "year_group", "school_class", "gender", "sen_status", "date_of_entry",
                "date_of_leaving", "pupil_premium"]


@FUZZ
@given(data=st.fixed_dictionaries({}, optional={name: CELL for name in PUPIL_FIELDS}))
def test_the_pupil_edit_form_saves_or_says_why_never_a_500(client, senco, pupil, data):
    client.force_login(senco)
    response = client.post(reverse("pupils:pupil-edit", args=[pupil.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert errors and all(message.strip() for messages in errors.values() for message in messages)


@FUZZ
@given(q=CELL, school_class=CELL, year_group=CELL, page=CELL)
def test_the_pupil_search_never_fails(client, senco, pupil, q, school_class, year_group, page):
    client.force_login(senco)
    response = client.get(reverse("pupils:pupil-list"), {"q": q, "school_class": school_class,
                                                          "year_group": year_group, "page": page})
    assert response.status_code in (200, 404)  # a page number past the end is 'not found'


@FUZZ
@given(code=CELL)
def test_the_two_factor_forms_refuse_any_code_with_a_reason(client, senco, code):
    client.force_login(senco)
    response = client.post(reverse("privacy:two-factor-setup"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


@FUZZ
@given(values=st.fixed_dictionaries({}, optional={
    "retention_rule": CELL, "retention_age": st.one_of(CELL, st.integers().map(str)),
    "retention_years": st.one_of(CELL, st.integers().map(str)), "two_factor_for_all_staff": CELL}))
def test_the_privacy_settings_form_saves_or_says_why(client, school_admin, values):
    client.force_login(school_admin)
    response = client.post(reverse("privacy:settings"), values)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors


# Scoring -----------------------------------------------------------------------------------------

ANY_KEY = st.one_of(st.integers(-5, 30), st.text(max_size=5), st.none(), st.booleans(), st.floats())
ANY_VALUE = st.one_of(st.integers(-3, 5), st.none(), st.text(max_size=3), st.floats(), st.booleans())


@given(responses=st.dictionaries(ANY_KEY, ANY_VALUE, max_size=30), informant=st.sampled_from(
    ["teacher", "parent", "child", "", None]))
def test_sdq_scoring_scores_or_says_why(responses, informant):
    try:
        result = score_sdq(responses, informant)
    except (ValueError, TypeError) as refusal:
        assert str(refusal).strip()
        return
    assert result["total"] is None or 0 <= result["total"] <= 40


@given(responses=st.dictionaries(st.integers(1, 25), st.one_of(st.none(), st.integers(0, 2))),
       informant=st.sampled_from(["teacher", "parent"]))
def test_valid_sdq_answers_always_score_within_range_and_band(responses, informant):
    result = score_sdq(responses, informant)
    for scale in ("emotional", "conduct", "hyperactivity", "peer", "prosocial"):
        assert result[scale] is None or 0 <= result[scale] <= 10
        assert (result[scale] is None) == (result["bands"][scale] is None)


@given(responses=st.dictionaries(st.one_of(st.text(max_size=12), st.integers()), ANY_VALUE, max_size=6),
       informant=st.sampled_from(["teacher", "parent", "x"]), has=st.one_of(st.booleans(), st.none(), st.integers()))
def test_sdq_impact_scores_or_says_why(responses, informant, has):
    try:
        result = score_sdq_impact(responses, informant, has)
    except (ValueError, TypeError, KeyError) as refusal:
        assert str(refusal).strip()
        return
    assert result["impact"] is None or 0 <= result["impact"] <= 10


@given(scale=st.text(max_size=12), score=st.one_of(st.integers(), st.none(), st.floats()),
       informant=st.sampled_from(["teacher", "parent"]))
def test_sdq_band_bands_or_says_why(scale, score, informant):
    try:
        sdq_band(scale, score, informant)
    except ValueError as refusal:
        assert str(refusal).strip()


# Escaping ----------------------------------------------------------------------------------------

@pytest.fixture
def hostile_pupil(school, school_class, group):
    from pupils.tests.factories import PlacementFactory

    pupil = PupilFactory(school=school, school_class=school_class, legal_first_name=XSS,
                         legal_last_name='"><img src=x onerror=alert(1)>', preferred_first_name="{{ 7|add:7 }}")
    PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2026, 9, 1))
    return pupil


def test_a_pupils_text_is_escaped_on_every_page_that_shows_it(client, senco, hostile_pupil, group):
    client.force_login(senco)
    pages = [reverse("pupils:pupil-list"), reverse("pupils:pupil-detail", args=[hostile_pupil.pk]),
             reverse("pupils:pupil-edit", args=[hostile_pupil.pk]),
             reverse("pupils:pupil-audit", args=[hostile_pupil.pk]),
             reverse("pupils:group-detail", args=[group.pk]), reverse("privacy:pupil-export", args=[hostile_pupil.pk])]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
    body = client.get(reverse("pupils:pupil-detail", args=[hostile_pupil.pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "{{ 7|add:7 }}" in body, "text that looks like template code is shown, never run"


def test_hostile_text_in_an_import_is_escaped_in_the_preview(client, school, school_admin):
    client.force_login(school_admin)
    content = (HEADER + "\n" + f"{make_upn(999, 4001, 19, 7)},{XSS},Quill,14/03/2019,2,F,2Q,N,N,01/09/2023\n")
    response = client.post(reverse("pupils:import-upload"),
                           {"file": SimpleUploadedFile("p.csv", content.encode())}, follow=True)
    body = response.content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def test_hostile_text_is_kept_as_text_in_the_subject_access_export(
        client, senco, hostile_pupil, django_capture_on_commit_callbacks):
    import io
    import json
    import zipfile

    from privacy.models import SubjectAccessExport

    client.force_login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:pupil-export", args=[hostile_pupil.pk]))
    export = SubjectAccessExport.objects.get(pupil=hostile_pupil)
    with export.file.open("rb") as file:
        data = json.loads(zipfile.ZipFile(io.BytesIO(file.read())).read("record.json"))
    assert data["sections"][0]["records"][0]["legal_first_name"] == XSS


@FUZZ
@given(values=st.fixed_dictionaries({}, optional={"records": st.lists(CELL, max_size=3), "confirm": CELL}))
def test_the_retention_form_erases_or_says_why(client, senco, values):
    client.force_login(senco)
    response = client.post(reverse("privacy:retention"), values)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "Nothing was erased." in response.content.decode()


@FUZZ
@given(username=CELL, password=CELL)
def test_the_sign_in_form_refuses_nonsense_with_a_message(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code in (200, 403, 429)  # 403/429: django-axes' lockout page
    if response.status_code == 200:
        assert response.context["form"].errors


def test_a_failure_half_way_through_an_erasure_erases_nothing(school, senco):
    from privacy.erasure import erase_pupil_row
    from privacy.models import ExpiredRecord
    from privacy.services import expired_records_erase
    from privacy.tests.factories import ExpiredRecordFactory

    records = ExpiredRecordFactory.create_batch(2, pupil__school=school, pupil__legal_last_name="Kept")
    calls = []

    def fail_on_second(pupil, user):
        calls.append(pupil.pk)
        if len(calls) == 2:
            raise RuntimeError("power cut")

    with mock.patch("privacy.registry._functions", return_value=(erase_pupil_row, fail_on_second)), \
            pytest.raises(RuntimeError):
        expired_records_erase(records=records, user=senco)
    assert set(Pupil.objects.filter(school=school).values_list("legal_last_name", flat=True)) == {"Kept"}
    assert not ExpiredRecord.objects.filter(status=ExpiredRecord.Status.ERASED).exists()


def test_a_very_long_username_is_refused_not_a_500(client):
    response = client.post(reverse("login"), {"username": "a" * 300, "password": "x"})
    assert response.status_code == 200 and "Please enter a correct username and password" in response.content.decode()
