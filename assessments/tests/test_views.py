"""Pages of the assessments app, as the people who use them see them."""

import datetime
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import boxall
from assessments.models import AttendanceRecord, BoxallProfile, BoxallSettings, SdqAssessment
from core.terms import Term
from pupils.tests.factories import PlacementFactory, PupilFactory

from .factories import (
    AttainmentRecordFactory,
    AttendanceRecordFactory,
    BoxallProfileFactory,
    IncidentFactory,
    SdqAssessmentFactory,
)


def _sdq_post(**overrides):
    data = {"informant": "teacher", "purpose": "baseline", "completed_on": "2026-10-01",
            "completed_by_name": "Jo Fenwright", "completed_by_role": "Class teacher",
            **{f"item_{item}": "2" for item in range(1, 26)}}
    data.update(overrides)
    return data


def test_entering_an_sdq_scores_it_and_returns_to_the_whole_child_page(item_entry_licences, client, senco,
                                                                      placed_pupil):
    client.force_login(senco)
    response = client.post(reverse("assessments:sdq-new", args=[placed_pupil.pk]),
                           _sdq_post(has_difficulties="yes", impact_distress="3"), follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("assessments:whole-child", args=[placed_pupil.pk]) + "#sdq")
    assert "SDQ saved. Total difficulties: 30 (very high)." in response.content.decode()
    sdq = SdqAssessment.objects.get()
    assert sdq.recorded_by == senco and sdq.completed_by_name == "Jo Fenwright" and sdq.impact == 2


def test_bad_sdq_input_is_explained_beside_the_field_and_keeps_every_answer(item_entry_licences, client, senco, pupil):
    client.force_login(senco)
    data = _sdq_post(completed_on="2099-01-01", item_3="0", informant="teacher", impact_home="2")
    response = client.post(reverse("assessments:sdq-new", args=[pupil.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200 and not SdqAssessment.objects.exists()
    assert "This date cannot be in the future" in body
    assert "This question is not on the teacher form" in body
    checked = re.findall(r'name="item_(\d+)" value="(\d)"[^>]*checked', body)
    assert len(checked) == 25 and ("3", "0") in checked
    assert 'value="Jo Fenwright"' in body


def test_an_sdq_with_no_answers_is_refused_with_a_message(item_entry_licences, client, senco, pupil):
    client.force_login(senco)
    data = {k: v for k, v in _sdq_post().items() if not k.startswith("item_")}
    response = client.post(reverse("assessments:sdq-new", args=[pupil.pk]), data)
    assert "Tick at least one answer" in response.content.decode()


def test_a_class_teacher_is_offered_only_the_teacher_version(item_entry_licences, client, class_teacher, pupil):
    client.force_login(class_teacher)
    url = reverse("assessments:sdq-new", args=[pupil.pk])
    assert 'value="parent"' not in client.get(url).content.decode()
    response = client.post(url, _sdq_post(informant="parent"))
    assert response.status_code == 200 and not SdqAssessment.objects.exists()


def test_entering_a_boxall_profile_saves_its_cluster_totals(item_entry_licences, client, nurture_staff, placed_pupil):
    client.force_login(nurture_staff)
    data = {"purpose": "baseline", "completed_on": "2026-10-01", "completed_by_name": "Sam",
            **{f"item_{key}": "3" for key in boxall.ALL_ITEM_KEYS}}
    data["item_35"] = "9"  # out of range: refused beside the item, the rest kept
    response = client.post(reverse("assessments:boxall-new", args=[placed_pupil.pk]), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    data["item_35"] = "1"
    response = client.post(reverse("assessments:boxall-new", args=[placed_pupil.pk]), data)
    assert response.status_code == 302
    assert BoxallProfile.objects.get().cluster_totals["Q"] == 1 + 3 * 3


def test_attainment_attendance_and_incidents_are_entered_for_a_term(client, senco, pupil):
    client.force_login(senco)
    term = Term.for_date(datetime.date.today()).code
    response = client.post(reverse("assessments:attainment-new", args=[pupil.pk]),
                           {"term": term, "reading": "exs", "maths": "wts", "reading_age_years": "7",
                            "reading_age_extra_months": "3"})
    assert response.status_code == 302
    response = client.post(reverse("assessments:attendance-new", args=[pupil.pk]), {"term": term, "percent": "101"})
    assert "less than or equal to 100" in response.content.decode()
    client.post(reverse("assessments:attendance-new", args=[pupil.pk]), {"term": term, "percent": "94.5"})
    response = client.post(reverse("assessments:incident-new", args=[pupil.pk]),
                           {"kind": "exclusion", "occurred_on": "2026-10-02", "note": "Fixed-term."})
    assert "how many days" in response.content.decode()
    client.post(reverse("assessments:incident-new", args=[pupil.pk]),
                {"kind": "exclusion", "occurred_on": "2026-10-02", "days": "1", "note": "Fixed-term."})
    page = client.get(reverse("assessments:whole-child", args=[pupil.pk])).content.decode()
    assert "Expected standard" in page and "7y 3m" in page and "94.5%" in page and "Fixed-term." in page


def test_the_whole_child_page_shows_sdq_bands_the_boxall_chart_and_terms_and_is_audited(
    client, nurture_staff, placed_pupil
):
    SdqAssessmentFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 7, 1), purpose="baseline")
    SdqAssessmentFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 11, 1),
                         answers={str(i): 0 for i in range(1, 26)})
    BoxallProfileFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 7, 1))
    BoxallProfileFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 11, 1),
                         item_scores={str(k): 4 if k <= 34 else 0 for k in boxall.ALL_ITEM_KEYS})
    client.force_login(nurture_staff)
    body = client.get(reverse("assessments:whole-child", args=[placed_pupil.pk])).content.decode()
    assert body.count("<svg") == 6 + 1 + 2  # six SDQ scales, the Boxall chart, attendance and incidents
    assert "Total difficulties" in body and "slightly raised" in body
    assert "Default — replace" in body
    assert "A Gives purposeful attention" in body and "within range" in body
    assert "<script>" not in body and "onclick" not in body
    assert LogEntry.objects.filter(additional_data__page="whole child",
                                   additional_data__pupil_id=placed_pupil.pk).exists()


AUTUMN_2026 = Term(2026, 0)


def _history(pupil, terms: int, newest: Term = AUTUMN_2026):
    term = newest
    for _ in range(terms):
        day = term.start + datetime.timedelta(days=20)
        SdqAssessmentFactory(pupil=pupil, completed_on=day)
        SdqAssessmentFactory(pupil=pupil, completed_on=day, informant="parent")
        BoxallProfileFactory(pupil=pupil, completed_on=day)
        AttainmentRecordFactory(pupil=pupil, term=term.code)
        AttendanceRecordFactory(pupil=pupil, term=term.code)
        IncidentFactory(pupil=pupil, occurred_on=day)
        IncidentFactory(pupil=pupil, occurred_on=day, kind="exclusion", days=Decimal("1"))
        term = term.previous()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_whole_child_page_query_count_is_flat_as_terms_are_added(
    client, senco, school, group, django_assert_max_num_queries
):
    short, long = PupilFactory(school=school), PupilFactory(school=school)
    for pupil in (short, long):
        PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2025, 1, 6))
    _history(short, 1)
    _history(long, 9)
    client.force_login(senco)
    few = _count_queries(client, reverse("assessments:whole-child", args=[short.pk]))
    with django_assert_max_num_queries(few):
        client.get(reverse("assessments:whole-child", args=[long.pk]))
    assert few <= 20


def test_the_group_view_query_count_does_not_grow_with_the_group(client, senco, school, group,
                                                                 django_assert_max_num_queries):
    first = PupilFactory(school=school)
    PlacementFactory(pupil=first, group=group)
    _history(first, 2)
    client.force_login(senco)
    url = reverse("assessments:group-assessments", args=[group.pk])
    one = _count_queries(client, url)
    for _ in range(8):
        pupil = PupilFactory(school=school)
        PlacementFactory(pupil=pupil, group=group)
        _history(pupil, 2)
    with django_assert_max_num_queries(one):
        body = client.get(url).content.decode()
    assert body.count("whole-child") == 9


def test_the_group_view_shows_latest_sdq_band_clusters_outside_range_and_attendance(client, senco, placed_pupil,
                                                                                    group):
    SdqAssessmentFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 7, 1),
                         answers={str(i): 2 for i in range(1, 26)})
    SdqAssessmentFactory(pupil=placed_pupil, completed_on=datetime.date(2026, 11, 1))
    BoxallProfileFactory(pupil=placed_pupil, item_scores={str(k): 0 for k in boxall.ALL_ITEM_KEYS})
    AttendanceRecordFactory(pupil=placed_pupil, term="2026-autumn", percent=Decimal("88.5"))
    client.force_login(senco)
    body = client.get(reverse("assessments:group-assessments", args=[group.pk])).content.decode()
    latest = SdqAssessment.objects.order_by("completed_on").last()
    assert f"{latest.total} <small>{latest.total_band}</small>" in body
    assert '<abbr title="Gives purposeful attention">A</abbr>' in body and "Q</abbr>" not in body
    assert "88.5%" in body


def test_the_case_page_links_to_the_whole_child_with_a_summary(client, class_teacher, pupil,
                                                               django_assert_max_num_queries):
    _history(pupil, 1)
    client.force_login(class_teacher)
    url = reverse("pupils:pupil-detail", args=[pupil.pk])
    one = _count_queries(client, url)
    _history(pupil, 6, newest=Term(2025, 2))
    with django_assert_max_num_queries(one):
        body = client.get(url).content.decode()
    assert reverse("assessments:whole-child", args=[pupil.pk]) in body
    assert "Latest teacher SDQ: total difficulties" in body


def test_the_case_page_of_a_governor_or_admin_has_no_assessment_summary(client, school_admin, pupil):
    client.force_login(school_admin)
    body = client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).content.decode()
    assert "whole child" not in body.lower()


def test_dashboards_list_what_is_due_for_nurture_staff_and_the_senco(client, senco, nurture_staff, placed_pupil,
                                                                     django_assert_max_num_queries):
    for user, role in ((nurture_staff, "nurture_staff"), (senco, "senco")):
        client.force_login(user)
        url = reverse("dashboard", args=[role])
        body = client.get(url).content.decode()
        assert "Assessments due" in body and "SDQ (teacher): baseline" in body and "overdue" in body
        assert placed_pupil.full_name in body
    many = _count_queries(client, url)
    for _ in range(5):
        PlacementFactory(pupil=PupilFactory(school=placed_pupil.school), group=placed_pupil.placements.get().group)
    with django_assert_max_num_queries(many):
        client.get(url)


def test_the_senco_replaces_the_default_boxall_map_in_the_browser_form(client, senco, school):
    client.force_login(senco)
    url = reverse("assessments:boxall-settings")
    assert "Default — replace" in client.get(url).content.decode()
    data = {}
    for code, entry in boxall.DEFAULT_CLUSTER_MAP.items():
        data[f"{code}_items"] = ", ".join(str(n) for n in entry["items"])
        data[f"{code}_low"], data[f"{code}_high"] = entry["low"], entry["high"]
    data["B_items"] = "1, 99"
    response = client.post(url, data)
    assert "Item numbers run from 1 to 34" in response.content.decode() and 'value="1, 99"' in response.content.decode()
    data["B_items"] = "5, 6, 7, 8"
    data["A_low"], data["A_high"] = "9", "15"
    assert client.post(url, data).status_code == 302
    settings = BoxallSettings.objects.get(school=school)
    assert settings.cluster_map["A"] == {"items": [1, 2, 3, 4], "low": 9, "high": 15}
    assert "Default — replace" not in client.get(url).content.decode()


def test_nurture_staff_see_the_boxall_settings_read_only(client, nurture_staff):
    client.force_login(nurture_staff)
    body = client.get(reverse("assessments:boxall-settings")).content.decode()
    assert "disabled" in body and "Save the cluster map" not in body
    assert client.post(reverse("assessments:boxall-settings"), {}).status_code == 403


def test_attendance_is_imported_from_a_csv(client, senco, pupil):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(senco)
    url = reverse("assessments:attendance-import")
    term = Term.for_date(datetime.date.today()).code
    bad = SimpleUploadedFile("att.csv", b"UPN,Attendance %\nNOPE,90\n", content_type="text/csv")
    response = client.post(url, {"term": term, "file": bad})
    assert "no pupil of this school has the UPN NOPE" in response.content.decode()
    good = SimpleUploadedFile("att.csv", f"UPN,Attendance %\n{pupil.upn},92.1\n".encode(), content_type="text/csv")
    response = client.post(url, {"term": term, "file": good}, follow=True)
    assert "saved for 1 pupils" in response.content.decode()
    assert AttendanceRecord.objects.get().percent == Decimal("92.1")


@pytest.mark.parametrize("url_name", ["assessments:boxall-settings", "assessments:attendance-import"])
def test_school_wide_pages_have_a_flat_query_count(client, senco, url_name, django_assert_max_num_queries):
    client.force_login(senco)
    with django_assert_max_num_queries(10):
        client.get(reverse(url_name))


@pytest.mark.parametrize("url_name", ["assessments:sdq-new", "assessments:boxall-new", "assessments:attainment-new",
                                      "assessments:attendance-new", "assessments:incident-new",
                                      "assessments:sdq-scores-new", "assessments:boxall-scores-new"])
def test_entry_pages_have_a_flat_query_count(item_entry_licences, client, senco, placed_pupil, url_name,
                                             django_assert_max_num_queries):
    client.force_login(senco)
    url = reverse(url_name, args=[placed_pupil.pk])
    one = _count_queries(client, url)
    _history(placed_pupil, 5)
    with django_assert_max_num_queries(one):
        client.get(url)
    assert one <= 10


def test_nurture_staff_see_only_their_own_groups_due_assessments(client, nurture_staff, placed_pupil, school):
    from pupils.tests.factories import NurtureGroupFactory

    elsewhere = PupilFactory(school=school, legal_first_name="Rowan", legal_last_name="Notmine")
    PlacementFactory(pupil=elsewhere, group=NurtureGroupFactory(school=school, name="The Den"))
    client.force_login(nurture_staff)
    body = client.get(reverse("dashboard", args=["nurture_staff"])).content.decode()
    assert placed_pupil.full_name in body and "Notmine" not in body and "The Den" not in body


def test_an_sdq_and_a_boxall_profile_can_be_checked_item_by_item_as_entered(client, class_teacher, pupil,
                                                                           django_assert_max_num_queries):
    answers = {str(i): 1 for i in range(1, 26)}
    del answers["4"]
    sdq = SdqAssessmentFactory(pupil=pupil, answers=answers, has_difficulties=True, impact_answers={"distress": 2})
    profile = BoxallProfileFactory(pupil=pupil, item_scores={"1": 4, "35": 0})
    client.force_login(class_teacher)
    sdq_url = reverse("assessments:sdq-detail", args=[pupil.pk, sdq.pk])
    with django_assert_max_num_queries(14):  # a fixed set: one SDQ, whatever the pupil's history
        body = client.get(sdq_url).content.decode()
    assert "24 of 25 items answered" in body
    assert "Item 4 (prosocial)</th><td>– <small class=\"text-muted\">not answered" in body
    assert "Upset or distressed: 2" in body
    body = client.get(reverse("assessments:boxall-detail", args=[pupil.pk, profile.pk])).content.decode()
    assert "<th scope=\"row\">1</th><td>4</td>" in body and "Default — replace" in body
    whole = client.get(reverse("assessments:whole-child", args=[pupil.pk])).content.decode()
    assert sdq_url in whole and reverse("assessments:boxall-detail", args=[pupil.pk, profile.pk]) in whole


def test_an_assessment_is_not_reachable_through_another_pupils_address(client, class_teacher, pupil, school):
    stranger = PupilFactory(school=school)
    sdq = SdqAssessmentFactory(pupil=stranger)
    profile = BoxallProfileFactory(pupil=stranger)
    client.force_login(class_teacher)
    assert client.get(reverse("assessments:sdq-detail", args=[pupil.pk, sdq.pk])).status_code == 404
    assert client.get(reverse("assessments:boxall-detail", args=[pupil.pk, profile.pk])).status_code == 404


def _chosen_purpose(page: str) -> str:
    select = re.search(r'<select name="purpose".*?</select>', page, re.S).group()
    return re.search(r'<option value="(\w+)" selected>', select).group(1)


@pytest.mark.django_db
def test_a_baseline_due_link_opens_the_sdq_and_boxall_as_a_baseline(item_entry_licences, client, senco, pupil):
    from assessments.selectors import referral_baseline_status

    client.force_login(senco)
    links = referral_baseline_status([pupil])[pupil.pk]
    assert [link["label"] for link in links] == ["Baseline SDQ (teacher)", "Baseline Boxall Profile"]
    for link in links:
        assert "purpose=baseline" in link["url"]
        assert _chosen_purpose(client.get(link["url"]).content.decode()) == "baseline"


@pytest.mark.django_db
def test_a_first_assessment_opened_without_a_purpose_is_a_baseline_and_a_later_one_termly(item_entry_licences, client,
                                                                                           senco, pupil):
    client.force_login(senco)
    sdq_url = reverse("assessments:sdq-new", args=[pupil.pk])
    boxall_url = reverse("assessments:boxall-new", args=[pupil.pk])
    assert _chosen_purpose(client.get(sdq_url).content.decode()) == "baseline"
    SdqAssessmentFactory(pupil=pupil, purpose="baseline")
    assert _chosen_purpose(client.get(sdq_url).content.decode()) == "termly"
    assert _chosen_purpose(client.get(boxall_url).content.decode()) == "baseline", "each instrument has its own"
    assert _chosen_purpose(client.get(f"{sdq_url}?purpose=leaving").content.decode()) == "leaving"


@pytest.mark.django_db
def test_without_a_licence_a_baseline_due_link_opens_score_entry_as_a_baseline(client, senco, pupil):
    from assessments.selectors import referral_baseline_status

    client.force_login(senco)
    for link in referral_baseline_status([pupil])[pupil.pk]:
        response = client.get(link["url"], follow=True)
        assert "/scores/new/" in response.redirect_chain[-1][0]
        assert _chosen_purpose(response.content.decode()) == "baseline"
    # Opened without a purpose, a first score entry is a baseline too.
    assert _chosen_purpose(client.get(reverse("assessments:sdq-scores-new", args=[pupil.pk])).content.decode()) == \
        "baseline"
