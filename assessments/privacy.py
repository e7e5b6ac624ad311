"""The assessments app's part of a subject access export and of erasing a pupil (see privacy/registry.py)."""

from __future__ import annotations

from privacy.registry import Section, day, model_section
from pupils.models import Pupil

from .models import AttainmentRecord, AttendanceRecord, BoxallProfile, Incident, SdqAssessment

COMMON = ["purpose", "completed_on", "completed_by_name", "completed_by_role", "recorded_by", "created_at"]


def subject_access_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's SDQs (item answers and scores), Boxall Profiles, attainment, attendance and incidents."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("sdq", "Strengths and Difficulties Questionnaires",
                      SdqAssessment.objects.filter(**mine).select_related("recorded_by"),
                      ["informant", *COMMON, "entry_method", "score_source", "form_token", "answers",
                       "has_difficulties", "impact_answers", "emotional",
                       "conduct", "hyperactivity", "peer", "prosocial", "total", "externalising", "internalising",
                       "impact", "emotional_band", "conduct_band", "hyperactivity_band", "peer_band", "prosocial_band",
                       "total_band", "impact_band"],
                      lambda sdq: f"SDQ ({sdq.get_informant_display()}) {day(sdq.completed_on)}"),
        model_section("boxall", "Boxall Profiles", BoxallProfile.objects.filter(**mine).select_related("recorded_by"),
                      [*COMMON, "entry_method", "score_source", "form_token", "item_scores", "cluster_totals"],
                      lambda profile: f"Boxall Profile {day(profile.completed_on)}"),
        model_section("attainment", "Attainment by term", AttainmentRecord.objects.filter(**mine),
                      ["term", "reading", "writing", "maths", "standardised_score", "reading_age_months", "recorded_by",
                       "updated_at"],
                      lambda record: f"Attainment {record.term}"),
        model_section("attendance", "Attendance by term", AttendanceRecord.objects.filter(**mine),
                      ["term", "percent", "source", "recorded_by", "updated_at"],
                      lambda record: f"Attendance {record.term}"),
        model_section("incidents", "Incidents", Incident.objects.filter(**mine).select_related("recorded_by"),
                      ["kind", "occurred_on", "days", "note", "recorded_by", "created_at"],
                      lambda incident: f"{incident.get_kind_display()} {day(incident.occurred_on)}"),
    ]


def erase(pupil: Pupil, user) -> None:
    """Clear free text and names of who completed forms; scores stay for the anonymous figures."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    Incident.objects.filter(**mine).update(note="")
    for model in (SdqAssessment, BoxallProfile):
        model.objects.filter(**mine).update(completed_by_name="[erased]", completed_by_role="")
