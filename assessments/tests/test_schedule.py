"""The schedule: a baseline before the placement, a reassessment each term in the group, one at leaving."""

import datetime

import pytest

from assessments.schedule import due_assessments
from pupils.models import Placement
from pupils.tests.factories import PlacementFactory

from .factories import BoxallProfileFactory, SdqAssessmentFactory

START = datetime.date(2026, 9, 14)


def _due(today):
    return {(item.instrument, item.purpose): item for item in due_assessments(Placement.objects.all(), today)}


def _assess(pupil, day, purpose="termly"):
    SdqAssessmentFactory(pupil=pupil, completed_on=day, purpose=purpose)
    BoxallProfileFactory(pupil=pupil, completed_on=day, purpose=purpose)


@pytest.fixture
def placement(pupil, group):
    return PlacementFactory(pupil=pupil, group=group, start_date=START)


def test_a_baseline_is_due_at_the_start_and_overdue_after_it(placement):
    before = _due(START - datetime.timedelta(days=10))
    assert before[("sdq", "baseline")].due_on == START and not before[("sdq", "baseline")].overdue
    assert ("boxall", "baseline") in before
    after = _due(START + datetime.timedelta(days=3))
    assert after[("sdq", "baseline")].overdue and after[("boxall", "baseline")].overdue


def test_a_baseline_at_referral_counts_and_nothing_is_due_in_the_first_term(placement, pupil):
    _assess(pupil, START - datetime.timedelta(days=60), purpose="baseline")
    assert _due(datetime.date(2026, 11, 20)) == {}


def test_a_parent_sdq_does_not_stand_in_for_the_teacher_one(placement, pupil):
    SdqAssessmentFactory(pupil=pupil, informant="parent", completed_on=START)
    assert ("sdq", "baseline") in _due(START + datetime.timedelta(days=3))


def test_each_term_in_the_group_needs_a_reassessment_which_becomes_overdue_when_the_term_ends(placement, pupil):
    _assess(pupil, START, purpose="baseline")
    spring = _due(datetime.date(2027, 2, 1))
    assert spring[("sdq", "termly")].due_on == datetime.date(2027, 3, 31)
    assert not spring[("sdq", "termly")].overdue
    summer = _due(datetime.date(2027, 4, 20))
    assert summer[("boxall", "termly")].overdue and summer[("boxall", "termly")].due_on == datetime.date(2027, 3, 31)
    _assess(pupil, datetime.date(2027, 3, 20))
    assert ("sdq", "termly") in _due(datetime.date(2027, 4, 20))  # summer's is now the one due
    assert not _due(datetime.date(2027, 4, 20))[("sdq", "termly")].overdue


def test_a_leaving_assessment_is_due_in_the_last_four_weeks(placement, pupil):
    placement.expected_end_date = datetime.date(2027, 2, 12)
    placement.save()
    _assess(pupil, START, purpose="baseline")
    _assess(pupil, datetime.date(2027, 1, 10))
    due = _due(datetime.date(2027, 1, 25))
    assert due[("sdq", "leaving")].due_on == datetime.date(2027, 2, 12)
    _assess(pupil, datetime.date(2027, 2, 10), purpose="leaving")
    assert _due(datetime.date(2027, 2, 11)) == {}


def test_an_ended_placement_without_a_leaving_assessment_is_overdue_then_forgotten_after_a_term(placement, pupil):
    _assess(pupil, START, purpose="baseline")
    placement.end_date = datetime.date(2026, 12, 18)
    placement.save()
    assert _due(datetime.date(2027, 1, 10))[("boxall", "leaving")].overdue
    assert _due(datetime.date(2027, 6, 1)) == {}


def test_the_list_puts_overdue_first(pupil, group, school):
    from pupils.tests.factories import PupilFactory

    PlacementFactory(pupil=pupil, group=group, start_date=START)
    later = PupilFactory(school=school)
    PlacementFactory(pupil=later, group=group, start_date=datetime.date(2026, 10, 20))
    items = due_assessments(Placement.objects.all(), datetime.date(2026, 10, 1))
    assert [item.overdue for item in items] == [True, True, False, False]
    assert items[0].url.endswith("?purpose=baseline")


def test_a_planned_end_date_takes_precedence_over_the_expected_one(placement, pupil):
    placement.expected_end_date = datetime.date(2027, 7, 16)
    placement.end_date = datetime.date(2027, 2, 12)
    placement.save()
    _assess(pupil, START, purpose="baseline")
    _assess(pupil, datetime.date(2027, 1, 6))
    assert _due(datetime.date(2027, 1, 25))[("boxall", "leaving")].due_on == datetime.date(2027, 2, 12)
