"""The client's address: X-Forwarded-For is believed from our trusted proxies only (audit and throttling)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from core.proxy import client_ip, client_port


def _request(remote: str, forwarded: str | None = None, **extra):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.8.0.0/24"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_client_that_is_not_a_proxy_cannot_choose_its_address(behind_proxy):
    assert client_ip(_request("203.0.113.9", "198.51.100.1, 127.0.0.1")) == "203.0.113.9"


def test_through_the_proxy_the_forwarded_client_is_believed(behind_proxy):
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_what_a_client_put_before_the_proxys_entry_is_ignored(behind_proxy):
    # nginx and Caddy append the address they saw: the forged part is on the left.
    assert client_ip(_request("127.0.0.1", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_a_chain_of_our_proxies_is_walked_to_the_first_outside_address(behind_proxy):
    assert client_ip(_request("127.0.0.1", "198.51.100.1, 203.0.113.9:5123, 10.8.0.4")) == "203.0.113.9"


def test_garbage_in_the_header_stops_at_the_last_address_a_proxy_vouched_for(behind_proxy):
    assert client_ip(_request("127.0.0.1", "203.0.113.9, not-an-address")) == "127.0.0.1"


def test_ipv6_and_ipv4_mapped_addresses(behind_proxy):
    assert client_ip(_request("::ffff:127.0.0.1", "[2001:db8::5]:443")) == "2001:db8::5"
    assert client_ip(_request("2001:db8::7", "198.51.100.1")) == "2001:db8::7"


def test_the_port_is_believed_from_a_proxy_only(behind_proxy):
    assert client_port(_request("127.0.0.1", "203.0.113.9", HTTP_X_FORWARDED_PORT="5123")) == 5123
    assert client_port(_request("203.0.113.9", None, HTTP_X_FORWARDED_PORT="5123")) is None


@pytest.mark.django_db
def test_a_forged_forwarded_for_from_a_non_proxy_is_audited_with_its_real_address(client, settings, senco, pupil):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.force_login(senco)

    response = client.get(reverse("pupils:pupil-detail", args=[pupil.pk]), REMOTE_ADDR="203.0.113.50",
                          HTTP_X_FORWARDED_FOR="198.51.100.77")

    assert response.status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_id=pupil.pk)
    assert entry.remote_addr == "203.0.113.50"
    assert not LogEntry.objects.filter(remote_addr="198.51.100.77").exists()


@pytest.mark.django_db
def test_a_change_made_through_the_proxy_is_audited_with_the_forwarded_client(client, settings, senco, pupil):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.force_login(senco)
    pupil.preferred_first_name = "Addie"

    # auditlog's own change entry (signals), written while the request runs
    from auditlog.context import set_extra_data

    from core.audit import AuditlogMiddleware

    request = _request("127.0.0.1", "198.51.100.1, 203.0.113.9")
    with set_extra_data(context_data=AuditlogMiddleware(lambda r: None).get_extra_data(request)):
        pupil.save()

    entry = LogEntry.objects.filter(object_id=pupil.pk, action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.remote_addr == "203.0.113.9"
