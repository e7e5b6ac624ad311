"""The trust leader's pages: who may open them, what they show (counts only, small numbers hidden), their
query counts (flat in the number of schools), the export, and the trust report built from the browser."""

from __future__ import annotations

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from core.models import School
from core.terms import Term
from pupils.tests.factories import (
    NurtureGroupFactory,
    PlacementFactory,
    PupilFactory,
    ReferralFactory,
    SchoolFactory,
    UserFactory,
)
from reports.models import GovernorReport, ReportStatus
from trusts.models import TrustReport
from trusts.selectors import trust_overview

from .factories import TrustFactory, ready_trust_report, trust_leader

TERM = Term.parse("2026-autumn")
DASHBOARD = reverse("trusts:dashboard") + "?term=2026-autumn"


def _school_with_pupils(trust, name: str, placed: int, waiting: int = 0) -> School:
    school = SchoolFactory(name=name, trust=trust)
    group = NurtureGroupFactory(school=school)
    for index in range(placed):
        PlacementFactory(pupil=PupilFactory(school=school, legal_last_name=f"Hiddenname{index}"), group=group,
                         start_date=datetime.date(2026, 9, 14))
    for _ in range(waiting):
        ReferralFactory(pupil=PupilFactory(school=school))
    return school


@pytest.fixture
def trust():
    return TrustFactory(name="Riverside Learning Trust")


@pytest.fixture
def leader(trust):
    return trust_leader(trust)


@pytest.fixture
def other_trust_leader():
    other = TrustFactory(name="Hilltop Trust")
    _school_with_pupils(other, "Hilltop Primary", placed=4)
    return trust_leader(other, "hilltop-lead")


# Who may open the trust's pages --------------------------------------------------------------------------

@pytest.mark.django_db
def test_trust_leader_opens_every_trust_page_and_another_trusts_leader_gets_404_for_its_report(
        client, trust, leader, other_trust_leader):
    _school_with_pupils(trust, "Alder Primary", placed=3)
    report = ready_trust_report(trust)
    pages = [reverse("trusts:dashboard"), reverse("trusts:report-list"),
             reverse("trusts:report-detail", args=[report.pk]), reverse("trusts:report-status", args=[report.pk]),
             reverse("trusts:report-download", args=[report.pk])]
    client.force_login(leader)
    assert [client.get(url).status_code for url in pages] == [200] * 5
    client.force_login(other_trust_leader)
    assert [client.get(url).status_code for url in pages[2:]] == [404] * 3
    body = client.get(reverse("trusts:dashboard")).content.decode()
    assert "Hilltop Primary" in body and "Alder Primary" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("url_name,kwargs", [
    ("pupils:pupil-list", {}), ("pupils:referral-board", {}), ("reports:report-list", {}),
    ("dashboard", {"role": "senco"}), ("reintegration:cohort", {}),
])
def test_a_trust_leader_opens_no_school_page(client, leader, url_name, kwargs):
    client.force_login(leader)
    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 403


@pytest.mark.django_db
def test_a_trust_leader_cannot_open_a_pupil_of_a_trust_school(client, trust, leader):
    school = _school_with_pupils(trust, "Alder Primary", placed=1)
    pupil = school.pupils.get()
    client.force_login(leader)
    assert client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).status_code in (403, 404)


@pytest.mark.django_db
def test_home_sends_a_trust_leader_to_the_trust_dashboard(client, leader):
    client.force_login(leader)
    assert client.get(reverse("home")).url == reverse("trusts:dashboard")


@pytest.mark.django_db
def test_a_trust_leader_needs_two_factor_sign_in(leader):
    from privacy.two_factor import required_by_policy

    assert required_by_policy(leader)


# What the dashboard shows -----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_dashboard_shows_each_schools_counts_and_hides_small_ones_and_no_names(client, trust, leader):
    _school_with_pupils(trust, "Alder Primary", placed=6, waiting=4)
    _school_with_pupils(trust, "Birch Primary", placed=2)
    _school_with_pupils(trust, "Cherry Primary", placed=5)
    client.force_login(leader)
    body = client.get(DASHBOARD).content.decode()
    assert "Alder Primary" in body and "Birch Primary" in body
    overview = trust_overview(trust, TERM)
    pupils = {row.school.name: row.shown["pupils"] for row in overview.rows}
    # Birch's 2 is hidden, and so is the next smallest (Cherry's 5): else 13 - 6 - 5 would give it away.
    assert pupils == {"Alder Primary": "6", "Birch Primary": "<3", "Cherry Primary": "<3"}
    assert overview.totals_shown[0] == "13"
    assert {row.school.name: row.shown["referrals_waiting"] for row in overview.rows}["Alder Primary"] == "4"
    assert "Hiddenname" not in body


@pytest.mark.django_db
def test_dashboard_shows_each_schools_report_status_for_the_term(client, trust, leader):
    school = _school_with_pupils(trust, "Alder Primary", placed=3)
    GovernorReport.objects.create(school=school, term=TERM.code, status=ReportStatus.READY)
    _school_with_pupils(trust, "Birch Primary", placed=3)
    overview = trust_overview(trust, TERM)
    assert [row.report_status for row in overview.rows] == ["Ready", "Not built"]


@pytest.mark.django_db
def test_dashboard_query_count_is_the_same_for_two_schools_and_five(client, trust, leader, assert_flat_queries):
    for number in range(2):
        _school_with_pupils(trust, f"School {number}", placed=3, waiting=1)
    client.force_login(leader)

    def grow():
        for number in range(2, 5):
            _school_with_pupils(trust, f"School {number}", placed=4, waiting=2)

    assert_flat_queries(DASHBOARD, grow)


# The export --------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_dashboard_exports_as_xlsx_with_its_rows_and_is_audited(client, trust, leader):
    from auditlog.models import LogEntry

    _school_with_pupils(trust, "Alder Primary", placed=6)
    _school_with_pupils(trust, "Birch Primary", placed=4)
    client.force_login(leader)
    response = client.get(DASHBOARD + "&export=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ("School", "Pupils in a group this term")
    assert [row[0] for row in rows[1:]] == ["Alder Primary", "Birch Primary", "The trust"]
    assert [row[1] for row in rows[1:]] == ["6", "4", "10"]
    entry = LogEntry.objects.filter(actor=leader).latest("timestamp")
    assert entry.additional_data["event"] == "download" and entry.additional_data["format"] == "XLSX"


# The trust report ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_trust_report_is_built_from_the_browser_and_is_anonymous(client, trust, leader, settings,
                                                                 django_capture_on_commit_callbacks):
    _school_with_pupils(trust, "Alder Primary", placed=6)
    _school_with_pupils(trust, "Birch Primary", placed=1)
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trusts:report-list"), {"term": "2026-autumn"})
    report = TrustReport.objects.get()
    assert response.url == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    download = client.get(reverse("trusts:report-download", args=[report.pk]))
    pdf = b"".join(download.streaming_content)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    text = " ".join(text.split())
    assert "Alder Primary" in text and "Birch Primary" in text and "<3" in text, text
    assert "Hiddenname" not in text


@pytest.mark.django_db
def test_asking_twice_for_the_trust_report_while_it_builds_builds_once(client, trust, leader):
    client.force_login(leader)
    client.post(reverse("trusts:report-list"), {"term": "2026-autumn"})  # on_commit not run: stays queued
    client.post(reverse("trusts:report-list"), {"term": "2026-autumn"})
    assert TrustReport.objects.count() == 1


@pytest.mark.django_db
def test_trust_report_pages_query_count_is_flat(client, trust, leader, assert_flat_queries):
    ready_trust_report(trust)
    client.force_login(leader)

    def grow():
        for _ in range(4):
            ready_trust_report(trust, term="2026-spring")

    assert_flat_queries(reverse("trusts:report-list"), grow)


@pytest.mark.django_db
def test_a_trust_leader_without_a_trust_is_refused(client):
    from core.models import Role

    user = UserFactory(roles=[Role.TRUST_LEADER])  # a school's user given the role by mistake
    client.force_login(user)
    assert client.get(reverse("trusts:dashboard")).status_code == 403


@pytest.mark.django_db
def test_a_trust_leader_of_the_worlds_trust_opens_no_school_page_and_sees_no_child(client):
    """Every URL of the permission matrix, asked by the leader of the trust the world's school belongs to."""
    from django.urls import NoReverseMatch

    from nurture.tests.matrix import all_cases, build_world

    world = build_world()
    client.force_login(world.trust_leader)
    opened = []
    for case in all_cases():
        if case.url_name.startswith("trusts:"):
            continue
        try:
            url = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        except NoReverseMatch:
            continue
        response = client.post(url, case.data(world) if case.data else {}) if case.method == "post" else client.get(url)
        body = b"" if response.streaming else response.content
        assert world.pupil.legal_last_name.encode() not in body, f"{case} shows a child's name to a trust leader"
        if response.status_code == 200:
            opened.append(case.url_name)
    # Their own two-factor pages, and their own notices (none: notices belong to a school).
    assert set(opened) <= {"privacy:two-factor", "privacy:two-factor-setup", "privacy:two-factor-verify",
                           "pupils:notice-list"}, opened
