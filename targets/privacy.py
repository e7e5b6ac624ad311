"""The targets app's part of a subject access export and of erasing a pupil (see privacy/registry.py)."""

from __future__ import annotations

from privacy.registry import Section, day, model_section
from pupils.models import Pupil

from .models import PupilObservation, PupilProfile, Target, TargetRating, TargetReview, TargetVersion


def subject_access_sections(pupil: Pupil) -> list[Section]:
    """Return the pupil's targets with every wording, reviews, passport, observations and ratings."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    return [
        model_section("targets", "Targets", Target.objects.filter(**mine).select_related("owner", "created_by"),
                      ["area", "settings", "owner", "start_date", "review_date", "status", "source", "created_by",
                       "created_at", "updated_at"], lambda target: f"Target {target.pk} ({target.get_area_display()})"),
        model_section("target_versions", "Target wordings (every version)",
                      TargetVersion.objects.filter(**mine).select_related("created_by").order_by("target", "number"),
                      ["target", "number", "wording", "how_we_will_know", "strategies", "home_strategy",
                       "created_by", "created_at"], lambda version: f"Target {version.target_id}, version "
                                                                      f"{version.number}"),
        model_section("target_reviews", "Target reviews",
                      TargetReview.objects.filter(**mine).select_related("reviewed_by", "target"),
                      ["target", "reviewed_on", "reviewed_by", "outcome", "evidence", "next_step", "next_review_date",
                       "created_at"],
                      lambda review: f"Review of target {review.target_id}, {day(review.reviewed_on)}"),
        model_section("passport", "Learning passport", PupilProfile.objects.filter(**mine),
                      ["about_me", "what_helps_me", "adult_strategies", "home", "updated_by", "updated_at"],
                      lambda profile: "Learning passport"),
        model_section("observations", "Observations",
                      PupilObservation.objects.filter(**mine).select_related("session").order_by("session__date"),
                      ["session", "present", "settled", "note", "incident"],
                      lambda observation: f"Observation {day(observation.session.date)}"),
        model_section("ratings", "Ratings against targets",
                      TargetRating.objects.filter(**mine).select_related("pupil_observation__session", "rated_by"),
                      ["target", "pupil_observation", "observed_on", "rating", "source", "rated_by"],
                      lambda rating: f"Target {rating.target_id} rating"),
    ]


def erase(pupil: Pupil, user) -> None:
    """Clear the words (targets, strategies, reviews, notes, passport); areas, statuses and ratings stay."""
    mine = {"pupil": pupil, "school_id": pupil.school_id}
    TargetVersion.objects.filter(**mine).update(wording="[erased]", how_we_will_know="[erased]",
                                                strategies="[erased]", home_strategy="")
    TargetReview.objects.filter(**mine).update(evidence="[erased]")
    PupilObservation.objects.filter(**mine).update(note="")
    PupilProfile.objects.filter(**mine).delete()
