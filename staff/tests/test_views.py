"""Staff pages as the school admin, the SENCO, a trust admin and the superuser use them."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from core.models import Role, School, Trust, User
from pupils.models import PupilImport
from pupils.tests.factories import NurtureGroupFactory, SchoolClassFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite_data(**extra):
    return {"first_name": "Nia", "last_name": "Newcomb", "email": "nia@school.example", "job_title": "",
            "roles": [Role.SENCO], **extra}


def _link(mail) -> str:
    return re.search(r"https?://[^/]+(/invitation/\S+)", mail.body).group(1)


def test_the_staff_list_shows_roles_and_classes_and_searches(client, school_admin, class_teacher, senco):
    client.force_login(school_admin)
    page = client.get(reverse("staff:staff-list")).content.decode()
    assert "Class teacher" in page and "2T" in page and "SENCO" in page

    page = client.get(reverse("staff:staff-list"), {"q": "senco"}).content.decode()
    assert "Senco" in page and class_teacher.email not in page


def test_the_staff_list_query_count_does_not_grow_with_staff(client, school_admin, school, assert_flat_queries):
    client.force_login(school_admin)

    def grow():
        for number in range(30):
            member = UserFactory(school=school, roles=[Role.CLASS_TEACHER, Role.NURTURE_STAFF])
            SchoolClassFactory(school=school, name=f"C{number}").teachers.add(member)

    assert_flat_queries(reverse("staff:staff-list"), grow)


def test_the_member_page_query_count_does_not_grow_with_history(client, school_admin, class_teacher,
                                                                assert_flat_queries):
    from staff import services

    client.force_login(school_admin)

    def grow():
        for number in range(10):
            services.staff_update(member=class_teacher, user=school_admin, first_name=f"T{number}",
                                  last_name="X", email=class_teacher.email, job_title="", classes=[],
                                  roles=[Role.CLASS_TEACHER])

    assert_flat_queries(reverse("staff:member-detail", args=[class_teacher.pk]), grow)


def test_the_csv_has_the_searched_rows_and_no_live_formulas(client, school_admin, school):
    UserFactory(school=school, first_name="=HYPERLINK(1)", last_name="Trick", roles=[Role.GOVERNOR])
    UserFactory(school=school, first_name="Other", last_name="Person", roles=[Role.GOVERNOR])
    client.force_login(school_admin)
    response = client.get(reverse("staff:staff-export"), {"q": "Trick"})
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in text and "Person" not in text and "Governor" in text


def test_inviting_twice_answers_already_on_the_list(client, school_admin, mailoutbox):
    client.force_login(school_admin)
    first = client.post(reverse("staff:staff-invite"), _invite_data())
    member = User.objects.get(email="nia@school.example")
    assert first.url == reverse("staff:member-detail", args=[member.pk])
    second = client.post(reverse("staff:staff-invite"), _invite_data(), follow=True)
    assert "already on the staff list" in second.content.decode()
    assert User.objects.filter(email="nia@school.example").count() == 1


def test_an_empty_invitation_form_keeps_nothing_and_says_what_is_missing(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("staff:staff-invite"), {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert User.objects.count() == 1


def test_the_senco_is_offered_only_the_roles_under_them(client, senco):
    client.force_login(senco)
    page = client.get(reverse("staff:staff-invite")).content.decode()
    assert "Class teacher" in page and "Nurture staff" in page and "School admin" not in page


@pytest.mark.django_db(transaction=True)
def test_the_invited_senco_chooses_a_password_then_must_set_up_two_factor(client, school_admin, settings,
                                                                          mailoutbox):
    client.force_login(school_admin)
    client.post(reverse("staff:staff-invite"), _invite_data())
    client.logout()
    settings.TWO_FACTOR_ENFORCED = True
    link = _link(mailoutbox[0])

    assert "Welcome, Nia" in client.get(link).content.decode()
    response = client.post(link, {"new_password1": "a-long-new-password-1", "new_password2": "a-long-new-password-1"})
    member = User.objects.get(email="nia@school.example")
    assert response.url == reverse("home") and client.session[SESSION_KEY] == str(member.pk)
    assert client.get(reverse("home")).url.startswith(reverse("privacy:two-factor-setup"))

    client.logout()
    used = client.get(link)
    assert used.status_code == 404 and "cannot be used" in used.content.decode()


def test_a_leaver_cannot_sign_in_and_shows_as_left(client, school_admin, class_teacher):
    client.force_login(school_admin)
    unconfirmed = client.post(reverse("staff:member-leaver", args=[class_teacher.pk]), follow=True)
    assert "Tick the box" in unconfirmed.content.decode() and User.objects.get(pk=class_teacher.pk).is_active
    client.post(reverse("staff:member-leaver", args=[class_teacher.pk]), {"confirm": "yes"})
    client.logout()
    client.post(reverse("login"), {"username": class_teacher.username, "password": "correct-horse-battery"})
    assert SESSION_KEY not in client.session
    client.force_login(school_admin)
    page = client.get(reverse("staff:staff-list"), {"leavers": "on"}).content.decode()
    assert class_teacher.email in page and "Left" in page
    history = client.get(reverse("staff:member-history", args=[class_teacher.pk])).content.decode()
    assert "Marked as a leaver" in history and "School Admin" in history


def test_a_refused_action_is_said_on_the_member_page(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("staff:member-leaver", args=[school_admin.pk]), {"confirm": "yes"}, follow=True)
    assert "cannot mark yourself as a leaver" in response.content.decode()
    assert User.objects.get(pk=school_admin.pk).is_active


def test_a_two_factor_reset_without_a_reason_is_refused_in_words(client, school_admin, senco):
    client.force_login(school_admin)
    response = client.post(reverse("staff:member-two-factor-reset", args=[senco.pk]), {"reason": ""}, follow=True)
    assert "Give the reason" in response.content.decode()


def test_a_trust_admin_adds_a_school_and_its_admin_from_the_browser(client, school, mailoutbox):
    school.trust = Trust.objects.create(name="Oak Learning Trust", slug="oak")
    school.save()
    trust_admin = UserFactory(school=None, trust=school.trust, username="trust_admin", roles=[Role.TRUST_ADMIN])
    client.force_login(trust_admin)
    assert client.get(reverse("home")).url == reverse("staff:school-list")
    assert "Add a school" in client.get(reverse("staff:school-list")).content.decode()
    response = client.post(reverse("staff:school-create"), {
        "name": "Hazel Primary", "urn": "", "admin_first_name": "Hal", "admin_last_name": "Admin",
        "admin_email": "hal@hazel.example"}, follow=True)
    assert "Hazel Primary was created" in response.content.decode()
    assert School.objects.get(name="Hazel Primary").trust == school.trust
    assert client.get(reverse("staff:staff-list")).status_code == 403  # a trust admin does not run a school's staff


def test_the_superuser_starts_at_the_schools_page(client, db):
    superuser = User.objects.create_superuser("root", "root@example.org", "a-long-new-password-1")
    client.force_login(superuser)
    assert client.get(reverse("home")).url == reverse("staff:school-list")
    assert client.get(reverse("staff:school-create")).status_code == 200


def test_the_first_run_checklist_is_ticked_from_real_data(client, school_admin, school, senco):
    from assessments.models import BoxallSettings
    from privacy.models import SchoolPrivacySettings

    client.force_login(school_admin)
    response = client.get(reverse("dashboard", args=[Role.SCHOOL_ADMIN]))
    assert response.content.decode().count('data-done="no"') == 4  # staff: the SENCO is invited already

    PupilImport.objects.create(school=school, file_name="x.csv", status=PupilImport.Status.APPLIED)
    NurtureGroupFactory(school=school)
    SchoolPrivacySettings.objects.create(school=school)
    BoxallSettings.objects.create(school=school, cluster_map={}, is_default=False)
    page = client.get(reverse("dashboard", args=[Role.SCHOOL_ADMIN])).content.decode()
    assert page.count('data-done="yes"') == 5
    assert "(the SENCO does this)" in page  # the Boxall map is the SENCO's step


def test_a_made_up_invitation_link_is_refused(client, class_teacher):
    response = client.get(reverse("staff:invitation-accept", kwargs={"uidb64": "MQ", "token": "abc-def"}))
    assert response.status_code == 404 and "cannot be used" in response.content.decode()
    response = client.get(reverse("staff:invitation-accept", kwargs={"uidb64": "%%%", "token": "abc-def"}))
    assert response.status_code == 404


def test_a_school_admin_cannot_manage_a_trust_admin(client, school_admin, school):
    trust_admin = UserFactory(school=school, username="trust_admin", roles=[Role.TRUST_ADMIN])  # an odd account
    client.force_login(school_admin)
    assert client.get(reverse("staff:member-detail", args=[trust_admin.pk])).status_code == 403
    assert client.post(reverse("staff:member-leaver", args=[trust_admin.pk])).status_code == 403
    assert User.objects.get(pk=trust_admin.pk).is_active


def test_the_school_admin_may_set_up_the_group_and_returns_to_the_dashboard(client, school_admin):
    client.force_login(school_admin)
    page = client.get(reverse("pupils:group-create")).content.decode()
    assert f'href="{reverse("home")}">Cancel' in page
    response = client.post(reverse("pupils:group-create"), {
        "name": "The Nest", "capacity": 8, "key_stage": "ks1", "room": "",
        "sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0})
    assert response.url == reverse("home")


def test_a_trust_admin_sees_only_their_trusts_schools(client, school, other_school):
    school.trust = Trust.objects.create(name="Oak Learning Trust", slug="oak")
    school.save()
    other_school.trust = Trust.objects.create(name="Another Trust", slug="another")
    other_school.save()
    trust_admin = UserFactory(school=None, trust=school.trust, username="trust_admin", roles=[Role.TRUST_ADMIN])
    client.force_login(trust_admin)
    page = client.get(reverse("staff:school-list")).content.decode()
    assert school.name in page and other_school.name not in page


def test_the_senco_sees_every_member_but_opens_only_those_they_manage(client, senco, class_teacher, senior_leader):
    client.force_login(senco)
    page = client.get(reverse("staff:staff-list")).content.decode()
    assert reverse("staff:member-detail", args=[class_teacher.pk]) in page
    assert reverse("staff:member-detail", args=[senior_leader.pk]) not in page
    assert senior_leader.email in page
