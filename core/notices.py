"""Announcing what happened to a case, so that the people concerned are told (in the app and by email).

A service calls `announce("placement.placed", record=placement, actor=user)` inside its transaction;
the handlers named in `settings.NOTICE_HANDLERS` (the notices app, which stands above every app that
announces) decide who is concerned and what they are told. The ground floor names no app: an install
without the notices app announces to no one.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("nurture.notices")

EVENTS = {
    "referral.stage_moved", "referral.decided", "referral.consent_withdrawn", "placement.placed",
    "placement.ended", "reintegration.phased_return_started", "reintegration.graduated", "report.ready",
    "assessments.due",
}


def announce(event: str, *, record, actor=None) -> None:
    """Tell the handlers that `event` happened to `record` (in the caller's transaction)."""
    if event not in EVENTS:
        raise ValueError(f"Unknown event {event!r}")
    for dotted in getattr(settings, "NOTICE_HANDLERS", []):
        import_string(dotted)(event=event, record=record, actor=actor)
