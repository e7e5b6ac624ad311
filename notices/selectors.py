"""Reads of the notices app."""

from __future__ import annotations

from core.models import User

from .models import EmailChoice, NoticePreference


def email_choice_of(user: User) -> str:
    """Return the user's notice-email choice (the daily digest when they made none)."""
    return NoticePreference.objects.filter(user=user).values_list("email", flat=True).first() or EmailChoice.DAILY
