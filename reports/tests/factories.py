"""Factories for costs and reports."""

import factory

from pupils.tests.factories import NurtureGroupFactory
from reports.models import AlternativeCost, CostLine, FundingLine, TermCost


class TermCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermCost

    group = factory.SubFactory(NurtureGroupFactory)
    school = factory.SelfAttribute("group.school")
    term = "2026-autumn"


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    term_cost = factory.SubFactory(TermCostFactory)
    school = factory.SelfAttribute("term_cost.school")
    kind = "staffing"
    description = "Nurture teacher"
    amount = 9000


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    term_cost = factory.SubFactory(TermCostFactory)
    school = factory.SelfAttribute("term_cost.school")
    source = "school_budget"
    amount = 9000


class AlternativeCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlternativeCost

    alternative = "specialist_place"
    cost_per_pupil = 25000
