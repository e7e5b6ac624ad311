"""Licences, score entry and the two informants, as the people who use them see them."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from assessments.models import BoxallProfile, InstrumentLicence, SdqAssessment

from .factories import SdqAssessmentFactory


def _scores_post(**overrides) -> dict:
    data = {"informant": "teacher", "source": "paper", "purpose": "baseline", "completed_on": "2026-10-01",
            "completed_by_name": "Jo Fenwright", "emotional": "6", "conduct": "4", "hyperactivity": "8", "peer": "3",
            "prosocial": "5", "total": "21", "impact": "3",
            "submission_token": "6c1e3c52-8a3b-4c6f-9d0e-2f7b1a9c4d21"}
    data.update(overrides)
    return data


def test_a_school_with_no_licence_is_sent_to_score_entry_with_a_plain_explanation(client, senco, pupil):
    client.force_login(senco)
    response = client.get(reverse("assessments:sdq-new", args=[pupil.pk]) + "?purpose=baseline", follow=True)
    assert response.redirect_chain[-1][0] == reverse("assessments:sdq-scores-new", args=[pupil.pk]) + \
        "?purpose=baseline"
    body = html.unescape(response.content.decode())
    assert "Why scores only" in body and "No licence for this instrument is recorded" in body
    assert "youthinmind's authorisation" in body and 'name="item_1"' not in body
    assert "Type in every answer instead" not in body
    assert reverse("assessments:licences") in body  # the SENCO may record one
    response = client.post(reverse("assessments:sdq-new", args=[pupil.pk]),
                           {"informant": "teacher", **{f"item_{i}": "1" for i in range(1, 26)}})
    assert response.status_code == 302 and not SdqAssessment.objects.exists()
    body = html.unescape(client.get(reverse("assessments:boxall-new", args=[pupil.pk]), follow=True).content.decode())
    assert "Nurture UK's authorisation" in body and 'name="cluster_A"' in body and 'name="item_1"' not in body


def test_the_whole_child_page_offers_score_entry_only_without_a_licence(client, senco, pupil):
    client.force_login(senco)
    body = client.get(reverse("assessments:whole-child", args=[pupil.pk])).content.decode()
    assert f'href="{reverse("assessments:sdq-scores-new", args=[pupil.pk])}">New SDQ' in body
    assert f'href="{reverse("assessments:boxall-scores-new", args=[pupil.pk])}">New Boxall Profile' in body
    assert reverse("assessments:sdq-new", args=[pupil.pk]) not in body


def test_with_an_authorisation_both_ways_in_are_offered(item_entry_licences, client, senco, pupil):
    client.force_login(senco)
    body = client.get(reverse("assessments:whole-child", args=[pupil.pk])).content.decode()
    assert f'href="{reverse("assessments:sdq-new", args=[pupil.pk])}">New SDQ' in body
    assert f'href="{reverse("assessments:sdq-scores-new", args=[pupil.pk])}">SDQ scores' in body
    body = client.get(reverse("assessments:sdq-scores-new", args=[pupil.pk])).content.decode()
    assert "Why scores only" not in body and "Type in every answer instead" in body


def test_scores_are_saved_once_however_often_the_form_is_submitted(client, senco, pupil):
    client.force_login(senco)
    url = reverse("assessments:sdq-scores-new", args=[pupil.pk])
    response = client.post(url, _scores_post(), follow=True)
    assert "Teacher SDQ scores saved. Total difficulties: 21 (very high)." in response.content.decode()
    response = client.post(url, _scores_post(), follow=True)  # a double click, or Back and submit again
    assert "already saved" in response.content.decode()
    sdq = SdqAssessment.objects.get()
    assert (sdq.entry_method, sdq.score_source, sdq.impact_band, sdq.prosocial_band) == (
        "scores", "paper", "very high", "slightly lowered")
    detail = client.get(reverse("assessments:sdq-detail", args=[pupil.pk, sdq.pk])).content.decode()
    assert "Score entry from a scored paper form" in detail and "Not held" in detail and "Item 1 (" not in detail


def test_wrong_scores_are_explained_beside_the_score_and_kept(client, senco, pupil):
    client.force_login(senco)
    url = reverse("assessments:sdq-scores-new", args=[pupil.pk])
    body = client.post(url, _scores_post(total="22", peer="11")).content.decode()
    assert "less than or equal to 10" in body and not SdqAssessment.objects.exists()
    body = client.post(url, _scores_post(total="22")).content.decode()
    assert "The four difficulty scales add up to 21, not 22" in body and 'value="22"' in body
    body = client.post(url, _scores_post(impact="7")).content.decode()
    assert "impact score is a whole number from 0 to 6" in body
    body = client.post(url, _scores_post(emotional="", conduct="", hyperactivity="", peer="", prosocial="",
                                         total="")).content.decode()
    assert "Enter at least one scale score" in body
    body = client.post(url, {}).content.decode()
    assert "This field is required" in body and not SdqAssessment.objects.exists()


def test_a_parent_form_returned_on_paper_is_recorded_by_staff_with_parent_bands(client, nurture_staff, class_teacher,
                                                                                pupil):
    client.force_login(class_teacher)
    url = reverse("assessments:sdq-scores-new", args=[pupil.pk])
    assert 'value="parent"' not in client.get(url).content.decode()
    assert client.post(url, _scores_post(informant="parent")).status_code == 200
    client.force_login(nurture_staff)
    assert client.post(url, _scores_post(informant="parent", impact="5")).status_code == 302
    sdq = SdqAssessment.objects.get()
    # The same scores read against the parent bands: emotional 6 high, prosocial 5 very low, impact 5 very high.
    assert (sdq.informant, sdq.emotional_band, sdq.prosocial_band, sdq.impact_band) == (
        "parent", "high", "very low", "very high")


def test_cluster_scores_are_entered_and_checked_against_the_schools_map(client, nurture_staff, pupil):
    client.force_login(nurture_staff)
    url = reverse("assessments:boxall-scores-new", args=[pupil.pk])
    data = {"source": "boxall_online", "purpose": "baseline", "completed_on": "2026-10-01", "completed_by_name": "Sam",
            "cluster_A": "17", "cluster_E": "3"}
    body = client.post(url, data).content.decode()
    assert "less than or equal to 16" in body and not BoxallProfile.objects.exists()
    data["cluster_A"] = "12"
    response = client.post(url, data, follow=True)
    assert "saved from its cluster scores" in response.content.decode()
    profile = BoxallProfile.objects.get()
    assert profile.cluster_totals["A"] == 12 and profile.cluster_totals["B"] is None
    detail = client.get(reverse("assessments:boxall-detail", args=[pupil.pk, profile.pk])).content.decode()
    assert "Score entry from Boxall Profile Online (Nurture UK)" in detail and "Item scores are not held" in detail


def test_teacher_and_parent_are_shown_side_by_side_for_the_same_term_with_their_own_bands(client, senco, pupil):
    answers = {str(item): 1 for item in range(1, 26)}  # every scale 5, total 20
    SdqAssessmentFactory(pupil=pupil, answers=answers, completed_on=datetime.date(2026, 10, 1))
    SdqAssessmentFactory(pupil=pupil, answers=answers, informant="parent", completed_on=datetime.date(2026, 10, 3))
    client.force_login(senco)
    body = client.get(reverse("assessments:whole-child", args=[pupil.pk])).content.decode()
    table = body[body.index("Teacher and parent, side by side"):body.index("</table>", body.index("side by side"))]
    assert re.findall(r'<th scope="row">Total difficulties</th><td>([^<]+)</td><td>([^<]+)</td>', table) == [
        ("20 (very high)", "20 (very high)")]
    # Emotional 5: teacher "high" (5), parent "high" (5-6); peer 5: teacher "high", parent "very high" (5-10);
    # prosocial 5: teacher "slightly lowered", parent "very low" (0-5).
    assert re.findall(r'<th scope="row">Peer problems</th><td>([^<]+)</td><td>([^<]+)</td>', table) == [
        ("5 (high)", "5 (very high)")]
    assert re.findall(r'<th scope="row">Prosocial behaviour</th><td>([^<]+)</td><td>([^<]+)</td>', table) == [
        ("5 (slightly lowered)", "5 (very low)")]
    assert "Autumn" in table


def test_the_senco_records_a_licence_and_item_entry_opens(client, senco, pupil):
    client.force_login(senco)
    url = reverse("assessments:licence-edit", args=["sdq"])
    body = client.post(url, {"kind": "electronic", "reference": "", "granted_on": ""}).content.decode()
    assert "needs its reference" in body and "needs its date" in body and not InstrumentLicence.objects.exists()
    response = client.post(url, {"kind": "electronic", "reference": "YIM-2026-77", "granted_on": "2026-09-01"},
                           follow=True)
    body = response.content.decode()
    assert "SDQ licence saved: Authorised electronic entry" in body and "YIM-2026-77" in body
    assert client.get(reverse("assessments:sdq-new", args=[pupil.pk])).status_code == 200
    assert client.get(reverse("assessments:boxall-new", args=[pupil.pk])).status_code == 302  # not the Boxall's
    licence = InstrumentLicence.objects.get()
    entry = LogEntry.objects.get_for_object(licence).get()
    assert entry.actor == senco and entry.changes_dict["reference"][1] == "YIM-2026-77"
    assert client.get(reverse("assessments:licence-edit", args=["nonsense"])).status_code == 404


def test_the_school_admin_records_a_licence_and_nurture_staff_only_see_it(client, school_admin, nurture_staff):
    client.force_login(school_admin)
    client.post(reverse("assessments:licence-edit", args=["boxall"]), {"kind": "paper"})
    client.force_login(nurture_staff)
    body = client.get(reverse("assessments:licences")).content.decode()
    assert "Paper only: score entry only" in body and "No licence recorded: score entry only" in body
    assert reverse("assessments:licence-edit", args=["boxall"]) not in body


@pytest.mark.parametrize("url_name", ["assessments:licences", "assessments:licence-edit"])
def test_licence_pages_have_a_flat_query_count(client, senco, url_name, assert_flat_queries):
    client.force_login(senco)
    url = reverse(url_name, args=["sdq"] if url_name.endswith("edit") else [])

    def grow():
        for instrument in ("sdq", "boxall"):
            InstrumentLicence.objects.update_or_create(school=senco.school, instrument=instrument,
                                                       defaults={"kind": "paper", "recorded_by": senco})

    assert_flat_queries(url, grow, budget=12)


def test_the_whole_child_page_query_count_stays_flat_with_both_informants(client, senco, pupil, assert_flat_queries):
    client.force_login(senco)

    def grow():
        for month in range(1, 12):
            for informant in ("teacher", "parent"):
                SdqAssessmentFactory(pupil=pupil, informant=informant, completed_on=datetime.date(2025, month, 3))

    assert_flat_queries(reverse("assessments:whole-child", args=[pupil.pk]), grow)


def test_an_item_entry_form_submitted_twice_saves_one_sdq(item_entry_licences, client, senco, pupil):
    client.force_login(senco)
    url = reverse("assessments:sdq-new", args=[pupil.pk])
    token = re.search(r'name="submission_token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"informant": "teacher", "purpose": "termly", "completed_on": "2026-10-01", "completed_by_name": "Jo",
            "submission_token": token, **{f"item_{item}": "1" for item in range(1, 26)}}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "already saved" in response.content.decode() and SdqAssessment.objects.count() == 1
    assert re.search(r'name="submission_token" value="([^"]+)"', client.get(url).content.decode()).group(1) != token


@pytest.mark.parametrize("which", ["first", "last"])
def test_scores_are_entered_for_the_oldest_and_newest_demo_pupil(db, client, which):
    import io

    from django.core.management import call_command

    from pupils.models import Placement, User

    call_command("seed_demo", stdout=io.StringIO())
    from pupils.demo import DEMO_SLUG

    placements = Placement.objects.filter(school__slug=DEMO_SLUG).order_by("start_date", "pk")  # not the trust's others
    pupil = (placements.first() if which == "first" else placements.last()).pupil
    client.force_login(User.objects.get(username="nurture"))
    before = SdqAssessment.objects.filter(pupil=pupil).count()
    response = client.post(reverse("assessments:sdq-scores-new", args=[pupil.pk]), _scores_post(), follow=True)
    assert "Teacher SDQ scores saved" in response.content.decode()
    assert SdqAssessment.objects.filter(pupil=pupil).count() == before + 1
    assert "scores from a scored paper form" in response.content.decode()  # beside the demo's item-entered forms
    assert "item entry" in response.content.decode()
