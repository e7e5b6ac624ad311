"""Gathering the figures of a governors' report: every number is computed here, in SQL where it can be,
and nothing here knows a pupil's name.

`report_figures(school, term)` returns a `ReportFigures` that the template renders as it is. Each
part of the case record contributes one section function, listed in `extra_sections()`. Every count
about pupils is registered with the report's one `Disclosure` (reports/disclosure.py), which decides,
once every section is built, what is shown, hidden, or too few to show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from core.dates import format_date
from core.terms import Term
from pupils.models import Placement, School

from .disclosure import NOT_SHOWN, TOO_FEW, Disclosure, Lazy, explanation
from .models import (
    TERMS_PER_YEAR,
    AlternativeCost,
    CostLine,
    CostUnit,
    FundingLine,
    ReportSettings,
    TermCost,
    TermNarrative,
)
from .numbers import decimal_text, half_up, money

NO_COSTS = "no costs recorded for this term"


@dataclass
class ReportFigures:
    school_name: str
    term: Term
    disclosure: Disclosure
    narrative: str = ""
    sections: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"{format_date(self.term.start)} to {format_date(self.term.end)}"

    @property
    def disclosure_note(self) -> str:
        return explanation(self.disclosure.threshold)


def placements_in_term(school: School, term: Term):
    """Return the school's placements that ran for at least a day of the term."""
    return Placement.objects.filter(school=school).during(term.start, term.end)


def pupils_cell(disclosure: Disclosure, pupils: int):
    """Return the count every section's breakdown of 'the pupils in the group this term' adds up to."""
    return disclosure.count("served:pupils", pupils, anchor=True)


def served_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """Who was served: pupils in the group, placements started and ended, average length."""
    placements = placements_in_term(school, term)
    totals = placements.aggregate(
        pupils=Count("pupil", distinct=True),
        started=Count("pk", filter=Q(start_date__gte=term.start, start_date__lte=term.end)),
        ended=Count("pk", filter=Q(end_date__gte=term.start, end_date__lte=term.end)),
        from_earlier=Count("pk", filter=Q(start_date__gte=term.start, start_date__lte=term.end,
                                          referral__raised_at__date__lt=term.start)),
    )
    ended = list(Placement.objects.filter(school=school, end_date__isnull=False, end_date__lte=term.end)
                 .values_list("start_date", "end_date"))
    weeks = [Decimal((end - start).days) / 7 for start, end in ended]
    started = disclosure.count("served:started", totals["started"])
    from_earlier = disclosure.count("served:started-from-earlier-referrals", totals["from_earlier"])
    return {
        "pupils": totals["pupils"],
        "pupils_cell": pupils_cell(disclosure, totals["pupils"]),
        "pupils_shown": pupils_cell(disclosure, totals["pupils"]),
        "started_shown": started,
        "ended_shown": disclosure.count("served:ended", totals["ended"]),
        "average_shown": disclosure.average(weeks, lambda value: f"{half_up(value)} weeks",
                                            none_text="no placement has ended yet"),
        "started_note": disclosure.phrase(
            "Placements started this term include pupils referred in earlier terms: {earlier} of the {started} "
            "placements started this term came from a referral raised before the term began, so they are not in "
            "this term's referral figures.", earlier=from_earlier, started=started),
        "ended_to_date": len(weeks),
    }


def _with_unit(figure: Lazy, unit: str) -> Lazy:
    """Return a money figure with its unit written after it (a hidden or missing figure as it is)."""
    return Lazy(lambda: f"{figure} {unit}" if str(figure).startswith("£") else str(figure))


def _group_per_term(total: Decimal, pupils_cell) -> Lazy:
    return pupils_cell.disclosure.per(total, pupils_cell, none_text="no pupils this term")


def alternative_rows(alternatives: list[AlternativeCost], total: Decimal, pupils, exclusions: dict | None
                     ) -> list[dict]:
    """Return each alternative set against the group in one unit: per pupil per term, and per pupil per year."""
    disclosure = pupils.disclosure
    group_term = total / pupils.value if pupils.value else None
    rows = []
    for alternative in alternatives:
        cost, unit = Decimal(alternative.cost_per_pupil), alternative.effective_unit
        guards = [pupils]
        if unit == CostUnit.PER_YEAR:
            per_term, assumption = cost / TERMS_PER_YEAR, (
                f"{money(cost)} per pupil per year, divided by {TERMS_PER_YEAR} terms")
        elif unit == CostUnit.PER_TERM:
            per_term, assumption = cost, f"{money(cost)} per pupil per term"
        elif unit == CostUnit.ONE_OFF:
            per_term, assumption = cost / TERMS_PER_YEAR, (
                f"{money(cost)} per pupil once, taken as the cost of one school year ({TERMS_PER_YEAR} terms)")
        else:  # per day of exclusion: the days the group's pupils were spared, against the term before
            before, now = (exclusions or {}).get("days_before"), (exclusions or {}).get("days_now")
            guards += (exclusions or {}).get("cells", [])
            if before is None or not pupils.value:
                per_term, assumption = None, f"{money(cost)} per day of exclusion; no pupils to compare"
            else:
                avoided = (Decimal(before) - Decimal(now)) / pupils.value
                per_term = cost * avoided if avoided > 0 else None
                assumption = (f"{money(cost)} per day of exclusion × {decimal_text(avoided, 1)} days of exclusion "
                              f"avoided per pupil this term, compared with the term before each placement began"
                              if avoided > 0 else
                              f"{money(cost)} per day of exclusion; no days of exclusion were avoided this term "
                              f"compared with the term before each placement began, so there is nothing to set "
                              f"against the group")
        rows.append(_alternative_row(alternative, per_term, group_term, assumption, guards, disclosure))
    return rows


def _alternative_row(alternative, per_term, group_term, assumption, guards, disclosure: Disclosure) -> dict:
    per_day = alternative.effective_unit == CostUnit.PER_DAY

    def blocked() -> str | None:
        """Why a figure over the group's pupils (or its exclusions) cannot be shown, if it cannot."""
        if 0 < guards[0].value < disclosure.threshold:
            return TOO_FEW
        if any(cell.hidden for cell in guards):
            return NOT_SHOWN
        return None

    def amount(factor: int, period: str) -> str:
        if per_day and blocked():
            return blocked()
        if per_term is None:
            return "–"
        return f"{money(per_term * factor)} per pupil per {period}"

    def compared() -> str:
        if blocked():
            return blocked()
        if group_term is None:
            return "no pupils to compare"
        if per_term is None:
            return "nothing to compare: no days of exclusion avoided" if per_day else "no pupils to compare"
        difference = Decimal(per_term) - group_term
        if half_up(difference) == 0:
            return "about the same as the group, per pupil per term"
        side = "more" if difference > 0 else "less"
        return f"{money(abs(difference))} per pupil per term {side} than the group"

    return {"label": alternative.get_alternative_display(), "description": alternative.description,
            "per_term": Lazy(lambda: amount(1, "term")),
            "per_year": Lazy(lambda: amount(TERMS_PER_YEAR, "year")),
            "assumption": Lazy(lambda: (per_day and blocked()) or assumption),
            "compared": Lazy(compared)}


def cost_section(school: School, term: Term, disclosure: Disclosure, pupils, returns, exclusions: dict | None = None
                 ) -> dict:
    """What the provision cost, who paid, and what the alternatives would have cost, all in one unit."""
    term_costs = TermCost.objects.filter(school=school, term=term.code)
    lines = CostLine.objects.filter(term_cost__in=term_costs)
    total = lines.aggregate(total=Sum("amount"))["total"]
    recorded = total is not None
    total = total or Decimal(0)
    by_kind = list(lines.values("kind").annotate(total=Sum("amount")).order_by("kind"))
    funding = list(FundingLine.objects.filter(term_cost__in=term_costs).values("source")
                   .annotate(total=Sum("amount")).order_by("source"))
    labels = dict(CostLine._meta.get_field("kind").choices)
    sources = dict(FundingLine._meta.get_field("source").choices)
    per_term = _group_per_term(total, pupils)
    alternatives = list(AlternativeCost.objects.filter(school=school))
    return {
        "recorded": recorded,
        "total": total,
        "total_shown": money(total) if recorded else NO_COSTS,
        "by_kind": [{"label": labels[row["kind"]], "total": money(row["total"])} for row in by_kind],
        "funding": [{"label": sources[row["source"]], "total": money(row["total"])} for row in funding],
        "per_pupil_shown": _with_unit(per_term, "per pupil per term") if recorded else NO_COSTS,
        "per_pupil_year_shown": (_with_unit(disclosure.per(total * TERMS_PER_YEAR, pupils,
                                                           none_text="no pupils this term"), "per pupil per year")
                                 if recorded else NO_COSTS),
        "per_return_shown": (disclosure.per(total, returns, none_text="no pupil returned to class full time this term")
                             if recorded and returns is not None else "not yet recorded"),
        "alternatives": alternative_rows(alternatives, total, pupils, exclusions) if recorded else [],
        "alternatives_recorded": bool(alternatives),
        "year_assumption": f"A year is {TERMS_PER_YEAR} terms: the group's cost per pupil per year is this term's "
                           f"cost per pupil times {TERMS_PER_YEAR}.",
    }


def trend_section(school: School, term: Term, disclosure: Disclosure, terms_back: int = 5) -> list[dict]:
    """Pupils served and cost per pupil per term over the last terms, oldest first (where data exists)."""
    rows = []
    first = term
    for _ in range(terms_back):
        first = first.previous()
    for past in Term.range(first, term):
        pupils = placements_in_term(school, past).aggregate(n=Count("pupil", distinct=True))["n"]
        cost = CostLine.objects.filter(term_cost__school=school, term_cost__term=past.code).aggregate(
            total=Sum("amount"))["total"]
        if pupils or cost:
            cell = pupils_cell(disclosure, pupils) if past == term else disclosure.count(
                f"trend:{past.code}:pupils", pupils)
            rows.append({"term": past.label, "pupils": pupils, "pupils_shown": cell, "cost": cost,
                         "cost_per_pupil_shown": (disclosure.per(cost, cell, none_text="no pupils")
                                                  if cost is not None else "no costs recorded")})
    return rows


def report_figures(school: School, term: Term) -> ReportFigures:
    """Return every figure of the school's report for the term, anonymous throughout."""
    settings_row = ReportSettings.objects.filter(school=school).first()
    disclosure = Disclosure(settings_row.small_number if settings_row else 3)
    narrative = TermNarrative.objects.filter(school=school, term=term.code).values_list("text", flat=True).first()
    figures = ReportFigures(school_name=school.name, term=term, disclosure=disclosure, narrative=narrative or "")
    served = served_section(school, term, disclosure)
    figures.sections["served"] = served
    for name, builder in extra_sections().items():
        figures.sections[name] = builder(school, term, disclosure)
    reintegration = figures.sections.get("reintegration", {})
    figures.sections["cost"] = cost_section(school, term, disclosure, served["pupils_cell"],
                                            reintegration.get("returned_cell"),
                                            figures.sections.get("attendance", {}).get("exclusions"))
    figures.sections["trend"] = trend_section(school, term, disclosure)
    disclosure.resolve()
    return figures


def report_rules(school: School) -> dict:
    """Return the school's choices that change how the report counts (see ReportSettings)."""
    settings_row = ReportSettings.objects.filter(school=school).first()
    return {"holding_counts_as_expected": bool(settings_row and settings_row.holding_counts_as_expected)}


def extra_sections() -> dict:
    """Return the sections built from the later parts of the case record, in the order a pupil lives it."""
    from reintegration.selectors import report_section as reintegration_section

    from . import sections

    return {"referrals": sections.referrals_section, "semh": sections.semh_section,
            "parent_sdq": sections.parent_sdq_section,
            "readiness": sections.readiness_section, "academic": sections.academic_section,
            "attendance": sections.attendance_section,
            "reintegration": reintegration_section}


def today() -> datetime.date:
    return datetime.date.today()
