"""Reads of the reintegration app, always scoped to a school; views check the permission on the pupil first."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assessments import boxall
from assessments.models import BoxallProfile, Informant, SdqAssessment
from assessments.selectors import boxall_settings_for_school, boxalls_for_pupils, sdqs_for_pupils
from core.terms import Term
from pupils.models import Placement, Pupil, Role, School, User

from .models import (
    DEFAULT_COVERAGE,
    HALF_TERM_DAYS,
    AttainmentProgress,
    Coping,
    Ending,
    FollowUp,
    Graduation,
    Judgement,
    ReadinessAssessment,
    ReadinessCategory,
    ReadinessCriterion,
    ReadinessSettings,
    TransitionPlan,
    readiness_judgement,
)

# Former pupils who moved school or went to specialist provision are followed up by their new setting.
NOT_FOLLOWED_UP = (Ending.MOVED_SCHOOL, Ending.SPECIALIST)
DUE_SOON_DAYS = 14  # a readiness assessment is listed as due this long before its date


def readiness_settings_for_school(school: School | int) -> ReadinessSettings:
    """Return the school's readiness settings, or an unsaved default (80%, three terms) if it has none."""
    school_id = getattr(school, "pk", school)
    return ReadinessSettings.objects.filter(school_id=school_id).first() or ReadinessSettings(school_id=school_id)


def scale_for_school(school: School | int, *, in_use_only: bool = False) -> list[ReadinessCategory]:
    """Return the school's categories, each with its criteria (`criteria_list`), in order."""
    school_id = getattr(school, "pk", school)
    criteria = ReadinessCriterion.objects.for_school(school_id)
    if in_use_only:
        criteria = criteria.in_use()
    categories = list(
        ReadinessCategory.objects.for_school(school_id)
        .prefetch_related(Prefetch("criteria", queryset=criteria.order_by("position", "pk"), to_attr="criteria_list"))
    )
    return [category for category in categories if category.criteria_list or not in_use_only]


def criterion_for_user_or_404(user: User, pk: int) -> ReadinessCriterion:
    """Return a criterion of the user's school, or raise 404."""
    return get_object_or_404(ReadinessCriterion.objects.select_related("category"), school_id=user.school_id, pk=pk)


def readiness_history(pupil: Pupil) -> list[ReadinessAssessment]:
    """Return the pupil's readiness assessments, oldest first, with who made them."""
    return list(ReadinessAssessment.objects.for_school(pupil.school_id).for_pupils([pupil.pk])
                .select_related("assessed_by"))


def readiness_assessment_for_user_or_404(user: User, pupil: Pupil, pk: int) -> ReadinessAssessment:
    """Return one of the pupil's assessments (of the user's school) with its ratings, or raise 404."""
    return get_object_or_404(
        ReadinessAssessment.objects.select_related("assessed_by").prefetch_related("ratings"),
        school_id=user.school_id, pupil=pupil, pk=pk)


def latest_readiness_by_pupil(school_id: int, pupil_ids) -> dict[int, ReadinessAssessment]:
    """Return each pupil's latest readiness assessment, keyed by pupil id (one query)."""
    latest: dict[int, ReadinessAssessment] = {}
    for assessment in ReadinessAssessment.objects.for_school(school_id).for_pupils(pupil_ids):
        latest[assessment.pupil_id] = assessment
    return latest


def is_ready(assessment: ReadinessAssessment | None, threshold: int, min_coverage: int = DEFAULT_COVERAGE) -> bool:
    """Return whether the assessment's score reaches the threshold with enough of the scale rated."""
    return readiness_judgement(assessment, threshold, min_coverage) == Judgement.READY


def with_judgements(assessments: list[ReadinessAssessment], settings_row: ReadinessSettings
                    ) -> list[ReadinessAssessment]:
    """Return the assessments, each with `judgement` (ready, below, not enough rated) for the page."""
    for assessment in assessments:
        assessment.judgement = readiness_judgement(assessment, settings_row.threshold, settings_row.min_coverage)
    return assessments


def plan_for_pupil(pupil: Pupil) -> TransitionPlan | None:
    """Return the transition plan of the pupil's current (or latest) placement, with its rows."""
    return (
        TransitionPlan.objects.filter(school_id=pupil.school_id, pupil=pupil)
        .select_related("placement", "placement__group", "created_by")
        .prefetch_related("weeks", "support", "reviews")
        .order_by("-placement__start_date", "-pk")
        .first()
    )


def current_placement(pupil: Pupil) -> Placement | None:
    """Return the pupil's running placement, if any."""
    return (Placement.objects.in_group_on().filter(school_id=pupil.school_id, pupil=pupil,
                                               status=Placement.Status.ACTIVE)
            .select_related("group").first())


def graduations_of_pupil(pupil: Pupil) -> list[Graduation]:
    """Return the pupil's graduations, newest first, each with its follow-ups."""
    return list(
        Graduation.objects.filter(school_id=pupil.school_id, pupil=pupil)
        .select_related("placement__group", "recorded_by")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("sdq", "recorded_by")))
    )


def graduation_for_user_or_404(user: User, pupil: Pupil, pk: int) -> Graduation:
    """Return one of the pupil's graduations (of the user's school), or raise 404."""
    return get_object_or_404(Graduation.objects.select_related("placement"), school_id=user.school_id,
                             pupil=pupil, pk=pk)


# --------------------------------------------------------------------------------- ready, due, overdue


@dataclass
class ReadyRow:
    pupil: Pupil
    percent: Decimal
    assessed_on: datetime.date
    plan: TransitionPlan | None


def _visible(user: User, placements: list[Placement]) -> list[Placement]:
    if user.has_role(Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF):
        return placements
    return [p for p in placements if p.pupil.school_class_id in user.taught_class_ids]


def placements_with_latest_readiness(user: User, today: datetime.date | None = None) -> list[Placement]:
    """Return the running placements the user may see, each with its pupil, group, plan (if any) and the
    latest readiness assessment as `latest_readiness` (None if never assessed): one query."""
    today = today or timezone.localdate()
    latest = ReadinessAssessment.objects.filter(school_id=OuterRef("school_id"), pupil_id=OuterRef("pupil_id")
                                                ).order_by("-assessed_on", "-pk")
    placements = list(
        Placement.objects.in_group_on(today).filter(school_id=user.school_id, status=Placement.Status.ACTIVE)
        .select_related("pupil", "group", "transition_plan")
        .annotate(latest_points=Subquery(latest.values("points")[:1]),
                  latest_rated=Subquery(latest.values("rated_count")[:1]),
                  latest_criteria=Subquery(latest.values("criteria_count")[:1]),
                  latest_on=Subquery(latest.values("assessed_on")[:1]))
        .order_by("pupil__legal_last_name", "pupil__legal_first_name")
    )
    for placement in placements:
        placement.latest_readiness = (
            ReadinessAssessment(points=placement.latest_points, rated_count=placement.latest_rated,
                                criteria_count=placement.latest_criteria, assessed_on=placement.latest_on,
                                pupil_id=placement.pupil_id)
            if placement.latest_on else None)
    return _visible(user, placements)


def _plan_of(placement: Placement) -> TransitionPlan | None:
    try:
        return placement.transition_plan
    except TransitionPlan.DoesNotExist:
        return None


def ready_pupils(user: User, today: datetime.date | None = None, *, placements: list[Placement] | None = None,
                 settings_row: ReadinessSettings | None = None) -> list[ReadyRow]:
    """Return pupils in the group whose latest readiness score reaches the school's threshold, with enough of
    the scale rated (fixed queries)."""
    if settings_row is None:
        settings_row = readiness_settings_for_school(user.school_id)
    if placements is None:
        placements = placements_with_latest_readiness(user, today)
    return [
        ReadyRow(p.pupil, p.latest_readiness.percent, p.latest_readiness.assessed_on, _plan_of(p))
        for p in placements if is_ready(p.latest_readiness, settings_row.threshold, settings_row.min_coverage)
    ]


@dataclass
class DueRow:
    pupil: Pupil
    group: str
    last_assessed: datetime.date | None
    due_on: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def readiness_due(user: User, today: datetime.date | None = None, *,
                  placements: list[Placement] | None = None) -> list[DueRow]:
    """Return readiness assessments due within two weeks or overdue: every half term from the start of the placement."""
    today = today or timezone.localdate()
    if placements is None:
        placements = placements_with_latest_readiness(user, today)
    rows = []
    for placement in placements:
        last = placement.latest_readiness
        since = max(last.assessed_on, placement.start_date) if last else placement.start_date
        due_on = since + datetime.timedelta(days=HALF_TERM_DAYS)
        if due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            rows.append(DueRow(placement.pupil, placement.group.name, last.assessed_on if last else None, due_on))
    return sorted(rows, key=lambda row: (row.due_on, row.pupil.last_name))


@dataclass
class FollowUpDue:
    graduation: Graduation
    term: Term

    @property
    def overdue(self) -> bool:
        return self.term.end < timezone.localdate()


def follow_up_terms(graduation: Graduation, terms: int) -> list[Term]:
    """Return the terms a former pupil is followed up in: the `terms` terms after the one they left in."""
    result, term = [], graduation.term
    for _ in range(terms):
        term = term.next()
        result.append(term)
    return result


def follow_ups_due(user: User, today: datetime.date | None = None, *, terms: int | None = None
                   ) -> list[FollowUpDue]:
    """Return the follow-ups of former pupils whose term has begun and that are not recorded yet (one query).

    Former pupils who moved school or went to specialist provision are not due: their new setting follows them.
    """
    today = today or timezone.localdate()
    if terms is None:
        terms = readiness_settings_for_school(user.school_id).follow_up_terms
    graduations = {}
    recorded: dict[int, set[str]] = defaultdict(set)
    rows_with_terms = (Graduation.objects.for_user(user).exclude(ending__in=NOT_FOLLOWED_UP).select_related("pupil")
                       .annotate(recorded_term=F("follow_ups__term")))
    for graduation in rows_with_terms:
        graduations.setdefault(graduation.pk, graduation)
        if graduation.recorded_term:
            recorded[graduation.pk].add(graduation.recorded_term)
    visible = list(graduations.values())
    if not user.has_role(Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF):
        visible = [g for g in visible if g.pupil.school_class_id in user.taught_class_ids]
    rows = []
    for graduation in visible:
        for term in follow_up_terms(graduation, terms):
            if term.start <= today and term.code not in recorded[graduation.pk]:
                rows.append(FollowUpDue(graduation, term))
    return sorted(rows, key=lambda row: (row.term, row.graduation.pupil.last_name))


def dashboard_summary(user: User, *, with_follow_ups: bool) -> dict:
    """Return what the reintegration dashboard panel shows, in three or four queries however many pupils."""
    settings_row = readiness_settings_for_school(user.school_id)
    placements = placements_with_latest_readiness(user)
    due = readiness_due(user, placements=placements)
    return {
        "ready": ready_pupils(user, placements=placements, settings_row=settings_row),
        "min_coverage": settings_row.min_coverage,
        "threshold": settings_row.threshold,
        "due_count": sum(1 for row in due if not row.overdue),
        "overdue_count": sum(1 for row in due if row.overdue),
        "follow_ups_due": (len(follow_ups_due(user, terms=settings_row.follow_up_terms))
                           if with_follow_ups else None),
    }


# --------------------------------------------------------------------------------- the pupil's page


@dataclass
class SeriesPoint:
    day: datetime.date
    value: float
    label: str


@dataclass
class Timeline:
    readiness: list[SeriesPoint] = field(default_factory=list)
    sdq: list[SeriesPoint] = field(default_factory=list)
    boxall: list[SeriesPoint] = field(default_factory=list)


def boxall_strands_percent(profile: BoxallProfile, cluster_map: dict) -> float | None:
    """Return section I (developmental strands) as a percentage of its maximum, over the clusters scored."""
    scored = [(profile.cluster_totals.get(c.code), boxall.cluster_max(c.code, cluster_map))
              for c in boxall.CLUSTERS if c.section == boxall.SECTION_I]
    scored = [(total, top) for total, top in scored if total is not None and top]
    if not scored:
        return None
    return round(100 * sum(total for total, _ in scored) / sum(top for _, top in scored), 1)


def timeline_for_pupil(pupil: Pupil, readiness: list[ReadinessAssessment]) -> Timeline:
    """Return readiness, SDQ total difficulties and Boxall section I over time, for the one chart (3 queries)."""
    timeline = Timeline()
    for assessment in readiness:
        if assessment.percent is not None:
            timeline.readiness.append(SeriesPoint(assessment.assessed_on, float(assessment.percent),
                                                  f"{assessment.percent}% ({assessment.get_setting_display()})"))
    # The teacher version only: parent and teacher totals have different bands and would share a date.
    sdqs = sdqs_for_pupils(pupil.school_id, [pupil.pk]).filter(informant=Informant.TEACHER)
    for sdq in sdqs.only("completed_on", "total", "informant", "pupil_id"):
        if sdq.total is not None:
            timeline.sdq.append(SeriesPoint(sdq.completed_on, sdq.total, f"{sdq.total} of 40"))
    profiles = list(boxalls_for_pupils(pupil.school_id, [pupil.pk]).only("completed_on", "cluster_totals",
                                                                          "pupil_id"))
    if profiles:
        cluster_map = boxall_settings_for_school(pupil.school_id).cluster_map
        for profile in profiles:
            value = boxall_strands_percent(profile, cluster_map)
            if value is not None:
                timeline.boxall.append(SeriesPoint(profile.completed_on, value, f"{value:g}% of section I"))
    return timeline


# --------------------------------------------------------------------------------- the cohort


@dataclass
class CohortPupil:
    graduation: Graduation
    latest: FollowUp | None
    follow_up_count: int
    sdq_at_leaving: int | None
    sdq_latest: int | None
    attainment: str = ""  # the latest follow-up's progress in attainment that was recorded, if any

    @property
    def attainment_label(self) -> str:
        return AttainmentProgress(self.attainment).label if self.attainment else ""

    @property
    def pupil(self) -> Pupil:
        return self.graduation.pupil

    @property
    def sdq_change(self) -> int | None:
        if self.sdq_at_leaving is None or self.sdq_latest is None:
            return None
        return self.sdq_latest - self.sdq_at_leaving

    @property
    def no_evidence(self) -> bool:
        return self.latest is None


@dataclass
class CohortYear:
    year: int
    pupils: list[CohortPupil]

    @property
    def label(self) -> str:
        return f"Left in {self.year}-{(self.year + 1) % 100:02d}"

    def _count(self, test) -> int:
        return sum(1 for row in self.pupils if test(row))

    @property
    def counts(self) -> dict:
        """Return the year's figures; 'no evidence' is counted, never dropped."""
        return {
            "pupils": len(self.pupils),
            "coping": [(label, self._count(lambda r, v=value: r.latest is not None and r.latest.coping == v))
                       for value, label in Coping.choices],
            "coping_no_evidence": self._count(lambda r: r.latest is None),
            "sdq_better": self._count(lambda r: r.sdq_change is not None and r.sdq_change < 0),
            "sdq_same": self._count(lambda r: r.sdq_change == 0),
            "sdq_worse": self._count(lambda r: r.sdq_change is not None and r.sdq_change > 0),
            "sdq_no_evidence": self._count(lambda r: r.sdq_change is None),
            "attainment": [(label, self._count(lambda r, v=value: r.attainment == v))
                           for value, label in AttainmentProgress.choices],
            "attainment_no_evidence": self._count(lambda r: not r.attainment),
            "came_back": self._count(lambda r: r.latest is not None and r.latest.came_back),
        }


def _sdq_at_leaving(sdqs: list[SdqAssessment], day: datetime.date) -> int | None:
    before = [sdq.total for sdq in sdqs if sdq.completed_on <= day and sdq.total is not None]
    return before[-1] if before else None


def cohort(user: User) -> list[CohortYear]:
    """Return former pupils grouped by the academic year they left, newest first (a fixed number of queries)."""
    graduations = list(
        Graduation.objects.for_user(user)
        .select_related("pupil", "pupil__school_class", "placement__group")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("sdq").order_by("term")))
    )
    pupil_ids = {g.pupil_id for g in graduations}
    sdqs: dict[int, list[SdqAssessment]] = defaultdict(list)
    for sdq in sdqs_for_pupils(user.school_id, pupil_ids).only("pupil_id", "completed_on", "total"):
        sdqs[sdq.pupil_id].append(sdq)
    years: dict[int, list[CohortPupil]] = defaultdict(list)
    for graduation in graduations:
        follow_ups = list(graduation.follow_ups.all())
        totals = [f.semh_total for f in follow_ups if f.semh_total is not None]
        years[graduation.year_left].append(CohortPupil(
            graduation=graduation, latest=follow_ups[-1] if follow_ups else None, follow_up_count=len(follow_ups),
            sdq_at_leaving=_sdq_at_leaving(sdqs[graduation.pupil_id], graduation.graduated_on),
            sdq_latest=totals[-1] if totals else None,
            attainment=next((f.attainment for f in reversed(follow_ups) if f.attainment), ""),
        ))
    return [CohortYear(year, sorted(rows, key=lambda r: (r.pupil.last_name, r.pupil.first_name)))
            for year, rows in sorted(years.items(), reverse=True)]


# --------------------------------------------------------------------------------- governors' report


def report_section(school: School, term: Term, disclosure) -> dict:
    """Return the governors' report section on returns to class and former pupils, anonymous throughout.

    Every count about pupils is a cell of `disclosure` (the report's Disclosure), with the totals it adds
    up to. 'No evidence' is reported, not hidden. Former pupils who moved school or went to specialist
    provision are not due a follow-up here (another setting follows them) and are counted apart.
    """
    ended = Graduation.objects.filter(school=school).in_term(term)
    by_ending = dict(ended.values_list("ending").annotate(n=Count("pk")).order_by())
    total_ended = disclosure.count("endings:total", sum(by_ending.values()))
    ending_cells = {value: disclosure.count(f"endings:{value}", by_ending.get(value, 0)) for value in Ending.values}
    disclosure.partition(total_ended, ending_cells.values())
    returned = ending_cells[Ending.RETURNED_FULL_TIME]
    terms = readiness_settings_for_school(school).follow_up_terms
    due_ids, moved_on = [], 0
    for graduation_id, graduated_on, ending in Graduation.objects.filter(
            school=school, graduated_on__lt=term.start).values_list("pk", "graduated_on", "ending"):
        first = Term.for_date(graduated_on).next()
        last = first
        for _ in range(terms - 1):
            last = last.next()
        if first <= term <= last:
            if ending in NOT_FOLLOWED_UP:
                moved_on += 1
            else:
                due_ids.append(graduation_id)
    follow_ups = FollowUp.objects.filter(school=school, term=term.code, graduation_id__in=due_ids)
    coping = dict(follow_ups.values_list("coping").annotate(n=Count("pk")).order_by())
    recorded = sum(coping.values())
    due = disclosure.count("follow-ups:due", len(due_ids))
    recorded_cell = disclosure.count("follow-ups:recorded", recorded)
    coping_cells = {value: disclosure.count(f"follow-ups:{value}", coping.get(value, 0)) for value in Coping.values}
    no_evidence = disclosure.count("follow-ups:no-evidence", len(due_ids) - recorded)
    disclosure.partition(due, [*coping_cells.values(), no_evidence])
    disclosure.partition(recorded_cell, coping_cells.values())
    disclosure.partition(due, [recorded_cell, no_evidence])
    came_back_count = follow_ups.filter(came_back=True).count()
    came_back = disclosure.count("follow-ups:came-back", came_back_count)
    disclosure.partition(recorded_cell, [came_back, disclosure.count("follow-ups:did-not-come-back",
                                                                     recorded - came_back_count, printed=False)])
    not_due = disclosure.count("follow-ups:moved-on", moved_on)
    ending_rows = [[label, ending_cells[value], disclosure.share(ending_cells[value], total_ended)]
                   for value, label in Ending.choices]
    coping_rows = [[label, coping_cells[value], disclosure.share(coping_cells[value], due)]
                   for value, label in Coping.choices]
    coping_rows.append(["No evidence (no follow-up recorded)", no_evidence, disclosure.share(no_evidence, due)])
    paragraphs = [
        disclosure.phrase("{ended} placements ended this term; {returned} of them with the pupil returning to class "
                          "full time.", ended=total_ended, returned=returned),
        disclosure.phrase(
            "Former pupils are followed up for {terms} terms after leaving. This term {due} former pupils were due "
            "a follow-up and {recorded} follow-ups were recorded; {none} former pupils have no evidence this term. "
            "Not due, and not counted above: {moved} former pupils in their follow-up terms who moved school or "
            "went to specialist provision.", terms=terms, due=due, recorded=recorded_cell, none=no_evidence,
            moved=not_due),
    ]
    if recorded:
        paragraphs.append(disclosure.phrase("{came_back} former pupils came back to the group for some sessions.",
                                            came_back=came_back))
    return {
        "title": "Returning to class and former pupils",
        "paragraphs": paragraphs,
        "tables": [
            {"caption": "How placements ended this term", "headers": ["Ending", "Pupils", "Share"],
             "rows": ending_rows},
            {"caption": "How former pupils due a follow-up are coping in class (follow-ups this term)",
             "headers": ["Coping", "Pupils", "Share"], "rows": coping_rows},
        ],
        "charts": [],
        "returned_full_time": returned.value,
        "returned_cell": returned,
    }
