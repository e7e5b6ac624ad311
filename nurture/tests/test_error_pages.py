"""Failed submits and refused pages, as people meet them on every page (issue 13, point 7)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from nurture import errors
from pupils.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


class TestErrorSummary:
    def test_a_failed_submit_lists_each_error_linked_to_its_field(self, client, senco, group):
        client.force_login(senco)
        response = client.post(reverse("pupils:group-create"), {
            "name": group.name, "capacity": "", "key_stage": "ks1", "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0"})
        body = response.content.decode()
        assert response.status_code == 200
        summary = body[body.index("data-error-summary"):body.index("</ul>", body.index("data-error-summary"))]
        assert "There is a problem" in summary
        assert '<a href="#id_name" data-error-link="id_name">Name: The school already has a group with this name.</a>' \
            in summary
        assert '<a href="#id_capacity" data-error-link="id_capacity">Capacity: This field is required.</a>' in summary
        assert 'id="id_capacity"' in body  # the link lands on the field

    def test_a_refusal_shows_once_in_the_summary_not_again_in_the_form(self, client, senco, pupil, group):
        referral = ReferralFactory(pupil=pupil, stage="panel")  # no consent recorded
        client.force_login(senco)
        start = datetime.date.today() + datetime.timedelta(days=7)
        response = client.post(reverse("pupils:referral-decide", args=[referral.pk]), {
            "outcome": "placed", "group": group.pk, "start_date": start.isoformat(), "sessions_per_week": 4,
            "first_review_date": (start + datetime.timedelta(weeks=8)).isoformat()})
        body = response.content.decode()
        assert body.count("No placement without consent") == 1
        assert "There is a problem" in body
        assert "alert-block" not in body  # crispy's own box of non-field errors is switched off

    def test_a_page_that_was_not_submitted_shows_no_summary(self, client, senco):
        client.force_login(senco)
        assert "There is a problem" not in client.get(reverse("pupils:group-create")).content.decode()


class TestRefusedPages:
    def test_a_refused_page_is_in_the_products_layout_and_says_what_to_do(self, client, class_teacher):
        client.force_login(class_teacher)
        response = client.get(reverse("pupils:referral-board"))
        body = response.content.decode()
        assert response.status_code == 403
        assert "This page is not open to you" in body and "403 Forbidden" not in body
        assert f'href="{reverse("home")}">Go to your dashboard</a>' in body
        assert 'aria-label="Main"' in body  # the navigation of the product

    def test_a_missing_page_is_in_the_products_layout(self, client, senco):
        client.force_login(senco)
        response = client.get("/pupils/999999/")
        assert response.status_code == 404
        body = response.content.decode()
        assert "Page not found" in body and "Go to your dashboard" in body and 'aria-label="Main"' in body

    def test_a_server_error_page_says_what_to_do(self):
        response = errors.server_error(RequestFactory().get("/"))
        body = response.content.decode()
        assert response.status_code == 500
        assert "Something went wrong on our side" in body and f'href="{reverse("home")}"' in body

    def test_a_stale_form_is_refused_with_a_page_not_a_bare_403(self, senco):
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("login"), {"username": "senco", "password": "x"})
        body = response.content.decode()
        assert response.status_code == 403
        assert "That form is out of date" in body and "Go to your dashboard" in body
        assert not re.search(r"<h1>\s*Forbidden", body)


def test_every_page_with_a_form_stands_on_the_layout_that_shows_the_error_summary():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    base = (root / "templates" / "base.html").read_text()
    assert "{% error_summary %}" in base and "js/error-summary.js" in base
    pages = [path for folder in [root / "templates", *root.glob("*/templates")] for path in folder.rglob("*.html")
             if "<form" in path.read_text() and path.name != "base.html" and "includes" not in path.parts]
    assert len(pages) > 20
    assert [str(path) for path in pages if not path.read_text().startswith('{% extends "base.html" %}')] == []
