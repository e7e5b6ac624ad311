"""Log lines the ground floor owes every app: sign-in lockouts (ids and address only, never a name)."""

from __future__ import annotations

import logging

logger = logging.getLogger("nurture.signin")


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """A source was locked out of signing in (django-axes): one warning line, for the administrators."""
    from django.contrib.auth import get_user_model

    user_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    logger.warning("sign-in locked out", extra={"user_id": user_id, "client_ip": ip_address})


def connect() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(log_lockout, dispatch_uid="nurture-log-lockout")
