"""The issue's journey in a real browser: from a readiness score under 80% to one over it, a transition
plan started and completed, graduation, and a follow-up that shows on the cohort page."""

from __future__ import annotations

import datetime

import pytest

from assessments.tests.factories import BoxallProfileFactory, SdqAssessmentFactory
from pupils.models import Placement
from pupils.tests.factories import PlacementFactory
from reintegration.models import FollowUp, Graduation, ReadinessCriterion, TransitionPlan
from reintegration.services import readiness_assess, scale_ensure_default

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded_pupil(pupil, group, senco, nurture_staff):
    """A pupil in the group since January, rated at 62.7% in October, with an SDQ and a Boxall Profile."""
    PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2026, 1, 12))
    scale_ensure_default(school=pupil.school)
    criteria = list(ReadinessCriterion.objects.filter(school=pupil.school))
    ratings = {c.pk: (2 if index % 3 else 1, "") for index, c in enumerate(criteria)}
    readiness_assess(pupil=pupil, user=nurture_staff, assessed_on=datetime.date(2026, 3, 2), setting="group",
                     ratings=ratings)
    SdqAssessmentFactory(pupil=pupil, recorded_by=senco, completed_on=datetime.date(2026, 1, 20))
    BoxallProfileFactory(pupil=pupil, recorded_by=senco, completed_on=datetime.date(2026, 1, 20))
    return pupil


def test_from_under_the_threshold_to_a_follow_up_on_the_cohort_page(sign_in, live_server, senco, seeded_pupil,
                                                                    check_accessibility):
    pupil = seeded_pupil
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/{pupil.pk}/reintegration/")
    body = page.content()
    assert "Latest readiness score" in body and "Ready to start the return" not in body
    assert "Readiness, SDQ and Boxall over time" in body
    check_accessibility()

    # Rate readiness: everything 3 but one criterion not rated (left out of the maximum): 100%.
    page.get_by_role("link", name="Rate readiness").click()
    page.get_by_label("In the nurture group").check()
    selects = page.locator("select[name^='rating_']")
    for index in range(selects.count()):
        selects.nth(index).select_option("3" if index else "")
    page.locator("input[name^='note_']").first.fill("Not seen this week")
    check_accessibility()
    page.get_by_role("button", name="Save the assessment").click()
    body = page.content()
    assert "Readiness recorded: 100.0%" in body and "Ready to start the return" in body

    # Start, fill in, start and complete the transition plan.
    page.get_by_role("button", name="Start a transition plan").click()
    page.get_by_label("Strategies agreed with the class teacher").fill("A visual timetable on the desk.")
    page.get_by_label("Who, row 1").fill("Mrs Pell (teaching assistant)")
    page.get_by_label("What, row 1").fill("Check-in at the start of maths")
    page.get_by_label("When, row 1").fill("Weeks 1 to 3, mornings")
    page.get_by_label("Review on, row 1").fill("2026-12-14")
    check_accessibility()
    page.get_by_role("button", name="Save the plan").click()
    body = page.content()
    assert "Mrs Pell (teaching assistant)" in body and "A visual timetable on the desk." in body
    check_accessibility()
    page.get_by_role("button", name="Start the return").click()
    assert "now under way" in page.content()
    page.get_by_role("button", name="Mark the plan completed").click()
    assert "now completed" in page.content()
    assert TransitionPlan.objects.get().status == TransitionPlan.Status.COMPLETED

    # Graduate: the placement ends with it.
    page.get_by_role("link", name="Return to class").click()
    page.get_by_role("link", name="Record graduation").click()
    page.get_by_label("Date").fill("2026-07-10")
    page.get_by_label("A certificate").check()
    check_accessibility()
    page.get_by_role("button", name="Record the graduation").click()
    assert "Say how the placement ended." in page.content()  # refused without an ending
    page.get_by_label("Returned to class full time").check()
    page.get_by_role("button", name="Record the graduation").click()
    assert "has graduated" in page.content()
    assert Placement.objects.get().status == Placement.Status.ENDED
    assert Graduation.objects.get().ending == "returned_full_time"

    # Follow up this term, then see it on the cohort page.
    page.get_by_role("link", name="Record a follow-up").click()
    page.locator("#id_term").select_option("2026-autumn")
    page.get_by_label("Coping well with support").check()
    page.get_by_label("Or its SDQ total difficulties (0-40)").fill("12")
    page.get_by_label("Progress in attainment").select_option("reasonable")
    check_accessibility()
    page.get_by_role("button", name="Save the follow-up").click()
    assert "Follow-up for Autumn 2026 recorded." in page.content()
    assert FollowUp.objects.get().coping == "with_support"

    page.goto(f"{live_server.url}/reintegration/cohort/")
    body = page.content()
    assert "Left in 2025-26" in body and pupil.full_name in body
    assert "Coping well with support" in body and "→ 12" in body
    check_accessibility()
