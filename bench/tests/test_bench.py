"""The benchmark keeps working as the models grow: a tiny trust is generated with COPY (PostgreSQL only),
every key page answers its role, the observation save it replays saves a session, and the budgets
table says 'missed' when a budget is missed."""

from __future__ import annotations

import pytest
from django.db import connection

from bench.run import PageResult, check_budgets, percentile


def _page(label: str, queries: int) -> PageResult:
    return PageResult(label, "SENCO", "GET", 10, 40.0, 60.0, 10.0, queries, 0.25, 0)


def _load(p95: float, errors: int = 0) -> dict:
    return {"page": "pupil case page", "method": "GET", "users": 10, "think_s": 1.0, "requests": 80,
            "per_second": 8.0, "p50_ms": 40.0, "p95_ms": p95, "errors": errors}


def test_budgets_are_met_only_when_every_measure_is_inside_them():
    jobs = {"import_rows_per_second": 2500.0, "report_one_school_seconds": 1.5, "report_trust_failed": 0}
    growth = {"observations_added": 900, "audit_entries_added": 1000, "grown": []}

    met = check_budgets([_page("case page", 24)], [_load(80.0)], jobs, growth)
    assert all(budget["met"] for budget in met)

    missed = check_budgets(
        [_page("case page", 26)], [_load(151.0, errors=2)],
        {"import_rows_per_second": 499.0, "report_one_school_seconds": 10.5, "report_trust_failed": 1},
        {**growth, "grown": ["case page 24 -> 30"]},
    )
    assert [budget["met"] for budget in missed] == [False] * 7
    assert "case page 24 -> 30" in {str(budget["measured"]) for budget in missed}


def test_percentile_picks_the_nearest_rank():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.5) == 51.0  # index round(0.5 * 99) = 50 (banker's rounding to 50)
    assert percentile(samples, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


@pytest.mark.django_db
def test_a_tiny_trust_generates_and_every_key_page_answers_its_role():
    if connection.vendor != "postgresql":
        pytest.skip("The generator writes with PostgreSQL's COPY.")
    from bench import pages as bench_pages
    from bench.generate import generate_trust
    from targets.models import ObservationSession, TargetRating

    trust = generate_trust(schools=2, pupils=400, years=2, placements=40)
    counts = bench_pages.generate_case_records(trust, observations=3000, years=2)
    assert trust.counts["placements"] == 40 and counts["pupil_observations"] > 1000
    assert counts["target_ratings"] > 0 and counts["graduations"] > 0
    assert not TargetRating.objects.filter(observed_on__isnull=True).exists()

    school = trust.schools[0]
    for page in bench_pages.key_pages(school):
        client = bench_pages.signed_in_client(page.username)
        if page.method == "POST":
            sessions = ObservationSession.objects.filter(school=school).count()
            from django.utils import timezone

            started = timezone.now()
            response = client.post(page.path, page.form)
            assert response.status_code == 302, page.label
            assert ObservationSession.objects.filter(school=school).count() == sessions + 1
            assert bench_pages.remove_load_sessions(school, started) == 1
        else:
            assert client.get(page.path).status_code == 200, page.label


def test_the_explain_stage_finds_sequential_scans_and_the_rows_they_discard():
    from bench.explain import sequential_scans

    plan = """Sort  (cost=2348.70..2348.71 rows=1 width=22) (actual time=5.014..5.029 rows=297 loops=1)
  ->  Nested Loop  (cost=0.45..2348.69 rows=1 width=22) (actual time=4.787..4.965 rows=297 loops=1)
        ->  Seq Scan on targets_observationsession  (cost=0.00..1808.37 rows=64 width=12)
              Filter: ((date >= '2026-10-12'::date) AND ((setting)::text = 'group'::text))
              Rows Removed by Filter: 66250
        ->  Index Scan using targets_pupilobservation_session_id on targets_pupilobservation  (cost=0.45..8.43)
  ->  Seq Scan on pupils_school  (cost=0.00..1.05 rows=5 width=8)
Execution Time: 5.084 ms"""
    assert sequential_scans(plan) == [("targets_observationsession", 66250), ("pupils_school", 0)]
