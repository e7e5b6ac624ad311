"""Score entry gives the same scores, bands and report figures as item entry, on forms scored by hand.

The hand-worked examples follow the published scoring rules (youthinmind's "Scoring the SDQ"
sheet and syntax: reverse-scored items 7, 11, 14, 21, 25; a scale prorated from 3 or more of its
5 items, rounded half up; total difficulties the sum of the four difficulty scales; impact items
0/0/1/2), and the Boxall cluster total as the sum of its items. Each example's expected figures
were worked out on paper and are written here, not computed.
"""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import boxall, services
from assessments.models import BoxallProfile, EntryMethod, InstrumentLicence, SdqAssessment
from assessments.scoring import SdqScoreError, score_sdq, score_sdq_scales
from pupils.tests.factories import PupilFactory, SchoolFactory, UserFactory

from .factories import record_item_entry_licences

# Example 1, a teacher form, every item answered. Per scale (answer -> points; R = reverse-scored):
#   emotional     3:2  8:1  13:1  16:0  24:2           -> 6   very high (teacher 6-10)
#   conduct       5:1  7R:0->2  12:0  18:1  22:0       -> 4   high (4)
#   hyperactivity 2:2  10:2  15:1  21R:1->1  25R:0->2  -> 8   high (8)
#   peer          6:1  11R:2->0  14R:1->1  19:0  23:1  -> 3   slightly raised (3-4)
#   prosocial     1:1  4:1  9:2  17:1  20:0            -> 5   slightly lowered (5)
#   total 6+4+8+3 = 21 very high (19-40); externalising 4+8 = 12; internalising 6+3 = 9
#   impact (teacher): distress a great deal (2), peers quite a lot (1), learning only a little (0) -> 3 very high
EXAMPLE_1 = {3: 2, 8: 1, 13: 1, 16: 0, 24: 2, 5: 1, 7: 0, 12: 0, 18: 1, 22: 0, 2: 2, 10: 2, 15: 1, 21: 1, 25: 0,
             6: 1, 11: 2, 14: 1, 19: 0, 23: 1, 1: 1, 4: 1, 9: 2, 17: 1, 20: 0}
EXAMPLE_1_SCALES = {"emotional": 6, "conduct": 4, "hyperactivity": 8, "peer": 3, "prosocial": 5}
EXAMPLE_1_TEACHER_BANDS = {"emotional": "very high", "conduct": "high", "hyperactivity": "high",
                           "peer": "slightly raised", "prosocial": "slightly lowered", "total": "very high"}
# The same answers on the parent form: parent bands differ (emotional 5-6 high, peer 3 slightly raised,
# prosocial 0-5 very low, total 20-40 very high). Parent impact: distress 3 (2), home 2 (1), friendships 0 (0),
# learning 3 (2), leisure 1 (0) -> 5 very high (3-10).
EXAMPLE_1_PARENT_BANDS = {"emotional": "high", "conduct": "high", "hyperactivity": "high",
                          "peer": "slightly raised", "prosocial": "very low", "total": "very high"}
# Example 2, prorated (the scoring sheet's own case): emotional answered on 3 items only, 2+1+1 = 4 points,
# 4/3 x 5 = 6.67 -> 7; conduct on 4 items 1+2+0+1 = 4, 4/4 x 5 = 5; the others as example 1.
#   total 7+5+8+3 = 23.
EXAMPLE_2 = {**EXAMPLE_1, 16: None, 24: None, 22: None}
EXAMPLE_2_SCALES = {"emotional": 7, "conduct": 5, "hyperactivity": 8, "peer": 3, "prosocial": 5}

HEADER = {"purpose": "baseline", "completed_on": datetime.date(2026, 10, 1), "completed_by_name": "Ms Grey"}
SCORED = ("emotional", "conduct", "hyperactivity", "peer", "prosocial", "total", "externalising", "internalising",
          "impact", "emotional_band", "conduct_band", "hyperactivity_band", "peer_band", "prosocial_band",
          "total_band", "impact_band")


def _figures(record) -> dict:
    return {name: getattr(record, name) for name in SCORED}


def test_hand_worked_example_scores_the_same_from_items_and_from_scale_scores():
    by_items = score_sdq(EXAMPLE_1, "teacher")
    by_scores = score_sdq_scales(EXAMPLE_1_SCALES, "teacher", stated_total=21)
    assert {k: by_items[k] for k in EXAMPLE_1_SCALES} == EXAMPLE_1_SCALES
    assert (by_items["total"], by_items["externalising"], by_items["internalising"]) == (21, 12, 9)
    assert by_scores == by_items
    assert by_scores["bands"] == EXAMPLE_1_TEACHER_BANDS
    assert score_sdq_scales(EXAMPLE_1_SCALES, "parent")["bands"] == EXAMPLE_1_PARENT_BANDS


def test_prorated_example_matches_the_scored_form():
    by_items = score_sdq(EXAMPLE_2, "teacher")
    assert {k: by_items[k] for k in EXAMPLE_2_SCALES} == EXAMPLE_2_SCALES and by_items["total"] == 23
    assert score_sdq_scales(EXAMPLE_2_SCALES, "teacher") == by_items


@pytest.mark.parametrize("scales,total,field,words", [
    ({**EXAMPLE_1_SCALES, "peer": 11}, None, "peer", "0 to 10"),
    ({**EXAMPLE_1_SCALES, "conduct": -1}, None, "conduct", "0 to 10"),
    (EXAMPLE_1_SCALES, 22, "total", "add up to 21, not 22"),
    (EXAMPLE_1_SCALES, 41, "total", "0 to 40"),
    ({**EXAMPLE_1_SCALES, "peer": None}, 18, "total", "needs all four"),
])
def test_scale_scores_out_of_range_or_inconsistent_are_refused_naming_the_score(scales, total, field, words):
    with pytest.raises(SdqScoreError) as error:
        score_sdq_scales(scales, "teacher", stated_total=total)
    assert error.value.field == field and words in str(error.value)


def test_a_missing_scale_leaves_the_totals_that_need_it_missing():
    result = score_sdq_scales({**EXAMPLE_1_SCALES, "peer": None}, "teacher")
    assert result["total"] is None and result["internalising"] is None and result["externalising"] == 12
    assert result["bands"]["peer"] is None and result["bands"]["emotional"] == "very high"


@pytest.fixture
def two_schools(db):
    """One school with an authorisation for item entry, one with no licence recorded; a pupil in each."""
    licensed, unlicensed = SchoolFactory(name="Licensed Primary"), SchoolFactory(name="Paper Primary")
    people = {}
    for school in (licensed, unlicensed):
        senco = UserFactory(school=school, roles=["senco"])
        people[school.pk] = (senco, PupilFactory(school=school))
    record_item_entry_licences(licensed, people[licensed.pk][0])
    return licensed, unlicensed, people


@pytest.mark.parametrize("informant,impact_answers,impact,bands", [
    ("teacher", {"distress": 3, "peers": 2, "learning": 1}, 3, EXAMPLE_1_TEACHER_BANDS),
    ("parent", {"distress": 3, "home": 2, "friendships": 0, "learning": 3, "leisure": 1}, 5, EXAMPLE_1_PARENT_BANDS),
])
def test_a_school_with_no_licence_gets_the_same_record_by_score_entry(two_schools, informant, impact_answers, impact,
                                                                      bands):
    licensed, unlicensed, people = two_schools
    senco, pupil = people[licensed.pk]
    by_items = services.sdq_record(pupil=pupil, user=senco, informant=informant, answers=EXAMPLE_1,
                                   has_difficulties=True, impact_answers=impact_answers, **HEADER)
    senco, pupil = people[unlicensed.pk]
    by_scores = services.sdq_scores_record(pupil=pupil, user=senco, informant=informant, source="paper",
                                           scales=EXAMPLE_1_SCALES, total=21, impact=impact, **HEADER)
    assert _figures(by_scores) == _figures(by_items)
    assert {name: getattr(by_scores, f"{name}_band") for name in bands} == bands
    assert by_scores.impact == impact and by_scores.impact_band == "very high"
    assert by_items.how_obtained.startswith("Item entry")
    assert by_scores.how_obtained == "Score entry from a scored paper form" and by_scores.answers == {}


def test_item_entry_is_refused_without_an_authorisation_and_nothing_is_saved(two_schools):
    _, unlicensed, people = two_schools
    senco, pupil = people[unlicensed.pk]
    with pytest.raises(ValidationError, match="youthinmind's authorisation"):
        services.sdq_record(pupil=pupil, user=senco, informant="teacher", answers=EXAMPLE_1, **HEADER)
    with pytest.raises(ValidationError, match="Nurture UK's authorisation"):
        services.boxall_record(pupil=pupil, user=senco, item_scores={1: 2}, **HEADER)
    InstrumentLicence.objects.create(school=unlicensed, instrument="sdq", kind="paper", recorded_by=senco)
    with pytest.raises(ValidationError, match="youthinmind's authorisation"):
        services.sdq_record(pupil=pupil, user=senco, informant="teacher", answers=EXAMPLE_1, **HEADER)
    assert not SdqAssessment.objects.exists() and not BoxallProfile.objects.exists()


def test_score_entry_refuses_bad_scores_beside_the_score(two_schools):
    _, unlicensed, people = two_schools
    senco, pupil = people[unlicensed.pk]
    with pytest.raises(ValidationError) as error:
        services.sdq_scores_record(pupil=pupil, user=senco, informant="teacher", source="sdqscore",
                                   scales=EXAMPLE_1_SCALES, total=20, **HEADER)
    assert "add up to 21, not 20" in error.value.message_dict["total"][0]
    with pytest.raises(ValidationError) as error:
        services.sdq_scores_record(pupil=pupil, user=senco, informant="teacher", source="sdqscore",
                                   scales=EXAMPLE_1_SCALES, impact=7, **HEADER)
    assert "0 to 6" in error.value.message_dict["impact"][0]  # the teacher impact runs 0-6, the parent's 0-10
    with pytest.raises(ValidationError) as error:
        services.sdq_scores_record(pupil=pupil, user=senco, informant="teacher", source="", scales=EXAMPLE_1_SCALES,
                                   **HEADER)
    assert "score_source" in error.value.message_dict
    assert not SdqAssessment.objects.exists()


def test_a_second_submit_of_the_same_form_returns_the_saved_record(two_schools):
    _, unlicensed, people = two_schools
    senco, pupil = people[unlicensed.pk]
    token = "0b8a3f61-3a4e-4f0e-9d7e-5a1f1d3c2b10"
    first = services.sdq_scores_record(pupil=pupil, user=senco, informant="teacher", source="paper",
                                       scales=EXAMPLE_1_SCALES, form_token=token, **HEADER)
    again = services.sdq_scores_record(pupil=pupil, user=senco, informant="teacher", source="paper",
                                       scales=EXAMPLE_1_SCALES, form_token=token, **HEADER)
    assert again.pk == first.pk and again.already_saved and not first.already_saved
    assert SdqAssessment.objects.count() == 1


def test_a_class_teacher_enters_teacher_scores_only(school, class_teacher, pupil):
    services.sdq_scores_record(pupil=pupil, user=class_teacher, informant="teacher", source="paper",
                               scales=EXAMPLE_1_SCALES, **HEADER)
    with pytest.raises(PermissionDenied):
        services.sdq_scores_record(pupil=pupil, user=class_teacher, informant="parent", source="paper",
                                   scales=EXAMPLE_1_SCALES, **HEADER)
    with pytest.raises(PermissionDenied):
        services.boxall_scores_record(pupil=pupil, user=class_teacher, source="handbook",
                                      cluster_scores={"A": 3}, **HEADER)


# Boxall, under the default map (A: section I items 1-4, Q: section II items 1-4, E: items 17-19):
#   A: 3 + 4 + 2 + 3 = 12 (range 10-16: within); E: 1 + 0 + 2 = 3 (range 7-12: below);
#   Q: 0 + 1 + 0 + 0 = 1 (range 0-6: within); R: 4 + 3 + 2 + 4 = 13 (range 0-6: above).
BOXALL_ITEMS = {1: 3, 2: 4, 3: 2, 4: 3, 17: 1, 18: 0, 19: 2, 35: 0, 36: 1, 37: 0, 38: 0, 39: 4, 40: 3, 41: 2, 42: 4}
BOXALL_CLUSTERS = {"A": 12, "E": 3, "Q": 1, "R": 13}


def test_boxall_cluster_scores_equal_the_item_totals_and_sit_against_the_same_ranges(two_schools):
    licensed, unlicensed, people = two_schools
    senco, pupil = people[licensed.pk]
    by_items = services.boxall_record(pupil=pupil, user=senco, item_scores=BOXALL_ITEMS, **HEADER)
    senco, pupil = people[unlicensed.pk]
    by_scores = services.boxall_scores_record(pupil=pupil, user=senco, source="boxall_online",
                                              cluster_scores=BOXALL_CLUSTERS, **HEADER)
    assert {code: by_items.cluster_totals[code] for code in BOXALL_CLUSTERS} == BOXALL_CLUSTERS
    assert by_scores.cluster_totals == by_items.cluster_totals  # the clusters not scored are blank in both
    outside = {code: boxall.outside_range(code, total, boxall.DEFAULT_CLUSTER_MAP)
               for code, total in by_scores.cluster_totals.items() if total is not None}
    assert outside == {"A": None, "E": "below", "Q": None, "R": "above"}
    assert by_scores.how_obtained == "Score entry from Boxall Profile Online (Nurture UK)"


def test_a_cluster_score_beyond_its_items_is_refused_and_entered_scores_survive_a_new_map(two_schools):
    _, unlicensed, people = two_schools
    senco, pupil = people[unlicensed.pk]
    with pytest.raises(ValidationError) as error:
        services.boxall_scores_record(pupil=pupil, user=senco, source="handbook", cluster_scores={"E": 13}, **HEADER)
    assert "so its score is 0 to 12" in error.value.message_dict["cluster_E"][0]
    profile = services.boxall_scores_record(pupil=pupil, user=senco, source="handbook", cluster_scores={"A": 12},
                                            **HEADER)
    new_map = {code: {**entry} for code, entry in boxall.DEFAULT_CLUSTER_MAP.items()}
    new_map["A"] = {**new_map["A"], "low": 13}
    services.boxall_settings_update(school=unlicensed, user=senco, cluster_map=new_map)
    profile.refresh_from_db()
    assert profile.cluster_totals["A"] == 12 and profile.entry_method == EntryMethod.SCORES


def test_a_licence_is_recorded_by_the_senco_or_school_admin_with_reference_and_date(school, senco, school_admin,
                                                                                      nurture_staff):
    with pytest.raises(ValidationError) as error:
        services.licence_record(school=school, user=senco, instrument="sdq", kind="electronic")
    assert set(error.value.message_dict) == {"reference", "granted_on"}
    with pytest.raises(PermissionDenied):
        services.licence_record(school=school, user=nurture_staff, instrument="sdq", kind="paper")
    services.licence_record(school=school, user=school_admin, instrument="sdq", kind="paper")
    licence = services.licence_record(school=school, user=senco, instrument="sdq", kind="electronic",
                                      reference=" YIM-123 ", granted_on=datetime.date(2026, 9, 1))
    assert licence.allows_item_entry and licence.reference == "YIM-123"
    assert InstrumentLicence.objects.count() == 1
    changes = LogEntry.objects.get_for_object(licence).order_by("pk")
    assert [entry.action for entry in changes] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert changes.last().changes_dict["kind"] == ["paper", "electronic"]


def test_a_licence_of_another_school_cannot_be_recorded(school, other_school_senco):
    with pytest.raises(PermissionDenied):
        services.licence_record(school=school, user=other_school_senco, instrument="sdq", kind="paper")
