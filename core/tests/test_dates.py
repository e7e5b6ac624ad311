"""One set of date rules per kind of date (core.dates), the same in every form and in the MIS import."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import BIRTH, HAPPENED, PLANNED, STARTS

TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(("rule", "day", "allowed"), [
    (BIRTH, datetime.date(2030, 1, 1), False),  # the reported one: a date of birth in 2030
    (BIRTH, TODAY, False),
    (BIRTH, datetime.date(2025, 6, 1), False),  # 18 months old
    (BIRTH, datetime.date(2024, 12, 1), True),  # two today
    (BIRTH, datetime.date(2019, 3, 14), True),
    (BIRTH, datetime.date(2001, 12, 1), True),  # 25 today: still kept
    (BIRTH, datetime.date(2001, 11, 30), False),
    (BIRTH, datetime.date(1926, 3, 14), False),  # a slipped century
    (HAPPENED, TODAY, True),
    (HAPPENED, TODAY + datetime.timedelta(days=1), False),
    (HAPPENED, datetime.date(2027, 12, 1), False),  # the reported one: a parent contact dated next year
    (HAPPENED, datetime.date(2016, 12, 1), True),
    (HAPPENED, datetime.date(2016, 11, 30), False),
    (STARTS, TODAY + datetime.timedelta(days=366), True),
    (STARTS, TODAY + datetime.timedelta(days=367), False),
    (PLANNED, TODAY + datetime.timedelta(days=700), True),
    (PLANNED, TODAY + datetime.timedelta(days=800), False),
    (PLANNED, datetime.date(2016, 11, 30), False),
])
def test_each_kind_of_date_has_its_range(rule, day, allowed):
    assert (rule.problem(day, TODAY) is None) is allowed, rule.problem(day, TODAY)


def test_the_messages_say_what_is_wrong_and_the_limit_as_a_person_reads_it():
    assert BIRTH.problem(datetime.date(2030, 1, 1), TODAY) == "A date of birth cannot be in the future: check the year."
    assert "on or before 1 Dec 2024" in BIRTH.problem(datetime.date(2025, 6, 1), TODAY)
    assert "cannot be in the future" in HAPPENED.problem(datetime.date(2027, 1, 1), TODAY)
    assert "at most two years ahead (by " in PLANNED.problem(datetime.date(2030, 1, 1), TODAY)


def _next_year() -> str:
    return (timezone.localdate() + datetime.timedelta(days=370)).isoformat()


@pytest.mark.django_db
def test_a_parent_contact_dated_next_year_is_refused(client, senco, pupil):
    from pupils.tests.factories import ReferralFactory

    referral = ReferralFactory(pupil=pupil)
    client.force_login(senco)
    response = client.post(reverse("pupils:referral-contact", args=[referral.pk]), {
        "contacted_on": _next_year(), "with_whom": "Mum", "method": "phone", "notes": "Talked about the group"})
    assert response.status_code == 200
    assert "This date cannot be in the future" in response.content.decode()
    assert not referral.parent_contacts.exists()


@pytest.mark.django_db
def test_a_date_of_birth_in_2030_is_refused_on_the_pupil_form(client, senco, pupil):
    client.force_login(senco)
    response = client.post(reverse("pupils:pupil-edit", args=[pupil.pk]), {
        "legal_first_name": "Ada", "legal_last_name": "Quill", "date_of_birth": "2030-03-14", "upn": pupil.upn,
        "year_group": 2, "gender": "F", "sen_status": "N"})
    assert response.status_code == 200
    assert "A date of birth cannot be in the future" in response.content.decode()
    pupil.refresh_from_db()
    assert pupil.date_of_birth.year != 2030


@pytest.mark.django_db
def test_the_import_refuses_the_same_dates_with_the_same_words(school):
    from core.dates import format_date
    from pupils.imports import read_pupil_csv
    from pupils.tests.csv_samples import UPN_1, UPN_2, sims_csv

    later = timezone.localdate() + datetime.timedelta(days=400)
    soon = later.strftime("%d/%m/%Y")
    preview = read_pupil_csv(sims_csv(f"{UPN_1},Fernhollow,Ada,,14/03/2030,F,2,2T,Y,Y,N,K,N,01/09/2023",
                                      f"{UPN_2},Larkspur,Ben,,02/11/2018,M,2,2T,N,N,Y,N,N,{soon}"), school)
    born, admitted = preview.rows
    assert any("A date of birth cannot be in the future" in error for error in born.errors), born.errors
    assert any(error.startswith(f"admission date {format_date(later)}: This date can be at most a year ahead")
               for error in admitted.errors), admitted.errors
