"""Retention: records past the school's period are listed nightly; a SENCO's confirmation erases them,
leaving anonymous figures so past counts still add up."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.urls import reverse

from core.audit import audit_pupil_access
from privacy.models import ExpiredRecord, RetentionRule, SchoolPrivacySettings
from privacy.services import expired_records_erase
from privacy.tasks import list_expired_records
from privacy.tests.factories import ExpiredRecordFactory
from pupils.models import Placement, Pupil
from pupils.services import pupil_update
from pupils.tests.factories import PlacementFactory, PupilFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def _left(school, born, left, **extra):
    return PupilFactory(school=school, date_of_birth=born, date_of_entry=datetime.date(born.year + 4, 9, 1),
                        date_of_leaving=left, **extra)


def test_by_default_records_are_kept_to_the_25th_birthday(school):
    settings = SchoolPrivacySettings(school=school)
    pupil = _left(school, datetime.date(2001, 2, 3), datetime.date(2012, 7, 20))
    assert settings.keep_until(pupil) == datetime.date(2026, 2, 3)
    on_roll = PupilFactory(school=school)
    assert settings.keep_until(on_roll) is None


def test_a_school_may_keep_records_a_number_of_years_after_leaving(school):
    settings = SchoolPrivacySettings(school=school, retention_rule=RetentionRule.YEARS_AFTER_LEAVING,
                                     retention_years=6)
    pupil = _left(school, datetime.date(2012, 2, 29), datetime.date(2020, 2, 29))
    assert settings.keep_until(pupil) == datetime.date(2026, 2, 28)


def test_the_nightly_job_lists_expired_records_once_and_erases_nothing(school, other_school, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    expired = _left(school, datetime.date(2000, 1, 10), datetime.date(2011, 7, 20))
    _left(school, datetime.date(2005, 1, 10), datetime.date(2016, 7, 20))  # 25 in 2030
    PupilFactory(school=school, date_of_birth=datetime.date(1990, 1, 1))  # never left: kept
    elsewhere = _left(other_school, datetime.date(2000, 1, 10), datetime.date(2011, 7, 20))

    assert list_expired_records.delay().get() == 2
    assert list_expired_records.delay().get() == 0

    assert set(ExpiredRecord.objects.values_list("pupil_id", flat=True)) == {expired.pk, elsewhere.pk}
    assert Pupil.objects.get(pk=expired.pk).legal_last_name == "Testwick"


def test_the_job_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "privacy.tasks.list_expired_records" in tasks


def test_erasing_keeps_anonymous_figures_and_removes_every_identifying_value(school, senco, group):
    record = ExpiredRecordFactory(pupil__school=school, pupil__legal_first_name="Bramwell",
                                  pupil__legal_last_name="Ostlethwaite", pupil__pupil_premium=True)
    pupil = record.pupil
    PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2000, 9, 4))
    pupil_update(pupil=pupil, user=senco, values={"preferred_first_name": "Bram"})
    audit_pupil_access(user=senco, pupil=pupil, page="case page")
    counts_before = (Pupil.objects.filter(school=school).count(), Placement.objects.filter(school=school).count())

    assert expired_records_erase(records=[record], user=senco) == 1

    pupil.refresh_from_db()
    record.refresh_from_db()
    assert (pupil.legal_first_name, pupil.preferred_first_name, pupil.upn[:6]) == ("Erased", "", "ERASED")
    assert pupil.date_of_birth == datetime.date(1995, 1, 1)
    assert record.status == ExpiredRecord.Status.ERASED and record.erased_by == senco
    assert (record.birth_year, record.year_group_on_leaving, record.placement_count, record.pupil_premium) == (
        1995, 2, 1, True)
    assert (Pupil.objects.filter(school=school).count(), Placement.objects.filter(school=school).count()) == \
        counts_before
    trail = " ".join(f"{entry.object_repr} {entry.changes}" for entry in LogEntry.objects.all())
    assert "Bramwell" not in trail and "Ostlethwaite" not in trail and "Bram" not in trail
    assert LogEntry.objects.filter(additional_data__pupil_id=pupil.pk, actor=senco).exists(), "who did what stays"
    erasure = LogEntry.objects.filter(object_pk=str(record.pk), content_type__model="expiredrecord").latest("pk")
    assert erasure.actor == senco and erasure.changes_dict["status"] == ["listed", "erased"]


def test_erasing_deletes_the_pupils_subject_access_archives(school, senco, tmp_path, settings):
    from django.core.files.base import ContentFile

    from privacy.tests.factories import SubjectAccessExportFactory

    settings.MEDIA_ROOT = tmp_path
    record = ExpiredRecordFactory(pupil__school=school)
    export = SubjectAccessExportFactory(pupil=record.pupil, requested_by=senco)
    export.file.save("archive.zip", ContentFile(b"zip"))
    path = export.file.path
    expired_records_erase(records=[record], user=senco)
    export.refresh_from_db()
    assert not export.file and not __import__("os").path.exists(path)


def test_a_second_erasure_of_the_same_school_does_not_clash(school, senco):
    records = ExpiredRecordFactory.create_batch(2, pupil__school=school)
    assert expired_records_erase(records=records, user=senco) == 2


def test_the_senco_confirms_erasure_on_the_retention_page(client, school, senco):
    record = ExpiredRecordFactory(pupil__school=school, pupil__legal_last_name="Ostlethwaite")
    client.force_login(senco)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "Ostlethwaite" in page

    refused = client.post(reverse("privacy:retention"), {"records": [record.pk]})
    assert "Tick the confirmation" in refused.content.decode()
    assert Pupil.objects.get(pk=record.pupil_id).legal_last_name == "Ostlethwaite"

    response = client.post(reverse("privacy:retention"), {"records": [record.pk], "confirm": "on"}, follow=True)
    assert "Erased the personal data of 1 pupil" in response.content.decode()
    assert "Ostlethwaite" not in response.content.decode()


def test_a_senco_cannot_erase_another_schools_record(client, school, other_school, senco):
    theirs = ExpiredRecordFactory(pupil__school=other_school, pupil__legal_last_name="Farholm")
    client.force_login(senco)
    response = client.post(reverse("privacy:retention"), {"records": [theirs.pk], "confirm": "on"})
    body = response.content.decode()
    assert "There is a problem" in body and "Nothing was erased." in body and "Select a valid choice" in body
    assert expired_records_erase(records=[theirs], user=senco) == 0
    assert Pupil.objects.get(pk=theirs.pupil_id).legal_last_name == "Farholm"


@pytest.mark.parametrize("count", [1, 25])
def test_the_retention_page_keeps_its_query_count(client, school, senco, count, django_assert_max_num_queries):
    ExpiredRecordFactory.create_batch(count, pupil__school=school)
    erased = ExpiredRecordFactory.create_batch(count, pupil__school=school)
    expired_records_erase(records=erased, user=senco)
    client.force_login(senco)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("privacy:retention")).status_code == 200


def test_the_school_sets_its_retention_and_two_factor_choice(client, school, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("privacy:settings"), {"retention_rule": "until_age", "retention_age": "12",
                                                         "retention_years": "6"})
    assert "Choose an age from 18 to 100" in response.content.decode()
    client.post(reverse("privacy:settings"), {"retention_rule": "years_after_leaving", "retention_age": "25",
                                              "retention_years": "10", "two_factor_for_all_staff": "on"})
    saved = SchoolPrivacySettings.objects.get(school=school)
    assert saved.retention_years == 10 and saved.two_factor_for_all_staff


def test_a_pupil_readmitted_after_being_listed_is_not_erased(school, senco):
    record = ExpiredRecordFactory(pupil__school=school, pupil__legal_last_name="Returnwell")
    Pupil.objects.filter(pk=record.pupil_id).update(date_of_leaving=None)
    assert expired_records_erase(records=[record], user=senco) == 0
    assert Pupil.objects.get(pk=record.pupil_id).legal_last_name == "Returnwell"
    assert not ExpiredRecord.objects.filter(pk=record.pk).exists()
