"""Browser journeys: a SENCO sets up two-factor sign-in, then exports a pupil's record; no page breaks the CSP."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def test_a_senco_sets_up_two_factor_then_exports_a_pupils_record(
        sign_in, live_server, senco, placed_pupil, check_accessibility, csp_violations):
    page = sign_in(senco, second_factor=False)

    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    check_accessibility()
    secret = page.locator("code").inner_text().replace(" ", "")
    page.get_by_label("Code from your app").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your backup codes"
    assert page.locator(".backup-codes li").count() == 10
    check_accessibility()
    page.get_by_role("link", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "SENCO dashboard"

    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/")
    page.get_by_role("link", name="Export everything held about this pupil").click()
    check_accessibility()
    page.get_by_role("button", name="Prepare a new export").click()
    assert "Ready to download" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download archive").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "record.pdf" in archive.namelist()
    assert not csp_violations, csp_violations


def test_a_wrong_second_factor_is_refused_in_the_browser(sign_in, live_server, senco, check_accessibility):
    from privacy.tests.two_factor import give_authenticator

    give_authenticator(senco)
    page = sign_in(senco, second_factor=False)
    assert page.get_by_role("heading", level=1).inner_text() == "Your sign-in code"
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    assert "That code is not right" in page.content()
    check_accessibility()


def test_a_senco_exports_a_demo_pupil_with_a_referral_and_attendance(sign_in, live_server, check_accessibility):
    """The journey that failed with "Decimal is not JSON serializable": seed_demo, then one such pupil."""
    import json

    from django.core.management import call_command

    from assessments.models import AttendanceRecord
    from core.models import User
    from pupils.demo import DEMO_PASSWORD
    from pupils.models import Pupil

    call_command("seed_demo", stdout=io.StringIO())
    senco = User.objects.get(username="senco")
    pupil = (Pupil.objects.filter(school=senco.school, referrals__isnull=False,
                                  pk__in=AttendanceRecord.objects.values("pupil_id")).distinct().first())
    page = sign_in(senco, password=DEMO_PASSWORD)
    # The archive is built in the request here (eager Celery): a whole demo record with its PDF takes a
    # while on a busy machine.
    page.set_default_navigation_timeout(180_000)
    page.set_default_timeout(180_000)
    page.goto(f"{live_server.url}/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Export everything held about this pupil").click()
    page.get_by_role("button", name="Prepare a new export").click()
    assert "Ready to download" in page.content() and "Failed" not in page.content()
    check_accessibility()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download archive").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    sections = {section["key"]: section for section in json.loads(archive.read("record.json"))["sections"]}
    assert sections["referrals"]["records"] and sections["attendance"]["records"]
    assert archive.read("record.pdf").startswith(b"%PDF")
