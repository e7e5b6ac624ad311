"""Log lines: JSON, one a line, with the request's ids, status and duration, and never a child's name."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.urls import reverse

from core.logs import ContextFilter, JsonFormatter


@pytest.fixture
def json_lines():
    """Collect what the production handler would write (our filter and formatter) from every logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous)


@pytest.mark.django_db
def test_each_request_writes_one_json_line_with_its_ids_status_and_duration(client, senco, pupil, json_lines):
    client.force_login(senco)

    response = client.get(reverse("pupils:pupil-detail", args=[pupil.pk]) + "?q=Quill")

    [line] = [line for line in json_lines() if line["logger"] == "nurture.request"]
    assert line["status"] == 200 and line["method"] == "GET" and line["duration_ms"] > 0
    assert line["user_id"] == senco.pk and line["school_id"] == senco.school_id
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["route"] == "pupils/<int:pupil_pk>/" and line["level"] == "INFO" and line["time"]
    assert "Quill" not in json.dumps(json_lines()) and "Ada" not in json.dumps(json_lines())


@pytest.mark.django_db
def test_a_request_id_is_kept_from_a_trusted_proxy_only(client, settings, json_lines):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    from_proxy = client.get(reverse("login"), REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID="caddy-0123456789abcdef")
    forged = client.get(reverse("login"), REMOTE_ADDR="203.0.113.4", HTTP_X_REQUEST_ID="forged-0123456789abcdef")

    assert from_proxy["X-Request-ID"] == "caddy-0123456789abcdef"
    assert forged["X-Request-ID"] != "forged-0123456789abcdef"


@pytest.mark.django_db
def test_a_sign_in_lockout_is_logged_with_the_users_id_not_their_name(client, senco, json_lines):
    for _ in range(5):
        client.post(reverse("login"), {"username": "senco", "password": "wrong"}, REMOTE_ADDR="203.0.113.8")

    lockouts = [line for line in json_lines() if line["message"] == "sign-in locked out"]
    assert lockouts and lockouts[0]["user_id"] == senco.pk and lockouts[0]["client_ip"] == "203.0.113.8"
    assert "senco" not in json.dumps([line for line in json_lines() if line["logger"].startswith(("nurture", "axes"))])


def test_a_line_outside_any_request_leaves_the_ids_out():
    record = logging.LogRecord("nurture.x", logging.WARNING, __file__, 1, "hello %s", ("there",), None)
    ContextFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello there" and line["level"] == "WARNING"
    assert "request_id" not in line and "user_id" not in line
