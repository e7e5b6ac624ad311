"""The journey in a real browser: the SENCO prepares a transfer pack, downloads it and records it as sent;
the receiving school's SENCO imports the file and reads the record, marked as received."""

from __future__ import annotations

import pytest

from core.models import Role
from pupils.tests.factories import UserFactory
from transfers.models import ReceivedRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pack_sent_by_one_school_is_imported_by_the_next(sign_in, live_server, senco, placed_pupil, other_school,
                                                           check_accessibility, tmp_path):
    pupil = placed_pupil
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Transfer the record to a new school").click()
    check_accessibility()
    page.get_by_label("School the pupil is moving to").fill("Hilltop Primary")
    page.get_by_role("button", name="Prepare the transfer pack").click()
    page.wait_for_load_state()
    assert "The transfer pack is ready" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file to import").click()
    pack = tmp_path / "pack.json"
    download.value.save_as(pack)
    page.get_by_label("How and to whom").fill("School to School upload")
    page.get_by_role("button", name="Record that it was sent").click()
    page.wait_for_load_state()
    assert "Recorded as sent" in page.content() and "it may be erased from" in page.content()
    check_accessibility()

    page.context.clear_cookies()
    receiving = UserFactory(school=other_school, username="hilltop_senco", roles=[Role.SENCO])
    page = sign_in(receiving)
    page.goto(f"{live_server.url}/transfers/import/")
    page.get_by_label("Transfer pack").set_input_files(str(pack))
    page.get_by_role("button", name="Import the pack").click()
    page.wait_for_load_state()
    body = page.content()
    assert f"Imported: {pupil.full_name}" in body and "Received from the previous school" in body
    assert ReceivedRecord.objects.get().school == other_school
    check_accessibility()
