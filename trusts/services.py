"""Writes for the trust leader: asking for the trust report, building it, recording a failure."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from core.files import write_atomically
from core.models import Trust, User
from core.pdf import html_to_pdf
from core.terms import Term
from reports.models import ReportStatus

from .models import TrustReport
from .selectors import trust_overview


@transaction.atomic
def trust_report_request(*, trust: Trust, term: Term, user: User | None) -> tuple[TrustReport, bool]:
    """Ask for a build of the trust's report for the term; return it and whether a new build was queued."""
    running = TrustReport.objects.filter(trust=trust, term=term.code, status__in=[ReportStatus.QUEUED,
                                                                                 ReportStatus.BUILDING]).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            report = TrustReport.objects.create(trust=trust, term=term.code, requested_by=user)
    except IntegrityError:
        return TrustReport.objects.get(trust=trust, term=term.code,
                                       status__in=[ReportStatus.QUEUED, ReportStatus.BUILDING]), False
    from .tasks import build_trust_report

    transaction.on_commit(lambda: build_trust_report.delay(report.pk))
    return report, True


def render_trust_report_html(trust: Trust, term: Term) -> str:
    """Return the trust report's HTML, ready for WeasyPrint."""
    return render_to_string("trusts/pdf/trust_report.html", {"overview": trust_overview(trust, term)})


def trust_report_build(*, report_id: int) -> TrustReport:
    """Build the PDF; the file and the row's pointer to it are saved together, once the PDF is complete."""
    with transaction.atomic():
        report = TrustReport.objects.select_for_update().select_related("trust").get(pk=report_id)
        if report.status == ReportStatus.READY:
            return report
        report.set_status(ReportStatus.BUILDING, stage="Gathering every school's figures", progress=20)
        report.save()
    pdf = html_to_pdf(render_trust_report_html(report.trust, Term.parse(report.term)))
    with transaction.atomic():
        report = TrustReport.objects.select_for_update().select_related("trust").get(pk=report_id)
        report.file.name = write_atomically(f"trust-reports/{report.trust_id}/{report.pk}-{report.file_name}", pdf)
        report.checksum = hashlib.sha256(pdf).hexdigest()
        report.size_bytes = len(pdf)
        report.set_status(ReportStatus.READY, stage="Ready to download", progress=100)
        report.save()
    return report


def trust_report_fail(*, report_id: int, error: str) -> None:
    """Record that a build failed and why."""
    with transaction.atomic():
        report = TrustReport.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.READY:
            return
        report.set_status(ReportStatus.FAILED, stage="The build failed")
        report.error = error[:2000]
        report.save()
