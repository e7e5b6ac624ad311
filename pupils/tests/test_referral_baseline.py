"""The referral and the board show whether the baseline SDQ and Boxall Profile are recorded."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.tests.factories import SdqAssessmentFactory
from pupils.tests.factories import ReferralFactory


@pytest.mark.django_db
def test_the_board_lists_a_missing_boxall_baseline_but_not_a_recorded_sdq(client, senco, pupil):
    ReferralFactory(pupil=pupil)
    SdqAssessmentFactory(pupil=pupil, completed_on=timezone.localdate() - datetime.timedelta(days=10))
    client.force_login(senco)

    board = client.get(reverse("pupils:referral-board")).content.decode()

    assert "baseline boxall profile" in board
    assert "baseline sdq (teacher)" not in board


@pytest.mark.django_db
def test_the_referral_links_to_record_what_is_missing(client, senco, pupil):
    referral = ReferralFactory(pupil=pupil)
    client.force_login(senco)

    page = client.get(referral.get_absolute_url()).content.decode()

    assert "Baseline SDQ (teacher): not yet recorded" in page
    assert reverse("assessments:sdq-new", kwargs={"pupil_pk": pupil.pk}) in page


@pytest.mark.django_db
def test_the_senco_dashboard_lists_baselines_due_at_referral_and_overdue_after_four_weeks(client, senco, pupil,
                                                                                          school):
    from pupils.tests.factories import PupilFactory

    ReferralFactory(pupil=pupil, raised_at=timezone.now() - datetime.timedelta(weeks=5))
    assessed = PupilFactory(school=school, legal_first_name="Done", legal_last_name="Already")
    ReferralFactory(pupil=assessed)
    SdqAssessmentFactory(pupil=assessed, completed_on=timezone.localdate())
    from assessments.tests.factories import BoxallProfileFactory

    BoxallProfileFactory(pupil=assessed, completed_on=timezone.localdate())
    client.force_login(senco)

    page = client.get(reverse("dashboard", args=["senco"])).content.decode()
    listed = page[page.index('id="referral-baselines"'):page.index("</ul>", page.index('id="referral-baselines"'))]

    assert pupil.full_name in listed and "overdue" in listed
    assert "Baseline SDQ (teacher)" in listed and "Baseline Boxall Profile" in listed
    assert "Already" not in listed
