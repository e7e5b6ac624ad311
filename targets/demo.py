"""Demo history for the targets app, added to the synthetic demo school by seed_demo.

Each pupil in a group gets a set of targets across the areas (always one academic), written in
pupil-speak with home strategies; one target was reworded and one reviewed; reviews are staggered over
the coming weeks and two are overdue;
and the group has a term of daily sessions (plus some lessons seen in class) with ratings that
slowly improve, so the charts have something to show.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from pupils.models import GroupSession, Placement, Role, School, User

from .models import (
    Area,
    NextStep,
    ObservationSession,
    PupilObservation,
    PupilProfile,
    Rating,
    ReviewOutcome,
    Setting,
    Settled,
    Target,
    TargetRating,
    TargetReview,
    TargetVersion,
)

# (area, wording, how we will know, what adults do, home, source)
TARGET_BANK = [
    (Area.PERSONAL, "I will tell an adult when I feel cross, before it gets too big.",
     "Tells an adult or shows the feelings card at least once a session without prompting.",
     "Check in at the start of each session with the feelings chart; notice and name the feeling.",
     "Mum and dad will ask 'how is your engine running?' at teatime.", "boxall:F"),
    (Area.SOCIAL, "I will wait for my turn in a game and say 'your go'.",
     "Waits for a turn in a small-group game on four days out of five.",
     "Use a turn-taking object; praise waiting straight away; practise at snack time.",
     "We will play a board game together on Saturdays.", "boxall:H"),
    (Area.BEHAVIOURAL, "I will put my hand up when I want to say something.",
     "Puts a hand up on most occasions in carpet time, in the group and in class.",
     "Agree a quiet signal; thank every hand up; give a 'talk token' for carpet time.",
     "My family will follow the 1, 2, 3 strategy at home.", "sdq:hyperactivity"),
    (Area.LITERACY, "I will read my reading book to an adult every day.",
     "Reads aloud for five minutes daily; reading record signed five times a week.",
     "Daily five-minute read with the same adult; phonics cards in the group.",
     "I will read my book to my gran at bedtime.", ""),
    (Area.NUMERACY, "I will count objects to 20 and say how many.",
     "Counts a set of up to 20 objects accurately three times running.",
     "Counting at snack time; number line on the table; praise careful counting.",
     "We will count the stairs and the apples at the shop.", ""),
    (Area.OTHER_ACADEMIC, "I will have a go at my writing task before I ask for help.",
     "Starts independent writing within two minutes in four lessons out of five.",
     "Give a word mat and a sentence starter; a timer for 'have a go' time.", "", ""),
]
# (pupil, target) -> days overdue: only these reviews are past their date in the demo.
OVERDUE = {(0, 1): 5, (3, 2): 12}
REWORDED = ("I will tell an adult when I feel cross.", "Tells an adult when cross, with a prompt.",
            "Check in at the start of each session.", "")


@transaction.atomic
def seed(school: School) -> None:
    """Add this app's demo records to the school, once (running it twice changes nothing)."""
    if Target.objects.filter(school=school).exists():
        return
    rng = random.Random(5)
    today = timezone.localdate()
    nurture = User.objects.filter(school=school, username="nurture").first() or _any_with(school, Role.NURTURE_STAFF)
    senco = User.objects.filter(school=school, username="senco").first() or nurture
    teacher = User.objects.filter(school=school, username="teacher").first()
    if nurture is None:
        return
    placements = list(Placement.objects.in_group_on().filter(school=school).select_related("pupil", "group"))
    targets_by_pupil: dict[int, list[Target]] = {}
    for index, placement in enumerate(placements):
        pupil, start = placement.pupil, placement.start_date
        chosen = [TARGET_BANK[0], TARGET_BANK[1], TARGET_BANK[2], TARGET_BANK[3 + index % 3]]
        if index % 3 == 0:
            chosen.append(TARGET_BANK[5 if index % 2 else 4])
        targets = []
        for number, (area, wording, know, adults, home, source) in enumerate(chosen):
            # Reviews staggered over the coming weeks, as a school books them, and two overdue for the dashboards.
            review = today + datetime.timedelta(days=4 + 3 * ((index * 5 + number * 7) % 13))
            if (index, number) in OVERDUE:
                review = today - datetime.timedelta(days=OVERDUE[(index, number)])
            target = Target.objects.create(
                school=school, pupil=pupil, area=area, settings=_settings(area), owner=nurture, start_date=start,
                review_date=max(review, start + datetime.timedelta(days=1)), source=source, created_by=nurture,
            )
            first = (REWORDED if number == 0 else (wording, know, adults, home))
            TargetVersion.objects.create(
                school=school, pupil=pupil, target=target, number=1, wording=first[0], how_we_will_know=first[1],
                strategies=first[2], home_strategy=first[3], created_by=nurture,
                created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(15, 30))),
            )
            if number == 0:  # reworded after the first review: the old wording stays in the history
                reviewed_on = start + datetime.timedelta(weeks=4)
                TargetReview.objects.create(
                    school=school, pupil=pupil, target=target, reviewed_on=reviewed_on, reviewed_by=senco,
                    outcome=ReviewOutcome.PARTLY_ACHIEVED, next_step=NextStep.CHANGE_WORDING,
                    evidence="Tells an adult when prompted; we want it before it gets too big.",
                    next_review_date=target.review_date,
                )
                TargetVersion.objects.create(
                    school=school, pupil=pupil, target=target, number=2, wording=wording, how_we_will_know=know,
                    strategies=adults, home_strategy=home, created_by=senco,
                    created_at=timezone.make_aware(datetime.datetime.combine(reviewed_on, datetime.time(15, 45))),
                )
            targets.append(target)
        targets_by_pupil[pupil.pk] = targets
        PupilProfile.objects.create(
            school=school, pupil=pupil, updated_by=nurture,
            about_me=f"I am {pupil.first_name}. I like building with blocks and feeding the fish.",
            what_helps_me="A calm voice; knowing what comes next (the visual timetable); a job to do.",
            adult_strategies="Greet me by name at the door. Give me a warning before a change. Sit me near an adult.",
            home="We share the home-school book every Friday.",
        )
    _seed_observations(school, placements, targets_by_pupil, nurture, teacher, rng, today)


def _any_with(school: School, role: str) -> User | None:
    return User.objects.filter(school=school, staff_roles__role=role).first()


def _settings(area: str) -> list[str]:
    if area in (Area.LITERACY, Area.NUMERACY, Area.OTHER_ACADEMIC):
        return [Setting.NURTURE_GROUP, Setting.CLASS, Setting.HOME]
    return [Setting.NURTURE_GROUP, Setting.CLASS, Setting.PLAYGROUND, Setting.LUNCH, Setting.HOME]


def _rating(rng: random.Random, progress: float) -> int:
    """A rating that drifts upwards over the term, with day-to-day ups and downs."""
    value = 0.6 + 2.0 * progress + rng.uniform(-0.9, 0.9)
    return max(Rating.NOT_SEEN, min(Rating.CONSISTENTLY, round(value)))


def _seed_observations(school, placements, targets_by_pupil, nurture, teacher, rng, today) -> None:
    if not placements:
        return
    by_group: dict[int, list[Placement]] = {}
    for placement in placements:
        by_group.setdefault(placement.group_id, []).append(placement)
    for group_id, members in by_group.items():
        group = members[0].group
        weekdays = set(GroupSession.objects.filter(group_id=group_id).values_list("weekday", flat=True)) or {0, 1, 2, 3}
        first_day = min(placement.start_date for placement in members)
        days = [first_day + datetime.timedelta(days=n) for n in range((today - first_day).days)]
        days = [day for day in days if day.weekday() in weekdays]
        sessions = ObservationSession.objects.bulk_create([
            ObservationSession(school=school, group=group, date=day, setting=Setting.NURTURE_GROUP, observed_by=nurture)
            for day in days
        ])
        # A lesson seen in class each Friday by the class teacher of 2A, so carry-over shows on the charts.
        class_days = [day for day in (first_day + datetime.timedelta(days=n) for n in range((today - first_day).days))
                      if day.weekday() == 4]
        class_sessions = []
        if teacher is not None:
            class_sessions = ObservationSession.objects.bulk_create([
                ObservationSession(school=school, group=group, date=day, setting=Setting.CLASS, observed_by=teacher)
                for day in class_days
            ])
        taught = set(teacher.taught_class_ids) if teacher else set()
        span = max(len(days), 1)
        observations, plan = [], []
        for number, session in enumerate(sessions):
            progress = number / span
            for placement in members:
                present = rng.random() > 0.07
                settled = (max(Settled.UNSETTLED, min(Settled.SETTLED, round(2 + 1.6 * progress + rng.uniform(-1, 1))))
                           if present else None)
                incident = present and rng.random() < 0.03
                observations.append(PupilObservation(
                    school=school, pupil=placement.pupil, session=session, present=present, settled=settled,
                    incident=incident, note="Upset after lunch; calmed with the feelings card." if incident else "",
                ))
                plan.append((present, progress, placement.pupil_id))
        for session in class_sessions:
            progress = (session.date - first_day).days / max((today - first_day).days, 1)
            for placement in members:
                if placement.pupil.school_class_id in taught:
                    observations.append(PupilObservation(school=school, pupil=placement.pupil, session=session))
                    plan.append((True, max(progress - 0.15, 0), placement.pupil_id))
        PupilObservation.objects.bulk_create(observations, batch_size=500)
        ratings = []
        for observation, (present, progress, pupil_id) in zip(observations, plan, strict=True):
            if not present:
                continue
            for target in targets_by_pupil.get(pupil_id, []):
                ratings.append(TargetRating(school=school, pupil_id=pupil_id, target=target,
                                            pupil_observation=observation, rating=_rating(rng, progress),
                                            observed_on=observation.session.date,
                                            rated_by=observation.session.observed_by))
        TargetRating.objects.bulk_create(ratings, batch_size=1000)
