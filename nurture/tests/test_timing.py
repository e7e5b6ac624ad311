"""The benchmark reads each response's server time, SQL time and query count from its headers."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse


@pytest.mark.django_db
def test_responses_carry_server_timing_when_switched_on(senco):
    with override_settings(NURTURE_TIMING=True):
        timed = Client()  # a new client loads the middleware with the setting on
        timed.force_login(senco)
        response = timed.get(reverse("pupils:pupil-list"))

    assert int(response["X-Query-Count"]) >= 3
    assert response["Server-Timing"].startswith("app;dur=") and "db;dur=" in response["Server-Timing"]


@pytest.mark.django_db
def test_no_timing_headers_by_default(client, senco):
    client.force_login(senco)
    assert "Server-Timing" not in client.get(reverse("pupils:pupil-list"))
