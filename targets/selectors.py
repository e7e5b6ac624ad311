"""Reads of targets, passports and observations, always scoped to the signed-in user's school."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pupils.models import NurtureGroup, Placement, Pupil, User
from pupils.selectors import current_placement_by_pupil

from .models import (
    ACADEMIC_AREAS,
    ObservationSession,
    PupilObservation,
    PupilProfile,
    Setting,
    Target,
    TargetRating,
    TargetReview,
    TargetStatus,
    TargetVersion,
)


def _with_versions(targets: QuerySet[Target]) -> QuerySet[Target]:
    versions = TargetVersion.objects.select_related("created_by").order_by("-number")
    return targets.select_related("owner").prefetch_related(Prefetch("versions", versions, to_attr="version_list"))


def school_targets(user: User) -> QuerySet[Target]:
    """Return every target of the user's school (the tenancy filter; roles are checked by the view)."""
    return Target.objects.for_user(user)


def targets_for_pupil(user: User, pupil: Pupil) -> list[Target]:
    """Return the pupil's targets, active first, each with its versions (newest first) and owner."""
    targets = _with_versions(school_targets(user).filter(pupil=pupil))
    return sorted(targets, key=lambda target: (not target.is_active, target.review_date, target.pk))


def target_for_user_or_404(user: User, pupil: Pupil, pk: int) -> Target:
    """Return one of the pupil's targets from the user's school, or raise 404."""
    targets = _with_versions(school_targets(user).filter(pupil=pupil)).select_related("pupil", "pupil__school_class")
    return get_object_or_404(
        targets.prefetch_related(Prefetch("reviews", queryset=_reviews(), to_attr="review_list")), pk=pk
    )


def _reviews() -> QuerySet[TargetReview]:
    return TargetReview.objects.select_related("reviewed_by").order_by("-reviewed_on", "-pk")


def active_targets_by_pupil(pupil_ids) -> dict[int, list[Target]]:
    """Return each pupil's active targets with their current wording, keyed by pupil id."""
    result: dict[int, list[Target]] = {pupil_id: [] for pupil_id in pupil_ids}
    for target in _with_versions(Target.objects.filter(pupil_id__in=pupil_ids).active()).order_by("area", "pk"):
        result[target.pupil_id].append(target)
    return result


def pupils_missing_academic_target(pupil_ids) -> set[int]:
    """Return the ids of the pupils (of those given) with no active literacy, numeracy or academic target."""
    with_academic = set(
        Target.objects.filter(pupil_id__in=pupil_ids, area__in=ACADEMIC_AREAS, status=TargetStatus.ACTIVE)
        .values_list("pupil_id", flat=True)
    )
    return set(pupil_ids) - with_academic


def needs_academic_target(pupil: Pupil) -> bool:
    """Return whether a pupil placed in a group has no active academic target (the survey's warning)."""
    if not Placement.objects.in_group_on().filter(pupil=pupil).exists():
        return False
    return pupil.pk in pupils_missing_academic_target([pupil.pk])


def placed_pupils_missing_academic_target(user: User, groups=None) -> list[Pupil]:
    """Return the school's pupils in a group now (in the given groups, if any) with no active academic target."""
    placed = Placement.objects.in_group_on().filter(school_id=user.school_id)
    if groups is not None:
        placed = placed.filter(group__in=groups)
    placed = placed.values("pupil_id")
    academic = Target.objects.filter(school_id=user.school_id, area__in=ACADEMIC_AREAS,
                                     status=TargetStatus.ACTIVE).values("pupil_id")
    return list(
        Pupil.objects.filter(school_id=user.school_id, pk__in=placed).exclude(pk__in=academic)
        .select_related("school_class").order_by("legal_last_name", "legal_first_name")
    )


def overdue_reviews(user: User, limit: int = 50, groups=None) -> list[Target]:
    """Return the active targets of pupils in a group today whose review date has passed, most overdue first.

    With `groups`, only the targets of pupils in those groups today (a nurture teacher's own).
    """
    in_a_group = Placement.objects.in_group_on().filter(school_id=user.school_id)
    if groups is not None:
        in_a_group = in_a_group.filter(group__in=groups)
    # A pupil who has left the group (graduated, moved) has no review due from the group.
    targets = school_targets(user).active().overdue().filter(pupil__in=in_a_group.values("pupil_id"))
    return list(_with_versions(targets).select_related("pupil").order_by("review_date", "pk")[:limit])


def profile_for_pupil(pupil: Pupil) -> PupilProfile | None:
    """Return the pupil's passport profile, if one was written."""
    return PupilProfile.objects.filter(pupil=pupil, school_id=pupil.school_id).first()


@dataclass
class Passport:
    """Everything on a pupil's learning passport, ready for a template (page or PDF)."""

    pupil: Pupil
    targets: list[Target]
    profile: PupilProfile | None
    placement: Placement | None
    missing_academic: bool
    printed_on: datetime.date = field(default_factory=timezone.localdate)

    @property
    def adult_strategies(self) -> list[tuple[str, str]]:
        return [(target.current_version.wording, target.current_version.strategies)
                for target in self.targets if target.current_version]

    @property
    def home_strategies(self) -> list[tuple[str, str]]:
        return [(target.current_version.wording, target.current_version.home_strategy)
                for target in self.targets if target.current_version and target.current_version.home_strategy]


def passports_for_pupils(pupils: list[Pupil]) -> list[Passport]:
    """Return the learning passports of the given pupils, in a fixed number of queries."""
    ids = [pupil.pk for pupil in pupils]
    targets = active_targets_by_pupil(ids)
    profiles = {profile.pupil_id: profile for profile in PupilProfile.objects.filter(pupil_id__in=ids)}
    placements = current_placement_by_pupil(ids)
    missing = pupils_missing_academic_target(ids)
    return [
        Passport(pupil=pupil, targets=targets[pupil.pk], profile=profiles.get(pupil.pk),
                 placement=placements.get(pupil.pk), missing_academic=pupil.pk in missing and pupil.pk in placements)
        for pupil in pupils
    ]


def passport_for_pupil(pupil: Pupil) -> Passport:
    """Return one pupil's learning passport."""
    return passports_for_pupils([pupil])[0]


def my_class_pupils(user: User) -> list[Pupil]:
    """Return the pupils of the user's own classes who attend a nurture group now."""
    placed = Placement.objects.in_group_on().filter(school_id=user.school_id).values("pupil_id")
    return list(
        Pupil.objects.filter(school_id=user.school_id, school_class_id__in=user.taught_class_ids, pk__in=placed)
        .on_roll().select_related("school_class").order_by("legal_last_name", "legal_first_name")
    )


def ratings_for_pupil(pupil: Pupil) -> list[dict]:
    """Return every rating of the pupil's targets with its date and setting, oldest first."""
    return list(
        TargetRating.objects.filter(pupil=pupil, school_id=pupil.school_id)
        .values("target_id", "rating", date=F("pupil_observation__session__date"),
                setting=F("pupil_observation__session__setting"))
        .order_by("pupil_observation__session__date", "pk")
    )


@dataclass
class ObservationRow:
    """One pupil on the group's observation screen: what is saved today, and what 'as last time' would record."""

    pupil: Pupil
    targets: list[Target]
    last_settled: int | None
    last_ratings: dict[int, int]
    saved: PupilObservation | None = None

    @property
    def saved_ratings(self) -> dict[int, int]:
        return {rating.target_id: rating.rating for rating in self.saved.ratings.all()} if self.saved else {}

    @property
    def has_last_time(self) -> bool:
        """Whether 'as last time' has anything to record: a settled rating or a target's rating from last time."""
        return self.last_settled is not None or bool(self.last_ratings)


# How far back the observation screen looks for a pupil's last ratings ('as last time'): recent enough to be
# a fair statement of today, and it keeps the lookup to a few weeks of rows however many years a school has logged.
CARRY_FORWARD_DAYS = 42


def saved_session(group: NurtureGroup, date: datetime.date, setting: str) -> ObservationSession | None:
    """Return the group's session for the day and setting, if one was saved, with who logged it."""
    return (ObservationSession.objects.filter(group=group, school_id=group.school_id, date=date, setting=setting)
            .select_related("observed_by").first())


def observation_rows(group: NurtureGroup, *, on: datetime.date | None = None,
                     session: ObservationSession | None = None) -> list[ObservationRow]:
    """Return the group's pupils on the day, with their active targets, the saved lines of the session (if
    any) and their last ratings before that day, in fixed queries.

    The last ratings and settledness come from the six weeks before the day only, in one query each.
    Each target's latest rating is one probe of the (target, observed_on) index; joining ratings to their
    sessions' dates instead read every rating the targets ever had.
    """
    day = on or timezone.localdate()
    members = list(
        Placement.objects.current(on=day).filter(group=group, school_id=group.school_id)
        .select_related("pupil")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "pupil_id")
    )
    ids = [member.pupil_id for member in members]
    targets = active_targets_by_pupil(ids)
    saved: dict[int, PupilObservation] = {}
    if session is not None:
        saved = {observation.pupil_id: observation for observation in
                 PupilObservation.objects.filter(session=session, school_id=group.school_id)
                 .prefetch_related("ratings")}
    since = day - datetime.timedelta(days=CARRY_FORWARD_DAYS)
    last_settled: dict[int, int] = {}
    for pupil_id, settled in (
        PupilObservation.objects.filter(pupil_id__in=ids, school_id=group.school_id, present=True,
                                        settled__isnull=False, session__setting=Setting.NURTURE_GROUP,
                                        session__date__gte=since, session__date__lt=day,
                                        session__school_id=group.school_id)  # the (school, date) index
        .order_by("session__date", "pk").values_list("pupil_id", "settled")
    ):
        last_settled[pupil_id] = settled  # later rows overwrite earlier ones: the last one wins
    target_ids = [target.pk for pupil_targets in targets.values() for target in pupil_targets]
    latest = (TargetRating.objects.filter(target_id=OuterRef("pk"), observed_on__gte=since, observed_on__lt=day)
              .order_by("-observed_on", "-pk").values("rating")[:1])
    last_rating: dict[int, int] = dict(
        Target.objects.filter(pk__in=target_ids, school_id=group.school_id)
        .annotate(last_rating=Subquery(latest)).exclude(last_rating=None).values_list("pk", "last_rating")
    )
    return [
        ObservationRow(
            pupil=member.pupil, targets=targets[member.pupil_id], last_settled=last_settled.get(member.pupil_id),
            last_ratings={target.pk: last_rating[target.pk] for target in targets[member.pupil_id]
                          if target.pk in last_rating},
            saved=saved.get(member.pupil_id),
        )
        for member in members
    ]


def recent_sessions(group: NurtureGroup, limit: int = 5):
    """Return the group's latest logged sessions with who logged them."""
    return list(
        ObservationSession.objects.filter(group=group, school_id=group.school_id)
        .select_related("observed_by").order_by("-date", "-pk")[:limit]
    )
