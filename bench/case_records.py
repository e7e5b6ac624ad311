"""Benchmark data for the case record: assessments, targets, daily observations (with their audit
entries, as the app writes them), so pages are measured against years of history."""

from __future__ import annotations

import datetime
import json
import random
from collections import defaultdict

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from assessments import boxall
from assessments.models import AttainmentRecord, AttendanceRecord, BoxallProfile, SdqAssessment
from assessments.scoring import score_sdq
from core.terms import Term
from pupils.models import Placement, User
from targets.models import (
    ObservationSession,
    PupilObservation,
    RatingSource,
    Setting,
    Target,
    TargetRating,
    TargetVersion,
)

from .generate import Trust, _timed, copy_rows

AREAS = ["personal", "social", "literacy"]
WORDING = {"personal": "I will tell an adult when I feel cross", "social": "I will wait for my turn in a game",
           "literacy": "I will write two sentences on my own"}


def _sdq_row(placement, day, answers, staff_id, now):
    result = score_sdq({int(k): v for k, v in answers.items()}, "teacher")
    bands = result["bands"]
    return (placement.school_id, placement.pupil_id, "termly", day, "Class teacher", "", staff_id, now,
            "teacher", json.dumps(answers), False, json.dumps({}),
            result["emotional"], result["conduct"], result["hyperactivity"], result["peer"], result["prosocial"],
            result["total"], result["externalising"], result["internalising"], None,
            bands["emotional"] or "", bands["conduct"] or "", bands["hyperactivity"] or "", bands["peer"] or "",
            bands["prosocial"] or "", bands["total"] or "", "")


@transaction.atomic
def generate_assessments_and_targets(trust: Trust, *, observations: int, seed: int = 5) -> dict:
    """Give every placement assessments, targets, and the group daily observations up to the requested count."""
    rng = random.Random(seed)
    now = timezone.now()
    placements = list(Placement.objects.filter(school__in=trust.schools).select_related("group"))
    staff = {user.school_id: user.pk for user in User.objects.filter(
        school__in=trust.schools, username__endswith="-nurture_staff")}
    counts = {}
    with _timed(trust, "assessments"):
        sdq_rows, boxall_rows, attainment_rows, attendance_rows = [], [], [], []
        for placement in placements:
            end = placement.end_date or timezone.localdate()
            days = [placement.start_date, placement.start_date + (end - placement.start_date) / 2, end]
            level = rng.choice([2, 2, 1])
            for step, day in enumerate(days):
                answers = {str(item): max(0, min(2, level - (1 if rng.random() < step * 0.3 else 0)))
                           for item in range(1, 26)}
                sdq_rows.append(_sdq_row(placement, day, answers, staff[placement.school_id], now))
                scores = {key: rng.randint(1 + step, 4) for key in boxall.ALL_ITEM_KEYS}
                totals = boxall.cluster_totals(scores, boxall.DEFAULT_CLUSTER_MAP)
                boxall_rows.append((placement.school_id, placement.pupil_id, "termly", day, "Nurture staff", "",
                                    staff[placement.school_id], now, json.dumps({str(k): v for k, v in scores.items()}),
                                    json.dumps(totals)))
            for term in Term.range(Term.for_date(placement.start_date).previous(), Term.for_date(end)):
                attainment_rows.append((placement.school_id, placement.pupil_id, term.code, staff[placement.school_id],
                                        now, rng.choice(["wts", "exs"]), rng.choice(["wts", "exs"]),
                                        rng.choice(["wts", "exs", "gds"])))
                attendance_rows.append((placement.school_id, placement.pupil_id, term.code, staff[placement.school_id],
                                        now, round(rng.uniform(82, 99), 1), "entered"))
        sdq_fields = ["school", "pupil", "purpose", "completed_on", "completed_by_name", "completed_by_role",
                      "recorded_by", "created_at", "informant", "answers", "has_difficulties", "impact_answers",
                      "emotional", "conduct", "hyperactivity", "peer", "prosocial", "total", "externalising",
                      "internalising", "impact", "emotional_band", "conduct_band", "hyperactivity_band", "peer_band",
                      "prosocial_band", "total_band", "impact_band"]
        counts["sdqs"] = copy_rows(SdqAssessment, sdq_fields, sdq_rows)
        counts["boxall_profiles"] = copy_rows(BoxallProfile, [
            "school", "pupil", "purpose", "completed_on", "completed_by_name", "completed_by_role", "recorded_by",
            "created_at", "item_scores", "cluster_totals"], boxall_rows)
        unique = {(row[1], row[2]): row for row in attainment_rows}
        counts["attainment_records"] = copy_rows(AttainmentRecord, [
            "school", "pupil", "term", "recorded_by", "updated_at", "reading", "writing", "maths"], unique.values())
        unique = {(row[1], row[2]): row for row in attendance_rows}
        counts["attendance_records"] = copy_rows(AttendanceRecord, [
            "school", "pupil", "term", "recorded_by", "updated_at", "percent", "source"], unique.values())
    with _timed(trust, "targets"):
        targets = []
        for placement in placements:
            for area in AREAS:
                targets.append(Target(school_id=placement.school_id, pupil_id=placement.pupil_id, area=area,
                                      settings=[Setting.NURTURE_GROUP, Setting.CLASS],
                                      owner_id=staff[placement.school_id],
                                      start_date=placement.start_date,
                                      review_date=placement.start_date + datetime.timedelta(weeks=6),
                                      status="active" if placement.end_date is None else "achieved",
                                      created_by_id=staff[placement.school_id]))
        Target.objects.bulk_create(targets, batch_size=5000)
        TargetVersion.objects.bulk_create([
            TargetVersion(school_id=target.school_id, pupil_id=target.pupil_id, target=target, number=1,
                          wording=WORDING[target.area], how_we_will_know="Seen in three sessions running",
                          strategies="A calm reminder, a visual timer", home_strategy="The same words at home",
                          created_by_id=target.created_by_id, created_at=now) for target in targets
        ], batch_size=5000)
        counts["targets"] = len(targets)
    with _timed(trust, "daily observations"):
        counts.update(_observations(trust, placements, targets, staff, observations, rng))
    return counts


def _observations(trust, placements, targets, staff, wanted: int, rng) -> dict:
    targets_by_pupil = defaultdict(list)
    for target in targets:
        targets_by_pupil[target.pupil_id].append(target.pk)
    by_group = defaultdict(list)
    for placement in placements:
        by_group[placement.group_id].append(placement)
    first = min(placement.start_date for placement in placements)
    today = timezone.localdate()
    weekdays = [first + datetime.timedelta(days=n) for n in range((today - first).days)
                if (first + datetime.timedelta(days=n)).weekday() < 5]
    members_by_group_day = {}
    total = 0
    for group_id, group_placements in by_group.items():
        for day in weekdays:
            members = [p for p in group_placements if p.start_date <= day and (p.end_date is None or p.end_date >= day)]
            if members:
                members_by_group_day[(group_id, day)] = members
                total += len(members)
    keep = min(1.0, wanted / total) if total else 0
    chosen = [(key, members) for key, members in members_by_group_day.items() if rng.random() < keep]
    school_of = {placement.group_id: placement.school_id for placement in placements}
    sessions = ObservationSession.objects.bulk_create([
        ObservationSession(school_id=school_of[group_id], group_id=group_id, date=day, setting=Setting.NURTURE_GROUP,
                           observed_by_id=staff[school_of[group_id]]) for (group_id, day), _ in chosen
    ], batch_size=5000)
    now = timezone.now()
    observation_rows = []
    for session, (_, members) in zip(sessions, chosen, strict=True):
        for placement in members:
            present = rng.random() > 0.08
            observation_rows.append((session.school_id, placement.pupil_id, session.pk, present,
                                     rng.randint(1, 4) if present else None, "", present and rng.random() < 0.05))
    count = copy_rows(PupilObservation, ["school", "pupil", "session", "present", "settled", "note", "incident"],
                      observation_rows)
    ids = PupilObservation.objects.filter(school__in=trust.schools).values_list(
        "pk", "pupil_id", "present", "session__observed_by_id", "session__date")
    rating_rows, audit_rows = [], []
    content_type = ContentType.objects.get_for_model(PupilObservation)
    for observation_id, pupil_id, present, observer, day in ids.iterator(chunk_size=20000):
        if present:
            for target_id in targets_by_pupil[pupil_id]:
                rating_rows.append((school_for(pupil_id), pupil_id, target_id, observation_id, rng.randint(0, 3),
                                    day, RatingSource.OBSERVED, observer))
        audit_rows.append((content_type.pk, str(observation_id), observation_id, f"Observation of pupil {pupil_id}",
                           LogEntry.Action.CREATE, "", json.dumps({"present": ["None", str(present)]}), observer, now,
                           json.dumps({"pupil_id": pupil_id})))
    ratings = copy_rows(TargetRating, ["school", "pupil", "target", "pupil_observation", "rating", "observed_on",
                                      "source", "rated_by"],
                        rating_rows)
    audits = copy_rows(LogEntry, ["content_type", "object_pk", "object_id", "object_repr", "action", "changes_text",
                                  "changes",
                                  "actor", "timestamp", "additional_data"], audit_rows)
    return {"observation_sessions": len(sessions), "pupil_observations": count, "target_ratings": ratings,
            "audit_entries": audits}


_SCHOOL_OF_PUPIL: dict[int, int] = {}


def school_for(pupil_id: int) -> int:
    if pupil_id not in _SCHOOL_OF_PUPIL:  # read again for a trust generated after the last read
        _SCHOOL_OF_PUPIL.clear()
        _SCHOOL_OF_PUPIL.update(Placement.objects.values_list("pupil_id", "school_id"))
    return _SCHOOL_OF_PUPIL[pupil_id]


@transaction.atomic
def generate_reintegration(trust: Trust, seed: int = 9) -> dict:
    """Readiness assessments every half term of each placement, graduations for the ended ones, and
    termly follow-ups of former pupils (some missing: 'no evidence' exists in real schools too)."""
    from reintegration.models import (
        Coping,
        FollowUp,
        Graduation,
        ReadinessAssessment,
        ReadinessCriterion,
        ReadinessRating,
        Ritual,
    )
    from reintegration.services import scale_ensure_default

    rng = random.Random(seed)
    counts = {}
    with _timed(trust, "readiness, graduations, follow-ups"):
        for school in trust.schools:
            scale_ensure_default(school=school)
        criteria = defaultdict(list)
        for criterion in ReadinessCriterion.objects.filter(school__in=trust.schools).select_related("category"):
            criteria[criterion.school_id].append(criterion)
        staff = {user.school_id: user.pk for user in User.objects.filter(
            school__in=trust.schools, username__endswith="-nurture_staff")}
        placements = list(Placement.objects.filter(school__in=trust.schools))
        assessments = []
        for placement in placements:
            end = placement.end_date or timezone.localdate()
            day = placement.start_date + datetime.timedelta(weeks=6)
            while day <= end:
                assessments.append(ReadinessAssessment(
                    school_id=placement.school_id, pupil_id=placement.pupil_id, assessed_on=day,
                    assessed_by_id=staff[placement.school_id], setting="group"))
                day += datetime.timedelta(weeks=6)
        ReadinessAssessment.objects.bulk_create(assessments, batch_size=5000)
        rows, points = [], {}
        for index, assessment in enumerate(assessments):
            total = 0
            for criterion in criteria[assessment.school_id]:
                rating = min(3, rng.randint(0, 2) + index % 3 // 2)
                total += rating
                rows.append((assessment.school_id, assessment.pupil_id, assessment.pk, criterion.pk,
                             criterion.wording, criterion.category.name, rating, ""))
            points[assessment.pk] = (total, len(criteria[assessment.school_id]))
        counts["readiness_ratings"] = copy_rows(ReadinessRating, [
            "school", "pupil", "assessment", "criterion", "wording", "category_name", "rating", "note"], rows)
        for assessment in assessments:
            assessment.points, assessment.rated_count = points[assessment.pk]
            assessment.criteria_count = assessment.rated_count  # the whole scale rated: full coverage
        ReadinessAssessment.objects.bulk_update(assessments, ["points", "rated_count", "criteria_count"],
                                                batch_size=5000)
        counts["readiness_assessments"] = len(assessments)
        graduations = Graduation.objects.bulk_create([
            Graduation(school_id=placement.school_id, pupil_id=placement.pupil_id, placement=placement,
                       graduated_on=placement.end_date, ritual=Ritual.CERTIFICATE,
                       ending=rng.choices(["returned_full_time", "moved_school", "specialist", "other"],
                                          [85, 7, 4, 4])[0], recorded_by_id=staff[placement.school_id])
            for placement in placements if placement.end_date
        ], batch_size=5000)
        counts["graduations"] = len(graduations)
        follow_ups = []
        current_term = Term.for_date(timezone.localdate())
        for graduation in graduations:
            term = Term.for_date(graduation.graduated_on).next()
            for _ in range(3):
                if term > current_term or rng.random() < 0.15:
                    break
                follow_ups.append(FollowUp(
                    school_id=graduation.school_id, pupil_id=graduation.pupil_id, graduation=graduation,
                    term=term.code, recorded_on=term.start + datetime.timedelta(days=40),
                    recorded_by_id=graduation.recorded_by_id,
                    coping=rng.choices([Coping.WELL, Coping.WITH_SUPPORT, Coping.NOT_COPING], [50, 40, 10])[0],
                    attainment="reasonable", sdq_total=rng.randint(6, 18)))
                term = term.next()
        FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
        counts["follow_ups"] = len(follow_ups)
    return counts
