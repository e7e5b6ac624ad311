"""Every page of the product carries the security headers and has no inline script for the CSP to block."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from nurture.tests.matrix import all_cases, build_world

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def assert_secure_headers(response, where: str) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", f"{where}: script-src is {directives.get('script-src')!r}"
    assert directives.get("default-src") == "'self'", where
    assert directives.get("object-src") == "'none'", where
    assert directives.get("frame-ancestors") == "'none'", where
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where


def assert_no_inline_script(response, where: str) -> None:
    if "text/html" not in response.headers.get("Content-Type", ""):
        return
    body = response.content.decode()
    assert not INLINE_SCRIPT.search(body), f"{where}: inline <script>"
    assert not EVENT_HANDLER.search(body), f"{where}: inline event handler"
    assert not STYLE_ATTRIBUTE.search(body), f"{where}: inline style attribute (blocked by style-src 'self')"


def test_every_page_type_has_the_security_headers_and_no_inline_script(client):
    world = build_world()
    checked = []
    for case in all_cases():
        if not case.allowed:
            continue
        persona = sorted(case.allowed)[0]
        client.force_login(world.users[persona])
        url = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        response = client.post(url, case.data(world) if case.data else {}) if case.method == "post" else client.get(url)
        where = f"{case} as {persona}"
        assert response.status_code == case.ok_status, where
        assert_secure_headers(response, where)
        assert_no_inline_script(response, where)
        assert "no-store" in response.headers.get("Cache-Control", ""), f"{where}: a copy may be cached"
        checked.append(case.url_name)
    assert "pupils:pupil-detail" in checked and "privacy:pupil-export" in checked


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password_reset/", "/no-such-page/"])
def test_public_pages_and_errors_have_the_security_headers_too(client, path):
    response = client.get(path)
    assert_secure_headers(response, path)
    assert_no_inline_script(response, path)


def test_a_refused_page_has_the_security_headers(client, governor, pupil):
    client.force_login(governor)
    response = client.get(reverse("pupils:pupil-detail", args=[pupil.pk]))
    assert response.status_code == 403
    assert_secure_headers(response, "403")
