"""Sending mail without losing a failure: a mail that cannot be sent is logged, with ids, never dropped silently."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger("nurture.mail")


def mail_send(*, subject: str, body: str, to: list[str], purpose: str, record_id: int | None = None) -> bool:
    """Send one mail now; on failure log it (purpose and record id, no address, no text) and return False.

    The caller's action has already happened (a place was given), so a mail server being down must
    not undo it; but the failure must reach the logs, where an administrator will see it.
    """
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)
    except Exception:  # noqa: BLE001  (any transport failure: SMTP, DNS, TLS)
        logger.exception("mail not sent", extra={"purpose": purpose, "record_id": record_id,
                                                 "recipients": len(to)})
        return False
    return True
