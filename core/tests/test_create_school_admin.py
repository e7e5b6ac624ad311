"""The first account of a new installation: a school and its school admin, from the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from core.models import Role, School

pytestmark = pytest.mark.django_db


def test_a_new_school_and_its_admin_who_can_sign_in(monkeypatch, capsys):
    monkeypatch.setenv("NURTURE_ADMIN_PASSWORD", "a-long-enough-passphrase")

    call_command("create_school_admin", school="Oakfield Primary", slug="oakfield", trust="Demo Trust",
                 username="j.smith", email="j.smith@oakfield.example")

    school = School.objects.get(slug="oakfield")
    admin = school.staff.get()
    assert school.trust == "Demo Trust" and admin.roles == {Role.SCHOOL_ADMIN}
    assert "Created school Oakfield Primary" in capsys.readouterr().out
    response = Client().post(reverse("login"), {"username": "j.smith", "password": "a-long-enough-passphrase"})
    assert response.status_code == 302


def test_a_weak_password_or_a_taken_username_is_refused(monkeypatch, senco):
    monkeypatch.setenv("NURTURE_ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common|too short"):
        call_command("create_school_admin", school="Oakfield", slug="oakfield", username="new", email="n@x.example")
    monkeypatch.setenv("NURTURE_ADMIN_PASSWORD", "a-long-enough-passphrase")
    with pytest.raises(CommandError, match="already a user"):
        call_command("create_school_admin", school="Oakfield", slug="oakfield", username="senco", email="s@x.example")
    assert not School.objects.filter(slug="oakfield").exists()
