"""Sign-in throttling: a username+address pair locks after five failures; an address that fails across
many usernames (password spraying) is locked too; both read the client's address through trusted proxies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD
from pupils.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, address="203.0.113.20", **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address,
                       **headers)


def test_one_wrong_password_across_many_usernames_locks_the_source(client, senco, settings):
    settings.AXES_SOURCE_USERNAME_LIMIT = 10
    for number in range(10):
        _sign_in(client, f"staff{number}", "Spring2026!")

    refused = _sign_in(client, "senco", PASSWORD)
    elsewhere = _sign_in(client, "senco", PASSWORD, address="198.51.100.30")

    assert refused.status_code == 429 and "Too many failed attempts" in refused.content.decode()
    assert elsewhere.status_code == 302, "another address is not locked"


def test_a_staff_room_of_forgetful_colleagues_is_not_locked_out(client, school, senco, settings):
    settings.AXES_SOURCE_USERNAME_LIMIT = 10
    for number in range(4):
        UserFactory(school=school, username=f"teacher{number}")
        _sign_in(client, f"teacher{number}", "wrong-password")
        _sign_in(client, f"teacher{number}", "wrong-again")

    assert _sign_in(client, "senco", PASSWORD).status_code == 302


def test_a_sprayer_cannot_escape_the_lock_by_forging_forwarded_for(client, senco, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.AXES_SOURCE_USERNAME_LIMIT = 10
    for number in range(10):
        _sign_in(client, f"staff{number}", "Spring2026!", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    assert _sign_in(client, "senco", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_the_proxy_each_client_is_throttled_on_its_own(client, senco, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(5):
        _sign_in(client, "senco", "wrong-password", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")

    locked = _sign_in(client, "senco", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    colleague = _sign_in(client, "senco", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert locked.status_code == 429
    assert colleague.status_code == 302, "the proxy's own address is not what gets locked"
