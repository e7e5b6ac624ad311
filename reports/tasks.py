"""Celery tasks: each takes ids, loads, and calls one service. Retries and failure status live here."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from . import services

logger = logging.getLogger("nurture.reports")


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=240, time_limit=300,
             max_retries=2, default_retry_delay=5)
def build_governor_report(self, report_id: int) -> int:
    """Build one governors' report; a database hiccup is retried, anything else marks the build failed."""
    try:
        services.report_build(report_id=report_id)
    except OperationalError as error:
        if self.request.retries < self.max_retries:
            logger.warning("governor report build retried", exc_info=True, extra={"report_id": report_id})
            raise self.retry(exc=error) from error
        logger.exception("governor report build failed", extra={"report_id": report_id})
        services.report_fail(report_id=report_id, error=f"The database was unavailable: {error}")
    except services.NarrativeNamesPupils as error:
        services.report_fail(report_id=report_id, error=str(error))
    except SoftTimeLimitExceeded:
        logger.exception("governor report build timed out", extra={"report_id": report_id})
        services.report_fail(report_id=report_id, error="The build took longer than four minutes and was stopped.")
    except Exception as error:  # noqa: BLE001 (any other failure is shown on the report's page)
        logger.exception("governor report build failed", extra={"report_id": report_id})
        services.report_fail(report_id=report_id, error=f"{type(error).__name__}: {error}")
    return report_id


@shared_task
def build_end_of_term_reports(day: str | None = None) -> list[int]:
    """On the last weekday of a term, queue every school's governors' report for it (Celery beat)."""
    today = datetime.date.fromisoformat(day) if day else datetime.date.today()
    term, schools = services.end_of_term_schools(today)
    report_ids = []
    for school in schools:
        report, _ = services.report_request(school=school, term=term, user=None)
        report_ids.append(report.pk)
    return report_ids
