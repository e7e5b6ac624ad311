"""Celery task of the trust report: takes an id, calls one service; a failure is recorded on the build."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def build_trust_report(report_id: int) -> int:
    """Build one trust report; any failure is shown on the report's page."""
    try:
        services.trust_report_build(report_id=report_id)
    except Exception as error:  # noqa: BLE001 (the page says what failed)
        services.trust_report_fail(report_id=report_id, error=f"{type(error).__name__}: {error}")
    return report_id
