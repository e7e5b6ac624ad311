"""Staff administration rules: invitations, roles, leavers, two-factor resets, unlocking, new schools."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Role, School, StaffRole, Trust, User
from pupils.tests.factories import UserFactory
from staff import services
from staff.selectors import member_history
from staff.services import StaffRefused
from staff.tokens import invitation_tokens

SITE = "http://testserver/"


def _invite(user, school, email="new.teacher@school.example", roles=(Role.CLASS_TEACHER,), classes=()):
    return services.staff_invite(school=school, user=user, first_name="Nia", last_name="Newcomb", email=email,
                                 roles=roles, classes=classes, site_url=SITE)


def _signed_in_session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session.create()
    return session.session_key


def test_an_invited_member_gets_one_mail_with_a_link_and_no_password(school_admin, school, school_class,
                                                                      mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = _invite(school_admin, school, classes=[school_class])

    assert not member.has_usable_password() and member.roles == {Role.CLASS_TEACHER}
    assert list(member.classes_taught.all()) == [school_class]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["new.teacher@school.example"]
    assert mailoutbox[0].subject == "Your Nurture account"
    assert "/invitation/" in mailoutbox[0].body
    assert [row.entry.additional_data["event"] for row in member_history(member)] == ["invited"]


def test_the_invitation_link_works_once_and_expires(school_admin, school, settings):
    member = _invite(school_admin, school)
    token = invitation_tokens.make_token(member)
    assert invitation_tokens.check_token(member, token)

    settings.STAFF_INVITATION_DAYS = 0
    invitation_tokens._now = lambda: timezone.now().replace(tzinfo=None) + timezone.timedelta(days=1)
    try:
        assert not invitation_tokens.check_token(member, token)
    finally:
        del invitation_tokens._now
    settings.STAFF_INVITATION_DAYS = 7
    services.invitation_accept(member=member, password="a-long-new-password-1")
    assert not invitation_tokens.check_token(member, token)


def test_a_senco_invites_a_teacher_but_not_a_senior_leader(senco, school):
    assert _invite(senco, school).roles == {Role.CLASS_TEACHER}
    with pytest.raises(StaffRefused, match="cannot give or take away these roles: Senior leader"):
        _invite(senco, school, email="boss@school.example", roles=[Role.SENIOR_LEADER])


def test_an_invitation_to_an_existing_email_is_refused(school_admin, school, senco):
    with pytest.raises(StaffRefused, match="already has an account"):
        _invite(school_admin, school, email=senco.email.upper())


def test_nobody_raises_their_own_role(school_admin, senco):
    with pytest.raises(StaffRefused, match="cannot give yourself a role"):
        services.staff_update(member=school_admin, user=school_admin, first_name="A", last_name="B",
                              email=school_admin.email, job_title="", roles=[Role.SCHOOL_ADMIN, Role.SENCO],
                              classes=[])
    assert User.objects.get(pk=school_admin.pk).roles == {Role.SCHOOL_ADMIN}


def test_the_last_school_admin_cannot_lose_the_role_or_leave(school_admin, school):
    second = UserFactory(school=school, username="second_admin", roles=[Role.SCHOOL_ADMIN])
    with pytest.raises(StaffRefused, match="cannot mark yourself"):
        services.staff_mark_leaver(member=school_admin, user=school_admin)
    services.staff_mark_leaver(member=second, user=school_admin)
    StaffRole.objects.create(user=school_admin, role=Role.SENIOR_LEADER)
    with pytest.raises(StaffRefused, match="last school admin"):
        services.staff_update(member=school_admin, user=school_admin, first_name="A", last_name="B",
                              email=school_admin.email, job_title="", roles=[Role.SENIOR_LEADER], classes=[])
    trust = UserFactory(school=None, trust=Trust.objects.create(name="T", slug="t"), username="trust",
                        roles=[Role.TRUST_ADMIN])
    with pytest.raises(StaffRefused, match="last school admin"):
        services.staff_mark_leaver(member=school_admin, user=trust)


def test_changing_roles_and_classes_is_one_entry_in_words(school_admin, class_teacher, school_class, other_class):
    services.staff_update(member=class_teacher, user=school_admin, first_name=class_teacher.first_name,
                          last_name=class_teacher.last_name, email=class_teacher.email, job_title="Year 4 teacher",
                          roles=[Role.CLASS_TEACHER, Role.NURTURE_STAFF], classes=[other_class])

    member = User.objects.get(pk=class_teacher.pk)
    assert member.roles == {Role.CLASS_TEACHER, Role.NURTURE_STAFF}
    assert list(member.classes_taught.all()) == [other_class]
    row = member_history(member)[0]  # the newest entry
    assert row.entry.actor == school_admin and row.entry.additional_data["event"] == "details changed"
    assert {(c.label, c.old, c.new) for c in row.changes} == {
        ("Job title", "–", "Year 4 teacher"), ("Roles", "Class teacher", "Nurture staff, Class teacher"),
        ("Classes", "2T", "4T")}


def test_a_senco_keeps_the_roles_they_cannot_give(senco, school):
    member = UserFactory(school=school, username="both", roles=[Role.CLASS_TEACHER, Role.GOVERNOR])
    services.staff_update(member=member, user=senco, first_name="A", last_name="B", email=member.email,
                          job_title="", roles=[Role.NURTURE_STAFF], classes=[])
    assert User.objects.get(pk=member.pk).roles == {Role.NURTURE_STAFF, Role.GOVERNOR}


def test_a_leaver_loses_access_at_once_keeps_their_name_and_leaves_classes_and_groups(
        school_admin, nurture_staff, group, school_class):
    school_class.teachers.add(nurture_staff)
    session_key = _signed_in_session(nurture_staff)
    other_key = _signed_in_session(school_admin)

    services.staff_mark_leaver(member=nurture_staff, user=school_admin)

    member = User.objects.get(pk=nurture_staff.pk)
    assert not member.is_active and not member.has_usable_password()
    assert not group.staff.exists() and not school_class.teachers.exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    assert Session.objects.filter(session_key=other_key).exists()
    assert str(member) == nurture_staff.get_full_name()  # what they wrote still names them
    row = member_history(member)[0]  # the newest entry
    assert row.entry.additional_data["event"] == "marked as a leaver"
    assert ("Nurture group", "The Tree House", "none") in {(c.label, c.old, c.new) for c in row.changes}


def test_a_two_factor_reset_needs_a_reason_and_makes_the_member_set_up_again(school_admin, senco):
    TOTPDevice.objects.create(user=senco, name="phone", confirmed=True)
    StaticDevice.objects.create(user=senco, name="Backup codes", confirmed=True)
    session_key = _signed_in_session(senco)
    with pytest.raises(StaffRefused, match="reason"):
        services.staff_two_factor_reset(member=senco, user=school_admin, reason="  ")

    services.staff_two_factor_reset(member=senco, user=school_admin, reason="Lost phone")

    assert not TOTPDevice.objects.filter(user=senco).exists() and not StaticDevice.objects.filter(user=senco).exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    entry = LogEntry.objects.get(object_id=senco.pk, additional_data__event="two-factor reset")
    assert entry.actor == school_admin and entry.changes_dict["reason"] == [None, "Lost phone"]


def test_unlocking_clears_the_axes_lockout(school_admin, class_teacher, settings):
    AccessAttempt.objects.create(username=class_teacher.username, ip_address="10.0.0.1", user_agent="x",
                                 get_data="", post_data="", failures_since_start=settings.AXES_FAILURE_LIMIT,
                                 http_accept="", path_info="/accounts/login/")
    from staff.selectors import locked_out_usernames

    assert locked_out_usernames([class_teacher.username]) == {class_teacher.username}
    services.staff_unlock(member=class_teacher, user=school_admin)
    assert locked_out_usernames([class_teacher.username]) == set()
    assert LogEntry.objects.filter(object_id=class_teacher.pk, additional_data__event="sign-in unlocked").exists()


def test_a_trust_admin_creates_a_school_of_their_trust_with_its_first_admin(school, mailoutbox,
                                                                            django_capture_on_commit_callbacks):
    school.trust = Trust.objects.create(name="Oak Learning Trust", slug="oak")
    school.save()
    trust_admin = UserFactory(school=None, trust=school.trust, username="trust_admin", roles=[Role.TRUST_ADMIN])
    other = Trust.objects.create(name="Another", slug="another")
    with django_capture_on_commit_callbacks(execute=True):
        new, admin = services.school_create(user=trust_admin, name="Hazel Primary", urn="123456", trust=other,
                                            admin_first_name="Hal", admin_last_name="Admin",
                                            admin_email="hal@hazel.example", site_url=SITE)
    assert (new.trust.name, new.slug) == ("Oak Learning Trust", "hazel-primary")
    assert admin.school == new and admin.roles == {Role.SCHOOL_ADMIN}
    assert mailoutbox[0].to == ["hal@hazel.example"]
    assert School.objects.count() == 2


def test_a_school_admin_cannot_create_a_school(school_admin):
    with pytest.raises(StaffRefused):
        services.school_create(user=school_admin, name="X", urn="", trust=None, admin_first_name="a",
                               admin_last_name="b", admin_email="x@x.example", site_url=SITE)
