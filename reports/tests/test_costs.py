"""The school admin or SENCO records what the group cost, who paid, and what the alternatives cost."""

import pytest
from django.urls import reverse

from reports.models import AlternativeCost, CostLine, FundingLine, TermCost, TermNarrative


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.mark.django_db
def test_costs_and_funding_for_a_term_are_saved_together(client, school_admin, group):
    client.force_login(school_admin)
    data = {
        **_formset("costs", [{"kind": "staffing", "description": "Nurture teacher", "fte": "0.6", "amount": "9450"},
                             {"kind": "training", "description": "Boxall training", "amount": "300"}]),
        **_formset("funding", [{"source": "pupil_premium", "amount": "4000"}]),
    }

    response = client.post(reverse("reports:term-cost", args=[group.pk, "2026-autumn"]), data)

    assert response.status_code == 302
    term_cost = TermCost.objects.get(group=group, term="2026-autumn")
    assert sorted(CostLine.objects.filter(term_cost=term_cost).values_list("amount", flat=True)) == [300, 9450]
    assert FundingLine.objects.get(term_cost=term_cost).source == "pupil_premium"
    overview = client.get(reverse("reports:cost-overview")).content.decode()
    assert "£9,750" in overview


@pytest.mark.django_db
def test_a_negative_cost_is_refused_and_every_line_typed_is_kept(client, senco, group):
    client.force_login(senco)
    data = {
        **_formset("costs", [{"kind": "staffing", "description": "Nurture teacher", "amount": "9450"},
                             {"kind": "resources", "description": "Snacks", "amount": "-20"}]),
        **_formset("funding", []),
    }

    response = client.post(reverse("reports:term-cost", args=[group.pk, "2026-autumn"]), data)

    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved" in page
    assert 'value="Nurture teacher"' in page and 'value="-20"' in page
    assert not TermCost.objects.exists()


@pytest.mark.django_db
def test_alternatives_are_recorded_for_the_school(client, senco):
    client.force_login(senco)
    data = _formset("alternatives", [{"alternative": "specialist_place", "description": "LA figure 2026",
                                      "cost_per_pupil": "24000"}])

    client.post(reverse("reports:alternatives"), data)

    assert AlternativeCost.objects.get().school == senco.school


@pytest.mark.django_db
def test_the_senco_writes_the_terms_narrative(client, senco):
    client.force_login(senco)

    client.post(reverse("reports:narrative", args=["2026-autumn"]), {"text": "Calmer mornings this term."})
    client.post(reverse("reports:narrative", args=["2026-autumn"]), {"text": "Calmer mornings, fewer incidents."})

    narrative = TermNarrative.objects.get(school=senco.school, term="2026-autumn")
    assert narrative.text == "Calmer mornings, fewer incidents."


@pytest.mark.django_db
def test_a_term_that_does_not_exist_is_not_found(client, senco):
    client.force_login(senco)
    assert client.get(reverse("reports:narrative", args=["2026-winter"])).status_code == 404


@pytest.mark.django_db
def test_cost_pages_query_counts_do_not_grow(client, senco, group, assert_flat_queries):
    from reports.tests.factories import CostLineFactory, TermCostFactory

    client.force_login(senco)
    term_cost = TermCostFactory(group=group, term="2026-autumn")

    def grow():
        CostLineFactory.create_batch(20, term_cost=term_cost)

    assert_flat_queries(reverse("reports:term-cost", args=[group.pk, "2026-autumn"]), grow)
    assert_flat_queries(reverse("reports:cost-overview"), grow)
