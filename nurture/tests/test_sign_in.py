"""Signing in: throttling, password reset, session expiry, each role's landing page."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from pupils.models import Role


def _attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_username_even_with_the_right_password(client, senco):
    for _ in range(5):
        _attempt(client, "senco", "wrong-password")

    response = _attempt(client, "senco", "correct-horse-battery")

    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
def test_a_correct_sign_in_lands_on_the_most_senior_roles_dashboard(client, senco):
    response = _attempt(client, "senco", "correct-horse-battery")
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("dashboard", args=["senco"])


@pytest.mark.django_db
def test_a_user_with_two_roles_can_open_both_dashboards(client, school):
    from pupils.tests.factories import UserFactory

    user = UserFactory(school=school, roles=[Role.CLASS_TEACHER, Role.NURTURE_STAFF])
    client.force_login(user)

    landing = client.get(reverse("home"))
    other = client.get(reverse("dashboard", args=["class_teacher"]))

    assert landing.url == reverse("dashboard", args=["nurture_staff"])
    assert other.status_code == 200 and "Your other dashboards" in other.content.decode()


@pytest.mark.django_db
def test_an_account_without_a_role_is_told_to_ask_for_one(client, school):
    from pupils.tests.factories import UserFactory

    client.force_login(UserFactory(school=school))

    response = client.get(reverse("home"))

    assert response.status_code == 403 and "has no role yet" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_sends_a_link_by_email(client, senco):
    senco.email = "senco@testbrook.example"
    senco.save()

    client.post(reverse("password_reset"), {"email": "senco@testbrook.example"})

    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body and "senco" in mail.outbox[0].body


@pytest.mark.django_db
def test_pages_need_a_sign_in(client):
    response = client.get(reverse("pupils:pupil-list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_sessions_end_after_thirty_minutes_without_activity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.django_db
def test_activity_pushes_the_expiry_on_at_most_once_a_minute(client, senco, monkeypatch):
    from django.contrib.sessions.models import Session

    from core import sessions

    clock = [1_000_000]
    monkeypatch.setattr(sessions.time, "time", lambda: clock[0])
    client.force_login(senco)
    client.get(reverse("pupils:pupil-list"))
    first = Session.objects.get().expire_date

    clock[0] += 30
    client.get(reverse("pupils:pupil-list"))
    assert Session.objects.get().expire_date == first, "a request within the minute writes no session"

    clock[0] += 31
    client.get(reverse("pupils:pupil-list"))
    assert Session.objects.get().expire_date > first, "a request after the minute pushes the expiry on"


@pytest.mark.django_db
def test_an_idle_session_expires(client, senco, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(senco)
    assert client.get(reverse("home")).status_code == 302
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))

    response = client.get(reverse("pupils:pupil-list"))

    assert response.url.startswith(reverse("login"))
