"""Permission cases of the trust leader's pages: no school role may open them (the trust leader's own
matrix, with another trust's leader, is in test_views.py)."""

from nurture.tests.matrix import Case

NO_SCHOOL_ROLE = frozenset()
REPORT = lambda w: {"pk": w.trust_report.pk}  # noqa: E731

CASES = [
    Case("trusts:dashboard", allowed=NO_SCHOOL_ROLE),
    Case("trusts:dashboard", allowed=NO_SCHOOL_ROLE, query="?export=xlsx", label="export"),
    Case("trusts:report-list", allowed=NO_SCHOOL_ROLE),
    Case("trusts:report-list", allowed=NO_SCHOOL_ROLE, method="post", data=lambda w: {"term": "2026-autumn"}),
    Case("trusts:report-detail", allowed=NO_SCHOOL_ROLE, kwargs=REPORT),
    Case("trusts:report-status", allowed=NO_SCHOOL_ROLE, kwargs=REPORT),
    Case("trusts:report-download", allowed=NO_SCHOOL_ROLE, kwargs=REPORT),
]


def extend_world(world) -> None:
    from trusts.tests.factories import TrustFactory, ready_trust_report, trust_leader

    trust = TrustFactory(name="Matrix Trust", slug="matrix-trust")
    world.school.trust = trust
    world.school.save(update_fields=["trust"])
    world.extra["trust"] = trust
    world.extra["trust_leader"] = trust_leader(trust, "matrix-trust-lead")
    world.extra["trust_report"] = ready_trust_report(trust)
