"""A governor builds the termly report in the browser, watches its progress and downloads it."""

import pytest
from playwright.sync_api import expect

from reports.models import GovernorReport
from reports.services import report_build
from reports.tests.scenario import TERM, build_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_governor_builds_watches_and_downloads_the_report(sign_in, live_server, governor, check_accessibility,
                                                          tmp_path):
    build_term(governor.school)
    page = sign_in(governor)

    page.get_by_role("link", name="All reports, or build one").click()
    check_accessibility()
    page.get_by_label("Term").select_option(TERM)
    page.get_by_role("button", name="Build the report").click()

    # Eager Celery builds inside the request here: allow for a slow, busy machine.
    expect(page.get_by_role("status")).to_contain_text("Ready", timeout=60_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    check_accessibility()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    saved = tmp_path / "report.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename == f"nurture-governor-report-{governor.school.slug}-{TERM}.pdf"


def test_the_progress_page_updates_itself_while_the_worker_builds(sign_in, live_server, governor):
    report = GovernorReport.objects.create(school=governor.school, term=TERM, requested_by=governor)
    page = sign_in(governor)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    download = page.get_by_role("link", name="Download the report (PDF)")
    expect(download).to_be_hidden()

    report_build(report_id=report.pk)  # the worker, meanwhile; the page is not reloaded

    expect(page.get_by_role("status")).to_contain_text("Ready to download", timeout=30_000)
    expect(download).to_be_visible()
