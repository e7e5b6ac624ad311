"""The referral workflow's rules, as the services enforce them whatever screen calls them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from pupils.models import Notification, Placement, PlacementEvent, Referral, TransitionRefused
from pupils.services import (
    ReferralRefused,
    StaleReferral,
    balance_warnings,
    group_balance,
    parent_contact_record,
    placement_end,
    placement_extend,
    placement_review,
    referral_advance,
    referral_decide,
    referral_raise,
    referral_record_consent,
    referral_update,
    referral_withdraw,
    referral_withdraw_consent,
)
from pupils.tests.factories import ConsentedReferralFactory, PlacementFactory, PupilFactory, ReferralFactory

START = datetime.date(2026, 11, 30)
REVIEW = datetime.date(2027, 1, 25)


def place(referral, group, user, **extra):
    return referral_decide(referral=referral, user=user, outcome="placed", group=group, start_date=START,
                           sessions_per_week=4, first_review_date=REVIEW, lessons_kept_in_class="PE, music",
                           **extra)


@pytest.mark.django_db
class TestRaiseAndStages:
    def test_class_teacher_raises_a_concern_with_several_kinds_of_need_and_it_is_on_the_timeline(
            self, pupil, class_teacher):
        referral = referral_raise(pupil=pupil, user=class_teacher, needs=["acting_out", "withdrawn"],
                                  values={"descriptors": "Hides under the table.", "home_circumstances": "Bereaved"})
        assert referral.stage == Referral.Stage.CONCERN
        assert referral.need_labels == ["Acting out", "Withdrawn"]
        [event] = referral.events.all()
        assert event.actor == class_teacher and "Concern raised" in event.text

    def test_a_concern_without_a_kind_of_need_is_refused(self, pupil, class_teacher):
        with pytest.raises(ValidationError):
            referral_raise(pupil=pupil, user=class_teacher, needs=[], values={"descriptors": "x"})

    def test_moving_to_the_next_stage_writes_the_timeline(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil)
        referral_advance(referral=referral, user=senco, stage="evidence")
        referral.refresh_from_db()
        assert referral.stage == "evidence"
        assert referral.events.last().text == "Moved to evidence gathering."

    def test_skipping_a_stage_without_a_reason_is_refused(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil)
        with pytest.raises(ReferralRefused, match="skips a stage"):
            referral_advance(referral=referral, user=senco, stage="panel")
        referral.refresh_from_db()
        assert referral.stage == "concern"

    def test_a_skip_with_a_reason_keeps_the_reason_on_the_timeline(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil)
        referral_advance(referral=referral, user=senco, stage="parents", reason="Evidence came with the EHC plan.")
        assert "Evidence came with the EHC plan." in referral.events.last().text

    def test_a_referral_never_moves_back(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil, stage="parents")
        with pytest.raises(ReferralRefused, match="forward only"):
            referral_advance(referral=referral, user=senco, stage="evidence")

    def test_deciding_straight_from_the_concern_needs_a_reason(self, pupil, senco, group):
        referral = ReferralFactory(pupil=pupil)
        with pytest.raises(ReferralRefused, match="give the reason"):
            referral_decide(referral=referral, user=senco, outcome="declined", decline_reason="Needs met in class.")
        referral_decide(referral=referral, user=senco, outcome="declined", decline_reason="Needs met in class.",
                        skip_reason="Family moved to another school.")
        referral.refresh_from_db()
        assert referral.stage == "decided"
        assert any("skipping a stage: Family moved" in event.text for event in referral.events.all())

    def test_a_withdrawn_referral_cannot_move_on(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil)
        referral_withdraw(referral=referral, user=senco, reason="Moved school.")
        with pytest.raises(ReferralRefused):
            referral_advance(referral=referral, user=senco, stage="evidence")

    def test_the_model_refuses_a_stage_change_outside_its_lifecycle(self, pupil):
        referral = ReferralFactory.build(pupil=pupil, stage="withdrawn")
        with pytest.raises(TransitionRefused):
            referral.set_stage("evidence")


@pytest.mark.django_db
class TestOptimisticLocking:
    def test_the_second_save_of_the_same_version_is_refused(self, pupil, senco, class_teacher):
        referral = ReferralFactory(pupil=pupil, raised_by=class_teacher)
        opened = referral.version
        referral_update(referral=referral, user=senco, version=opened, values={"class_observation": "First"})
        with pytest.raises(StaleReferral, match="Someone else saved this referral"):
            referral_update(referral=referral, user=class_teacher, version=opened,
                            values={"descriptors": "Second"})
        referral.refresh_from_db()
        assert referral.class_observation == "First"
        assert referral.descriptors != "Second"

    def test_each_save_bumps_the_version(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil)
        updated = referral_update(referral=referral, user=senco, version=referral.version,
                                  values={"attendance_percent": 88})
        assert updated.version == referral.version + 1


@pytest.mark.django_db
class TestConsentAndPlacement:
    def test_no_placement_without_consent(self, pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=pupil, consent_given_on=None)
        with pytest.raises(ReferralRefused, match="No placement without consent"):
            place(referral, group, senco)
        assert not Placement.objects.filter(pupil=pupil).exists()

    def test_no_placement_after_consent_was_withdrawn(self, pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=pupil)
        referral_withdraw_consent(referral=referral, user=senco, withdrawn_on=datetime.date(2026, 9, 20),
                                  reason="Dad changed his mind.")
        with pytest.raises(ReferralRefused, match="No placement without consent"):
            place(referral, group, senco)

    def test_consent_records_who_when_how(self, pupil, senco):
        referral = ReferralFactory(pupil=pupil, stage="parents")
        parent_contact_record(referral=referral, user=senco, contacted_on=datetime.date(2026, 10, 1),
                              with_whom="Mum", method="meeting", leaflet_given=True)
        referral = referral_record_consent(referral=referral, user=senco, given_by="Mum (Ms Quill)",
                                           given_on=datetime.date(2026, 10, 1), method="meeting")
        assert referral.has_consent
        texts = [event.text for event in referral.events.all()]
        assert any("The leaflet was given" in text for text in texts)
        assert any(text.startswith("Consent given by Mum (Ms Quill) on 1 Oct 2026") for text in texts)

    def test_placing_creates_the_placement_notifies_the_teacher_and_emails_on_commit(
            self, pupil, senco, class_teacher, group, mailoutbox, django_capture_on_commit_callbacks):
        from notices.services import notice_preference_set

        notice_preference_set(user=class_teacher, email="each")  # the default is the day's digest
        referral = ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            place(referral, group, senco)
        assert len(callbacks) == 1
        placement = Placement.objects.get(referral=referral)
        assert (placement.group, placement.start_date, placement.first_review_date) == (group, START, REVIEW)
        assert placement.lessons_kept_in_class == "PE, music"
        assert placement.events.get().kind == PlacementEvent.Kind.PLACED
        notice = Notification.objects.get(recipient=class_teacher)
        assert "Ada Quill" in notice.text and "The Tree House" in notice.text
        [mail] = mailoutbox
        assert mail.to == [class_teacher.email]
        assert "Quill" not in mail.body  # no child's name in an email
        assert Placement.objects.in_group_on(START).filter(pupil=pupil).exists()

    def test_no_email_is_sent_if_the_decision_is_rolled_back(self, pupil, senco, group, mailoutbox,
                                                            django_capture_on_commit_callbacks):
        from notices.services import notice_preference_set

        referral = ConsentedReferralFactory(pupil=pupil)
        notice_preference_set(user=referral.raised_by, email="each")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            place(referral, group, senco)
        assert len(callbacks) == 1 and mailoutbox == []

    def test_withdrawing_consent_ends_the_placement_and_shows_on_the_case(self, pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=pupil)
        place(referral, group, senco)
        referral_withdraw_consent(referral=referral, user=senco, withdrawn_on=datetime.date(2026, 12, 4),
                                  reason="Parents withdrew.")
        placement = Placement.objects.get(referral=referral)
        assert placement.status == Placement.Status.ENDED
        assert placement.end_date == datetime.date(2026, 12, 4)
        assert not Placement.objects.in_group_on(datetime.date(2026, 12, 7)).filter(pupil=pupil).exists()
        assert placement.events.last().text.startswith("Ended on 4 Dec 2026: Parents withdrew consent.")

    def test_placing_in_a_full_group_needs_an_override_with_a_reason(self, pupil, senco, group):
        group.capacity = 1
        group.save()
        PlacementFactory(group=group, pupil=PupilFactory(school=group.school), start_date=datetime.date(2026, 9, 1))
        referral = ConsentedReferralFactory(pupil=pupil)
        with pytest.raises(ReferralRefused, match="is full"):
            place(referral, group, senco)
        place(referral, group, senco, over_capacity_reason="Risk of exclusion; a place frees at Christmas.")
        assert "Over capacity: Risk of exclusion" in Placement.objects.get(referral=referral).events.get().text

    def test_a_wait_listed_referral_stays_open_and_can_be_placed_later(self, pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=pupil)
        referral_decide(referral=referral, user=senco, outcome="wait_listed", group=group, wait_list_priority=2)
        assert Referral.objects.open().filter(pk=referral.pk).exists()
        place(referral, group, senco)
        referral.refresh_from_db()
        assert referral.outcome == "placed" and not referral.is_open

    def test_a_pupil_already_in_the_group_is_not_placed_twice(self, placed_pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=placed_pupil)
        with pytest.raises(ReferralRefused, match="already has a place in The Tree House"):
            place(referral, group, senco)

    def test_a_decided_referral_cannot_be_decided_again(self, pupil, senco, group):
        referral = ConsentedReferralFactory(pupil=pupil)
        referral_decide(referral=referral, user=senco, outcome="declined", decline_reason="Needs met in class.")
        with pytest.raises(ReferralRefused, match="already been decided"):
            place(referral, group, senco)

    @pytest.mark.parametrize("outcome, missing", [
        ("placed", {"group": None}), ("wait_listed", {}), ("other_support", {}), ("declined", {}),
    ])
    def test_each_decision_needs_its_details(self, pupil, senco, outcome, missing):
        referral = ConsentedReferralFactory(pupil=pupil)
        with pytest.raises(ReferralRefused):
            referral_decide(referral=referral, user=senco, outcome=outcome, **missing)

    def test_other_support_records_what_and_who(self, pupil, senco):
        referral = ConsentedReferralFactory(pupil=pupil)
        referral_decide(referral=referral, user=senco, outcome="other_support", other_support="Lunchtime club",
                        other_support_by="Mrs Teasel (TA)")
        assert "Lunchtime club (Mrs Teasel (TA))" in referral.events.last().text

    def test_a_group_of_another_school_is_refused(self, pupil, senco, other_school):
        from pupils.tests.factories import NurtureGroupFactory

        referral = ConsentedReferralFactory(pupil=pupil)
        with pytest.raises(ReferralRefused, match="another school"):
            place(referral, NurtureGroupFactory(school=other_school), senco)


@pytest.mark.django_db
class TestGroupBalance:
    def test_warns_when_over_capacity_or_one_kind_of_need_only(self, school, group, senco):
        group.capacity = 1
        member = ConsentedReferralFactory(pupil=PupilFactory(school=school), need_acting_out=True)
        place(member, group, senco)
        balance = group_balance(group, on=START)
        assert balance["need_counts"]["acting_out"] == 1
        warnings = balance_warnings(balance, ["acting_out"])
        assert any("over capacity" in warning for warning in warnings)
        assert any("same kind of need: acting out" in warning for warning in warnings)
        assert not any("same kind" in warning for warning in balance_warnings(balance, ["withdrawn"]))


@pytest.mark.django_db
class TestPlacementLifecycle:
    def test_review_extend_and_end_keep_the_whole_history(self, placed_pupil, senco):
        placement = placed_pupil.placements.get()
        placement_review(placement=placement, user=senco, reviewed_on=datetime.date(2026, 11, 2),
                         notes="Settling well.", next_review_date=datetime.date(2027, 1, 11))
        placement_extend(placement=placement, user=senco, expected_end_date=datetime.date(2027, 7, 16),
                         reason="Needs another term.")
        placement_end(placement=placement, user=senco, end_date=datetime.date(2027, 7, 16), reason="Year ends.")
        placement.refresh_from_db()
        assert placement.status == "ended" and placement.next_review_date == datetime.date(2027, 1, 11)
        assert [event.kind for event in placement.events.all()] == ["reviewed", "extended", "ended"]
        assert placement.reviews.get().notes == "Settling well."

    def test_an_ended_placement_cannot_be_reviewed_or_ended_again(self, placed_pupil, senco):
        placement = placed_pupil.placements.get()
        placement_end(placement=placement, user=senco, end_date=datetime.date(2026, 10, 1), reason="Moved.")
        with pytest.raises(ReferralRefused, match="has ended"):
            placement_end(placement=placement, user=senco, end_date=datetime.date(2026, 10, 2), reason="Again")
        with pytest.raises(ReferralRefused, match="has ended"):
            placement_review(placement=placement, user=senco, reviewed_on=datetime.date(2026, 10, 2), notes="x",
                             next_review_date=None)

    def test_ending_needs_a_reason_and_a_date_after_the_start(self, placed_pupil, senco):
        placement = placed_pupil.placements.get()
        with pytest.raises(ReferralRefused, match="reason"):
            placement_end(placement=placement, user=senco, end_date=datetime.date(2026, 10, 1), reason=" ")
        with pytest.raises(ReferralRefused, match="before it starts"):
            placement_end(placement=placement, user=senco, end_date=datetime.date(2026, 9, 1), reason="x")

    def test_an_extension_must_move_the_end_later(self, placed_pupil, senco):
        placement = placed_pupil.placements.get()
        placement.expected_end_date = datetime.date(2027, 3, 1)
        placement.save()
        with pytest.raises(ReferralRefused, match="later"):
            placement_extend(placement=placement, user=senco, expected_end_date=datetime.date(2027, 2, 1),
                             reason="x")

    def test_the_model_refuses_to_reopen_an_ended_placement(self):
        placement = Placement(status=Placement.Status.ENDED)
        with pytest.raises(TransitionRefused):
            placement.set_status(Placement.Status.ACTIVE)


def test_school_days_count_weekdays_only():
    from core.school_days import school_days_between

    friday = datetime.date(2026, 11, 20)
    assert school_days_between(friday, datetime.date(2026, 11, 23)) == 1  # over the weekend
    assert school_days_between(friday, datetime.date(2026, 12, 4)) == 10
    assert school_days_between(friday, friday) == 0


@pytest.mark.django_db
def test_erasing_a_pupil_removes_their_referral_placement_and_history(pupil, senco, group):
    referral = ConsentedReferralFactory(pupil=pupil)
    place(referral, group, senco)
    pupil.delete()
    assert not Referral.objects.exists() and not Placement.objects.exists()
    assert not PlacementEvent.objects.exists()
