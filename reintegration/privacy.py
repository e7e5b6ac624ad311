"""The reintegration app's part of a subject access export and of erasing a pupil (see privacy/registry.py)."""

from __future__ import annotations

from privacy.registry import Section, day, model_section
from pupils.models import Pupil

from .models import (
    FollowUp,
    Graduation,
    PlanReview,
    PlanSupport,
    PlanWeek,
    ReadinessAssessment,
    ReadinessRating,
    TransitionPlan,
)


def subject_access_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's readiness assessments and ratings, transition plans, graduation and follow-ups."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("readiness", "Readiness assessments",
                      ReadinessAssessment.objects.filter(**mine).select_related("assessed_by").order_by("assessed_on"),
                      ["assessed_on", "assessed_by", "setting", "points", "rated_count", "criteria_count", "note",
                       "created_at"],
                      lambda a: f"Readiness on {day(a.assessed_on)}: {a.percent}%"),
        model_section("readiness_ratings", "Readiness ratings (with the wording rated against)",
                      ReadinessRating.objects.filter(**mine).select_related("assessment__pupil")
                      .order_by("assessment", "pk"),
                      ["assessment", "criterion", "category_name", "wording", "rating", "note"],
                      lambda r: f"Assessment {r.assessment_id}: {r.wording}"),
        model_section("transition_plans", "Transition plans",
                      TransitionPlan.objects.filter(**mine).select_related("created_by"),
                      ["placement", "status", "starts_on", "strategies", "created_by", "created_at", "completed_on"],
                      lambda plan: f"Transition plan from {day(plan.starts_on)}"),
        model_section("plan_weeks", "Transition plan weeks", PlanWeek.objects.filter(**mine).order_by("plan", "week"),
                      ["plan", "week", "class_sessions", "group_sessions", "note"],
                      lambda week: f"Plan {week.plan_id}, week {week.week}"),
        model_section("plan_support", "Support in class", PlanSupport.objects.filter(**mine),
                      ["plan", "who", "what", "when"], lambda item: f"Plan {item.plan_id}: {item.who}"),
        model_section("plan_reviews", "Transition plan reviews", PlanReview.objects.filter(**mine),
                      ["plan", "review_on", "outcome"], lambda review: f"Review on {day(review.review_on)}"),
        model_section("graduations", "Graduations", Graduation.objects.filter(**mine).select_related("recorded_by"),
                      ["placement", "graduated_on", "ritual", "ritual_note", "ending", "ending_note", "recorded_by",
                       "created_at"],
                      lambda g: f"Left the group on {day(g.graduated_on)}"),
        model_section("follow_ups", "Follow-ups after leaving",
                      FollowUp.objects.filter(**mine).select_related("recorded_by", "sdq", "boxall"),
                      ["graduation", "term", "recorded_on", "recorded_by", "coping", "sdq", "boxall", "sdq_total",
                       "attainment", "attendance_percent", "exclusions", "came_back", "note", "created_at"],
                      lambda f: f"Follow-up, {f.term_value.label}"),
    ]


def erase(pupil: Pupil, user) -> None:
    """Clear the words (notes, strategies, support, review outcomes); dates, ratings and endings stay for counts."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    ReadinessAssessment.objects.filter(**mine).update(note="")
    ReadinessRating.objects.filter(**mine).update(note="")
    TransitionPlan.objects.filter(**mine).update(strategies="")
    PlanWeek.objects.filter(**mine).update(note="")
    PlanSupport.objects.filter(**mine).update(who="[erased]", what="[erased]", when="[erased]")
    PlanReview.objects.filter(**mine).update(outcome="")
    Graduation.objects.filter(**mine).update(ritual_note="", ending_note="")
    FollowUp.objects.filter(**mine).update(note="")
