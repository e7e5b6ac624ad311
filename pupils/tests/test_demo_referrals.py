"""The demo school's referrals: every stage, a referral behind each placement, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from pupils.demo import DEMO_SLUG
from pupils.models import Placement, Referral, ReferralEvent


@pytest.mark.django_db
def test_seed_demo_adds_referrals_at_every_stage_once():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Referral.objects.count(), ReferralEvent.objects.count())
    stages = set(Referral.objects.values_list("stage", flat=True))
    outcomes = set(Referral.objects.values_list("outcome", flat=True))
    assert stages == {choice for choice, _ in Referral.Stage.choices}
    assert outcomes >= {"placed", "wait_listed", "other_support", "declined"}
    assert not Placement.objects.filter(referral__isnull=True, school__slug=DEMO_SLUG).exists()  # the demo school
    assert all(referral.has_consent for referral in Referral.objects.filter(outcome="placed"))

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Referral.objects.count(), ReferralEvent.objects.count()) == counts
