"""Notices reach the people concerned, in the app and by email, and no email subject names a child."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail as django_mail
from django.urls import reverse

from core.models import Role
from notices.models import NoticeMail
from notices.services import digests_send, notice_preference_set
from pupils.models import Notification, Placement, Referral
from pupils.services import (
    placement_end,
    referral_advance,
    referral_decide,
    referral_withdraw_consent,
)
from pupils.tests.factories import ConsentedReferralFactory, PupilFactory, ReferralFactory, UserFactory
from reintegration.models import Ending, Ritual, TransitionPlan
from reintegration.services import graduation_record, plan_set_status, plan_start

START = datetime.date(2026, 11, 30)


def _place(referral, group, user):
    return referral_decide(referral=referral, user=user, outcome="placed", group=group, start_date=START,
                           sessions_per_week=4, first_review_date=START + datetime.timedelta(weeks=8))


def _notices(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def _assert_no_child_named(pupil, messages) -> None:
    for message in messages:
        assert pupil.legal_first_name not in message.subject and pupil.legal_last_name not in message.subject
        assert pupil.legal_last_name not in message.body


@pytest.fixture
def referrer(school):
    return UserFactory(school=school, username="referrer", roles=[Role.CLASS_TEACHER])


@pytest.mark.django_db
def test_placing_tells_the_referrer_and_the_class_teacher_once_each_and_emails_name_no_child(
        pupil, senco, class_teacher, referrer, group, mailoutbox, django_capture_on_commit_callbacks):
    for user in (referrer, class_teacher):
        notice_preference_set(user=user, email="each")
    referral = ConsentedReferralFactory(pupil=pupil, raised_by=referrer)
    with django_capture_on_commit_callbacks(execute=True):
        _place(referral, group, senco)
    assert any("Ada Quill, whom you referred" in text for text in _notices(referrer))
    assert any("Ada Quill, of your class 2T" in text for text in _notices(class_teacher))
    assert _notices(senco) == []  # the person who acted is not told what they did
    assert sorted(message.to[0] for message in mailoutbox) == sorted([referrer.email, class_teacher.email])
    assert all(reverse("pupils:pupil-detail", args=[pupil.pk]) in message.body for message in mailoutbox)
    _assert_no_child_named(pupil, mailoutbox)


@pytest.mark.django_db
def test_by_default_notices_wait_for_the_days_digest_one_email_per_person(
        pupil, senco, class_teacher, group, mailoutbox, django_capture_on_commit_callbacks):
    referral = ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher, stage=Referral.Stage.PARENTS)
    with django_capture_on_commit_callbacks(execute=True):
        referral_advance(referral=referral, user=senco, stage=Referral.Stage.PANEL)
        _place(Referral.objects.get(pk=referral.pk), group, senco)
    assert mailoutbox == []
    assert len(_notices(class_teacher)) == 2
    assert digests_send() == 1
    [digest] = mailoutbox
    assert digest.to == [class_teacher.email] and "2 new notices" in digest.subject
    assert "moved to the stage" in digest.body and "given a place in The Tree House" in digest.body
    _assert_no_child_named(pupil, mailoutbox)
    assert digests_send() == 0  # nothing is sent twice


@pytest.mark.django_db
def test_a_person_who_chose_no_email_gets_the_notice_in_the_app_only(
        pupil, senco, class_teacher, group, mailoutbox, django_capture_on_commit_callbacks):
    notice_preference_set(user=class_teacher, email="none")
    with django_capture_on_commit_callbacks(execute=True):
        _place(ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher), group, senco)
    assert len(_notices(class_teacher)) == 1
    assert digests_send() == 0 and mailoutbox == [] and not NoticeMail.objects.exists()


@pytest.mark.django_db
def test_the_senco_is_told_when_consent_is_withdrawn(pupil, senco, class_teacher, group, mailoutbox):
    referral = ConsentedReferralFactory(pupil=pupil, raised_by=senco)
    _place(referral, group, senco)
    referral_withdraw_consent(referral=Referral.objects.get(pk=referral.pk), user=class_teacher,
                              withdrawn_on=START, reason="Parents asked.")
    assert any("Consent was withdrawn" in text for text in _notices(senco))
    digests_send()
    to_senco = [message for message in mailoutbox if message.to == [senco.email]]
    assert [message.subject for message in to_senco] == ["Nurture: 1 new notice for you"]
    assert "withdrew their consent" in to_senco[0].body
    _assert_no_child_named(pupil, mailoutbox)


@pytest.mark.django_db
def test_the_senco_is_told_when_a_place_frees_in_a_group_with_a_wait_list(school, pupil, senco, group):
    from pupils.tests.factories import PlacementFactory

    placement = PlacementFactory(pupil=pupil, group=group, start_date=START)
    ReferralFactory(pupil=PupilFactory(school=school), stage=Referral.Stage.DECIDED,
                    outcome=Referral.Outcome.WAIT_LISTED, group=group, wait_list_priority=1)
    head = UserFactory(school=school, roles=[Role.SENIOR_LEADER])
    placement_end(placement=placement, user=head, end_date=START + datetime.timedelta(days=7), reason="Moved away.")
    [text] = _notices(senco)
    assert "A place has freed in The Tree House" in text and "1 waiting" in text


@pytest.mark.django_db
def test_no_notice_when_a_place_frees_in_a_group_without_a_wait_list(pupil, senco, group):
    from pupils.tests.factories import PlacementFactory

    placement = PlacementFactory(pupil=pupil, group=group, start_date=START)
    placement_end(placement=placement, user=senco, end_date=START, reason="Moved away.")
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_class_teacher_is_told_of_a_phased_return_and_a_graduation(
        placed_pupil, senco, class_teacher, mailoutbox, django_capture_on_commit_callbacks):
    notice_preference_set(user=class_teacher, email="each")
    plan = plan_start(pupil=placed_pupil, user=senco)
    with django_capture_on_commit_callbacks(execute=True):
        plan_set_status(plan=plan, user=senco, status=TransitionPlan.Status.ACTIVE)
        graduation_record(placement=Placement.objects.get(pupil=placed_pupil), user=senco,
                          graduated_on=datetime.date.today(), ritual=Ritual.CEREMONY,
                          ending=Ending.RETURNED_FULL_TIME)
    texts = _notices(class_teacher)
    assert any("phased return to your class has started" in text for text in texts)
    assert any("graduated from the nurture group" in text for text in texts)
    assert [message.subject for message in mailoutbox] == [
        "Nurture: a pupil of your class has started a phased return",
        "Nurture: a pupil of your class has graduated from the nurture group"]
    _assert_no_child_named(placed_pupil, mailoutbox)


@pytest.mark.django_db
def test_the_head_and_governors_are_told_when_the_terms_report_is_ready(
        school, senco, senior_leader, governor, class_teacher, mailoutbox):
    from reports.models import GovernorReport
    from reports.services import report_build

    for user in (senior_leader, governor):
        notice_preference_set(user=user, email="each")
    report = GovernorReport.objects.create(school=school, term="2026-autumn")
    report_build(report_id=report.pk)
    ready = ["The governors' report for 2026-autumn is ready to download."]
    assert _notices(senior_leader) == _notices(governor) == ready
    assert _notices(senco) == _notices(class_teacher) == []
    assert not Notification.objects.exclude(recipient__in=[senior_leader, governor]).exists()


@pytest.mark.django_db
def test_notices_of_one_school_never_reach_another(pupil, senco, class_teacher, group, other_school_senco):
    _place(ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher), group, senco)
    assert _notices(other_school_senco) == []


@pytest.mark.django_db
def test_a_person_chooses_their_notice_emails(client, class_teacher):
    client.force_login(class_teacher)
    page = client.get(reverse("notices:preferences"))
    assert 'value="daily"' in page.content.decode() and "checked" in page.content.decode()
    response = client.post(reverse("notices:preferences"), {"email": "each"})
    assert response.url == reverse("pupils:notice-list")
    client.post(reverse("notices:preferences"), {"email": "each"})  # twice: still one choice
    from notices.models import NoticePreference

    assert NoticePreference.objects.get(user=class_teacher).email == "each"
    assert client.post(reverse("notices:preferences"), {"email": "hourly"}).status_code == 200  # refused, shown


@pytest.mark.django_db
def test_a_failed_email_goes_in_the_next_digest(pupil, senco, class_teacher, group, mailoutbox, monkeypatch,
                                                django_capture_on_commit_callbacks):
    import notices.services as services

    notice_preference_set(user=class_teacher, email="each")
    monkeypatch.setattr(services, "mail_send", lambda **kwargs: False)
    with django_capture_on_commit_callbacks(execute=True):
        _place(ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher), group, senco)
    monkeypatch.undo()
    assert digests_send() == 1 and len(mailoutbox) == 1
    assert django_mail.outbox[0].to == [class_teacher.email]


@pytest.mark.django_db
def test_the_senco_is_told_each_morning_of_the_assessments_falling_due_that_day(
        pupil, senco, class_teacher, group, other_school_senco, mailoutbox):
    from notices.services import assessments_due_notices_send
    from pupils.tests.factories import PlacementFactory

    PlacementFactory(pupil=pupil, group=group, start_date=START)  # baselines (SDQ and Boxall) due at the start
    assert assessments_due_notices_send(today=START) == 1
    assert _notices(senco) == ["2 assessments (SDQ or Boxall) fall due today: see the list on your dashboard."]
    assert _notices(class_teacher) == _notices(other_school_senco) == []
    assert assessments_due_notices_send(today=START + datetime.timedelta(days=1)) == 0  # told once, on the day
    digests_send()
    assert [message.subject for message in mailoutbox] == ["Nurture: 1 new notice for you"]


@pytest.mark.django_db
def test_the_notice_list_and_choice_pages_query_counts_are_flat(client, pupil, class_teacher, senco, group,
                                                               assert_flat_queries):
    client.force_login(class_teacher)

    def grow():
        for _ in range(3):  # twice: six of the group's eight places
            _place(ConsentedReferralFactory(pupil=PupilFactory(school=pupil.school), raised_by=class_teacher),
                   group, senco)

    assert_flat_queries(reverse("notices:preferences"), grow)
    assert_flat_queries(reverse("pupils:notice-list"), grow)
