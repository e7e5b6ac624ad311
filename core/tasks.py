"""The ground floor's Celery task: the heartbeat that tells /health/ a worker is running (core/health.py)."""

from __future__ import annotations

import time

from celery import shared_task

from core import health


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Stamp Redis with the time a worker ran this (beat queues it every HEARTBEAT_SECONDS)."""
    health.redis_client().set(health.heartbeat_key(), f"{time.time():.3f}", ex=24 * 3600)
