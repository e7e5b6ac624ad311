"""Writes to targets, passports and observations: one function per action, audited in its transaction.

django-auditlog records every single-row change with old and new values; rows written in bulk
(a whole group's session) get their audit entries written in bulk here, in the same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audit import change_entry, write_entries
from pupils.models import NurtureGroup, Placement, Pupil, User

from .models import (
    NextStep,
    ObservationSession,
    PupilObservation,
    PupilProfile,
    RatingSource,
    Setting,
    Target,
    TargetRating,
    TargetReview,
    TargetStatus,
    TargetVersion,
)

WORDING_FIELDS = ("wording", "how_we_will_know", "strategies", "home_strategy")


@transaction.atomic
def target_create(
    *, pupil: Pupil, area: str, settings: list[str], owner: User, start_date: datetime.date,
    review_date: datetime.date, wording: str, how_we_will_know: str, strategies: str, home_strategy: str = "",
    source: str = "", user: User,
) -> Target:
    """Add a target to the pupil's one set of targets, with its first wording."""
    target = Target(
        school_id=pupil.school_id, pupil=pupil, area=area, settings=list(settings), owner=owner,
        start_date=start_date, review_date=review_date, source=source, created_by=user,
    )
    target.full_clean()
    target.save()
    _add_version(target, user, wording=wording, how_we_will_know=how_we_will_know, strategies=strategies,
                 home_strategy=home_strategy)
    return target


def _add_version(target: Target, user: User, number: int = 1, **wording) -> TargetVersion:
    version = TargetVersion(school_id=target.school_id, pupil_id=target.pupil_id, target=target, number=number,
                            created_by=user, **wording)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def target_update(
    *, target: Target, based_on_version: int, area: str, settings: list[str], owner: User,
    review_date: datetime.date, source: str, wording: str, how_we_will_know: str, strategies: str,
    home_strategy: str, user: User,
) -> Target:
    """Change a target; a change of wording becomes a new version, so the old wording is kept.

    `based_on_version` is the version the editor started from: if someone else changed the
    wording meanwhile, the change is refused rather than silently overwriting theirs.
    """
    target = Target.objects.select_for_update().get(pk=target.pk)
    current = target.versions.order_by("-number").first()
    if current is None or current.number != based_on_version:
        raise ValidationError(
            "Someone else changed this target's wording while you were editing it. "
            "Your changes were not saved: read the new wording below and make your change again."
        )
    if not target.is_active:
        raise ValidationError("Only an active target can be changed.")
    target.area, target.settings, target.owner, target.review_date, target.source = (
        area, list(settings), owner, review_date, source
    )
    target.full_clean()
    target.save()
    new_wording = {"wording": wording, "how_we_will_know": how_we_will_know, "strategies": strategies,
                   "home_strategy": home_strategy}
    if any(getattr(current, name) != value for name, value in new_wording.items()):
        _add_version(target, user, number=current.number + 1, **new_wording)
    return target


@transaction.atomic
def target_review(
    *, target: Target, reviewed_on: datetime.date, outcome: str, evidence: str, next_step: str,
    next_review_date: datetime.date | None, user: User,
) -> TargetReview:
    """Record a review of an active target and take its next step (carry on, reword, or close)."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    if not target.is_active:
        raise ValidationError("This target is no longer active, so it cannot be reviewed.")
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "A review cannot be dated in the future."})
    if reviewed_on < target.start_date:
        raise ValidationError({"reviewed_on": "A review cannot be dated before the target started."})
    if next_step == NextStep.CLOSE:
        next_review_date = None
        target.set_status(outcome)
    else:
        if next_review_date is None:
            raise ValidationError(
                {"next_review_date": "Give the date of the next review: every target is time-limited."}
            )
        if next_review_date <= reviewed_on:
            raise ValidationError({"next_review_date": "The next review must be after this one."})
        target.review_date = next_review_date
    review = TargetReview(
        school_id=target.school_id, pupil_id=target.pupil_id, target=target, reviewed_on=reviewed_on,
        reviewed_by=user, outcome=outcome, evidence=evidence, next_step=next_step, next_review_date=next_review_date,
    )
    review.full_clean()
    target.full_clean()
    target.save()
    review.save()
    return review


@transaction.atomic
def target_set_status(*, target: Target, status: str, user: User) -> Target:
    """Move a target to another status (for example, retire it), if its lifecycle allows."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    target.set_status(status)
    target.save()
    return target


@transaction.atomic
def pupil_profile_save(*, pupil: Pupil, about_me: str, what_helps_me: str, adult_strategies: str, home: str,
                       user: User, clear_all: bool = False) -> PupilProfile:
    """Write the parts of the pupil's learning passport that are not about one target.

    Four empty texts are refused unless the adult said to clear the whole passport: an empty submission
    (a reloaded form, a slip of the keyboard) must never blank what adults wrote."""
    profile = PupilProfile.objects.select_for_update().filter(pupil=pupil).first() or PupilProfile(
        school_id=pupil.school_id, pupil=pupil
    )
    if not any(text.strip() for text in (about_me, what_helps_me, adult_strategies, home)) and not clear_all:
        if any((profile.about_me, profile.what_helps_me, profile.adult_strategies, profile.home)):
            raise ValidationError("Nothing was saved: all four boxes were empty, and the passport keeps the texts it "
                                  "had. To remove every text, tick \"Clear the whole passport\" and save.")
        raise ValidationError("Nothing was saved: write at least one of the four texts.")
    profile.about_me, profile.what_helps_me, profile.adult_strategies, profile.home = (
        about_me, what_helps_me, adult_strategies, home
    )
    profile.updated_by = user
    profile.full_clean()
    profile.save()
    return profile


@dataclass
class ObservedPupil:
    """One pupil's line of a session: present or absent; if present, how settled and the targets rated.

    `ratings` holds only the targets an adult rated (a target left blank was not observed and is not
    stored); `as_last_time` names those whose rating is last time's, confirmed by this adult.
    """

    pupil: Pupil
    present: bool
    settled: int | None = None
    note: str = ""
    incident: bool = False
    ratings: dict[int, int] = field(default_factory=dict)  # target id -> rating
    as_last_time: frozenset[int] = frozenset()

    def source_of(self, target_id: int) -> str:
        return RatingSource.AS_LAST_TIME if target_id in self.as_last_time else RatingSource.OBSERVED


class SessionChangedMeanwhile(ValidationError):
    """The session was saved from another screen after this one was opened: nothing was overwritten."""


@dataclass(frozen=True)
class SessionSaved:
    session: ObservationSession
    created: bool
    changed: bool


def _line_values(line: ObservedPupil) -> dict:
    present = line.present
    return {"present": present, "settled": line.settled if present else None,
            "note": line.note.strip() if present else "", "incident": line.incident if present else False}


def _rating_label(rating: TargetRating | None) -> str | None:
    if rating is None:
        return None
    return f"{rating.rating} ({rating.get_source_display().lower()})"


@transaction.atomic
def observation_session_save(
    *, group: NurtureGroup, date: datetime.date, setting: str, observed: list[ObservedPupil], user: User,
    revision: int = 0,
) -> SessionSaved:
    """Save the group's session for a day and setting: the first save creates it, a later one updates it.

    There is one session per group, day and setting, so a double click, Back and resubmit or a second
    adult's tablet never makes a second one. A save identical to what is stored changes nothing; a
    different one from a screen opened before the last save (`revision`) is refused rather than
    overwriting someone else's lines. Each line's changes are audited (old and new values); rows are
    written in bulk, so a group of ten costs a handful of queries.
    """
    session = ObservationSession(school_id=group.school_id, group=group, date=date, setting=setting, observed_by=user)
    session.full_clean(validate_unique=False, validate_constraints=False)
    pupil_ids = [line.pupil.pk for line in observed]
    if len(set(pupil_ids)) != len(pupil_ids):
        raise ValidationError("A pupil appears twice in this session.")
    members = set(Placement.objects.current(on=date).filter(group=group).values_list("pupil_id", flat=True))
    if not set(pupil_ids) <= members:
        raise ValidationError("Only pupils in the group on that day can be logged in its session.")
    active = set(
        Target.objects.filter(pupil_id__in=pupil_ids, status=TargetStatus.ACTIVE).values_list("pk", "pupil_id")
    )
    for line in observed:
        if line.present and any((target_id, line.pupil.pk) not in active for target_id in line.ratings):
            raise ValidationError("A rating names a target that is not one of the pupil's active targets.")
    key = {"school_id": group.school_id, "group": group, "date": date, "setting": setting}
    existing = ObservationSession.objects.select_for_update().filter(**key).first()
    if existing is None:
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:  # another adult's first save of the same session committed meanwhile
            existing = ObservationSession.objects.select_for_update().get(**key)
        else:
            _log_new_lines(session, observed, user)
            return SessionSaved(session, created=True, changed=True)
    return _update_session(existing, observed, user, revision)


def _log_new_lines(session: ObservationSession, lines: list[ObservedPupil], user: User) -> None:
    observations = []
    for line in lines:
        observation = PupilObservation(school_id=session.school_id, pupil=line.pupil, session=session,
                                       **_line_values(line))
        # Foreign keys were checked above in bulk; per-row checks would cost queries per pupil.
        observation.full_clean(exclude=["school", "pupil", "session"], validate_unique=False,
                               validate_constraints=False)
        observations.append(observation)
    PupilObservation.objects.bulk_create(observations)
    ratings = [
        _new_rating(session, observation, line, target_id, value, user)
        for line, observation in zip(lines, observations, strict=True) if line.present
        for target_id, value in line.ratings.items()
    ]
    TargetRating.objects.bulk_create(ratings)
    by_observation = {}
    for rating in ratings:
        by_observation.setdefault(rating.pupil_observation_id, []).append(rating)
    write_entries([
        change_entry(observation, action=LogEntry.Action.CREATE, user=user,
                     repr_text=f"Observation of pupil {observation.pupil_id}",
                     additional_data={"pupil_id": observation.pupil_id},
                     changes={**{name: (None, value) for name, value in _line_values(line).items()},
                              **{f"target {rating.target_id}": (None, _rating_label(rating))
                                 for rating in by_observation.get(observation.pk, [])}})
        for line, observation in zip(lines, observations, strict=True)
    ])


def _new_rating(session, observation, line, target_id, value, user) -> TargetRating:
    return TargetRating(school_id=session.school_id, pupil_id=line.pupil.pk, target_id=target_id,
                        pupil_observation=observation, rating=value, observed_on=session.date,
                        source=line.source_of(target_id), rated_by=user)


def _update_session(session: ObservationSession, lines: list[ObservedPupil], user: User,
                    revision: int) -> SessionSaved:
    stored = {observation.pupil_id: observation for observation in
              PupilObservation.objects.filter(session=session).prefetch_related("ratings")}
    new_lines, changed_rows, entries = [], [], []
    new_ratings, changed_ratings, removed_ratings = [], [], []
    for line in lines:
        observation = stored.get(line.pupil.pk)
        if observation is None:
            new_lines.append(line)
            continue
        changes = {}
        for name, value in _line_values(line).items():
            if getattr(observation, name) != value:
                changes[name] = (getattr(observation, name), value)
                setattr(observation, name, value)
        if changes:
            observation.full_clean(exclude=["school", "pupil", "session"], validate_unique=False,
                                   validate_constraints=False)
            changed_rows.append(observation)
        old = {rating.target_id: rating for rating in observation.ratings.all()}
        wanted = line.ratings if line.present else {}
        for target_id, rating in old.items():
            if target_id not in wanted:
                removed_ratings.append(rating)
                changes[f"target {target_id}"] = (_rating_label(rating), None)
        for target_id, value in wanted.items():
            rating = old.get(target_id)
            if rating is None:
                rating = _new_rating(session, observation, line, target_id, value, user)
                new_ratings.append(rating)
                changes[f"target {target_id}"] = (None, _rating_label(rating))
            elif rating.rating != value:
                before = _rating_label(rating)
                rating.rating, rating.source, rating.rated_by = value, line.source_of(target_id), user
                changed_ratings.append(rating)
                changes[f"target {target_id}"] = (before, _rating_label(rating))
        if changes:
            entries.append(change_entry(observation, action=LogEntry.Action.UPDATE, user=user,
                                        repr_text=f"Observation of pupil {observation.pupil_id}",
                                        additional_data={"pupil_id": observation.pupil_id}, changes=changes))
    if not (new_lines or entries):
        return SessionSaved(session, created=False, changed=False)
    if session.revision != revision:
        raise SessionChangedMeanwhile(
            "Someone saved this session from another screen after you opened it, so nothing of yours was "
            "saved (theirs is kept). Your lines are below: check them against the saved session and save again."
        )
    PupilObservation.objects.bulk_update(changed_rows, ["present", "settled", "note", "incident"])
    TargetRating.objects.filter(pk__in=[rating.pk for rating in removed_ratings]).delete()
    TargetRating.objects.bulk_update(changed_ratings, ["rating", "source", "rated_by"])
    TargetRating.objects.bulk_create(new_ratings)
    write_entries(entries)
    if new_lines:
        _log_new_lines(session, new_lines, user)
    session.revision += 1
    session.save(update_fields=["revision"])
    return SessionSaved(session, created=False, changed=True)


@transaction.atomic
def target_seen_record(*, target: Target, rating: int, user: User, on: datetime.date | None = None) -> TargetRating:
    """Record that an adult saw the target in a lesson, in the day's class session of the pupil's group.

    A pupil in no group has a class session per adult per day instead.
    """
    day = on or timezone.localdate()
    if not target.is_active:
        raise ValidationError("This target is no longer active.")
    placement = Placement.objects.current(on=day).filter(pupil_id=target.pupil_id).first()
    key = {"school_id": target.school_id, "date": day, "setting": Setting.CLASS}
    if placement:
        key["group"] = placement.group
    else:
        key.update(group=None, observed_by=user)
    try:
        with transaction.atomic():
            session, _ = ObservationSession.objects.get_or_create(**key, defaults={"observed_by": user})
    except IntegrityError:
        session = ObservationSession.objects.get(**key)
    observation, _ = PupilObservation.objects.get_or_create(
        session=session, pupil_id=target.pupil_id, defaults={"school_id": target.school_id, "present": True},
    )
    existing = TargetRating.objects.filter(pupil_observation=observation, target=target).first()
    if existing:
        existing.rating, existing.source, existing.rated_by = rating, RatingSource.OBSERVED, user
        existing.full_clean()
        existing.save()
        return existing
    target_rating = TargetRating(school_id=target.school_id, pupil_id=target.pupil_id, target=target,
                                 pupil_observation=observation, rating=rating, observed_on=day, rated_by=user)
    target_rating.full_clean()
    target_rating.save()
    return target_rating
