"""Gathering the figures of a governors' report: every number is computed here, in SQL where it can be,
and nothing here knows a pupil's name (rows about pupils carry ids only until they are lettered).

`report_figures(school, term)` returns a `ReportFigures` that the template renders as it is.
Each part of the case record contributes one section function, listed in SECTIONS.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from core.terms import Term
from pupils.models import Placement, School

from .anonymity import SmallNumbers, money
from .models import AlternativeCost, CostLine, FundingLine, ReportSettings, TermCost, TermNarrative


@dataclass
class ReportFigures:
    school_name: str
    term: Term
    small: SmallNumbers
    narrative: str = ""
    sections: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"{self.term.start:%-d %B %Y} to {self.term.end:%-d %B %Y}"


def placements_in_term(school: School, term: Term):
    """Return the school's placements that ran for at least a day of the term."""
    return Placement.objects.filter(school=school).during(term.start, term.end)


def served_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """Who was served: pupils in the group, placements started and ended, average length."""
    placements = placements_in_term(school, term)
    totals = placements.aggregate(
        pupils=Count("pupil", distinct=True),
        started=Count("pk", filter=Q(start_date__gte=term.start, start_date__lte=term.end)),
        ended=Count("pk", filter=Q(end_date__gte=term.start, end_date__lte=term.end)),
    )
    ended = list(Placement.objects.filter(school=school, end_date__isnull=False, end_date__lte=term.end)
                 .values_list("start_date", "end_date"))
    weeks = [(end - start).days / 7 for start, end in ended]
    average = round(sum(weeks) / len(weeks)) if len(weeks) >= small.threshold else None
    return {
        "pupils": totals["pupils"],
        "pupils_shown": small.count(totals["pupils"]),
        "started_shown": small.count(totals["started"]),
        "ended_shown": small.count(totals["ended"]),
        "average_weeks": average,
        "average_shown": (f"{average} weeks" if average is not None
                          else f"fewer than {small.threshold} placements ended"),
        "ended_to_date": len(weeks),
    }


def cost_section(school: School, term: Term, small: SmallNumbers, pupils: int, returns: int | None) -> dict:
    """What the provision cost, who paid, and what the alternatives would have cost."""
    term_costs = TermCost.objects.filter(school=school, term=term.code)
    total = CostLine.objects.filter(term_cost__in=term_costs).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    by_kind = list(CostLine.objects.filter(term_cost__in=term_costs).values("kind").annotate(total=Sum("amount"))
                   .order_by("kind"))
    funding = list(FundingLine.objects.filter(term_cost__in=term_costs).values("source")
                   .annotate(total=Sum("amount")).order_by("source"))
    labels = dict(CostLine._meta.get_field("kind").choices)
    sources = dict(FundingLine._meta.get_field("source").choices)
    per_pupil = total / pupils if pupils else None
    per_return = total / returns if returns else None
    alternatives = [
        {"label": alternative.get_alternative_display(), "description": alternative.description,
         "cost": money(alternative.cost_per_pupil),
         "compared": (f"{money(alternative.cost_per_pupil - per_pupil)} more per pupil than the group"
                      if per_pupil is not None and alternative.cost_per_pupil > per_pupil else
                      "not more than the group" if per_pupil is not None else "no pupils to compare")}
        for alternative in AlternativeCost.objects.filter(school=school)
    ]
    return {
        "recorded": term_costs.exists(),
        "total": total,
        "total_shown": money(total),
        "by_kind": [{"label": labels[row["kind"]], "total": money(row["total"])} for row in by_kind],
        "funding": [{"label": sources[row["source"]], "total": money(row["total"])} for row in funding],
        "per_pupil_shown": money(per_pupil) if per_pupil is not None else "no pupils this term",
        "per_return_shown": (money(per_return) if per_return is not None else
                             "no pupil returned to class full time this term" if returns == 0 else "not yet recorded"),
        "alternatives": alternatives,
    }


def trend_section(school: School, term: Term, small: SmallNumbers, terms_back: int = 5) -> list[dict]:
    """Pupils served and cost per pupil over the last terms, oldest first (where data exists)."""
    rows = []
    first = term
    for _ in range(terms_back):
        first = first.previous()
    for past in Term.range(first, term):
        pupils = placements_in_term(school, past).aggregate(n=Count("pupil", distinct=True))["n"]
        cost = CostLine.objects.filter(term_cost__school=school, term_cost__term=past.code).aggregate(
            total=Sum("amount"))["total"]
        if pupils or cost:
            rows.append({"term": past.label, "pupils": pupils, "pupils_shown": small.count(pupils),
                         "cost_per_pupil": (cost / pupils) if cost and pupils else None,
                         "cost_per_pupil_shown": money(cost / pupils) if cost and pupils else "–"})
    return rows


def report_figures(school: School, term: Term) -> ReportFigures:
    """Return every figure of the school's report for the term, anonymous throughout."""
    settings_row = ReportSettings.objects.filter(school=school).first()
    small = SmallNumbers(settings_row.small_number if settings_row else 3)
    narrative = TermNarrative.objects.filter(school=school, term=term.code).values_list("text", flat=True).first()
    figures = ReportFigures(school_name=school.name, term=term, small=small, narrative=narrative or "")
    served = served_section(school, term, small)
    figures.sections["served"] = served
    for name, builder in extra_sections().items():
        figures.sections[name] = builder(school, term, small)
    returns = figures.sections.get("reintegration", {}).get("returned_full_time")
    figures.sections["cost"] = cost_section(school, term, small, served["pupils"], returns)
    figures.sections["trend"] = trend_section(school, term, small)
    return figures


def extra_sections() -> dict:
    """Return the sections built from the later parts of the case record, in the order a pupil lives it."""
    from reintegration.selectors import report_section as reintegration_section

    from . import sections

    return {"referrals": sections.referrals_section, "semh": sections.semh_section,
            "readiness": sections.readiness_section, "academic": sections.academic_section,
            "attendance": sections.attendance_section,
            "reintegration": reintegration_section}


def today() -> datetime.date:
    return datetime.date.today()
