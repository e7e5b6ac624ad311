"""Targets keep their history, reviews take their next step, sessions save whole or not at all."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pupils.tests.factories import PlacementFactory, PupilFactory
from targets.models import (
    Area,
    NextStep,
    ObservationSession,
    PupilObservation,
    Rating,
    ReviewOutcome,
    Setting,
    Target,
    TargetRating,
    TargetStatus,
    TransitionRefused,
)
from targets.services import (
    ObservedPupil,
    observation_session_save,
    target_create,
    target_review,
    target_seen_record,
    target_set_status,
    target_update,
)
from targets.tests.factories import PupilObservationFactory, TargetFactory

TODAY = timezone.localdate()


def _create(pupil, user, **overrides):
    values = dict(
        pupil=pupil, area=Area.LITERACY, settings=[Setting.NURTURE_GROUP, Setting.HOME], owner=user,
        start_date=TODAY, review_date=TODAY + datetime.timedelta(weeks=6),
        wording="I will read my book to an adult every day.", how_we_will_know="Reading record signed daily.",
        strategies="Daily five-minute read.", home_strategy="I will read to my gran.", source="boxall:A", user=user,
    )
    values.update(overrides)
    return target_create(**values)


def _update(target, user, based_on_version=1, **overrides):
    version = target.current_version
    values = dict(
        target=target, based_on_version=based_on_version, area=target.area, settings=target.settings,
        owner=target.owner, review_date=target.review_date, source=target.source, wording=version.wording,
        how_we_will_know=version.how_we_will_know, strategies=version.strategies,
        home_strategy=version.home_strategy, user=user,
    )
    values.update(overrides)
    return target_update(**values)


@pytest.mark.django_db
def test_a_new_target_has_its_first_wording_and_is_audited(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)

    assert target.status == TargetStatus.ACTIVE
    assert target.current_version.number == 1
    assert target.current_version.wording == "I will read my book to an adult every day."
    assert LogEntry.objects.filter(additional_data__pupil_id=placed_pupil.pk,
                                   content_type__model="target").exists()


@pytest.mark.django_db
def test_a_target_must_be_reviewed_after_it_starts(placed_pupil, nurture_staff):
    with pytest.raises(ValidationError) as error:
        _create(placed_pupil, nurture_staff, review_date=TODAY)
    assert "review_date" in error.value.message_dict


@pytest.mark.django_db
def test_the_database_refuses_a_review_date_before_the_start(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(review_date=TODAY - datetime.timedelta(days=1))


@pytest.mark.django_db
def test_a_target_needs_a_setting_and_a_known_source(placed_pupil, nurture_staff):
    with pytest.raises(ValidationError) as error:
        _create(placed_pupil, nurture_staff, settings=[], source="boxall:ZZ")
    assert {"settings", "source"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_changing_the_wording_adds_a_version_and_keeps_the_old_one(placed_pupil, nurture_staff, senco):
    target = _create(placed_pupil, nurture_staff)

    _update(target, senco, wording="I will read my book to an adult at least four days a week.")

    versions = list(target.versions.order_by("number"))
    assert [version.wording for version in versions] == [
        "I will read my book to an adult every day.", "I will read my book to an adult at least four days a week.",
    ]
    assert versions[1].created_by == senco


@pytest.mark.django_db
def test_changing_only_the_review_date_adds_no_version(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    _update(target, nurture_staff, review_date=TODAY + datetime.timedelta(weeks=10))
    assert target.versions.count() == 1


@pytest.mark.django_db
def test_two_people_rewording_at_once_do_not_overwrite_each_other(placed_pupil, nurture_staff, senco):
    target = _create(placed_pupil, nurture_staff)
    _update(target, senco, wording="First change.")

    with pytest.raises(ValidationError, match="Someone else changed"):
        _update(target, nurture_staff, based_on_version=1, wording="Second change from an old page.")
    assert target.versions.count() == 2


@pytest.mark.django_db
def test_review_carry_on_moves_the_review_date(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    next_review = TODAY + datetime.timedelta(weeks=4)

    target_review(target=target, reviewed_on=TODAY, outcome=ReviewOutcome.PARTLY_ACHIEVED, evidence="Most days.",
                  next_step=NextStep.CARRY_ON, next_review_date=next_review, user=nurture_staff)

    target.refresh_from_db()
    assert target.status == TargetStatus.ACTIVE and target.review_date == next_review


@pytest.mark.django_db
def test_review_close_sets_the_outcome_as_status(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    target_review(target=target, reviewed_on=TODAY, outcome=ReviewOutcome.ACHIEVED, evidence="Every day.",
                  next_step=NextStep.CLOSE, next_review_date=None, user=nurture_staff)
    target.refresh_from_db()
    assert target.status == TargetStatus.ACHIEVED


@pytest.mark.django_db
def test_review_without_next_date_is_refused_unless_closing(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    with pytest.raises(ValidationError) as error:
        target_review(target=target, reviewed_on=TODAY, outcome=ReviewOutcome.NOT_YET, evidence="Not yet.",
                      next_step=NextStep.CARRY_ON, next_review_date=None, user=nurture_staff)
    assert "next_review_date" in error.value.message_dict


@pytest.mark.django_db
def test_status_changes_only_through_allowed_transitions(placed_pupil, nurture_staff):
    target = _create(placed_pupil, nurture_staff)
    target_set_status(target=target, status=TargetStatus.RETIRED, user=nurture_staff)
    target.refresh_from_db()
    with pytest.raises(TransitionRefused):
        target.set_status(TargetStatus.ACTIVE)
    with pytest.raises(ValidationError):
        target_set_status(target=target, status=TargetStatus.ACHIEVED, user=nurture_staff)


def _group_of(group, size):
    pupils = [PupilFactory(school=group.school) for _ in range(size)]
    for pupil in pupils:
        PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=30))
    return pupils


@pytest.mark.django_db
def test_a_group_session_saves_every_pupil_with_ratings_and_absences(group, nurture_staff):
    pupils = _group_of(group, 3)
    targets = [TargetFactory(pupil=pupil) for pupil in pupils]
    observed = [
        ObservedPupil(pupil=pupils[0], present=True, settled=4, ratings={targets[0].pk: Rating.CONSISTENTLY}),
        ObservedPupil(pupil=pupils[1], present=True, settled=2, note="Tearful at first.", incident=True,
                      ratings={targets[1].pk: Rating.EMERGING}),
        ObservedPupil(pupil=pupils[2], present=False),
    ]

    session = observation_session_save(group=group, date=TODAY, setting=Setting.NURTURE_GROUP, observed=observed,
                                       user=nurture_staff).session

    lines = {line.pupil_id: line for line in session.pupil_observations.all()}
    assert len(lines) == 3 and lines[pupils[2].pk].present is False
    assert lines[pupils[1].pk].incident and lines[pupils[1].pk].note == "Tearful at first."
    assert TargetRating.objects.filter(pupil_observation__session=session).count() == 2
    assert LogEntry.objects.filter(additional_data__pupil_id=pupils[1].pk, content_type__model="pupilobservation")


@pytest.mark.django_db
def test_a_session_naming_another_pupils_target_saves_nothing(group, nurture_staff):
    pupils = _group_of(group, 2)
    other_target = TargetFactory(pupil=pupils[1])
    observed = [ObservedPupil(pupil=pupils[0], present=True, settled=3, ratings={other_target.pk: 2}),
                ObservedPupil(pupil=pupils[1], present=False)]
    with pytest.raises(ValidationError):
        observation_session_save(group=group, date=TODAY, setting=Setting.NURTURE_GROUP, observed=observed,
                                 user=nurture_staff)
    assert not ObservationSession.objects.exists() and not PupilObservation.objects.exists()


@pytest.mark.django_db
def test_a_pupil_outside_the_group_cannot_be_logged(group, nurture_staff, school):
    stranger = PupilFactory(school=school)
    with pytest.raises(ValidationError):
        observation_session_save(group=group, date=TODAY, setting=Setting.NURTURE_GROUP,
                                 observed=[ObservedPupil(pupil=stranger, present=False)], user=nurture_staff)


@pytest.mark.django_db
def test_a_pupil_cannot_be_logged_twice_in_one_session(group, placed_pupil):
    line = PupilObservationFactory(pupil=placed_pupil, session__group=group, session__school=group.school)
    with pytest.raises(IntegrityError), transaction.atomic():
        PupilObservation.objects.create(school=group.school, pupil=placed_pupil, session=line.session)


@pytest.mark.django_db
def test_seen_in_class_twice_in_a_day_updates_one_rating(placed_pupil, class_teacher):
    target = TargetFactory(pupil=placed_pupil)
    target_seen_record(target=target, rating=Rating.EMERGING, user=class_teacher)
    target_seen_record(target=target, rating=Rating.CONSISTENTLY, user=class_teacher)

    rating = TargetRating.objects.get(target=target)
    assert rating.rating == Rating.CONSISTENTLY
    assert rating.pupil_observation.session.setting == Setting.CLASS
    assert rating.pupil_observation.session.observed_by == class_teacher


@pytest.mark.django_db
def test_as_last_time_offers_each_target_its_latest_rating_by_session_date(group, nurture_staff):
    from targets.selectors import observation_rows

    pupil = PupilFactory(school=group.school)
    PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=90))
    recent, stale, unrated = (TargetFactory(pupil=pupil) for _ in range(3))

    def log(days_ago: int, ratings: dict) -> None:
        observation_session_save(group=group, date=TODAY - datetime.timedelta(days=days_ago),
                                 setting=Setting.NURTURE_GROUP, user=nurture_staff,
                                 observed=[ObservedPupil(pupil=pupil, present=True, settled=3, ratings=ratings)])

    log(2, {recent.pk: Rating.CONSISTENTLY})
    log(9, {recent.pk: Rating.EMERGING})  # logged later, but back-dated: not the latest
    log(50, {stale.pk: Rating.MOSTLY})  # older than six weeks: not carried forward
    target_seen_record(target=unrated, rating=Rating.MOSTLY, user=nurture_staff,
                       on=TODAY - datetime.timedelta(days=60))

    row, = observation_rows(group)

    assert row.last_ratings == {recent.pk: Rating.CONSISTENTLY}  # the stale and the unrated have none
    assert TargetRating.objects.get(target=recent, observed_on=TODAY - datetime.timedelta(days=9)).rating == \
        Rating.EMERGING


@pytest.mark.django_db
def test_charts_read_only_the_ratings_an_adult_chose(group, nurture_staff):
    from targets.models import RatingSource
    from targets.selectors import ratings_for_pupil

    pupil = PupilFactory(school=group.school)
    PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=30))
    seen, confirmed, blank = (TargetFactory(pupil=pupil) for _ in range(3))
    observation_session_save(
        group=group, date=TODAY, setting=Setting.NURTURE_GROUP, user=nurture_staff,
        observed=[ObservedPupil(pupil=pupil, present=True, settled=3,
                                ratings={seen.pk: Rating.EMERGING, confirmed.pk: Rating.MOSTLY},
                                as_last_time=frozenset({confirmed.pk}))])

    rows = ratings_for_pupil(pupil)

    assert sorted((row["target_id"], row["rating"]) for row in rows) == [(seen.pk, Rating.EMERGING),
                                                                         (confirmed.pk, Rating.MOSTLY)]
    assert blank.pk not in {row["target_id"] for row in rows}  # not observed: no point on its chart
    sources = dict(TargetRating.objects.values_list("target_id", "source"))
    assert sources == {seen.pk: RatingSource.OBSERVED, confirmed.pk: RatingSource.AS_LAST_TIME}
