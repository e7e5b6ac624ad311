"""Reads for the trust leader: each school's figures for a term, aggregated in SQL, anonymous throughout.

Every figure is one query for all the trust's schools together (grouped by school), so the dashboard's
query count is the same for 2 schools as for 50. Nothing here reads a pupil's name: rows carry ids only,
and every count a person sees goes through `trusts.disclosure`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from assessments import boxall
from assessments.models import BoxallProfile, Informant, SdqAssessment
from core.models import School, Trust, User
from core.terms import Term
from pupils.models import Placement, Referral
from reintegration.models import Ending, Graduation
from reports.models import CostLine, GovernorReport, ReportSettings

from .disclosure import money, small_numbers, suppress_column, total_shown
from .models import TrustReport

SECTION_I_CODES = [cluster.code for cluster in boxall.CLUSTERS if cluster.section == boxall.SECTION_I]
COLUMNS = [
    ("pupils", "Pupils in a group this term"),
    ("referrals_waiting", "Referrals waiting"),
    ("sdq_pairs", "Pupils with two teacher SDQs"),
    ("sdq_improved", "SDQ total difficulties down"),
    ("boxall_pairs", "Pupils with two Boxall profiles"),
    ("boxall_improved", "Boxall developmental strands up"),
    ("returned", "Returned to class full time"),
]


@dataclass
class SchoolRow:
    school: School
    threshold: int
    counts: dict = field(default_factory=dict)
    shown: dict = field(default_factory=dict)
    cost: Decimal = Decimal(0)
    cost_per_pupil_shown: str = "–"
    report_status: str = "Not built"

    @property
    def cells(self) -> list[str]:
        return [self.shown[key] for key, _ in COLUMNS]


@dataclass
class TrustOverview:
    trust: Trust
    term: Term
    rows: list[SchoolRow]
    totals_shown: list[str]
    cost_total_shown: str
    cost_per_pupil_shown: str
    threshold: int

    @property
    def headers(self) -> list[str]:
        return [label for _, label in COLUMNS]


def trust_for_user(user: User) -> Trust:
    """Return the trust the user leads (404 for anyone else)."""
    return get_object_or_404(Trust, pk=getattr(user, "trust_id", None))


def schools_of_trust(trust: Trust) -> QuerySet[School]:
    """Return the trust's schools, by name."""
    return School.objects.filter(trust=trust).order_by("name")


def _by_school(queryset, **aggregate) -> dict[int, dict]:
    return {row["school_id"]: row for row in queryset.values("school_id").annotate(**aggregate).order_by()}


def _term_placements(school_ids, term: Term):
    return Placement.objects.filter(school_id__in=school_ids, start_date__lte=term.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=term.start))


def _movement(rows, score) -> dict[int, dict]:
    """Return per school: pupils with a first and a latest record, and those whose score improved."""
    first_last: dict[tuple[int, int], list] = {}
    for school_id, pupil_id, value in rows:
        pair = first_last.setdefault((school_id, pupil_id), [value, value, 0])
        pair[1] = value
        pair[2] += 1
    result: dict[int, dict] = defaultdict(lambda: {"pairs": 0, "improved": 0})
    for (school_id, _pupil), (first, last, count) in first_last.items():
        if count >= 2 and first is not None and last is not None:
            result[school_id]["pairs"] += 1
            result[school_id]["improved"] += 1 if score(first, last) else 0
    return result


def _section_i_total(cluster_totals: dict | None) -> int | None:
    if not cluster_totals:
        return None
    values = [cluster_totals.get(code) for code in SECTION_I_CODES]
    return sum(value for value in values if value is not None)


def trust_overview(trust: Trust, term: Term) -> TrustOverview:
    """Return each school's figures for the term and the trust's totals, with small numbers hidden."""
    schools = list(schools_of_trust(trust))
    ids = [school.pk for school in schools]
    thresholds = dict(ReportSettings.objects.filter(school_id__in=ids).values_list("school_id", "small_number"))
    term_placements = _term_placements(ids, term)
    pupils = _by_school(term_placements, n=Count("pupil", distinct=True))
    waiting = _by_school(Referral.objects.filter(school_id__in=ids).open(), n=Count("pk"))
    returned = _by_school(Graduation.objects.filter(school_id__in=ids, ending=Ending.RETURNED_FULL_TIME)
                          .in_term(term), n=Count("pk"))
    costs = _by_school(CostLine.objects.filter(school_id__in=ids, term_cost__term=term.code), total=Sum("amount"))
    pupil_ids = term_placements.values("pupil_id")
    sdq = _movement(SdqAssessment.objects.filter(
        school_id__in=ids, pupil_id__in=pupil_ids, informant=Informant.TEACHER, completed_on__lte=term.end,
        total__isnull=False).order_by("school_id", "pupil_id", "completed_on", "pk").values_list(
        "school_id", "pupil_id", "total"), lambda first, last: last < first)
    box = _movement(((school_id, pupil_id, _section_i_total(totals)) for school_id, pupil_id, totals in
                     BoxallProfile.objects.filter(school_id__in=ids, pupil_id__in=pupil_ids,
                                                  completed_on__lte=term.end)
                     .order_by("school_id", "pupil_id", "completed_on", "pk")
                     .values_list("school_id", "pupil_id", "cluster_totals")), lambda first, last: last > first)
    statuses = {}
    for school_id, status in (GovernorReport.objects.filter(school_id__in=ids, term=term.code)
                              .order_by("school_id", "created_at", "pk").values_list("school_id", "status")):
        statuses[school_id] = status  # the latest build wins
    labels = dict(GovernorReport._meta.get_field("status").choices)

    rows = []
    for school in schools:
        row = SchoolRow(school=school, threshold=thresholds.get(school.pk, 3))
        row.counts = {
            "pupils": pupils.get(school.pk, {}).get("n", 0),
            "referrals_waiting": waiting.get(school.pk, {}).get("n", 0),
            "sdq_pairs": sdq[school.pk]["pairs"] if school.pk in sdq else 0,
            "sdq_improved": sdq[school.pk]["improved"] if school.pk in sdq else 0,
            "boxall_pairs": box[school.pk]["pairs"] if school.pk in box else 0,
            "boxall_improved": box[school.pk]["improved"] if school.pk in box else 0,
            "returned": returned.get(school.pk, {}).get("n", 0),
        }
        row.cost = costs.get(school.pk, {}).get("total") or Decimal(0)
        if row.counts["pupils"] >= row.threshold and row.cost:
            row.cost_per_pupil_shown = money(row.cost / row.counts["pupils"])
        elif row.cost:
            row.cost_per_pupil_shown = small_numbers(row.threshold).hidden + " pupils"
        row.report_status = labels.get(statuses.get(school.pk), "Not built")
        rows.append(row)

    threshold = max([row.threshold for row in rows], default=3)
    row_thresholds = [row.threshold for row in rows]
    for key, _ in COLUMNS:
        column = suppress_column([row.counts[key] for row in rows], row_thresholds)
        for row, cell in zip(rows, column, strict=True):
            row.shown[key] = cell
    totals = [total_shown(sum(row.counts[key] for row in rows), threshold) for key, _ in COLUMNS]
    cost_total = sum((row.cost for row in rows), Decimal(0))
    pupils_total = sum(row.counts["pupils"] for row in rows)
    return TrustOverview(
        trust=trust, term=term, rows=rows, totals_shown=totals, cost_total_shown=money(cost_total),
        cost_per_pupil_shown=(money(cost_total / pupils_total) if pupils_total >= threshold and cost_total else "–"),
        threshold=threshold,
    )


def trust_reports_for_user(user: User) -> QuerySet[TrustReport]:
    """Return the builds of the user's trust's report, newest first."""
    trust_id = getattr(user, "trust_id", None)
    if trust_id is None:
        return TrustReport.objects.none()
    return TrustReport.objects.filter(trust_id=trust_id).select_related("requested_by", "trust")


def trust_report_for_user_or_404(user: User, pk: int) -> TrustReport:
    """Return one build of the user's trust's report, or raise 404."""
    return get_object_or_404(trust_reports_for_user(user), pk=pk)
