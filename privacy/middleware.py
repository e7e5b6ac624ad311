"""The two-factor gate: a signed-in user who owes a second factor reaches only the two-factor pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .two_factor import has_confirmed_device, must_verify

OPEN_URL_NAMES = ("privacy:two-factor-setup", "privacy:two-factor-verify", "logout")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not must_verify(request):
            return self.get_response(request)
        request.owes_second_factor = True  # the navigation hides the pages the user cannot reach yet
        if self._closed(request.path):
            target = "privacy:two-factor-verify" if has_confirmed_device(user) else "privacy:two-factor-setup"
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)

    @staticmethod
    def _closed(path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return False
        return not any(path == reverse(name) for name in OPEN_URL_NAMES)


class NoStoreWhenSignedInMiddleware:
    """Pages shown to a signed-in user hold children's data: no browser or proxy may keep a copy (a shared
    classroom computer's back button or cache must not show them after sign-out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
