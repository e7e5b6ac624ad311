"""The record follows the child: a pack sent from one school is imported by another school of the same
install as the same record, marked as received; the first school's retention follows the transfer."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.services import case_note_add
from core.models import Role
from privacy.models import AfterTransfer, SchoolPrivacySettings
from pupils.models import Pupil
from pupils.tests.factories import UserFactory
from transfers.models import ReceivedRecord, RecordTransfer
from transfers.pack import pack_json, read_pack
from transfers.services import transfer_prepare, transfer_record_sent

TODAY = datetime.date.today()


@pytest.fixture
def receiving_senco(other_school):
    return UserFactory(school=other_school, username="hilltop_senco", roles=[Role.SENCO])


@pytest.fixture
def sent_pack(client, senco, pupil):
    pupil.upn = "A123456789012"
    pupil.save()
    case_note_add(pupil=pupil, user=senco, written_on=TODAY, text="Settles best with a job to do.")
    client.force_login(senco)
    client.post(reverse("transfers:transfer", args=[pupil.pk]), {"receiving_school": "Hilltop Primary"})
    transfer = RecordTransfer.objects.get()
    return transfer, client.get(reverse("transfers:transfer-download", args=[pupil.pk, transfer.pk, "json"])).content


def _upload(client, content: bytes):
    return client.post(reverse("transfers:import"), {"pack": SimpleUploadedFile("pack.json", content)}, follow=True)


@pytest.mark.django_db
def test_a_pack_imported_by_the_next_school_gives_the_same_record_marked_as_received(client, pupil, sent_pack,
                                                                                    receiving_senco, other_school):
    transfer, content = sent_pack
    client.force_login(receiving_senco)

    page = _upload(client, content).content.decode()

    received = ReceivedRecord.objects.get(school=other_school)
    arrived = received.pupil
    assert (arrived.school, arrived.legal_first_name, arrived.legal_last_name, arrived.date_of_birth,
            arrived.upn) == (other_school, pupil.legal_first_name, pupil.legal_last_name, pupil.date_of_birth,
                             pupil.upn)
    assert received.sections == transfer.pack["sections"]
    assert received.from_school == pupil.school.name
    assert "Received from the previous school" in page and "Settles best with a job to do." in page
    keys = {section["key"] for section in received.sections}
    assert "case_notes" in keys and "audit" not in keys


@pytest.mark.django_db
def test_importing_the_same_pack_twice_adds_nothing_the_second_time(client, sent_pack, receiving_senco):
    _, content = sent_pack
    client.force_login(receiving_senco)

    _upload(client, content)
    page = _upload(client, content).content.decode()

    assert ReceivedRecord.objects.count() == 1 and Pupil.objects.filter(school=receiving_senco.school).count() == 1
    assert "This pack was imported on" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), [
    (b"not json at all", "the file is not JSON"),
    (json.dumps({"format": "something-else"}).encode(), "This is not a Nurture transfer pack"),
    (json.dumps({"format": "nurture-transfer/1", "pupil": {}, "sections": []}).encode(), "does not name the pupil"),
])
def test_a_file_that_is_not_a_pack_is_refused_with_a_reason(client, receiving_senco, content, message):
    client.force_login(receiving_senco)

    page = _upload(client, content).content.decode()

    assert message in page and not ReceivedRecord.objects.exists()


@pytest.mark.django_db
def test_a_upn_on_roll_with_another_date_of_birth_is_refused(client, sent_pack, receiving_senco, other_school):
    _, content = sent_pack
    from pupils.tests.factories import PupilFactory
    PupilFactory(school=other_school, upn="A123456789012", date_of_birth=datetime.date(2017, 1, 1))
    client.force_login(receiving_senco)

    page = _upload(client, content).content.decode()

    assert "is on roll with another date of birth" in page and not ReceivedRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "months", "expected"), [
    (AfterTransfer.ERASE_AFTER_MONTHS, 12, lambda sent, pupil: sent.replace(year=sent.year + 1)),
    (AfterTransfer.KEEP_AS_LAST_SCHOOL, 12, lambda sent, pupil: pupil.date_of_birth.replace(
        year=pupil.date_of_birth.year + 31)),
])
def test_recording_the_pack_as_sent_switches_retention_to_the_schools_transfer_path(senco, pupil, path, months,
                                                                                    expected):
    SchoolPrivacySettings.objects.create(school=pupil.school, retention_age=31, after_transfer=path,
                                         transfer_erase_months=months)
    transfer = transfer_prepare(pupil=pupil, user=senco, receiving_school="Hilltop Primary")

    transfer_record_sent(transfer=transfer, user=senco, sent_on=TODAY, sent_how="S2S upload")

    pupil.refresh_from_db()
    assert pupil.record_transferred_on == TODAY and pupil.date_of_leaving == TODAY
    assert SchoolPrivacySettings.objects.get().keep_until(pupil) == expected(TODAY, pupil)


@pytest.mark.django_db
def test_the_pack_cannot_be_recorded_as_sent_in_the_future(client, senco, pupil):
    transfer = transfer_prepare(pupil=pupil, user=senco, receiving_school="Hilltop Primary")
    client.force_login(senco)

    page = client.post(reverse("transfers:transfer-sent", args=[pupil.pk, transfer.pk]),
                       {"sent_on": (TODAY + datetime.timedelta(days=3)).isoformat(), "sent_how": "S2S"},
                       follow=True).content.decode()

    assert "This date cannot be in the future" in page
    transfer.refresh_from_db()
    assert transfer.sent_on is None


@pytest.mark.django_db
def test_the_pdf_of_the_pack_reads_as_a_person_reads(client, senco, pupil):
    import subprocess

    transfer = transfer_prepare(pupil=pupil, user=senco, receiving_school="Hilltop Primary")
    client.force_login(senco)

    response = client.get(reverse("transfers:transfer-download", args=[pupil.pk, transfer.pk, "pdf"]))

    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    assert b"Transfer pack: Ada Quill" in text and b"Hilltop Primary" in text
    assert pupil.date_of_birth.isoformat().encode() not in text


@pytest.mark.django_db
def test_every_demo_pupil_gets_a_pack_that_reads_back():
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    senco = UserFactory._meta.model.objects.get(username="senco")
    pupils = list(Pupil.objects.filter(school=senco.school).order_by("pk"))
    assert len(pupils) > 200
    for pupil in pupils:
        transfer = transfer_prepare(pupil=pupil, user=senco, receiving_school="Hilltop Primary")
        assert read_pack(pack_json(transfer.pack))["pupil"]["legal_last_name"] == pupil.legal_last_name


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "offered"), [("senco", True), ("school_admin", True), ("nurture_staff", False)],
                         indirect=["persona"])
def test_the_pupil_list_offers_the_import_to_those_who_may_import(client, persona, offered):
    client.force_login(persona)

    page = client.get(reverse("pupils:pupil-list")).content.decode()

    assert ("Import a record from a pupil's previous school" in page) is offered
