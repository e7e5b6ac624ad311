"""The SENCO writes the term's narrative: a narrative naming a pupil is refused with the words named; then the
SENCO builds the report (Celery eager) and downloads the PDF, which carries the narrative."""

import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.tests.scenario import TERM, build_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_senco_is_refused_a_narrative_naming_a_pupil_then_builds_and_downloads_the_report(
        sign_in, live_server, senco, check_accessibility, tmp_path):
    build_term(senco.school)  # its pupils' surname is "Secretname"
    page = sign_in(senco)
    page.goto(f"{live_server.url}{reverse('reports:report-list')}")

    page.get_by_role("link", name="Write the narrative for Autumn 2026").click()
    narrative = page.get_by_label("Narrative for governors")
    narrative.fill("Secretname settled well and went back to class.")
    page.get_by_role("button", name="Save the narrative").click()

    expect(page.get_by_text("remove “Secretname”").last).to_be_visible()
    expect(narrative).to_have_value("Secretname settled well and went back to class.")
    check_accessibility()
    narrative.fill("One pupil settled well and went back to class.")
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.get_by_text("The narrative for Autumn 2026 was saved.")).to_be_visible()

    page.get_by_label("Term").select_option(TERM)
    page.get_by_role("button", name="Build the report").click()
    expect(page.get_by_role("status")).to_contain_text("Ready", timeout=90_000)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    saved = tmp_path / "report.pdf"
    download_info.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, check=True).stdout.decode()
    assert "One pupil settled well and went back to class." in " ".join(text.split())
    assert "Secretname" not in text
