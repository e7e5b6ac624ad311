"""Subject access: the SENCO exports everything held about one pupil as a PDF and JSON archive, audited."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse

from core.audit import audit_pupil_access
from privacy import registry
from privacy.archive import write_atomically
from privacy.models import SubjectAccessExport
from privacy.registry import Record, Section
from privacy.services import subject_access_exports_delete_old
from privacy.tests.factories import SubjectAccessExportFactory

pytestmark = pytest.mark.django_db


def _export(client, senco, pupil, django_capture_on_commit_callbacks):
    client.force_login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:pupil-export", args=[pupil.pk]))
    assert response.status_code == 302
    return SubjectAccessExport.objects.get(pupil=pupil)


def _archive(export) -> zipfile.ZipFile:
    with export.file.open("rb") as file:
        return zipfile.ZipFile(io.BytesIO(file.read()))


def test_the_senco_exports_the_pupil_placements_and_who_saw_the_record(
        client, senco, class_teacher, placed_pupil, django_capture_on_commit_callbacks):
    audit_pupil_access(user=class_teacher, pupil=placed_pupil, page="case page")

    export = _export(client, senco, placed_pupil, django_capture_on_commit_callbacks)

    assert export.status == SubjectAccessExport.Status.READY
    archive = _archive(export)
    assert sorted(archive.namelist()) == ["README.txt", "record.json", "record.pdf"]
    data = json.loads(archive.read("record.json"))
    sections = {section["key"]: section for section in data["sections"]}
    assert sections["pupil"]["records"][0]["legal_last_name"] == "Quill"
    assert sections["placements"]["records"][0]["group"] == "The Tree House"
    audit = sections["audit"]["records"]
    assert any(entry["who"] == class_teacher.get_full_name() and entry["page"] == "case page" for entry in audit)
    assert any(entry["event"] == "export" for entry in audit), "the export itself is in the audit it exports"
    assert archive.read("record.pdf").startswith(b"%PDF")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_is_readable(client, senco, placed_pupil, django_capture_on_commit_callbacks, tmp_path):
    export = _export(client, senco, placed_pupil, django_capture_on_commit_callbacks)
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(_archive(export).read("record.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Subject access export" in text and "Quill" in text and "The Tree House" in text
    assert "Who saw or changed this record" in text


def test_the_export_is_audited_as_an_export(client, senco, pupil, django_capture_on_commit_callbacks):
    _export(client, senco, pupil, django_capture_on_commit_callbacks)
    entry = LogEntry.objects.filter(additional_data__pupil_id=pupil.pk, action=LogEntry.Action.ACCESS).get(
        additional_data__event="export")
    assert entry.actor == senco


def test_the_download_sends_the_archive_to_the_senco_only(
        client, senco, senior_leader, pupil, django_capture_on_commit_callbacks):
    export = _export(client, senco, pupil, django_capture_on_commit_callbacks)
    url = reverse("privacy:export-download", args=[export.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    client.force_login(senior_leader)
    assert client.get(url).status_code == 403


def test_another_app_adds_its_records_through_the_registry(
        client, senco, pupil, settings, django_capture_on_commit_callbacks):
    settings.SUBJECT_ACCESS_EXPORTERS = [*settings.SUBJECT_ACCESS_EXPORTERS, f"{__name__}.targets_for_test"]
    registry._functions.cache_clear()
    try:
        export = _export(client, senco, pupil, django_capture_on_commit_callbacks)
    finally:
        registry._functions.cache_clear()
    data = json.loads(_archive(export).read("record.json"))
    assert data["sections"][-1] == {"key": "targets", "title": "Targets",
                                    "records": [{"title": "Target 1", "text": "Joins in at circle time"}]}


def targets_for_test(pupil):
    return [Section("targets", "Targets", [Record("Target 1", {"text": "Joins in at circle time"})])]


def test_a_build_that_fails_once_is_retried_and_leaves_no_half_written_file(
        client, senco, pupil, django_capture_on_commit_callbacks):
    from privacy import archive

    real = archive.build_archive
    calls = []

    def flaky(export):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("worker killed")
        return real(export)

    with mock.patch("privacy.services.build_archive", side_effect=flaky):
        export = _export(client, senco, pupil, django_capture_on_commit_callbacks)
    assert len(calls) == 2 and export.status == SubjectAccessExport.Status.READY
    folder = Path(settings.MEDIA_ROOT) / "subject_access" / str(pupil.school_id)
    assert [path.name for path in folder.iterdir() if path.name.startswith(".partial-")] == []


def test_a_build_that_keeps_failing_is_marked_failed_with_the_reason(
        client, senco, pupil, django_capture_on_commit_callbacks, caplog):
    with mock.patch("privacy.services.build_archive", side_effect=OSError("disk full")):
        export = _export(client, senco, pupil, django_capture_on_commit_callbacks)
    assert export.status == SubjectAccessExport.Status.FAILED and "disk full" in export.error
    [failed] = [record for record in caplog.records if record.getMessage() == "subject access export failed"]
    assert failed.levelname == "ERROR" and failed.export_id == export.pk and failed.exc_info[0] is OSError
    assert not export.file
    page = client.get(reverse("privacy:pupil-export", args=[pupil.pk])).content.decode()
    assert "Failed: OSError: disk full" in page


def test_a_write_killed_half_way_leaves_no_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path

    class Killed(BaseException):
        pass

    with mock.patch("os.fsync", side_effect=Killed), pytest.raises(Killed):
        write_atomically("subject_access/1/archive.zip", b"x" * 1000)
    assert list((tmp_path / "subject_access" / "1").iterdir()) == []


def test_old_export_files_are_deleted(pupil, tmp_path, settings):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path
    export = SubjectAccessExportFactory(pupil=pupil, status=SubjectAccessExport.Status.READY)
    export.file.save("old.zip", ContentFile(b"zip"))
    path = Path(export.file.path)
    assert subject_access_exports_delete_old(now=timezone.now() + datetime.timedelta(days=6)) == 0
    assert subject_access_exports_delete_old(now=timezone.now() + datetime.timedelta(days=8)) == 1
    assert not path.exists()


@pytest.mark.parametrize("count", [1, 30])
def test_the_export_page_keeps_its_query_count(client, senco, pupil, count, django_assert_max_num_queries):
    SubjectAccessExportFactory.create_batch(count, pupil=pupil, requested_by=senco)
    client.force_login(senco)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("privacy:pupil-export", args=[pupil.pk]))
    assert response.status_code == 200


def test_the_case_page_links_the_senco_to_the_export(client, senco, class_teacher, pupil):
    client.force_login(senco)
    assert reverse("privacy:pupil-export", args=[pupil.pk]) in client.get(pupil.get_absolute_url()).content.decode()
    client.force_login(class_teacher)
    assert "subject-access" not in client.get(pupil.get_absolute_url()).content.decode()


def test_on_a_worker_a_failed_build_is_handed_back_to_celery_for_a_retry(pupil):
    from celery.exceptions import Retry

    from privacy.tasks import build_subject_access_export

    export = SubjectAccessExportFactory(pupil=pupil)
    build_subject_access_export.push_request(retries=0, is_eager=False)
    try:
        with mock.patch("privacy.services.build_archive", side_effect=OSError("worker killed")), \
                mock.patch.object(build_subject_access_export, "retry", side_effect=Retry) as retry, \
                pytest.raises(Retry):
            build_subject_access_export.run(export.pk)
    finally:
        build_subject_access_export.pop_request()
    assert retry.called
    export.refresh_from_db()
    assert export.status == SubjectAccessExport.Status.PENDING
