"""Sign-in throttling's view of a username: django-axes stores it in a 255-character column, and Django's
sign-in form does not check the length before authenticating, so a 300-character username was a 500
on PostgreSQL (found by privacy/tests/test_hostile_input.py). No real username is longer than 150."""

from __future__ import annotations

USERNAME_MAX_LENGTH = 150


def axes_username(request, credentials: dict | None = None) -> str | None:
    """Return the username of a sign-in attempt, as django-axes records and locks it, cut to 150 characters."""
    source = credentials if credentials else getattr(request, "data", getattr(request, "POST", {}))
    username = source.get("username") if source else None
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
