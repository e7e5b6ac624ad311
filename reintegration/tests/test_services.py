"""Readiness arithmetic, the scale's edits, the plan's lifecycle, graduation and follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.terms import Term
from pupils.models import Placement, PlacementEvent
from reintegration.models import (
    Ending,
    FollowUp,
    ReadinessCriterion,
    Ritual,
    Setting,
    TransitionPlan,
    readiness_percent,
)
from reintegration.selectors import (
    follow_ups_due,
    readiness_due,
    ready_pupils,
    scale_for_school,
)
from reintegration.services import (
    criterion_add,
    criterion_retire,
    criterion_reword,
    follow_up_record,
    graduation_record,
    plan_set_status,
    plan_start,
    plan_update,
    readiness_assess,
    readiness_settings_update,
    scale_ensure_default,
)

from .factories import GraduationFactory, ReadinessAssessmentFactory

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def criteria(school):
    scale_ensure_default(school=school)
    return list(ReadinessCriterion.objects.filter(school=school).order_by("category__position", "position"))


def _assess(pupil, user, ratings, day=datetime.date(2026, 11, 2), setting=Setting.GROUP):
    return readiness_assess(pupil=pupil, user=user, assessed_on=day, setting=setting, ratings=ratings)


class TestReadinessArithmetic:
    def test_percent_is_points_over_the_maximum_of_the_criteria_rated(self):
        # 4 criteria rated 3, 2, 2, 1 = 8 points of 4 x 3 = 12: 66.7%.
        assert readiness_percent(8, 4) == Decimal("66.7")
        assert readiness_percent(12, 4) == Decimal("100.0")
        assert readiness_percent(0, 5) == Decimal("0.0")
        assert readiness_percent(0, 0) is None

    def test_unrated_criteria_are_left_out_of_the_maximum(self, placed_pupil, senco, criteria):
        # Five criteria: rated 3, 3, 2, and two not rated. 8 of 3 x 3 = 9 points: 88.9%,
        # not 8 of 15 (53.3%) as it would be if unrated counted as zero.
        ratings = {criteria[0].pk: (3, ""), criteria[1].pk: (3, ""), criteria[2].pk: (2, ""),
                   criteria[3].pk: (None, ""), criteria[4].pk: (None, "not seen this week")}
        assessment = _assess(placed_pupil, senco, ratings)
        assert (assessment.points, assessment.rated_count) == (8, 3)
        assert assessment.percent == Decimal("88.9")
        # The note on an unrated criterion is kept, the other unrated one leaves no row.
        assert assessment.ratings.count() == 4

    def test_a_retired_criterion_keeps_counting_in_old_assessments(self, placed_pupil, senco, criteria):
        # Old assessment: four criteria rated 3, 0, 3, 2 = 8 of 12 = 66.7%.
        old = _assess(placed_pupil, senco, {criteria[0].pk: (3, ""), criteria[1].pk: (0, ""),
                                            criteria[2].pk: (3, ""), criteria[3].pk: (2, "")},
                      day=datetime.date(2026, 10, 5))
        criterion_retire(criterion=criteria[1], user=senco, on=datetime.date(2026, 10, 10))
        old.refresh_from_db()
        assert old.percent == Decimal("66.7")
        assert old.ratings.get(criterion=criteria[1]).rating == 0
        # New assessment: the retired criterion cannot be rated; 3 + 3 + 2 = 8 of 9 = 88.9%.
        with pytest.raises(ValidationError):
            _assess(placed_pupil, senco, {criteria[1].pk: (3, "")})
        new = _assess(placed_pupil, senco, {criteria[0].pk: (3, ""), criteria[2].pk: (3, ""),
                                            criteria[3].pk: (2, "")})
        assert new.percent == Decimal("88.9")

    def test_retired_and_unrated_together(self, placed_pupil, senco, criteria):
        # Rated before retirement: 2, 1 (retired later), 3; unrated: one. 6 of 9 = 66.7%.
        first = _assess(placed_pupil, senco, {criteria[0].pk: (2, ""), criteria[1].pk: (1, ""),
                                              criteria[2].pk: (3, ""), criteria[3].pk: (None, "")},
                        day=datetime.date(2026, 10, 5))
        criterion_retire(criterion=criteria[1], user=senco, on=datetime.date(2026, 10, 6))
        first.refresh_from_db()
        assert (first.points, first.rated_count, first.percent) == (6, 3, Decimal("66.7"))

    def test_rewording_keeps_the_wording_an_old_assessment_was_rated_against(self, placed_pupil, senco, criteria):
        before = criteria[0].wording
        assessment = _assess(placed_pupil, senco, {criteria[0].pk: (2, "")})
        criterion_reword(criterion=criteria[0], user=senco, wording="Settles in class within five minutes")
        assert assessment.ratings.get().wording == before
        later = _assess(placed_pupil, senco, {criteria[0].pk: (3, "")})
        assert later.ratings.get().wording == "Settles in class within five minutes"

    def test_nothing_rated_is_refused(self, placed_pupil, senco, criteria):
        with pytest.raises(ValidationError):
            _assess(placed_pupil, senco, {criteria[0].pk: (None, "")})

    def test_another_schools_criterion_is_refused(self, placed_pupil, senco, criteria, other_school):
        scale_ensure_default(school=other_school)
        foreign = ReadinessCriterion.objects.filter(school=other_school).first()
        with pytest.raises(ValidationError):
            _assess(placed_pupil, senco, {foreign.pk: (3, "")})

    def test_a_rating_above_the_scale_is_refused(self, placed_pupil, senco, criteria):
        with pytest.raises(ValidationError):
            _assess(placed_pupil, senco, {criteria[0].pk: (4, "")})


class TestScale:
    def test_the_default_scale_is_made_once(self, school):
        assert scale_ensure_default(school=school) is True
        assert scale_ensure_default(school=school) is False
        categories = scale_for_school(school)
        assert len(categories) == 4
        assert sum(len(c.criteria_list) for c in categories) == 17

    def test_a_criterion_can_be_added_in_a_new_category(self, school, senco, criteria):
        criterion = criterion_add(school=school, user=senco, wording="Uses the class calm corner",
                                  new_category="Regulation")
        assert criterion.category.name == "Regulation"
        assert criterion in scale_for_school(school, in_use_only=True)[-1].criteria_list

    def test_the_threshold_is_set_per_school(self, school, senco, placed_pupil, criteria):
        _assess(placed_pupil, senco, {c.pk: (2, "") for c in criteria})  # 66.7%, the whole scale rated
        assert ready_pupils(senco) == []
        readiness_settings_update(school=school, user=senco, threshold=65, follow_up_terms=3)
        assert [row.pupil for row in ready_pupils(senco)] == [placed_pupil]

    def test_fewer_than_three_follow_up_terms_is_refused(self, school, senco):
        with pytest.raises(ValidationError):
            readiness_settings_update(school=school, user=senco, threshold=80, follow_up_terms=2)


class TestDue:
    def test_readiness_falls_due_every_half_term(self, senco, placed_pupil):
        # Placed 14 Sep 2026: first due 26 Oct (six weeks), overdue by 23 Nov.
        [row] = readiness_due(senco, today=TODAY)
        assert row.due_on == datetime.date(2026, 10, 26)
        ReadinessAssessmentFactory(pupil=placed_pupil, assessed_on=datetime.date(2026, 11, 16))
        assert readiness_due(senco, today=TODAY) == []  # next due 28 Dec: not within two weeks

    def test_follow_ups_fall_due_each_term_after_leaving(self, senco, school):
        graduation = GraduationFactory(placement__pupil__school=school, placement__group__school=school)
        # Left 28 Mar 2025 (spring 2025): follow-ups due summer 2025, autumn 2025, spring 2026.
        rows = follow_ups_due(senco, today=TODAY)
        assert [row.term.label for row in rows] == ["Summer 2025", "Autumn 2025", "Spring 2026"]
        follow_up_record(graduation=graduation, user=senco, term="2024-summer", recorded_on=TODAY,
                         coping="well")
        assert [row.term.label for row in follow_ups_due(senco, today=TODAY)] == ["Autumn 2025", "Spring 2026"]


class TestPlanAndGraduation:
    def test_plan_starts_as_a_draft_with_a_phased_timetable(self, placed_pupil, senco):
        plan = plan_start(pupil=placed_pupil, user=senco)
        weeks = list(plan.weeks.all())
        assert [w.group_sessions for w in weeks] == [4, 2, 1, 0] or weeks[-1].group_sessions == 0
        assert all(a.class_sessions <= b.class_sessions for a, b in zip(weeks, weeks[1:], strict=False))
        with pytest.raises(ValidationError):
            plan_start(pupil=placed_pupil, user=senco)

    def test_class_sessions_falling_is_refused(self, placed_pupil, senco):
        plan = plan_start(pupil=placed_pupil, user=senco)
        weeks = [{"week": 1, "class_sessions": 6, "group_sessions": 4, "note": ""},
                 {"week": 2, "class_sessions": 4, "group_sessions": 4, "note": ""}]
        with pytest.raises(ValidationError):
            plan_update(plan=plan, user=senco, starts_on=TODAY, strategies="", weeks=weeks, support=[], reviews=[])

    def test_plan_lifecycle_refuses_skipping_a_step(self, placed_pupil, senco):
        plan = plan_start(pupil=placed_pupil, user=senco)
        with pytest.raises(ValidationError):
            plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.COMPLETED)
        plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.ACTIVE)
        plan = plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.COMPLETED)
        assert plan.completed_on is not None
        with pytest.raises(ValidationError):
            plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.ACTIVE)

    def test_graduation_ends_the_placement_with_its_history(self, placed_pupil, senco):
        placement = Placement.objects.get(pupil=placed_pupil)
        graduation = graduation_record(placement=placement, user=senco, graduated_on=TODAY,
                                       ritual=Ritual.SPARKLE_BOOK, ending=Ending.RETURNED_FULL_TIME)
        placement.refresh_from_db()
        assert placement.status == Placement.Status.ENDED and placement.end_date == TODAY
        assert placement.end_reason == "Returned to class full time"
        assert PlacementEvent.objects.filter(placement=placement, kind=PlacementEvent.Kind.ENDED).exists()
        assert graduation.term == Term(2026, 0)

    def test_ending_a_placement_without_a_known_ending_is_refused(self, placed_pupil, senco):
        placement = Placement.objects.get(pupil=placed_pupil)
        for ending in ("", "expelled"):
            with pytest.raises(ValidationError):
                graduation_record(placement=placement, user=senco, graduated_on=TODAY, ritual=Ritual.CEREMONY,
                                  ending=ending)
        placement.refresh_from_db()
        assert placement.status == Placement.Status.ACTIVE

    def test_graduation_completes_a_plan_under_way(self, placed_pupil, senco):
        plan = plan_start(pupil=placed_pupil, user=senco)
        plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.ACTIVE)
        graduation_record(placement=plan.placement, user=senco, graduated_on=TODAY, ritual=Ritual.CEREMONY,
                          ending=Ending.MOVED_SCHOOL)
        plan.refresh_from_db()
        assert plan.status == TransitionPlan.Status.COMPLETED

    def test_a_follow_up_is_for_a_term_after_leaving_and_once_a_term(self, senco, school):
        graduation = GraduationFactory(placement__pupil__school=school, placement__group__school=school)
        with pytest.raises(ValidationError):
            follow_up_record(graduation=graduation, user=senco, term="2024-spring", recorded_on=TODAY,
                             coping="well")
        follow_up_record(graduation=graduation, user=senco, term="2025-autumn", recorded_on=TODAY,
                         coping="with_support", sdq_total=14)
        with pytest.raises(ValidationError):
            follow_up_record(graduation=graduation, user=senco, term="2025-autumn", recorded_on=TODAY,
                             coping="well")
        assert FollowUp.objects.get().semh_total == 14
