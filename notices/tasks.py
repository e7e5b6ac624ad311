"""Celery tasks of the notices: the day's digest (Celery beat, every weekday afternoon)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def send_notice_digests() -> int:
    """Send each person one email listing the notices waiting for them."""
    return services.digests_send()


@shared_task
def send_assessments_due_notices() -> int:
    """Tell each school's SENCO of the assessments falling due today (Celery beat, each weekday morning)."""
    return services.assessments_due_notices_send()
