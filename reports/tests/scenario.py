"""A seeded term for the report tests: a group with pupils who started, ended and carried on, and its costs."""

import datetime

from pupils.models import Pupil
from pupils.tests.factories import NurtureGroupFactory, PlacementFactory, PupilFactory
from reports.tests.factories import AlternativeCostFactory, CostLineFactory, FundingLineFactory, TermCostFactory

TERM = "2026-autumn"


def build_term(school) -> dict:
    """Create a group whose autumn 2026 has 7 pupils: 4 carried on from summer, 3 started; 2 placements ended."""
    group = NurtureGroupFactory(school=school, name="The Oasis")
    pupils = PupilFactory.create_batch(8, school=school, legal_last_name="Secretname",
                                       date_of_birth=datetime.date(2018, 7, 9))
    for pupil in pupils[:4]:
        PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2026, 4, 20))
    for pupil in pupils[4:7]:
        PlacementFactory(pupil=pupil, group=group, start_date=datetime.date(2026, 10, 5))
    for pupil in pupils[:2]:
        placement = pupil.placements.get()
        placement.end_date = datetime.date(2026, 12, 11)
        placement.save()
    # The eighth pupil's placement ended before the term: not served this term.
    PlacementFactory(pupil=pupils[7], group=group, start_date=datetime.date(2025, 9, 15),
                     end_date=datetime.date(2026, 7, 17))
    term_cost = TermCostFactory(group=group, term=TERM)
    CostLineFactory(term_cost=term_cost, description="Nurture teacher (0.6 FTE)", fte="0.60", amount="9450.00")
    CostLineFactory(term_cost=term_cost, description="Teaching assistant (25 hours)", hours_per_week="25",
                    amount="5200.50")
    CostLineFactory(term_cost=term_cost, kind="resources", description="Breakfast and snacks", amount="349.50")
    FundingLineFactory(term_cost=term_cost, source="school_budget", amount="11000")
    FundingLineFactory(term_cost=term_cost, source="pupil_premium", amount="4000")
    AlternativeCostFactory(school=school, cost_per_pupil="24000")
    return {"group": group, "pupils": Pupil.objects.filter(pk__in=[p.pk for p in pupils])}
