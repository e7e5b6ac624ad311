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


_PDF: dict[str, bytes] = {}


def _ready_report(school):
    """Return a ready report for the school. The PDF (a real one, of an empty term) is built once per test
    run and copied: the matrix builds its world for every case, and WeasyPrint takes a second or two."""
    from core.files import write_atomically
    from reports.models import GovernorReport, ReportStatus
    from reports.services import report_build

    report = GovernorReport.objects.create(school=school, term="2026-autumn")
    if "pdf" not in _PDF:
        built = report_build(report_id=report.pk)
        with built.file.open("rb") as pdf:
            _PDF["pdf"] = pdf.read()
        return built
    report.file.name = write_atomically(f"governor-reports/{school.pk}/{report.pk}-matrix.pdf", _PDF["pdf"])
    report.status, report.progress, report.size_bytes = ReportStatus.READY, 100, len(_PDF["pdf"])
    report.save()
    return report


def extend_world(world) -> None:
    world.extra["report"] = _ready_report(world.school)
    world.extra["other_school_report"] = _ready_report(world.other_school)
