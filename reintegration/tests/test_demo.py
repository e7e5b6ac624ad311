"""seed_demo adds former pupils from two earlier years with follow-ups (and gaps), and a pupil under 80%."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from pupils.demo import DEMO_SLUG, academic_year_start
from pupils.models import Placement, School, User
from reintegration.models import FollowUp, Graduation, ReadinessAssessment
from reintegration.selectors import cohort, latest_readiness_by_pupil


@pytest.mark.django_db
def test_demo_former_pupils_and_readiness_once():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    school = School.objects.get(slug=DEMO_SLUG)
    models = (Graduation, FollowUp, ReadinessAssessment, Placement)
    counts = [model.objects.count() for model in models]
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert [model.objects.count() for model in models] == counts

    senco = User.objects.get(username="senco")
    years = cohort(senco)
    this_year = academic_year_start(timezone.localdate())
    assert [year.year for year in years] == [this_year - 1, this_year - 2]
    for year in years:
        assert year.counts["coping_no_evidence"] >= 1  # some former pupils have no evidence
        assert any(row.follow_up_count for row in year.pupils)
    for graduation in Graduation.objects.filter(school=school):
        assert graduation.placement.status == Placement.Status.ENDED
        assert graduation.placement.events.filter(kind="ended").exists()

    current = Placement.objects.in_group_on().filter(school=school, status="active").order_by("pupil__pk")
    latest = latest_readiness_by_pupil(school.pk, [p.pupil_id for p in current])
    first = current.first()
    assert latest[first.pupil_id].percent < 80
    assert ReadinessAssessment.objects.filter(pupil=first.pupil).count() >= 2
