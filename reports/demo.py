"""The reports app's part of `seed_demo`: a term's costs, funding, the alternatives and a narrative, so the
demo school's governors' report shows its value-for-money section. Invented figures throughout."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.terms import Term
from pupils.demo import GROUP_NAME
from pupils.models import NurtureGroup, School, User

from .models import AlternativeCost, CostLine, CostUnit, FundingLine, TermCost, TermNarrative

NARRATIVE = (
    "The group ran four mornings a week all term, with the same two adults throughout. Two pupils began a "
    "phased return to class after half term; their class teachers say the morning routines are holding.\n\n"
    "Attendance in the group was steadier than in the term before placement, and there were fewer removals "
    "from lessons. We would like governors to consider funding a second teaching assistant's training in "
    "the Boxall Profile next term."
)
COSTS = [
    ("staffing", "Nurture teacher (0.6 FTE)", Decimal("0.60"), None, Decimal("9450")),
    ("staffing", "Teaching assistant (25 hours a week)", None, Decimal("25"), Decimal("5200")),
    ("resources", "Breakfast, snacks and cooking", None, None, Decimal("420")),
    ("training", "Boxall Profile training", None, None, Decimal("180")),
]
FUNDING = [("school_budget", "Core budget", Decimal("10250")), ("pupil_premium", "", Decimal("5000"))]
ALTERNATIVES = [
    ("specialist_place", "Local authority's figure for a specialist SEMH place", Decimal("24000"),
     CostUnit.PER_YEAR),
    ("exclusion_day", "Staff time and alternative provision for a day of exclusion", Decimal("310"),
     CostUnit.PER_DAY),
    ("managed_move", "Local authority's managed-move package", Decimal("6500"), CostUnit.ONE_OFF),
]


@transaction.atomic
def seed(school: School) -> None:
    """Add this term's and last term's costs and funding, the alternatives and this term's narrative, once."""
    group = NurtureGroup.objects.filter(school=school, name=GROUP_NAME).first()
    senco = User.objects.filter(school=school, username="senco").first()
    if group is None or senco is None or TermCost.objects.filter(school=school).exists():
        return
    term = Term.for_date(timezone.localdate())
    for code in (term.previous().code, term.code):
        term_cost = TermCost.objects.create(school=school, group=group, term=code)
        CostLine.objects.bulk_create([
            CostLine(school=school, term_cost=term_cost, kind=kind, description=description, fte=fte,
                     hours_per_week=hours, amount=amount) for kind, description, fte, hours, amount in COSTS])
        FundingLine.objects.bulk_create([
            FundingLine(school=school, term_cost=term_cost, source=source, description=description, amount=amount)
            for source, description, amount in FUNDING])
    AlternativeCost.objects.bulk_create([
        AlternativeCost(school=school, alternative=alternative, description=description, cost_per_pupil=cost,
                        unit=unit) for alternative, description, cost, unit in ALTERNATIVES])
    TermNarrative.objects.update_or_create(school=school, term=term.code,
                                           defaults={"text": NARRATIVE, "updated_by": senco})
