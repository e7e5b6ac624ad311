"""Invitation links: single use and expiring, made by Django's password-reset token generator.

The token is a hash of the member's password and last sign-in, so it stops working the moment the
member sets a password (single use); it carries its time, and is refused after
`STAFF_INVITATION_DAYS` days. Its own salt keeps it apart from password-reset links.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "nurture.staff.invitation"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
                   for secret in secrets):
            return False
        max_age = getattr(settings, "STAFF_INVITATION_DAYS", 7) * 24 * 3600
        return self._num_seconds(self._now()) - timestamp <= max_age


invitation_tokens = InvitationTokenGenerator()
