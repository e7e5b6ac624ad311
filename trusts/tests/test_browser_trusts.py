"""The trust leader's journey in the browser: sign in with two factors, compare the schools for a term,
download the figures as a spreadsheet, build the trust report and download it; and a SENCO's list export."""

import datetime

import openpyxl
import pytest
from playwright.sync_api import expect

from core.models import Role
from pupils.tests.factories import NurtureGroupFactory, PlacementFactory, PupilFactory, SchoolFactory, UserFactory

from .factories import TrustFactory, trust_leader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _trust_with_schools():
    trust = TrustFactory(name="Riverside Learning Trust")
    for name, placed in (("Alder Primary", 6), ("Birch Primary", 4)):
        school = SchoolFactory(name=name, trust=trust)
        group = NurtureGroupFactory(school=school)
        for _ in range(placed):
            PlacementFactory(pupil=PupilFactory(school=school, legal_last_name="Neverseen"), group=group,
                             start_date=datetime.date(2026, 9, 14))
    return trust


def test_trust_leader_compares_the_schools_exports_them_and_builds_the_trust_report(
        sign_in, live_server, check_accessibility, tmp_path):
    leader = trust_leader(_trust_with_schools())
    page = sign_in(leader)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Riverside Learning Trust")
    page.get_by_label("Term").select_option("2026-autumn")
    page.get_by_role("button", name="Show").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Alder Primary")).to_contain_text("6")
    expect(table).not_to_contain_text("Neverseen")
    check_accessibility()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download XLSX").click()
    saved = tmp_path / "trust.xlsx"
    download_info.value.save_as(saved)
    rows = list(openpyxl.load_workbook(saved).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["School", "Alder Primary", "Birch Primary", "The trust"]
    assert [row[1] for row in rows[1:]] == ["6", "4", "10"]

    page.get_by_role("link", name="The trust report (PDF)").click()
    check_accessibility()
    page.get_by_label("Term").select_option("2026-autumn")
    page.get_by_role("button", name="Build the trust report").click()
    expect(page.get_by_role("status")).to_contain_text("Ready", timeout=60_000)
    check_accessibility()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the trust report (PDF)").click()
    pdf = tmp_path / "trust.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_senco_downloads_the_filtered_pupil_list_as_csv(sign_in, live_server, school, school_class, tmp_path):
    senco = UserFactory(school=school, username="senco", roles=[Role.SENCO])
    PupilFactory(school=school, school_class=school_class, legal_first_name="Ada", legal_last_name="Quill")
    PupilFactory(school=school, school_class=school_class, legal_first_name="Bo", legal_last_name="=HYPERLINK(1)")
    PupilFactory(school=school, legal_first_name="Cy", legal_last_name="Elsewhere")
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/")
    page.get_by_label("Class").select_option(label=str(school_class))
    page.get_by_role("button", name="Search").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    saved = tmp_path / "pupils.csv"
    download_info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert "Quill" in text and "'=HYPERLINK(1)" in text and "Elsewhere" not in text
    assert download_info.value.suggested_filename.startswith("pupils-")
