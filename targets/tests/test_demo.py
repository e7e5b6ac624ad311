"""seed_demo gives each group pupil a set of targets, a reworded and a reviewed one, and a term of observations."""

import pytest

from pupils.demo import seed_school
from pupils.models import Placement
from targets.demo import seed
from targets.models import (
    ACADEMIC_AREAS,
    ObservationSession,
    PupilObservation,
    Setting,
    Target,
    TargetRating,
    TargetReview,
    TargetVersion,
)


@pytest.mark.django_db
def test_demo_targets_and_observations_once():
    school, _ = seed_school()
    seed(school)
    counts = [model.objects.count() for model in (Target, TargetVersion, TargetReview, PupilObservation, TargetRating)]
    seed(school)
    assert [model.objects.count() for model in (Target, TargetVersion, TargetReview, PupilObservation,
                                                 TargetRating)] == counts

    for placement in Placement.objects.in_group_on().filter(school=school):
        targets = list(Target.objects.filter(pupil=placement.pupil))
        assert {target.area for target in targets} & ACADEMIC_AREAS
        assert {"personal", "social", "behavioural"} <= {target.area for target in targets}
        assert TargetVersion.objects.filter(target__pupil=placement.pupil).exclude(home_strategy="").exists()
        assert TargetVersion.objects.filter(target__pupil=placement.pupil, number=2).exists()
        assert TargetReview.objects.filter(target__pupil=placement.pupil).exists()
    sessions = ObservationSession.objects.filter(school=school, setting=Setting.NURTURE_GROUP)
    assert sessions.count() >= 20  # a term of daily sessions (four a week)
    assert ObservationSession.objects.filter(school=school, setting=Setting.CLASS).exists()
    assert Target.objects.filter(school=school).active().overdue().exists()


@pytest.mark.django_db
def test_demo_reviews_are_staggered_so_only_a_few_are_overdue(client):
    from django.urls import reverse
    from django.utils import timezone

    from pupils.models import User

    school, _ = seed_school()
    seed(school)
    active = Target.objects.filter(school=school).active()
    overdue = active.overdue()
    assert 1 <= overdue.count() <= 3 < active.count()
    upcoming = active.exclude(pk__in=overdue).values_list("review_date", flat=True)
    assert len(set(upcoming)) >= 5  # spread over the coming weeks, not all on one day
    assert all(day > timezone.localdate() for day in upcoming)
    client.force_login(User.objects.get(school=school, username="senco"))
    body = client.get(reverse("dashboard", args=["senco"])).content.decode()
    assert f"Target reviews overdue ({overdue.count()})" in body
