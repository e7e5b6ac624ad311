"""Two-factor sign-in: SENCOs, senior leaders and school admins cannot reach a page on a password alone."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from nurture.tests.matrix import all_cases, build_world
from privacy.checks import two_factor_enforced
from privacy.models import SchoolPrivacySettings
from privacy.tests.two_factor import give_authenticator, totp_code
from privacy.two_factor import SESSION_NEW_KEY, backup_codes_regenerate
from pupils.tests.factories import SchoolFactory

from .two_factor import PASSWORD_CASES

pytestmark = pytest.mark.django_db
SETUP = reverse("privacy:two-factor-setup")
VERIFY = reverse("privacy:two-factor-verify")


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


def _sign_in_with_password(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "correct-horse-battery"})
    assert response.status_code == 302, "the password step failed"
    return response


@pytest.mark.parametrize("persona_name", PASSWORD_CASES)
def test_a_required_role_signed_in_with_a_password_alone_is_sent_to_set_up_two_factor(persona_name, request, client):
    user = request.getfixturevalue(persona_name)
    _sign_in_with_password(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_every_page_is_closed_to_an_unverified_senco_who_has_a_device(client):
    world = build_world()
    senco = world.users["senco"]
    give_authenticator(senco)
    client.force_login(senco)
    open_pages = {"privacy:two-factor-setup", "privacy:two-factor-verify"}
    leaks = []
    for case in all_cases():
        if case.url_name in open_pages:
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world)) + case.query
        response = client.post(url, {}) if case.method == "post" else client.get(url)
        if response.status_code != 302 or not response.url.startswith(VERIFY):
            leaks.append(f"{case}: {response.status_code}")
    assert not leaks, "Pages reachable without the second factor:\n" + "\n".join(leaks)


def test_a_class_teacher_needs_no_second_factor_unless_the_school_asks(client, class_teacher, school):
    client.force_login(class_teacher)
    assert client.get(reverse("dashboard", args=["class_teacher"])).status_code == 200
    SchoolPrivacySettings.objects.create(school=school, two_factor_for_all_staff=True)
    response = client.get(reverse("dashboard", args=["class_teacher"]))
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_a_class_teacher_who_chose_two_factor_is_asked_for_the_code(client, class_teacher):
    TOTPDevice.objects.create(user=class_teacher, name="phone", confirmed=True)
    _sign_in_with_password(client, class_teacher)
    response = client.get(reverse("dashboard", args=["class_teacher"]))
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_setting_up_shows_the_key_refuses_a_wrong_code_and_gives_backup_codes(client, senco):
    _sign_in_with_password(client, senco)
    page = client.get(SETUP + "?next=/pupils/")
    assert page.status_code == 200 and "<svg" in page.content.decode() and page.context["secret"]
    assert not TOTPDevice.objects.filter(user=senco).exists()  # showing the page writes nothing
    response = client.post(SETUP, {"code": "123", "next": "/pupils/"})
    assert "Type the 6 digits" in response.content.decode()
    device = TOTPDevice(user=senco, key=client.session[SESSION_NEW_KEY])
    wrong = f"{(int(totp_code(device)) + 1) % 1000000:06d}"
    response = client.post(SETUP, {"code": wrong, "next": "/pupils/"})
    assert "That code is not right" in response.content.decode()
    device = TOTPDevice.objects.get(user=senco, confirmed=False)  # saved by the first code it checked

    response = client.post(SETUP, {"code": totp_code(device), "next": "/pupils/"})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=senco).confirmed
    assert client.get(reverse("dashboard", args=["senco"])).status_code == 200


def test_the_second_step_accepts_the_apps_code_and_goes_where_the_user_was_going(client, senco):
    device = give_authenticator(senco)
    _sign_in_with_password(client, senco)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/pupils/"})
    assert response.status_code == 302 and response.url == "/pupils/"
    assert client.get("/pupils/").status_code == 200


def test_a_wrong_code_is_refused_with_a_reason(client, senco):
    give_authenticator(senco)
    _sign_in_with_password(client, senco)
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("home")).url.startswith(VERIFY)


def test_an_app_code_typed_twice_in_its_window_says_it_was_already_used(client, senco):
    device = give_authenticator(senco)
    code = totp_code(device)
    _sign_in_with_password(client, senco)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    _sign_in_with_password(client, senco)  # the same code again, on a second tablet, seconds later

    response = client.post(VERIFY, {"code": code})

    body = response.content.decode()
    assert response.status_code == 200
    assert "That code has already been used" in body and "not right" not in body
    assert client.get(reverse("home")).url.startswith(VERIFY)


def test_a_wrong_app_code_is_still_not_right_after_a_sign_in(client, senco):
    device = give_authenticator(senco)
    code = totp_code(device)
    _sign_in_with_password(client, senco)
    client.post(VERIFY, {"code": code})
    client.logout()
    _sign_in_with_password(client, senco)
    response = client.post(VERIFY, {"code": f"{(int(code) + 1) % 1000000:06d}"})
    assert "That code is not right" in response.content.decode()


def test_a_backup_code_signs_in_once_only(client, senco):
    give_authenticator(senco)
    code = backup_codes_regenerate(user=senco)[0]
    _sign_in_with_password(client, senco)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    StaticDevice.objects.filter(user=senco).update(throttling_failure_count=0)
    _sign_in_with_password(client, senco)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "not right" in response.content.decode()


def test_guessing_codes_is_throttled(client, senco):
    device = give_authenticator(senco)
    _sign_in_with_password(client, senco)
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    device.refresh_from_db()
    code = f"{__import__('django_otp.oath', fromlist=['totp']).totp(device.bin_key):06d}"
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "Too many wrong codes" in response.content.decode()


def test_passing_the_second_step_gives_a_new_session_id(client, senco):
    device = give_authenticator(senco)
    _sign_in_with_password(client, senco)
    before = client.cookies["sessionid"].value
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.cookies["sessionid"].value != before
    assert client.get(reverse("home")).status_code == 302 and client.get("/pupils/").status_code == 200


def test_next_cannot_send_the_user_to_another_site(client, senco):
    device = give_authenticator(senco)
    _sign_in_with_password(client, senco)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/phish"})
    assert response.url == reverse("home")


def test_someone_with_only_the_password_cannot_replace_the_device(client, senco):
    give_authenticator(senco)
    _sign_in_with_password(client, senco)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_a_senco_cannot_turn_two_factor_off_but_a_class_teacher_can(client, senco, class_teacher):
    for user, still_on in ((senco, True), (class_teacher, False)):
        device = give_authenticator(user) or TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client.logout()
        _sign_in_with_password(client, user)
        client.post(VERIFY, {"code": totp_code(device)})
        client.post(reverse("privacy:two-factor"), {"action": "remove"}, follow=True)
        assert TOTPDevice.objects.filter(user=user).exists() is still_on


def test_new_backup_codes_replace_the_old_ones(client, senco):
    device = give_authenticator(senco)
    old = backup_codes_regenerate(user=senco)
    _sign_in_with_password(client, senco)
    client.post(VERIFY, {"code": totp_code(device)})
    response = client.post(reverse("privacy:two-factor"), {"action": "backup-codes"})
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)


def test_a_superuser_needs_two_factor_for_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "correct-horse-battery")
    _sign_in_with_password(client, admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_seed_demo_prints_the_keys_and_the_demo_code_command_works(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Two-factor sign-in" in text and "senco      key " in text
    code = io.StringIO()
    call_command("demo_two_factor_code", "senco", stdout=code)
    device = TOTPDevice.objects.get(user__username="senco")
    assert code.getvalue().strip() == totp_code(device)


def test_the_demo_code_command_refuses_users_outside_the_demo_school(senco):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a user of the demo school"):
        call_command("demo_two_factor_code", senco.username)


def test_the_deploy_check_fails_when_the_gate_is_off(settings):
    assert two_factor_enforced(None) == []
    settings.TWO_FACTOR_ENFORCED = False
    assert [error.id for error in two_factor_enforced(None)] == ["privacy.E001"]


def test_pages_keep_to_their_query_budget_with_the_gate_on(client, senco, django_assert_max_num_queries):
    SchoolFactory()
    device = give_authenticator(senco)
    _sign_in_with_password(client, senco)
    client.post(VERIFY, {"code": totp_code(device)})
    with django_assert_max_num_queries(12):
        assert client.get(reverse("privacy:two-factor")).status_code == 200


def test_the_navigation_is_hidden_until_the_second_factor_is_given(client, senco):
    give_authenticator(senco)
    _sign_in_with_password(client, senco)
    page = client.get(VERIFY).content.decode()
    assert reverse("pupils:pupil-list") not in page and "Sign out" in page
