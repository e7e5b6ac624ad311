"""Sentry's events leave the server without personal data (core/sentry.py's before_send)."""

from __future__ import annotations

import json

from core.sentry import scrub, scrub_breadcrumb


def _event():
    return {
        "request": {"method": "POST", "url": "https://nurture.example/pupils/7/edit/?q=Ada+Quill",
                    "data": {"legal_first_name": "Ada"}, "cookies": {"sessionid": "abc"},
                    "headers": {"Cookie": "sessionid=abc", "Referer": "https://nurture.example/?q=Quill"},
                    "query_string": "q=Ada+Quill", "env": {"REMOTE_ADDR": "203.0.113.5"}},
        "user": {"id": 12, "username": "senco", "email": "senco@school.example", "ip_address": "203.0.113.5"},
        "exception": {"values": [{"type": "ValueError", "value": "bad",
                                  "stacktrace": {"frames": [{"function": "f", "vars": {"name": "Ada Quill"}}]}}]},
        "logentry": {"message": "saving %s", "params": ["Ada Quill"], "formatted": "saving Ada Quill"},
        "extra": {"pupil_name": "Ada Quill"},
        "contexts": {"celery": {"args": ["Ada"]}},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT", "data": {"params": ["Quill"]}}]},
    }


def test_no_body_cookie_header_query_local_variable_or_name_is_sent():
    event = scrub(_event())
    text = json.dumps(event)
    for secret in ("Ada", "Quill", "sessionid", "senco", "203.0.113.5"):
        assert secret not in text, secret
    assert event["request"] == {"method": "POST", "url": "https://nurture.example/pupils/7/edit/"}
    assert event["user"] == {"id": 12}
    assert event["exception"]["values"][0]["type"] == "ValueError"


def test_sql_breadcrumbs_are_dropped_and_others_lose_their_data():
    assert scrub_breadcrumb({"category": "query", "message": "SELECT ..."}) is None
    assert scrub_breadcrumb({"category": "http", "message": "GET", "data": {"url": "?q=Ada"}}) == {
        "category": "http", "message": "GET"}
