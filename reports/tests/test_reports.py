"""Building the governors' report: figures equal the database's, nothing identifies a child, builds are
never doubled, failures say why and can be retried, downloads are audited."""

import datetime
import hashlib
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db.models import Q, Sum
from django.urls import reverse

from core.terms import Term
from pupils.models import Placement
from reports.models import CostLine, GovernorReport, ReportStatus
from reports.services import end_of_term_schools, narrative_save, report_build, report_request
from reports.tasks import build_end_of_term_reports
from reports.tests.scenario import TERM, build_term

pdftotext_missing = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(report: GovernorReport, layout: bool = True) -> str:
    with report.file.open("rb") as pdf:
        command = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
        return subprocess.run(command, input=pdf.read(), capture_output=True, check=True).stdout.decode()


@pytest.mark.django_db
@pdftotext_missing
def test_the_reports_counts_and_costs_equal_those_computed_from_the_database(
    school, senco, django_capture_on_commit_callbacks
):
    scenario = build_term(school)
    narrative_save(school=school, term=Term.parse(TERM), text="A settled term; two pupils went back to class.",
                   user=senco)
    term = Term.parse(TERM)
    in_term = Placement.objects.filter(school=school, start_date__lte=term.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=term.start))
    pupils = in_term.values("pupil").distinct().count()
    started = in_term.filter(start_date__gte=term.start).count()
    ended = in_term.filter(end_date__lte=term.end).count()
    total = CostLine.objects.filter(term_cost__group=scenario["group"], term_cost__term=TERM).aggregate(
        total=Sum("amount"))["total"]

    with django_capture_on_commit_callbacks(execute=True):
        report, queued = report_request(school=school, term=term, user=senco)

    report.refresh_from_db()
    text = pdf_text(report)
    assert queued and report.status == ReportStatus.READY and report.progress == 100
    assert (pupils, started, ended) == (7, 3, 2)
    assert _row(text, "Pupils in the group") == str(pupils)
    assert _row(text, "Placements started this term") == str(started)
    assert _row(text, "Placements ended this term") == "<3"  # two pupils: a small number, hidden
    assert total == Decimal("15000.00")
    assert _row(text, "Total") == "£15,000"
    per_pupil = Decimal(15000) / 7  # £2,142.86 per pupil per term
    assert _row(text, "Per pupil in the group") == "£2,143 per pupil per term"
    assert _row(text, "Per pupil in the group, over a year") == "£6,429 per pupil per year"  # 15000 x 3 / 7
    assert _row(text, "School budget") == "£11,000" and _row(text, "Pupil Premium") == "£4,000"
    flowing = " ".join(pdf_text(report, layout=False).split())
    # A specialist place at £24,000 a year is £8,000 a term: £5,857 per pupil per term more than the group.
    assert round(Decimal(8000) - per_pupil) == 5857
    assert "£8,000 per pupil per term" in flowing and "£24,000 per pupil per year" in flowing
    assert "£5,857 per pupil per term more than the group" in flowing
    assert "A settled term; two pupils went back to class." in text
    assert report.checksum == hashlib.sha256(report.file.open("rb").read()).hexdigest()


def _row(text: str, label: str) -> str:
    """Return the figure at the end of the table row whose label is exactly `label`."""
    for line in text.splitlines():
        found = re.match(rf"^\s*{re.escape(label)}\s{{2,}}(\S(?:.*\S)?)\s*$", line)
        if found:
            return found.group(1)
    raise AssertionError(f"No row '{label}' in the report:\n{text}")


@pytest.mark.django_db
@pdftotext_missing
def test_no_pupil_name_upn_or_date_of_birth_appears_in_the_report(school):
    scenario = build_term(school)
    report = report_build(report_id=GovernorReport.objects.create(school=school, term=TERM).pk)

    text = pdf_text(report)

    for pupil in scenario["pupils"]:
        assert pupil.legal_first_name not in text and pupil.upn not in text
    assert "Secretname" not in text
    for shown in ("9 July 2018", "09/07/2018", "2018-07-09", "9 Jul 2018"):
        assert shown not in text


@pytest.mark.django_db
def test_two_requests_for_the_same_school_and_term_while_one_runs_build_once(school, senco, governor):
    first, queued_first = report_request(school=school, term=Term.parse(TERM), user=senco)
    second, queued_second = report_request(school=school, term=Term.parse(TERM), user=governor)

    assert queued_first and not queued_second and first.pk == second.pk
    assert GovernorReport.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_active_build_for_the_same_term(school):
    from django.db import IntegrityError

    GovernorReport.objects.create(school=school, term=TERM)
    with pytest.raises(IntegrityError):
        GovernorReport.objects.create(school=school, term=TERM, status=ReportStatus.BUILDING)


@pytest.mark.django_db
def test_a_failed_build_says_what_failed_and_can_be_retried(school, senco, client, monkeypatch, caplog,
                                                            django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("the PDF engine is missing")

    monkeypatch.setattr("reports.services.html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = report_request(school=school, term=Term.parse(TERM), user=senco)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "the PDF engine is missing" in report.error
    assert not report.file, "a failed build leaves no file"
    [logged] = [record for record in caplog.records if record.getMessage() == "governor report build failed"]
    assert logged.levelname == "ERROR" and logged.report_id == report.pk and logged.exc_info[0] is RuntimeError
    client.force_login(senco)
    assert "the PDF engine is missing" in client.get(report.get_absolute_url()).content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report-retry", args=[report.pk]))

    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.attempts == 2 and report.error == ""


@pytest.mark.django_db
def test_a_ready_report_cannot_go_back_to_building(school):
    from django.core.exceptions import ValidationError

    report = report_build(report_id=GovernorReport.objects.create(school=school, term=TERM).pk)
    with pytest.raises(ValidationError):
        report.set_status(ReportStatus.BUILDING)


@pytest.mark.django_db
def test_the_status_page_reports_progress_and_the_download_link(client, governor):
    report = report_build(report_id=GovernorReport.objects.create(school=governor.school, term=TERM).pk)
    client.force_login(governor)

    state = client.get(reverse("reports:report-status", args=[report.pk])).json()

    assert state["status"] == "ready" and state["progress"] == 100
    assert state["download_url"] == reverse("reports:report-download", args=[report.pk])


@pytest.mark.django_db
def test_downloading_a_report_is_audited(client, governor):
    report = report_build(report_id=GovernorReport.objects.create(school=governor.school, term=TERM).pk)
    client.force_login(governor)

    response = client.get(reverse("reports:report-download", args=[report.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_id=report.pk)
    assert entry.actor == governor and entry.additional_data["event"] == "download"


@pytest.mark.django_db
def test_a_governor_asks_for_a_build_from_the_reports_page(client, governor, django_capture_on_commit_callbacks):
    client.force_login(governor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report-list"), {"term": TERM})

    report = GovernorReport.objects.get()
    assert response.url == report.get_absolute_url() and report.requested_by == governor
    report.refresh_from_db()
    assert report.status == ReportStatus.READY


@pytest.mark.django_db
def test_the_end_of_term_job_builds_every_schools_report_on_the_last_weekday_only(
    school, other_school, django_capture_on_commit_callbacks
):
    # Autumn 2026 ends on Thursday 31 December; its last weekday is that day.
    assert end_of_term_schools(datetime.date(2026, 12, 30)) == (None, [])
    term, schools = end_of_term_schools(datetime.date(2026, 12, 31))
    assert term.code == "2026-autumn" and set(schools) == {school, other_school}

    with django_capture_on_commit_callbacks(execute=True):
        report_ids = build_end_of_term_reports("2026-12-31")

    assert GovernorReport.objects.filter(pk__in=report_ids, status=ReportStatus.READY).count() == 2


def test_the_end_of_term_job_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["governor-reports-at-the-end-of-term"]
    assert entry["task"] == "reports.tasks.build_end_of_term_reports"


@pytest.mark.django_db
def test_the_command_writes_the_pdf(tmp_path, school, capsys):
    from django.core.management import call_command

    build_term(school)
    output = tmp_path / "report.pdf"

    call_command("governor_report", school="testbrook", term=TERM, output=str(output))

    assert output.read_bytes().startswith(b"%PDF")
    assert "SHA-256" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_reports_page_query_count_does_not_grow_with_reports(client, governor, assert_flat_queries):
    client.force_login(governor)
    report_build(report_id=GovernorReport.objects.create(school=governor.school, term="2025-autumn").pk)

    def grow():
        for code in ("2025-spring", "2025-summer", "2026-autumn"):
            report_build(report_id=GovernorReport.objects.create(school=governor.school, term=code).pk)

    assert_flat_queries(reverse("reports:report-list"), grow)
