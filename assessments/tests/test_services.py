"""Services: scores cached on save, permissions enforced, all-or-nothing imports, settings rescoring."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import boxall, services
from assessments.models import AttendanceRecord, BoxallProfile, SdqAssessment
from assessments.scoring import score_sdq
from pupils.tests.factories import PupilFactory

from .factories import BoxallProfileFactory

DAY = datetime.date(2026, 10, 1)


def _sdq(pupil, user, **overrides):
    values = {
        "pupil": pupil, "user": user, "informant": "teacher", "purpose": "baseline", "completed_on": DAY,
        "completed_by_name": "Jo Teacher", "answers": {item: 2 for item in range(1, 26)},
    }
    return services.sdq_record(**{**values, **overrides})


def test_an_sdq_is_saved_with_the_published_scores_and_bands_cached(item_entry_licences, senco, pupil):
    answers = {item: 2 for item in range(1, 26)}
    sdq = _sdq(pupil, senco, answers=answers, has_difficulties=True, impact_answers={"distress": 3, "peers": 2})
    expected = score_sdq(answers, "teacher")
    sdq.refresh_from_db()
    # Every item 'certainly true': reverse-scored items count 0, so conduct 8, hyperactivity 6, peer 6.
    assert (sdq.emotional, sdq.conduct, sdq.hyperactivity, sdq.peer, sdq.prosocial) == (10, 8, 6, 6, 10)
    assert sdq.total == expected["total"] == 30
    assert sdq.total_band == "very high" and sdq.prosocial_band == "close to average"
    assert sdq.externalising == 14 and sdq.internalising == 16
    assert sdq.impact == 3 and sdq.impact_band == "very high"
    assert sdq.answers == {str(item): 2 for item in range(1, 26)}


def test_the_impact_supplement_is_kept_but_not_scored_when_difficulties_are_not_said(item_entry_licences, senco,
                                                                                     pupil):
    # distress "a great deal" (3 -> 2) + peers "quite a lot" (2 -> 1) = 3 only if the teacher says "yes".
    sdq = _sdq(pupil, senco, has_difficulties=None, impact_answers={"distress": 3, "peers": 2})
    sdq.refresh_from_db()
    assert sdq.impact is None and sdq.impact_band == ""
    assert sdq.impact_answers == {"distress": 3, "peers": 2}, "what was ticked is still on record"


def test_missing_answers_are_prorated_and_unanswered_items_are_not_stored(item_entry_licences, senco, pupil):
    answers = {item: None for item in range(1, 26)}
    answers.update({3: 2, 8: 2, 13: 1})  # 3 of the 5 emotional items: 5/3*5 = 8.33 -> 8
    sdq = _sdq(pupil, senco, answers=answers)
    assert sdq.emotional == 8 and sdq.emotional_band == "very high"
    assert sdq.conduct is None and sdq.total is None and sdq.total_band == ""
    assert set(sdq.answers) == {"3", "8", "13"}


def test_an_answer_outside_0_to_2_is_refused_naming_the_item(item_entry_licences, senco, pupil):
    with pytest.raises(ValidationError, match="SDQ item 7"):
        _sdq(pupil, senco, answers={7: 3})
    assert not SdqAssessment.objects.exists()


def test_an_impact_question_of_the_other_form_is_refused(item_entry_licences, senco, pupil):
    with pytest.raises(ValidationError, match="not on the teacher form"):
        _sdq(pupil, senco, has_difficulties=True, impact_answers={"home": 2})


def test_a_class_teacher_may_record_a_teacher_sdq_for_their_pupil_but_not_a_parent_one(item_entry_licences,
                                                                                        class_teacher, pupil):
    _sdq(pupil, class_teacher)
    with pytest.raises(PermissionDenied):
        _sdq(pupil, class_teacher, informant="parent")


def test_a_class_teacher_may_not_record_for_a_pupil_of_another_class(class_teacher, school, other_class):
    stranger = PupilFactory(school=school, school_class=other_class)
    with pytest.raises(PermissionDenied):
        _sdq(stranger, class_teacher)


def test_saving_an_sdq_writes_an_audit_entry_tagged_with_the_pupil(item_entry_licences, senco, pupil):
    sdq = _sdq(pupil, senco)
    entry = LogEntry.objects.get_for_object(sdq).get()
    assert entry.additional_data == {"pupil_id": pupil.pk}


def test_a_boxall_profile_caches_cluster_totals_under_the_schools_map(item_entry_licences, senco, pupil):
    scores = {key: 3 for key in boxall.ALL_ITEM_KEYS}
    profile = services.boxall_record(pupil=pupil, user=senco, purpose="baseline", completed_on=DAY,
                                     completed_by_name="Sam", item_scores=scores)
    assert profile.cluster_totals["A"] == 12 and profile.cluster_totals["J"] == 9


def test_class_teachers_do_not_record_boxall_profiles(class_teacher, pupil):
    with pytest.raises(PermissionDenied):
        services.boxall_record(pupil=pupil, user=class_teacher, purpose="baseline", completed_on=DAY,
                               completed_by_name="Jo", item_scores={1: 2})


def test_changing_the_cluster_map_rescores_every_profile_of_the_school(senco, school, pupil):
    profile = BoxallProfileFactory(pupil=pupil, item_scores={str(k): 1 for k in boxall.ALL_ITEM_KEYS})
    assert profile.cluster_totals["A"] == 4
    cluster_map = {**boxall.DEFAULT_CLUSTER_MAP, "A": {"items": [1, 2, 3, 4, 5], "low": 5, "high": 20},
                   "B": {"items": [6, 7, 8], "low": 3, "high": 12}}
    settings = services.boxall_settings_update(school=school, user=senco, cluster_map=cluster_map)
    assert settings.is_default is False
    profile.refresh_from_db()
    assert profile.cluster_totals["A"] == 5 and profile.cluster_totals["B"] == 3


def test_a_broken_cluster_map_is_refused_and_nothing_changes(senco, school):
    broken = {**boxall.DEFAULT_CLUSTER_MAP, "B": {"items": [1], "low": 0, "high": 4}}
    with pytest.raises(ValidationError):
        services.boxall_settings_update(school=school, user=senco, cluster_map=broken)
    assert not BoxallProfile.objects.exists()


def test_attainment_for_a_term_is_replaced_not_duplicated(senco, pupil):
    services.attainment_record(pupil=pupil, user=senco, term="2026-autumn", values={"reading": "wts"})
    record = services.attainment_record(pupil=pupil, user=senco, term="2026-autumn",
                                        values={"reading": "exs", "reading_age_months": 88})
    assert record.reading == "exs" and record.reading_age == "7y 4m"
    assert type(record).objects.count() == 1


def test_an_empty_attainment_record_is_refused(senco, pupil):
    with pytest.raises(ValidationError, match="at least one"):
        services.attainment_record(pupil=pupil, user=senco, term="2026-autumn", values={})


def test_the_attendance_csv_is_applied_in_full_or_not_at_all(senco, school, pupil):
    other = PupilFactory(school=school)
    good = f"UPN,Attendance %\n{pupil.upn},93.4\n{other.upn},88%\n"
    result = services.attendance_import(school=school, user=senco, term="2026-autumn", csv_text=good)
    assert not result.errors
    assert {r.pupil_id: r.percent for r in AttendanceRecord.objects.all()} == {
        pupil.pk: Decimal("93.4"), other.pk: Decimal("88.0")}
    assert AttendanceRecord.objects.filter(source="imported").count() == 2

    bad = f"UPN,Attendance %\n{pupil.upn},97\nZ000000000000,90\n{other.upn},105\n"
    result = services.attendance_import(school=school, user=senco, term="2026-autumn", csv_text=bad)
    assert result.errors == ["Line 3: no pupil of this school has the UPN Z000000000000.",
                             "Line 4: 105.0 is not between 0 and 100."]
    assert AttendanceRecord.objects.get(pupil=pupil).percent == Decimal("93.4")


def test_the_attendance_csv_does_not_reach_another_schools_pupils(senco, school, other_school):
    stranger = PupilFactory(school=other_school)
    result = services.attendance_import(school=school, user=senco, term="2026-autumn",
                                        csv_text=f"UPN,Attendance\n{stranger.upn},90\n")
    assert result.errors and not AttendanceRecord.objects.exists()


def test_exclusions_need_days_and_other_incidents_refuse_them(senco, pupil):
    with pytest.raises(ValidationError, match="how many days"):
        services.incident_record(pupil=pupil, user=senco, kind="exclusion", occurred_on=DAY)
    with pytest.raises(ValidationError, match="exclusions only"):
        services.incident_record(pupil=pupil, user=senco, kind="sanction", occurred_on=DAY, days=Decimal("1"))
    incident = services.incident_record(pupil=pupil, user=senco, kind="exclusion", occurred_on=DAY,
                                        days=Decimal("1.5"), note="Fixed-term, one and a half days.")
    assert incident.term.code == "2026-autumn"
