"""Celery tasks of the privacy app: each takes ids, calls one service; retries live here."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from pupils.models import School

from . import services

logger = logging.getLogger("nurture.privacy")


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True, time_limit=300)
def build_subject_access_export(self, export_id: int) -> None:
    try:
        services.subject_access_export_build(export_id=export_id)
    except Exception as error:
        if self.request.retries >= self.max_retries:
            logger.exception("subject access export failed", extra={"export_id": export_id})
            services.subject_access_export_fail(export_id=export_id, error=f"{type(error).__name__}: {error}")
            return
        logger.warning("subject access export retried", exc_info=True, extra={"export_id": export_id})
        if self.request.is_eager:  # no worker to hand the retry to (development without Redis, tests)
            build_subject_access_export.apply(args=[export_id], retries=self.request.retries + 1)
            return
        raise self.retry(exc=error) from error


@shared_task
def list_expired_records() -> int:
    """Nightly: list every school's records past their retention period, for a SENCO to confirm."""
    return sum(len(services.expired_records_list(school=school)) for school in School.objects.all())


@shared_task
def delete_old_exports() -> int:
    return services.subject_access_exports_delete_old(keep_days=settings.SUBJECT_ACCESS_EXPORT_KEEP_DAYS)
