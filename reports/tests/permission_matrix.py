"""Permission cases for the governors' reports, costs and narrative."""

from nurture.tests.matrix import Case

READERS = frozenset({"governor", "senior_leader", "senco"})
COSTS = frozenset({"school_admin", "senco"})
REPORT = lambda w: {"pk": w.report.pk}  # noqa: E731
OTHER_REPORT = lambda w: {"pk": w.other_school_report.pk}  # noqa: E731

CASES = [
    Case("reports:report-list", allowed=READERS),
    Case("reports:report-detail", allowed=READERS, kwargs=REPORT, other_school_kwargs=OTHER_REPORT),
    Case("reports:report-status", allowed=READERS, kwargs=REPORT, other_school_kwargs=OTHER_REPORT),
    Case("reports:report-download", allowed=READERS, kwargs=REPORT, other_school_kwargs=OTHER_REPORT),
    Case("reports:report-retry", allowed=READERS, method="post", ok_status=302, kwargs=REPORT,
         other_school_kwargs=OTHER_REPORT),
    Case("reports:narrative", allowed=frozenset({"senco", "senior_leader"}), kwargs=lambda w: {"term": "2026-autumn"}),
    Case("reports:cost-overview", allowed=COSTS),
    Case("reports:term-cost", allowed=COSTS, kwargs=lambda w: {"group_pk": w.group.pk, "term": "2026-autumn"},
         other_school_kwargs=lambda w: {"group_pk": w.other_school_group.pk, "term": "2026-autumn"}),
    Case("reports:alternatives", allowed=COSTS),
]


def extend_world(world) -> None:
    from reports.models import GovernorReport
    from reports.services import report_build

    world.extra["report"] = report_build(report_id=GovernorReport.objects.create(school=world.school,
                                                                                 term="2026-autumn").pk)
    world.extra["other_school_report"] = report_build(
        report_id=GovernorReport.objects.create(school=world.other_school, term="2026-autumn").pk)
