"""Writes of the reintegration app: one function per action, each in one transaction.

Services refuse what the rules forbid with a ValidationError naming the field when there is one.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import BoxallProfile, SdqAssessment
from core.notices import announce
from core.terms import Term
from pupils.models import Placement, Pupil, School, User
from pupils.services import ReferralRefused, placement_end

from .models import (
    RATING_MAX,
    Ending,
    FollowUp,
    Graduation,
    PlanReview,
    PlanSupport,
    PlanWeek,
    ReadinessAssessment,
    ReadinessCategory,
    ReadinessCriterion,
    ReadinessRating,
    ReadinessSettings,
    TransitionPlan,
)
from .scale import DEFAULT_SCALE

WEEK_SESSIONS = 10  # half-day sessions in a school week


# ---------------------------------------------------------------------------------------- the scale


@transaction.atomic
def scale_ensure_default(*, school: School) -> bool:
    """Give the school the default readiness scale if it has no criteria yet; return whether it did."""
    if ReadinessCategory.objects.filter(school=school).exists():
        return False
    for position, (name, wordings) in enumerate(DEFAULT_SCALE):
        category = ReadinessCategory.objects.create(school=school, name=name, position=position)
        ReadinessCriterion.objects.bulk_create([
            ReadinessCriterion(school=school, category=category, wording=wording, position=index)
            for index, wording in enumerate(wordings)
        ])
    return True


@transaction.atomic
def readiness_settings_update(*, school: School, user: User, threshold: int, follow_up_terms: int,
                              min_coverage: int | None = None) -> ReadinessSettings:
    """Set the school's readiness threshold, the coverage a score needs, and the terms of follow-up."""
    row, _ = ReadinessSettings.objects.select_for_update().get_or_create(school=school)
    row.threshold, row.follow_up_terms, row.updated_by = threshold, follow_up_terms, user
    if min_coverage is not None:
        row.min_coverage = min_coverage
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def criterion_add(*, school: School, user: User, wording: str, category: ReadinessCategory | None = None,
                  new_category: str = "") -> ReadinessCriterion:
    """Add a criterion to the school's scale, in an existing category or a new one."""
    wording, new_category = wording.strip(), new_category.strip()
    if not wording:
        raise ValidationError({"wording": "Write the criterion."})
    if new_category:
        category, _ = ReadinessCategory.objects.get_or_create(
            school=school, name=new_category,
            defaults={"position": ReadinessCategory.objects.filter(school=school).count()})
    if category is None:
        raise ValidationError({"category": "Choose a category or name a new one."})
    if category.school_id != school.pk:
        raise ValidationError({"category": "That category belongs to another school."})
    criterion = ReadinessCriterion(school=school, category=category, wording=wording,
                                   position=category.criteria.count())
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_reword(*, criterion: ReadinessCriterion, user: User, wording: str) -> ReadinessCriterion:
    """Reword a criterion; assessments already made keep the wording they were rated against."""
    wording = wording.strip()
    if not wording:
        raise ValidationError({"wording": "Write the criterion."})
    criterion.wording = wording
    criterion.full_clean()
    criterion.save(update_fields=["wording"])
    return criterion


@transaction.atomic
def criterion_retire(*, criterion: ReadinessCriterion, user: User, on: datetime.date | None = None
                     ) -> ReadinessCriterion:
    """Stop rating a criterion from a day on; old assessments that rated it keep their scores."""
    if criterion.is_retired:
        raise ValidationError("This criterion is already retired.")
    criterion.retired_on = on or timezone.localdate()
    criterion.save(update_fields=["retired_on"])
    return criterion


# ---------------------------------------------------------------------------------------- readiness


@transaction.atomic
def readiness_assess(*, pupil: Pupil, user: User, assessed_on: datetime.date, setting: str,
                     ratings: dict[int, tuple[int | None, str]], note: str = "") -> ReadinessAssessment:
    """Record a readiness assessment: `ratings` maps criterion id to (rating 0-3 or None, note).

    Each rating keeps the criterion's wording and category as they are today. The score counts only
    the criteria rated: an unrated criterion is left out of the maximum as well as the points.
    """
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": "The date cannot be in the future."})
    criteria = {
        criterion.pk: criterion
        for criterion in ReadinessCriterion.objects.filter(school_id=pupil.school_id, pk__in=list(ratings))
        .select_related("category")
    }
    unknown = set(ratings) - set(criteria)
    if unknown:
        raise ValidationError("Some criteria are not on this school's scale.")
    if any(criteria[pk].is_retired and criteria[pk].retired_on <= assessed_on for pk in ratings):
        raise ValidationError("A retired criterion cannot be rated any more.")
    for value, _ in ratings.values():
        if value is not None and not 0 <= value <= RATING_MAX:
            raise ValidationError(f"Ratings go from 0 to {RATING_MAX}.")
    rated = [value for value, _ in ratings.values() if value is not None]
    if not rated:
        raise ValidationError("Rate at least one criterion.")
    in_use = ReadinessCriterion.objects.filter(school_id=pupil.school_id).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=assessed_on)).count()
    assessment = ReadinessAssessment(
        school_id=pupil.school_id, pupil=pupil, assessed_on=assessed_on, assessed_by=user, setting=setting,
        note=note, points=sum(rated), rated_count=len(rated), criteria_count=in_use)
    assessment.full_clean()
    assessment.save()
    ReadinessRating.objects.bulk_create([
        ReadinessRating(school_id=pupil.school_id, pupil=pupil, assessment=assessment, criterion=criteria[pk],
                        wording=criteria[pk].wording, category_name=criteria[pk].category.name,
                        rating=value, note=(text or "").strip()[:500])
        for pk, (value, text) in ratings.items()
        if value is not None or (text or "").strip()
    ])
    return assessment


# ---------------------------------------------------------------------------------------- the return


def default_weeks(sessions_in_group: int, weeks: int = 4) -> list[dict]:
    """Return a starting timetable: the group's sessions falling to none over the weeks, class rising."""
    rows = []
    for week in range(1, weeks + 1):
        group = round(sessions_in_group * (weeks - week) / weeks)
        rows.append({"week": week, "class_sessions": WEEK_SESSIONS - group, "group_sessions": group, "note": ""})
    return rows


def _check_phasing(weeks: list[dict]) -> None:
    ordered = sorted(weeks, key=lambda row: row["week"])
    if len({row["week"] for row in ordered}) != len(ordered):
        raise ValidationError("Each week of the timetable appears once.")
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later["class_sessions"] < earlier["class_sessions"] or later["group_sessions"] > earlier["group_sessions"]:
            raise ValidationError(
                f"Week {later['week']}: sessions in class should rise (or stay) and sessions in the group "
                f"fall (or stay) from week to week.")
    for row in ordered:
        if row["class_sessions"] + row["group_sessions"] > WEEK_SESSIONS:
            raise ValidationError(f"Week {row['week']}: a week has at most {WEEK_SESSIONS} sessions.")


@transaction.atomic
def plan_start(*, pupil: Pupil, user: User, starts_on: datetime.date | None = None) -> TransitionPlan:
    """Start a draft transition plan for a pupil in the group, with a starting four-week timetable."""
    placement = Placement.objects.in_group_on().filter(pupil=pupil, school_id=pupil.school_id,
                                                   status=Placement.Status.ACTIVE).first()
    if placement is None:
        raise ValidationError("The pupil is not in the group, so there is no return to plan.")
    if TransitionPlan.objects.filter(placement=placement).exists():
        raise ValidationError("This placement already has a transition plan.")
    plan = TransitionPlan(school_id=pupil.school_id, pupil=pupil, placement=placement,
                          starts_on=starts_on or timezone.localdate(), created_by=user)
    plan.full_clean()
    plan.save()
    PlanWeek.objects.bulk_create([
        PlanWeek(school_id=plan.school_id, pupil=pupil, plan=plan, **row)
        for row in default_weeks(min(placement.sessions_per_week, WEEK_SESSIONS))
    ])
    return plan


@transaction.atomic
def plan_update(*, plan: TransitionPlan, user: User, starts_on: datetime.date, strategies: str,
                weeks: list[dict], support: list[dict], reviews: list[dict], version: int | None = None
                ) -> TransitionPlan:
    """Replace the plan's timetable, support in class and review points, and its strategies.

    `version` is the plan's version when the form was opened: if someone saved since, the change is refused.
    """
    plan = TransitionPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise ValidationError("A completed plan cannot be changed.")
    if version is not None and version != plan.version:
        raise ValidationError("Someone else saved this plan while you were editing it. Your changes are below: "
                              "open the plan again to see theirs before saving.")
    plan.version += 1
    _check_phasing(weeks)
    plan.starts_on, plan.strategies = starts_on, strategies
    plan.full_clean()
    plan.save()
    common = {"school_id": plan.school_id, "pupil_id": plan.pupil_id, "plan": plan}
    for model, rows in ((PlanWeek, weeks), (PlanSupport, support), (PlanReview, reviews)):
        model.objects.filter(plan=plan).delete()
        objects = [model(**common, **row) for row in rows]
        for row in objects:
            row.full_clean(exclude=["plan"])
        model.objects.bulk_create(objects)
    return plan


@transaction.atomic
def plan_set_status(*, plan: TransitionPlan, user: User, status: str) -> TransitionPlan:
    """Start (draft -> under way) or complete (under way -> completed) a transition plan."""
    plan = TransitionPlan.objects.select_for_update().get(pk=plan.pk)
    plan.set_status(status)
    if status == TransitionPlan.Status.ACTIVE and not plan.weeks.exists():
        raise ValidationError("Plan at least one week of the timetable before the return starts.")
    if status == TransitionPlan.Status.COMPLETED:
        plan.completed_on = timezone.localdate()
    plan.full_clean()
    plan.save()
    if status == TransitionPlan.Status.ACTIVE:
        announce("reintegration.phased_return_started", record=plan, actor=user)
    return plan


@transaction.atomic
def graduation_record(*, placement: Placement, user: User, graduated_on: datetime.date, ritual: str,
                      ending: str, ritual_note: str = "", ending_note: str = "") -> Graduation:
    """Record a pupil's graduation and end their placement with it (the placement's history keeps it).

    Refused without one of the known endings (returned to class full time, moved school, moved to
    specialist provision, left for another reason).
    """
    if ending not in Ending.values:
        raise ValidationError({"ending": "Say how the placement ended."})
    if graduated_on > timezone.localdate():
        raise ValidationError({"graduated_on": "The date cannot be in the future."})
    reason = Ending(ending).label + (f": {ending_note.strip()}" if ending_note.strip() else "")
    try:
        placement = placement_end(placement=placement, user=user, end_date=graduated_on, reason=reason)
    except ReferralRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    graduation = Graduation(school_id=placement.school_id, pupil_id=placement.pupil_id, placement=placement,
                            graduated_on=graduated_on, ritual=ritual, ritual_note=ritual_note.strip(),
                            ending=ending, ending_note=ending_note.strip(), recorded_by=user)
    graduation.full_clean()
    graduation.save()
    plan = TransitionPlan.objects.filter(placement=placement).first()
    if plan is not None and plan.status == TransitionPlan.Status.ACTIVE:
        plan_set_status(plan=plan, user=user, status=TransitionPlan.Status.COMPLETED)
    announce("reintegration.graduated", record=graduation, actor=user)
    return graduation


# ---------------------------------------------------------------------------------------- follow-ups


@transaction.atomic
def follow_up_record(*, graduation: Graduation, user: User, term: str, recorded_on: datetime.date, coping: str,
                     sdq: SdqAssessment | None = None, boxall: BoxallProfile | None = None,
                     sdq_total: int | None = None, attainment: str = "", attendance_percent: Decimal | None = None,
                     exclusions: int | None = None, came_back: bool = False, note: str = "") -> FollowUp:
    """Record how a former pupil is doing in a term after leaving the group."""
    try:
        term_value = Term.parse(term)
    except ValueError as error:
        raise ValidationError({"term": str(error)}) from error
    if term_value <= graduation.term:
        raise ValidationError({"term": "A follow-up is for a term after the pupil left the group."})
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": "The date cannot be in the future."})
    if term_value.start > timezone.localdate():
        raise ValidationError({"term": f"{term_value.label} has not begun yet."})
    for field, record in (("sdq", sdq), ("boxall", boxall)):
        if record is not None and (record.pupil_id != graduation.pupil_id or record.school_id != graduation.school_id):
            raise ValidationError({field: "That assessment is of another pupil."})
    if FollowUp.objects.filter(graduation=graduation, term=term_value.code).exists():
        raise ValidationError({"term": f"{term_value.label} already has a follow-up."})
    follow_up = FollowUp(
        school_id=graduation.school_id, pupil_id=graduation.pupil_id, graduation=graduation, term=term_value.code,
        recorded_on=recorded_on, recorded_by=user, coping=coping, sdq=sdq, boxall=boxall, sdq_total=sdq_total,
        attainment=attainment, attendance_percent=attendance_percent, exclusions=exclusions, came_back=came_back,
        note=note)
    follow_up.full_clean()
    follow_up.save()
    return follow_up
