"""What staff see and do on the reintegration pages, and flat query counts on every page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from assessments.tests.factories import BoxallProfileFactory, SdqAssessmentFactory
from pupils.models import Placement
from pupils.tests.factories import PlacementFactory, PupilFactory
from reintegration.models import FollowUp, Graduation, ReadinessAssessment, ReadinessCriterion, TransitionPlan
from reintegration.services import plan_start, scale_ensure_default

from .factories import FollowUpFactory, GraduationFactory, ReadinessAssessmentFactory


@pytest.fixture
def criteria(school):
    scale_ensure_default(school=school)
    return list(ReadinessCriterion.objects.filter(school=school).order_by("category__position", "position"))


def _former(school, group, school_class=None, **kwargs):
    pupil = PupilFactory(school=school, school_class=school_class)
    return GraduationFactory(placement__pupil=pupil, placement__group=group, **kwargs)


class TestReadiness:
    def test_the_pupils_page_shows_ready_and_offers_a_plan_at_the_threshold(self, client, senco, placed_pupil):
        ReadinessAssessmentFactory(pupil=placed_pupil, points=20, rated_count=10)  # 66.7%
        client.force_login(senco)
        url = reverse("reintegration:pupil-reintegration", args=[placed_pupil.pk])
        page = client.get(url).content.decode()
        assert "66.7%" in page and "Ready to start the return" not in page
        ReadinessAssessmentFactory(pupil=placed_pupil, points=25, rated_count=10,
                                   assessed_on=datetime.date(2026, 11, 2))
        page = client.get(url).content.decode()
        assert "Ready to start the return" in page and "Start a transition plan" in page
        assert "<svg" in page and "Readiness, SDQ and Boxall over time" in page

    def test_one_criterion_rated_at_the_top_is_not_enough_rated_to_judge(self, client, senco, placed_pupil,
                                                                          criteria):
        client.force_login(senco)
        data = {"assessed_on": "2026-11-20", "setting": "group", "note": "", f"rating_{criteria[0].pk}": "3"}

        response = client.post(reverse("reintegration:readiness-create", args=[placed_pupil.pk]), data, follow=True)

        page = response.content.decode()
        assessment = ReadinessAssessment.objects.get()
        assert assessment.percent == 100 and (assessment.rated_count, assessment.criteria_count) == (1, len(criteria))
        assert "Not enough rated to judge" in page and "not enough rated to judge" in page
        assert f"1 of {len(criteria)} criteria were rated" in page
        assert "Ready to start the return" not in page and "Start a transition plan" not in page

    def test_enough_rated_in_class_counts_like_enough_rated_in_the_group(self, client, senco, placed_pupil,
                                                                         criteria):
        ReadinessAssessmentFactory(pupil=placed_pupil, setting="class", points=3 * 13, rated_count=13,
                                   criteria_count=16)  # 81% of the scale rated, all at the top
        client.force_login(senco)

        page = client.get(reverse("reintegration:pupil-reintegration", args=[placed_pupil.pk])).content.decode()

        assert "Ready to start the return" in page

    def test_rating_readiness_records_the_score(self, client, nurture_staff, placed_pupil, criteria):
        client.force_login(nurture_staff)
        data = {"assessed_on": "2026-11-20", "setting": "group", "note": ""}
        data.update({f"rating_{c.pk}": "3" for c in criteria[:4]})
        data[f"rating_{criteria[4].pk}"] = "1"
        response = client.post(reverse("reintegration:readiness-create", args=[placed_pupil.pk]), data)
        assert response.status_code == 302
        assessment = ReadinessAssessment.objects.get()
        assert (assessment.points, assessment.rated_count) == (13, 5)  # 13 of 15 = 86.7%
        assert str(assessment.percent) == "86.7"

    def test_a_class_teacher_rates_only_in_class(self, client, class_teacher, placed_pupil, criteria):
        client.force_login(class_teacher)
        url = reverse("reintegration:readiness-create", args=[placed_pupil.pk])
        page = client.get(url).content.decode()
        assert 'value="group"' not in page and 'value="class"' in page
        data = {"assessed_on": "2026-11-20", "setting": "group", f"rating_{criteria[0].pk}": "2"}
        response = client.post(url, data)
        assert response.status_code == 200 and not ReadinessAssessment.objects.exists()
        data["setting"] = "class"
        assert client.post(url, data).status_code == 302

    def test_nothing_rated_is_refused_and_the_notes_are_kept(self, client, senco, placed_pupil, criteria):
        client.force_login(senco)
        data = {"assessed_on": "2026-11-20", "setting": "group", f"note_{criteria[0].pk}": "Was absent on Tuesday"}
        response = client.post(reverse("reintegration:readiness-create", args=[placed_pupil.pk]), data)
        page = response.content.decode()
        assert response.status_code == 200 and "Rate at least one criterion" in page
        assert "Was absent on Tuesday" in page


class TestPlanAndGraduation:
    def test_plan_journey_through_the_views(self, client, senco, placed_pupil):
        client.force_login(senco)
        client.post(reverse("reintegration:plan-start", args=[placed_pupil.pk]))
        plan = TransitionPlan.objects.get()
        edit = reverse("reintegration:plan-edit", args=[placed_pupil.pk])
        data = {
            "version": "1", "starts_on": "2026-11-30", "strategies": "Visual timetable on the desk.",
            "weeks-TOTAL_FORMS": "2", "weeks-INITIAL_FORMS": "0",
            "weeks-0-week": "1", "weeks-0-class_sessions": "6", "weeks-0-group_sessions": "4",
            "weeks-1-week": "2", "weeks-1-class_sessions": "3", "weeks-1-group_sessions": "4",
            "support-TOTAL_FORMS": "1", "support-INITIAL_FORMS": "0",
            "support-0-who": "Mrs Pell (TA)", "support-0-what": "Check-in", "support-0-when": "Mornings",
            "reviews-TOTAL_FORMS": "1", "reviews-INITIAL_FORMS": "0", "reviews-0-review_on": "2026-12-14",
        }
        response = client.post(edit, data)
        assert response.status_code == 200 and "should rise" in response.content.decode()
        assert "Visual timetable on the desk." in response.content.decode()  # nothing typed is lost
        data["weeks-1-class_sessions"] = "8"
        data["weeks-1-group_sessions"] = "2"
        assert client.post(edit, data).status_code == 302
        assert [w.class_sessions for w in plan.weeks.all()] == [6, 8]
        page = client.get(reverse("reintegration:plan-detail", args=[placed_pupil.pk])).content.decode()
        assert "Mrs Pell (TA)" in page and "Targets carrying on into class" in page
        # A second person who opened the form before that save does not overwrite it.
        data["strategies"] = "Something else"
        response = client.post(edit, data)
        assert response.status_code == 200 and "Someone else saved this plan" in response.content.decode()
        plan.refresh_from_db()
        assert plan.strategies == "Visual timetable on the desk." and plan.version == 2

    def test_graduation_without_an_ending_is_refused(self, client, senco, placed_pupil):
        client.force_login(senco)
        url = reverse("reintegration:graduate", args=[placed_pupil.pk])
        response = client.post(url, {"graduated_on": "2026-11-20", "ritual": "ceremony",
                                     "ritual_note": "Assembly with her class"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Say how the placement ended." in page and "Assembly with her class" in page
        assert Placement.objects.get().status == Placement.Status.ACTIVE
        response = client.post(url, {"graduated_on": "2026-11-20", "ritual": "ceremony", "ending": "specialist"})
        assert response.status_code == 302
        assert Graduation.objects.get().ending == "specialist"
        assert Placement.objects.get().status == Placement.Status.ENDED

    def test_a_follow_up_links_a_new_sdq(self, client, senco, school, group):
        graduation = _former(school, group)
        sdq = SdqAssessmentFactory(pupil=graduation.pupil, completed_on=datetime.date(2025, 6, 1))
        client.force_login(senco)
        url = reverse("reintegration:follow-up-create", args=[graduation.pupil_id, graduation.pk])
        response = client.post(url, {"term": "2024-summer", "recorded_on": "2025-07-01", "coping": "with_support",
                                     "sdq": sdq.pk, "attainment": "reasonable", "attendance_percent": "94.5",
                                     "exclusions": "0"})
        assert response.status_code == 302
        follow_up = FollowUp.objects.get()
        assert follow_up.semh_total == sdq.total


class TestCohort:
    def test_cohort_groups_by_year_left_and_counts_no_evidence(self, client, senco, school, group):
        early = _former(school, group)  # left spring 2025 (school year 2024-25)
        FollowUpFactory(graduation=early, coping="not_coping", attainment="slow")
        _former(school, group)  # no follow-up: no evidence
        later_placement = PlacementFactory(pupil=PupilFactory(school=school), group=group,
                                           start_date=datetime.date(2025, 9, 15), end_date=datetime.date(2026, 2, 1),
                                           status="ended")
        GraduationFactory(placement=later_placement)
        client.force_login(senco)
        response = client.get(reverse("reintegration:cohort"))
        page = response.content.decode()
        assert "Left in 2025-26" in page and "Left in 2024-25" in page
        years = dict((year.year, counts) for year, counts, _ in response.context["years"])
        assert years[2024]["coping_no_evidence"] == 1 and years[2024]["pupils"] == 2
        assert dict(years[2024]["coping"])["Not coping"] == 1
        assert years[2025]["coping_no_evidence"] == 1
        assert page.count("No evidence") >= 6

    def test_sdq_change_since_leaving(self, client, senco, school, group):
        graduation = _former(school, group)
        SdqAssessmentFactory(pupil=graduation.pupil, completed_on=datetime.date(2025, 3, 1))  # total 20 at leaving
        FollowUpFactory(graduation=graduation, sdq_total=12)
        client.force_login(senco)
        response = client.get(reverse("reintegration:cohort"))
        [(year, counts, _)] = response.context["years"]
        assert counts["sdq_better"] == 1
        assert "20 → 12" in response.content.decode()


    def test_search_and_year_keep_the_years_figures(self, client, senco, school, group):
        first = _former(school, group)
        _former(school, group)
        client.force_login(senco)
        response = client.get(reverse("reintegration:cohort"), {"q": first.pupil.full_name, "year": "2024"})
        [(year, counts, matching)] = response.context["years"]
        assert [row.pupil for row in matching] == [first.pupil] and counts["pupils"] == 2
        response = client.get(reverse("reintegration:cohort"), {"year": "2019"})
        assert response.context["years"] == []


class TestDashboard:
    def test_senco_dashboard_marks_the_pupil_ready(self, client, senco, placed_pupil):
        ReadinessAssessmentFactory(pupil=placed_pupil, points=27, rated_count=10)
        client.force_login(senco)
        page = client.get(reverse("dashboard", args=["senco"])).content.decode()
        assert "Ready to start the return" in page and placed_pupil.full_name in page
        assert "start a transition plan" in page

    def test_class_teacher_sees_the_case_section_but_no_dashboard_panel(self, client, class_teacher, placed_pupil):
        ReadinessAssessmentFactory(pupil=placed_pupil, points=27, rated_count=10)
        client.force_login(class_teacher)
        dashboard = client.get(reverse("dashboard", args=["class_teacher"])).content.decode()
        assert "reintegration-ready-heading" not in dashboard
        page = client.get(placed_pupil.get_absolute_url()).content.decode()
        assert "Return to class" in page and "90.0%" in page


class TestQueryCounts:
    """Every page keeps the same number of queries as its records grow (the conftest's budget of 25)."""

    @pytest.fixture
    def busy(self, school, group, senco, placed_pupil, criteria):
        """Grow the pupil's history and the school's former pupils."""

        def grow(count=4):
            for index in range(count):
                ReadinessAssessmentFactory(pupil=placed_pupil, assessed_by=senco,
                                           assessed_on=datetime.date(2026, 9, 20) + datetime.timedelta(days=index))
                SdqAssessmentFactory(pupil=placed_pupil, recorded_by=senco)
                BoxallProfileFactory(pupil=placed_pupil, recorded_by=senco)
                graduation = _former(school, group, recorded_by=senco)
                FollowUpFactory(graduation=graduation)
                ReadinessAssessmentFactory(pupil=PlacementFactory(group=group, pupil__school=school).pupil)
        return grow

    @pytest.mark.parametrize("name", ["due", "cohort", "scale"])
    def test_school_pages(self, client, senco, busy, assert_flat_queries, name):
        busy(1)
        client.force_login(senco)
        assert_flat_queries(reverse(f"reintegration:{name}"), busy)

    def test_dashboard_and_case_page(self, client, senco, busy, placed_pupil, assert_flat_queries):
        busy(1)
        client.force_login(senco)
        assert_flat_queries(reverse("dashboard", args=["senco"]), busy)
        assert_flat_queries(placed_pupil.get_absolute_url(), busy)

    @pytest.mark.parametrize("name", ["pupil-reintegration", "readiness-create", "plan-detail", "plan-edit",
                                      "graduate"])
    def test_pupil_pages(self, client, senco, busy, placed_pupil, assert_flat_queries, name):
        busy(1)
        plan_start(pupil=placed_pupil, user=senco)
        client.force_login(senco)
        assert_flat_queries(reverse(f"reintegration:{name}", args=[placed_pupil.pk]), busy)

    def test_readiness_detail(self, client, senco, busy, placed_pupil, criteria, assert_flat_queries):
        from reintegration.services import readiness_assess

        assessment = readiness_assess(pupil=placed_pupil, user=senco, assessed_on=datetime.date(2026, 11, 2),
                                      setting="group", ratings={c.pk: (2, "ok") for c in criteria})
        client.force_login(senco)
        assert_flat_queries(reverse("reintegration:readiness-detail", args=[placed_pupil.pk, assessment.pk]), busy)

    def test_former_pupil_and_follow_up_pages(self, client, senco, school, group, busy, assert_flat_queries):
        graduation = _former(school, group, recorded_by=senco)

        def grow():
            busy()
            for term in ("2024-summer", "2025-autumn", "2025-spring"):
                FollowUpFactory(graduation=graduation, term=term)
            SdqAssessmentFactory(pupil=graduation.pupil, completed_on=datetime.date(2025, 6, 1))

        client.force_login(senco)
        assert_flat_queries(reverse("reintegration:pupil-reintegration", args=[graduation.pupil_id]), grow)
        assert_flat_queries(reverse("reintegration:follow-up-create", args=[graduation.pupil_id, graduation.pk]),
                            busy)

    def test_criterion_edit(self, client, senco, criteria, busy, assert_flat_queries):
        client.force_login(senco)
        assert_flat_queries(reverse("reintegration:criterion-edit", args=[criteria[0].pk]), busy)


class TestScalePage:
    def test_senco_rewords_retires_and_adds_criteria(self, client, senco, criteria, placed_pupil):
        client.force_login(senco)
        client.post(reverse("reintegration:criterion-edit", args=[criteria[0].pk]),
                    {"wording": "Settles in class within five minutes"})
        client.post(reverse("reintegration:criterion-retire", args=[criteria[1].pk]))
        response = client.post(reverse("reintegration:scale"), {"action": "add", "add-wording": "Uses a calm corner"})
        assert response.status_code == 200 and "Choose a category or name a new one." in response.content.decode()
        assert "Uses a calm corner" in response.content.decode()  # what was typed is kept
        client.post(reverse("reintegration:scale"), {"action": "add", "add-wording": "Uses a calm corner",
                                                     "add-new_category": "Regulation"})
        page = client.get(reverse("reintegration:scale")).content.decode()
        assert "Settles in class within five minutes" in page and "Retired" in page and "Regulation" in page
        form = client.get(reverse("reintegration:readiness-create", args=[placed_pupil.pk])).content.decode()
        assert criteria[1].wording not in form and "Uses a calm corner" in form

    def test_senco_sets_the_threshold(self, client, senco, placed_pupil):
        ReadinessAssessmentFactory(pupil=placed_pupil, points=21, rated_count=10)  # 70%
        client.force_login(senco)
        response = client.post(reverse("reintegration:scale"), {"action": "settings", "settings-threshold": "70",
                                                                 "settings-follow_up_terms": "4"})
        assert response.status_code == 302
        page = client.get(reverse("reintegration:pupil-reintegration", args=[placed_pupil.pk])).content.decode()
        assert "Ready to start the return" in page and "ready at 70%" in page

    def test_a_bad_threshold_is_shown_beside_the_field(self, client, senco):
        client.force_login(senco)
        response = client.post(reverse("reintegration:scale"), {"action": "settings", "settings-threshold": "180",
                                                                 "settings-follow_up_terms": "2"})
        page = response.content.decode()
        assert response.status_code == 200 and 'value="180"' in page
        assert "less than or equal to 100" in page and "greater than or equal to 3" in page


def test_a_class_teacher_sees_a_former_pupils_follow_ups(client, class_teacher, school, school_class, group):
    graduation = _former(school, group, school_class=school_class)
    FollowUpFactory(graduation=graduation, coping="not_coping")
    client.force_login(class_teacher)
    page = client.get(reverse("reintegration:pupil-reintegration", args=[graduation.pupil_id])).content.decode()
    assert "Not coping" in page and "Record a follow-up" not in page


@pytest.mark.django_db
def test_the_pupils_end_button_sends_the_user_to_graduation_so_an_ending_is_always_recorded(client, senco,
                                                                                              placed_pupil):
    from django.urls import reverse

    placement = placed_pupil.placements.get()
    client.force_login(senco)

    for response in (client.get(reverse("pupils:placement-end", args=[placement.pk])),
                     client.post(reverse("pupils:placement-end", args=[placement.pk]),
                                 {"end_date": "2026-12-01", "reason": "Free text only"})):
        assert response.status_code == 302
        assert response.url == reverse("reintegration:graduate", kwargs={"pupil_pk": placed_pupil.pk})
    placement.refresh_from_db()
    assert placement.end_date is None, "nothing ends without one of the four endings"
