"""Writes for the governors' reports: asking for a build, building it, costs and the narrative."""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.files import write_atomically
from core.notices import announce
from core.terms import Term
from pupils.models import School, User
from pupils.names import names_in_text, names_refusal

from .figures import report_figures
from .models import GovernorReport, ReportStatus, TermCost, TermNarrative
from .rendering import html_to_pdf, render_report_html

logger = logging.getLogger(__name__)


class NarrativeNamesPupils(Exception):
    """The term's narrative names a pupil: the report is not built until the SENCO removes the name."""


@transaction.atomic
def report_request(*, school: School, term: Term, user: User | None) -> tuple[GovernorReport, bool]:
    """Ask for a build of the school's report for the term; return it and whether a new build was queued.

    A request while a build for the same school and term is waiting or running returns that build
    (a partial unique constraint makes this hold even for two requests at the same instant).
    """
    running = GovernorReport.objects.active().filter(school=school, term=term.code).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            report = GovernorReport.objects.create(school=school, term=term.code, requested_by=user)
    except IntegrityError:
        return GovernorReport.objects.active().get(school=school, term=term.code), False
    _queue_build(report)
    return report, True


def _queue_build(report: GovernorReport) -> None:
    from .tasks import build_governor_report

    transaction.on_commit(lambda: build_governor_report.delay(report.pk))


@transaction.atomic
def report_retry(*, report: GovernorReport, user: User) -> GovernorReport:
    """Queue a failed build again."""
    report = GovernorReport.objects.select_for_update().get(pk=report.pk)
    report.set_status(ReportStatus.QUEUED, stage="Waiting for a worker", progress=0)
    report.error = ""
    report.save()
    _queue_build(report)
    return report


def _progress(report: GovernorReport, progress: int, stage: str) -> None:
    GovernorReport.objects.filter(pk=report.pk).update(progress=progress, stage=stage)


def report_build(*, report_id: int) -> GovernorReport:
    """Build the PDF: gather the figures, render, convert, and save file and checksum in one step.

    The file is written only when the PDF is complete, and the row points at it in the same
    transaction, so a build stopped half-way leaves no half-written report behind.
    """
    started = time.perf_counter()
    with transaction.atomic():
        report = GovernorReport.objects.select_for_update().select_related("school").get(pk=report_id)
        if report.status == ReportStatus.READY:
            return report
        report.set_status(ReportStatus.BUILDING, stage="Gathering the figures", progress=10)
        report.attempts += 1
        report.save()
    term = Term.parse(report.term)
    figures = report_figures(report.school, term)
    if figures.narrative and names_in_text(report.school_id, figures.narrative):
        # Pupils may have joined since the narrative was saved. The words are named on the narrative page
        # (the SENCO's), not here: a report's error is read by governors.
        raise NarrativeNamesPupils(
            f"The narrative for {term.label} names a pupil, and the report is anonymous: the SENCO must remove the "
            f"name on the narrative page (Reports, 'Write the narrative') before the report is built.")
    _progress(report, 45, "Drawing the charts and laying out the pages")
    html = render_report_html(figures)
    _progress(report, 70, "Writing the PDF")
    pdf = html_to_pdf(html)
    _progress(report, 90, "Saving the report")
    with transaction.atomic():
        report = GovernorReport.objects.select_for_update().get(pk=report_id)
        report.file.name = write_atomically(f"governor-reports/{report.school_id}/{report.pk}-{report.file_name}", pdf)
        report.checksum = hashlib.sha256(pdf).hexdigest()
        report.size_bytes = len(pdf)
        report.build_seconds = round(time.perf_counter() - started, 2)
        report.set_status(ReportStatus.READY, stage="Ready to download", progress=100)
        report.save()
        announce("report.ready", record=report)
    return report


def report_fail(*, report_id: int, error: str) -> None:
    """Record that a build failed and why, so the page can say so and offer a retry."""
    with transaction.atomic():
        report = GovernorReport.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.READY:
            return
        report.set_status(ReportStatus.FAILED, stage="The build failed")
        report.error = error[:2000]
        report.save()


@transaction.atomic
def narrative_save(*, school: School, term: Term, text: str, user: User) -> TermNarrative:
    """Write (or rewrite) the SENCO's narrative for the term's report; refuse one that names a pupil."""
    found = names_in_text(school.pk, text)
    if found:
        logger.info("narrative refused: it names pupils", extra={"school_id": school.pk, "user_id": user.pk,
                                                                 "term": term.code, "words": len(found)})
        raise ValidationError({"text": names_refusal(found)})
    narrative, _ = TermNarrative.objects.get_or_create(school=school, term=term.code, defaults={"text": text})
    narrative.text = text
    narrative.updated_by = user
    narrative.full_clean()
    narrative.save()
    return narrative


def end_of_term_schools(day) -> tuple[Term | None, list[School]]:
    """Return the term that ends on this school day (a Friday, or the term's last weekday) and every school."""
    term = Term.for_date(day)
    last_weekday = term.end
    while last_weekday.weekday() >= 5:
        last_weekday = last_weekday - timezone.timedelta(days=1)
    if day != last_weekday:
        return None, []
    return term, list(School.objects.all())


@transaction.atomic
def term_costs_save(*, term_cost: TermCost, formsets, user: User) -> TermCost:
    """Save a group's costs and funding for a term: the record and every line of the (valid) formsets, together."""
    term_cost.save()
    for formset in formsets:
        for line in formset.save(commit=False):
            line.school = term_cost.school
            line.term_cost = term_cost
            line.full_clean()
            line.save()
        for line in formset.deleted_objects:
            line.delete()
    return term_cost


@transaction.atomic
def alternatives_save(*, school: School, formset, user: User) -> None:
    """Save the school's alternatives' benchmark costs from a valid formset; refuse another school's rows."""
    for alternative in formset.save(commit=False):
        if alternative.school_id not in (None, school.pk):
            raise PermissionDenied
        alternative.school = school
        alternative.full_clean()
        alternative.save()
    for alternative in formset.deleted_objects:
        if alternative.school_id != school.pk:
            raise PermissionDenied
        alternative.delete()
