"""Sessions that end after a spell of inactivity, without a database write on every page.

Django's SESSION_SAVE_EVERY_REQUEST pushes the expiry on by writing the session row on every request
(an UPDATE in a transaction: three queries a page, and a row lock under load). This middleware marks
the session for saving only when its expiry was last pushed on more than a minute ago, so a signed-in
user's session still ends SESSION_COOKIE_AGE seconds (less at most a minute) after their last request.
"""

from __future__ import annotations

import time

REFRESH_EVERY_SECONDS = 60
SESSION_KEY = "_activity_at"


class SlidingExpiryMiddleware:
    """Place after SessionMiddleware: its response step runs before the session is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(SESSION_KEY, 0)) >= REFRESH_EVERY_SECONDS:
                session[SESSION_KEY] = now  # marks the session modified: saved with a new expiry
        return response


def note_activity_at_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in starts the clock, so the first page after it writes no session of its own."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = int(time.time())
