"""The referral pages as each person sees them: what they show, what they refuse, how many queries they make."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from pupils.models import Notification, Referral
from pupils.tests.factories import ConsentedReferralFactory, PlacementFactory, PupilFactory, ReferralFactory

SECRET = "Grandad died in the summer"


@pytest.fixture
def referral(pupil, class_teacher):
    return ReferralFactory(pupil=pupil, raised_by=class_teacher, home_circumstances=SECRET,
                           need_withdrawn=True)


@pytest.mark.django_db
class TestHomeCircumstances:
    @pytest.mark.parametrize("persona, sees", [
        ("senco", True), ("senior_leader", True), ("nurture_staff", False), ("class_teacher", False),
    ], indirect=["persona"])
    def test_only_the_senco_and_senior_leaders_see_home_circumstances(self, client, referral, persona, sees):
        client.force_login(persona)
        body = client.get(referral.get_absolute_url()).content.decode()
        assert (SECRET in body) is sees
        assert ("Home or community circumstances" in body) is sees

    def test_without_a_baseline_hook_the_referral_links_to_the_pupils_assessments(self, client, referral, senco,
                                                                                   settings):
        settings.REFERRAL_BASELINE_STATUS = ""
        client.force_login(senco)
        body = client.get(referral.get_absolute_url()).content.decode()
        assert "Recorded in Assessments" in body
        assert reverse("assessments:whole-child", kwargs={"pupil_pk": referral.pupil_id}) in body

    def test_the_teacher_who_raised_it_cannot_read_it_back_on_the_edit_form(self, client, referral, class_teacher):
        client.force_login(class_teacher)
        body = client.get(reverse("pupils:referral-edit", args=[referral.pk])).content.decode()
        assert SECRET not in body

    def test_a_teachers_edit_keeps_the_home_circumstances_they_cannot_see(self, client, referral, class_teacher):
        client.force_login(class_teacher)
        response = client.post(reverse("pupils:referral-edit", args=[referral.pk]), {
            "needs": ["withdrawn"], "descriptors": "Rarely speaks in class.", "version": referral.version})
        assert response.status_code == 302
        referral.refresh_from_db()
        assert referral.home_circumstances == SECRET and referral.descriptors == "Rarely speaks in class."


@pytest.mark.django_db
class TestRaisingAConcern:
    def test_class_teacher_raises_a_concern_for_a_pupil_of_their_class(self, client, pupil, class_teacher):
        client.force_login(class_teacher)
        response = client.post(reverse("pupils:referral-create", args=[pupil.pk]), {
            "needs": ["restless", "withdrawn"], "descriptors": "Cannot settle after lunch.",
            "home_circumstances": "Mum in hospital."})
        referral = Referral.objects.get(pupil=pupil)
        assert response.url == referral.get_absolute_url()
        assert referral.raised_by == class_teacher and referral.needs == ["restless", "withdrawn"]

    def test_a_missing_kind_of_need_is_shown_beside_the_field_and_the_text_kept(self, client, pupil, class_teacher):
        client.force_login(class_teacher)
        response = client.post(reverse("pupils:referral-create", args=[pupil.pk]),
                               {"descriptors": "Cannot settle after lunch."})
        body = response.content.decode()
        assert response.status_code == 200 and "This field is required" in body
        assert "Cannot settle after lunch." in body
        assert not Referral.objects.exists()

    def test_class_teacher_cannot_raise_a_concern_for_another_class(self, client, school, other_class,
                                                                    class_teacher):
        stranger = PupilFactory(school=school, school_class=other_class)
        client.force_login(class_teacher)
        response = client.post(reverse("pupils:referral-create", args=[stranger.pk]),
                               {"needs": ["restless"], "descriptors": "x"})
        assert response.status_code == 403 and not Referral.objects.exists()


CONCERN = {"needs": ["restless"], "descriptors": "Cannot settle after lunch."}


@pytest.mark.django_db
class TestOneOpenReferralPerPupil:
    def _raise(self, client, pupil):
        return client.post(reverse("pupils:referral-create", args=[pupil.pk]), CONCERN, follow=True)

    def test_saving_twice_or_back_and_save_again_keeps_one_referral_and_shows_it(self, client, pupil,
                                                                                 class_teacher):
        client.force_login(class_teacher)
        self._raise(client, pupil)
        again = self._raise(client, pupil)  # a double click, or Back and Save again

        referral = Referral.objects.get(pupil=pupil)
        body = again.content.decode()
        assert again.redirect_chain[-1][0] == referral.get_absolute_url()
        assert "already has an open referral" in body and "nothing new was saved" in body
        assert f'href="{referral.get_absolute_url()}">It is shown here.' in body

    def test_a_second_adult_raising_the_same_pupil_is_pointed_to_the_open_referral(self, client, pupil,
                                                                                   class_teacher, senco):
        client.force_login(class_teacher)
        form_page = client.get(reverse("pupils:referral-create", args=[pupil.pk]))  # both open the form...
        assert 'name="descriptors"' in form_page.content.decode()
        from django.test import Client

        other = Client()
        other.force_login(senco)
        assert other.post(reverse("pupils:referral-create", args=[pupil.pk]), CONCERN).status_code == 302
        response = self._raise(client, pupil)  # ...and the teacher saves second
        assert Referral.objects.filter(pupil=pupil).count() == 1
        assert "already has an open referral" in response.content.decode()

    def test_raise_a_concern_is_not_offered_while_a_referral_is_open(self, client, pupil, senco):
        client.force_login(senco)
        assert "Raise a concern" in client.get(pupil.get_absolute_url()).content.decode()
        referral = ReferralFactory(pupil=pupil)
        assert "Raise a concern" not in client.get(pupil.get_absolute_url()).content.decode()
        body = client.get(reverse("pupils:referral-create", args=[pupil.pk])).content.decode()
        assert 'name="descriptors"' not in body and referral.get_absolute_url() in body
        referral.stage = Referral.Stage.WITHDRAWN
        referral.save()
        assert "Raise a concern" in client.get(pupil.get_absolute_url()).content.decode()

    def test_the_database_refuses_a_second_open_referral(self, pupil):
        from django.db import IntegrityError, transaction

        ReferralFactory(pupil=pupil)
        with pytest.raises(IntegrityError), transaction.atomic():
            ReferralFactory(pupil=pupil)
        ReferralFactory(pupil=pupil, stage=Referral.Stage.WITHDRAWN)  # a closed one may sit beside it


@pytest.mark.django_db
class TestConcurrentEdits:
    def test_the_second_save_is_refused_with_a_message_and_the_typed_text_kept(self, client, referral, senco):
        url = reverse("pupils:referral-edit", args=[referral.pk])
        opened_version = referral.version
        client.force_login(senco)
        first = client.post(url, {"needs": ["withdrawn"], "descriptors": referral.descriptors,
                                  "class_observation": "Sat alone at lunch.", "version": opened_version})
        assert first.status_code == 302
        second = client.post(url, {"needs": ["withdrawn"], "descriptors": referral.descriptors,
                                   "class_observation": "My own careful notes from Tuesday.",
                                   "version": opened_version})
        body = second.content.decode()
        assert second.status_code == 200
        assert "Someone else saved this referral while you were editing it" in body
        assert "My own careful notes from Tuesday." in body
        referral.refresh_from_db()
        assert referral.class_observation == "Sat alone at lunch."


@pytest.mark.django_db
class TestRefusalsOnScreen:
    def test_skipping_a_stage_without_a_reason_is_refused_on_the_form(self, client, referral, senco):
        client.force_login(senco)
        response = client.post(reverse("pupils:referral-stage", args=[referral.pk]), {"stage": "panel"})
        assert "skips a stage: give the reason" in response.content.decode()
        referral.refresh_from_db()
        assert referral.stage == "concern"

    def test_placing_without_consent_is_refused_on_the_decision_screen(self, client, pupil, group, senior_leader):
        referral = ConsentedReferralFactory(pupil=pupil, consent_given_on=None)
        client.force_login(senior_leader)
        response = client.post(reverse("pupils:referral-decide", args=[referral.pk]), {
            "outcome": "placed", "group": group.pk, "start_date": "2026-11-30", "sessions_per_week": 4,
            "first_review_date": "2027-01-25", "lessons_kept_in_class": "PE on Thursdays"})
        body = response.content.decode()
        assert "No placement without consent" in body and "PE on Thursdays" in body
        assert not referral.placements.exists()

    def test_the_override_needs_its_reason(self, client, pupil, group, senco):
        referral = ConsentedReferralFactory(pupil=pupil)
        client.force_login(senco)
        response = client.post(reverse("pupils:referral-decide", args=[referral.pk]), {
            "outcome": "placed", "group": group.pk, "start_date": "2026-11-30", "sessions_per_week": 4,
            "first_review_date": "2027-01-25", "over_capacity": "on"})
        assert "Give the reason for placing over capacity." in response.content.decode()

    def test_the_decision_screen_shows_the_groups_balance_and_warns(self, client, school, group, senco):
        group.capacity = 1
        group.save()
        member = ConsentedReferralFactory(pupil=PupilFactory(school=school, legal_first_name="Bryony"),
                                          need_acting_out=True)
        PlacementFactory(pupil=member.pupil, group=group, referral=member,
                         expected_end_date=datetime.date(2027, 7, 16))
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school), need_acting_out=True)
        client.force_login(senco)
        body = client.get(reverse("pupils:referral-decide", args=[referral.pk])).content.decode()
        assert "Bryony" in body and "16 Jul 2027" in body and "1 of 1 places taken" in body
        assert "would be over capacity" in body and "same kind of need: acting out" in body


@pytest.mark.django_db
class TestVisibility:
    def test_class_teacher_sees_referrals_of_their_class_and_their_own_only(self, client, school, pupil,
                                                                            other_class, class_teacher, senco):
        mine = ReferralFactory(pupil=pupil, raised_by=senco)
        elsewhere = ReferralFactory(pupil=PupilFactory(school=school, school_class=other_class), raised_by=senco)
        raised = ReferralFactory(pupil=PupilFactory(school=school, school_class=other_class),
                                 raised_by=class_teacher)
        client.force_login(class_teacher)
        assert client.get(mine.get_absolute_url()).status_code == 200
        assert client.get(raised.get_absolute_url()).status_code == 200
        assert client.get(elsewhere.get_absolute_url()).status_code == 403

    def test_the_board_filters_by_class_year_and_need(self, client, school, school_class, other_class, senco):
        ReferralFactory(pupil=PupilFactory(school=school, school_class=school_class, legal_first_name="Ambrose"),
                        need_acting_out=True)
        ReferralFactory(pupil=PupilFactory(school=school, school_class=other_class, year_group=4,
                                           legal_first_name="Clementine"), need_acting_out=False,
                        need_withdrawn=True)
        client.force_login(senco)
        url = reverse("pupils:referral-board")
        assert "Clementine" not in client.get(url, {"school_class": school_class.pk}).content.decode()
        body = client.get(url, {"year_group": 4}).content.decode()
        assert "Clementine" in body and "Ambrose" not in body
        body = client.get(url, {"need": "acting_out"}).content.decode()
        assert "Ambrose" in body and "Clementine" not in body

    def test_the_board_shows_the_wait_list_in_priority_order(self, client, school, group, senco):
        for name, priority in [("Second", 2), ("First", 1)]:
            ConsentedReferralFactory(pupil=PupilFactory(school=school, legal_first_name=name), stage="decided",
                                     outcome="wait_listed", group=group, wait_list_priority=priority)
        client.force_login(senco)
        body = client.get(reverse("pupils:referral-board")).content.decode()
        assert body.index("First Testwick</a> · priority 1") < body.index("Second Testwick</a> · priority 2")

    def test_withdrawn_consent_is_visible_on_the_case_page_and_the_placement_ended(self, client, pupil, group,
                                                                                    senco, class_teacher):
        from pupils.services import referral_decide, referral_withdraw_consent

        referral = ConsentedReferralFactory(pupil=pupil, raised_by=class_teacher)
        referral_decide(referral=referral, user=senco, outcome="placed", group=group,
                        start_date=datetime.date(2026, 10, 5), sessions_per_week=4,
                        first_review_date=datetime.date(2026, 12, 7))
        referral_withdraw_consent(referral=referral, user=senco, withdrawn_on=datetime.date(2026, 11, 2),
                                  reason="Parents worried about stigma.")
        client.force_login(class_teacher)
        body = client.get(pupil.get_absolute_url()).content.decode()
        assert "consent withdrawn 2 Nov 2026" in body
        assert "Ended because: Parents withdrew consent." in body

    def test_the_group_page_shows_its_members_and_wait_list(self, client, school, placed_pupil, group, senco):
        ConsentedReferralFactory(pupil=PupilFactory(school=school, legal_first_name="Waiting"), stage="decided",
                                 outcome="wait_listed", group=group, wait_list_priority=1)
        client.force_login(senco)
        body = client.get(group.get_absolute_url()).content.decode()
        assert "Ada Quill" in body and "Waiting Testwick</a> · priority 1" in body

    def test_placed_teacher_gets_a_notice_on_the_dashboard_and_the_notices_page(self, client, school, class_teacher,
                                                                                 pupil):
        Notification.objects.create(school=school, recipient=class_teacher, pupil=pupil, text="Ada has a place.",
                                    url=pupil.get_absolute_url())
        client.force_login(class_teacher)
        assert "Ada has a place." in client.get(reverse("dashboard", args=["class_teacher"])).content.decode()
        assert "Ada has a place." in client.get(reverse("pupils:notice-list")).content.decode()
        client.post(reverse("pupils:notice-list"))
        assert not Notification.objects.unread().exists()

    @pytest.mark.parametrize("unread", [2, 5, 6, 9])
    def test_the_dashboard_counts_every_unread_notice_and_lists_five(self, client, school, class_teacher, pupil,
                                                                    unread):
        for number in range(unread):
            Notification.objects.create(school=school, recipient=class_teacher, pupil=pupil, text=f"Notice {number}.",
                                        url=pupil.get_absolute_url())
        client.force_login(class_teacher)
        page = client.get(reverse("dashboard", args=["class_teacher"])).content.decode()
        assert f"{unread} new</span>" in page
        assert sum(f"Notice {number}." in page for number in range(unread)) == min(unread, 5)


def _many_referrals(school, school_class, group, count):
    for index in range(count):
        pupil = PupilFactory(school=school, school_class=school_class)
        stage = ["concern", "evidence", "parents", "panel"][index % 4]
        referral = ConsentedReferralFactory(pupil=pupil, stage=stage)
        referral.events.create(school=school, pupil=pupil, actor=referral.raised_by, text="Concern raised.")
        referral.parent_contacts.create(school=school, pupil=pupil, contacted_on=datetime.date(2026, 10, 1),
                                        with_whom="Mum", method="phone", recorded_by=referral.raised_by)
        if index % 3 == 0:  # another pupil, wait-listed (a pupil has one open referral at most)
            ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class), stage="decided",
                                     outcome="wait_listed", group=group, wait_list_priority=index + 1)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
class TestQueryCounts:
    def test_the_board_does_not_grow_with_referrals(self, client, school, school_class, group, senco, count,
                                                    django_assert_max_num_queries):
        _many_referrals(school, school_class, group, count)
        client.force_login(senco)
        with django_assert_max_num_queries(13):
            response = client.get(reverse("pupils:referral-board"))
        assert response.status_code == 200

    def test_the_referral_page_does_not_grow(self, client, school, school_class, group, senco, count,
                                             django_assert_max_num_queries):
        _many_referrals(school, school_class, group, count)
        referral = Referral.objects.filter(school=school).last()
        for _ in range(count):
            referral.events.create(school=school, pupil=referral.pupil, actor=senco, text="Updated.")
        client.force_login(senco)
        with django_assert_max_num_queries(14):
            response = client.get(referral.get_absolute_url())
        assert response.status_code == 200

    def test_the_case_page_does_not_grow_with_referrals(self, client, school, school_class, group, senco, count,
                                                        django_assert_max_num_queries):
        pupil = PupilFactory(school=school, school_class=school_class)
        for _ in range(count):
            ReferralFactory(pupil=pupil, stage="decided", outcome="declined", decline_reason="x")
        placement = PlacementFactory(pupil=pupil, group=group)
        for _ in range(count):
            placement.events.create(school=school, pupil=pupil, kind="reviewed", actor=senco, text="Reviewed.")
        client.force_login(senco)
        with django_assert_max_num_queries(25):  # the product's budget: other apps add sections
            response = client.get(pupil.get_absolute_url())
        assert response.status_code == 200

    def test_the_decision_page_does_not_grow(self, client, school, school_class, group, senco, count,
                                             django_assert_max_num_queries):
        for _ in range(count):
            member = ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class))
            PlacementFactory(pupil=member.pupil, group=group, referral=member)
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class))
        client.force_login(senco)
        with django_assert_max_num_queries(15):
            response = client.get(reverse("pupils:referral-decide", args=[referral.pk]))
        assert response.status_code == 200

    def test_the_dashboards_do_not_grow(self, client, school, school_class, group, senco, class_teacher, count,
                                        django_assert_max_num_queries):
        _many_referrals(school, school_class, group, count)
        for user, role in [(senco, "senco"), (class_teacher, "class_teacher")]:
            client.force_login(user)
            with django_assert_max_num_queries(25):  # the product's budget: other apps add panels
                assert client.get(reverse("dashboard", args=[role])).status_code == 200


@pytest.mark.django_db
class TestFlatQueries:
    """The same pages, measured with 1 referral and then with 30 more: the second count may not be larger."""

    def test_board(self, client, school, school_class, group, senco, assert_flat_queries):
        _many_referrals(school, school_class, group, 1)
        client.force_login(senco)
        assert_flat_queries(reverse("pupils:referral-board"),
                            lambda: _many_referrals(school, school_class, group, 30))

    def test_referral_page(self, client, school, school_class, group, senco, assert_flat_queries):
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class))

        def grow():
            for _ in range(30):
                referral.events.create(school=school, pupil=referral.pupil, actor=senco, text="Updated.")
                referral.parent_contacts.create(school=school, pupil=referral.pupil, recorded_by=senco,
                                                contacted_on=datetime.date(2026, 10, 1), with_whom="Dad",
                                                method="phone")

        client.force_login(senco)
        assert_flat_queries(referral.get_absolute_url(), grow)

    def test_case_page(self, client, school, school_class, group, senco, assert_flat_queries):
        pupil = PupilFactory(school=school, school_class=school_class)
        ReferralFactory(pupil=pupil)
        placement = PlacementFactory(pupil=pupil, group=group)

        def grow():
            for _ in range(30):
                ReferralFactory(pupil=pupil, stage="decided", outcome="declined", decline_reason="x")
                placement.events.create(school=school, pupil=pupil, kind="reviewed", actor=senco, text="Reviewed.")

        client.force_login(senco)
        assert_flat_queries(pupil.get_absolute_url(), grow)

    def test_decision_page(self, client, school, school_class, group, senco, assert_flat_queries):
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class))

        def grow():
            for _ in range(30):
                member = ConsentedReferralFactory(pupil=PupilFactory(school=school, school_class=school_class))
                PlacementFactory(pupil=member.pupil, group=group, referral=member)

        client.force_login(senco)
        assert_flat_queries(reverse("pupils:referral-decide", args=[referral.pk]), grow)

    def test_notices(self, client, school, class_teacher, pupil, assert_flat_queries):
        def grow():
            for _ in range(30):
                Notification.objects.create(school=school, recipient=class_teacher, pupil=pupil, text="A place.")

        Notification.objects.create(school=school, recipient=class_teacher, pupil=pupil, text="A first place.")
        client.force_login(class_teacher)
        assert_flat_queries(reverse("pupils:notice-list"), grow)

    @pytest.mark.parametrize("role", ["senco", "class_teacher"])
    def test_dashboards(self, client, request, school, school_class, group, role, assert_flat_queries):
        user = request.getfixturevalue(role)
        _many_referrals(school, school_class, group, 1)
        client.force_login(user)
        assert_flat_queries(reverse("dashboard", args=[role]), lambda: _many_referrals(school, school_class, group, 30))
