"""Sign-in throttling (django-axes) that also stops password spraying.

Axes locks a username from one address after `AXES_FAILURE_LIMIT` failures (the pair is the lock, so a
classroom full of staff behind one school address is not locked out by one forgetful colleague).
That alone lets one source try a password or two against every username of a trust. This handler
also locks the source: once failed sign-ins from one address name `AXES_SOURCE_USERNAME_LIMIT`
different usernames within the cool-off period, every sign-in from that address is refused until the
period ends. The address is the client's, read through trusted proxies only (core/proxy.py).
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings


class SourceThrottleHandler(AxesDatabaseHandler):
    """Axes's database handler, plus a lock on an address that fails across many usernames."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.usernames_failed_from_source(request) >= settings.AXES_SOURCE_USERNAME_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def usernames_failed_from_source(request) -> int:
        """Return how many different usernames failed to sign in from this request's address lately."""
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.values("username").distinct().count()
