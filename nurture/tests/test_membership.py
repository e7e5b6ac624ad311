"""One definition of "in the group on a date" and "places taken on a date" serves every page (issue 13, point 4).

A placement holds its pupil in the group from its start date up to, not including, its end date; a
pupil promised a place from a later date takes one of the group's places already ("joining on ...").
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import format_date
from pupils.models import Placement
from pupils.selectors import group_members, places_taken_on
from pupils.services import ReferralRefused, balance_warnings, group_balance, referral_decide
from pupils.tests.factories import ConsentedReferralFactory, PlacementFactory, PupilFactory
from reintegration.services import graduation_record
from targets.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def placed(group, *, first_name: str, needs=("acting_out",), start: datetime.date | None = None, **extra):
    referral = ConsentedReferralFactory(pupil=PupilFactory(school=group.school, legal_first_name=first_name),
                                        need_acting_out="acting_out" in needs, need_restless="restless" in needs,
                                        need_withdrawn="withdrawn" in needs)
    return PlacementFactory(pupil=referral.pupil, group=group, referral=referral,
                            start_date=start or today() - datetime.timedelta(days=60), **extra)


@pytest.fixture
def graduated(group, senco):
    """Bryony graduated today; her target's review was due last week."""
    placement = placed(group, first_name="Bryony")
    TargetFactory(pupil=placement.pupil, start_date=today() - datetime.timedelta(days=50),
                  review_date=today() - datetime.timedelta(days=7), wording="I will wait for my turn.")
    graduation_record(placement=placement, user=senco, graduated_on=today(), ritual="certificate",
                      ending="returned_full_time")
    return placement


class TestEndingAPlacementEndsItsMemberships:
    def test_a_pupil_who_graduated_today_is_not_in_the_group_today(self, graduated, group):
        assert not Placement.objects.in_group_on(today()).filter(pk=graduated.pk).exists()
        assert Placement.objects.in_group_on(today() - datetime.timedelta(days=1)).filter(pk=graduated.pk).exists()
        assert list(group_members(group)) == []

    def test_the_group_page_no_longer_lists_her(self, client, senco, group, graduated):
        client.force_login(senco)
        body = client.get(reverse("pupils:group-detail", args=[group.pk])).content.decode()
        assert "Bryony" not in body
        assert "0 of 8 places taken" in body

    def test_the_observation_register_no_longer_lists_her(self, client, nurture_staff, group, graduated):
        client.force_login(nurture_staff)
        body = client.get(reverse("targets:observation-log", args=[group.pk])).content.decode()
        assert "Bryony" not in body

    def test_her_targets_are_not_overdue_reviews_on_the_dashboards(self, client, senco, nurture_staff, graduated):
        for user, role in ((senco, "senco"), (nurture_staff, "nurture_staff")):
            client.force_login(user)
            body = client.get(reverse("dashboard", args=[role])).content.decode()
            assert "I will wait for my turn." not in body, role

    def test_a_pupil_still_in_the_group_keeps_her_overdue_review(self, client, senco, group):
        placement = placed(group, first_name="Cora")
        TargetFactory(pupil=placement.pupil, start_date=today() - datetime.timedelta(days=50),
                      review_date=today() - datetime.timedelta(days=7), wording="I will ask for help.")
        client.force_login(senco)
        assert "I will ask for help." in client.get(reverse("dashboard", args=["senco"])).content.decode()

    def test_the_group_list_counts_her_out(self, client, senco, group, graduated):
        client.force_login(senco)
        response = client.get(reverse("pupils:group-list"))
        assert [g.member_count for g in response.context["groups"]] == [0]


class TestPlacesTakenOneWay:
    @pytest.fixture
    def nearly_full(self, group):
        """Capacity 10: nine pupils in the group and one starting in January."""
        group.capacity = 10
        group.save()
        for index in range(9):
            placed(group, first_name=f"Member{index}", needs=("acting_out", "restless"))
        january = datetime.date(today().year + 1, 1, 5)
        placed(group, first_name="Janet", start=january, needs=("withdrawn",))
        return january

    def test_places_taken_count_the_january_starter(self, group, nearly_full):
        places = places_taken_on(group)
        assert (len(places.members), len(places.joining), places.taken, places.free) == (9, 1, 10, 0)
        assert places.is_full and not places.is_over

    def test_the_decision_page_panel_and_its_capacity_check_agree(self, client, senco, school, group, nearly_full):
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school), need_withdrawn=True)
        client.force_login(senco)
        url = reverse("pupils:referral-decide", args=[referral.pk])
        body = client.get(url).content.decode()
        assert "10 of 10 places taken" in body and "(full)" in body
        assert "1 free" not in body
        assert "Janet" in body and f"joining on {format_date(nearly_full)}" in body
        assert "would be over capacity: 11 pupils for 10 places" in body
        response = client.post(url, {"outcome": "placed", "group": group.pk, "start_date": today().isoformat(),
                                     "sessions_per_week": 4,
                                     "first_review_date": (today() + datetime.timedelta(weeks=8)).isoformat()})
        assert "is full" in response.content.decode()
        assert not referral.placements.exists()

    def test_the_group_page_shows_the_future_starter_as_joining(self, client, senco, group, nearly_full):
        client.force_login(senco)
        body = client.get(reverse("pupils:group-detail", args=[group.pk])).content.decode()
        assert f"joining on {format_date(nearly_full)}" in body
        assert "10 of 10 places taken (9 in the group, 1 joining later)" in body

    def test_the_case_page_says_the_future_starter_is_joining(self, client, senco, group, nearly_full):
        janet = Placement.objects.get(group=group, pupil__legal_first_name="Janet").pupil
        client.force_login(senco)
        body = client.get(janet.get_absolute_url()).content.decode()
        assert f"joining on {format_date(nearly_full)}" in body

    def test_the_group_list_and_the_sencos_dashboard_count_the_same_way(self, client, senco, group, nearly_full):
        client.force_login(senco)
        for url in (reverse("pupils:group-list"), reverse("dashboard", args=["senco"])):
            assert "<td>9 (1 joining later)</td><td>10</td>" in client.get(url).content.decode(), url

    def test_a_place_freed_by_an_ending_before_the_start_date_can_be_given(self, group, senco, school, nearly_full):
        leaving = Placement.objects.filter(group=group, pupil__legal_first_name="Member0").get()
        leaving.status, leaving.end_date, leaving.end_reason = "ended", nearly_full, "Moved school."
        leaving.save()
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school))
        with pytest.raises(ReferralRefused, match="is full"):
            referral_decide(referral=referral, user=senco, outcome="placed", group=group, start_date=today(),
                            sessions_per_week=4, first_review_date=today() + datetime.timedelta(weeks=8))
        start = nearly_full + datetime.timedelta(days=1)
        referral_decide(referral=referral, user=senco, outcome="placed", group=group, start_date=start,
                        sessions_per_week=4, first_review_date=start + datetime.timedelta(weeks=8))
        assert places_taken_on(group, start).taken == 10


class TestGroupBalanceWarning:
    def test_fires_when_every_pupil_would_have_the_same_kind_of_need(self, client, senco, school, group):
        placed(group, first_name="Ava", needs=("withdrawn",))
        placed(group, first_name="Ben", needs=("withdrawn",), start=today() + datetime.timedelta(days=30))
        referral = ConsentedReferralFactory(pupil=PupilFactory(school=school), need_acting_out=False,
                                            need_withdrawn=True)
        client.force_login(senco)
        body = client.get(reverse("pupils:referral-decide", args=[referral.pk])).content.decode()
        assert "Every pupil in the group would have the same kind of need: withdrawn." in body

    def test_a_future_starter_with_another_need_is_part_of_the_mix(self, group):
        placed(group, first_name="Ava", needs=("withdrawn",))
        placed(group, first_name="Ben", needs=("acting_out",), start=today() + datetime.timedelta(days=30))
        assert not any("same kind" in warning for warning in balance_warnings(group_balance(group), ["withdrawn"]))

    def test_no_claim_about_every_pupil_when_a_members_need_is_not_recorded(self, group, school):
        PlacementFactory(pupil=PupilFactory(school=school), group=group, referral=None)
        assert not any("same kind" in warning for warning in balance_warnings(group_balance(group), ["withdrawn"]))
