"""Demo history for the assessments app, added to the synthetic demo school by seed_demo.

Every pupil placed in a group gets a baseline (at referral, before the placement) and two
reassessments of the teacher SDQ and the Boxall Profile, with movement that looks like real
groups: most pupils improve steadily, one barely moves and one dips before improving. Plus
termly attainment and attendance and a few incidents, fewer once the placement starts.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.terms import Term
from pupils.models import Placement, School, User

from . import services
from .boxall import ITEMS_PER_SECTION
from .models import AttainmentLevel, IncidentKind, Instrument, InstrumentLicence, LicenceKind, Purpose, SdqAssessment
from .scoring import SDQ_REVERSED, SDQ_SCALES

# Per kind of concern: how strongly each SDQ difficulty scale shows at baseline (0-1).
PROFILES = {
    "acting out": {"emotional": 0.35, "conduct": 0.85, "hyperactivity": 0.8, "peer": 0.55, "prosocial": 0.3},
    "restless": {"emotional": 0.3, "conduct": 0.45, "hyperactivity": 0.9, "peer": 0.4, "prosocial": 0.55},
    "withdrawn": {"emotional": 0.85, "conduct": 0.1, "hyperactivity": 0.3, "peer": 0.8, "prosocial": 0.5},
}
# How much of the baseline difficulty is left at the first and second reassessment.
TRAJECTORIES = [(0.8, 0.55)] * 6 + [(0.95, 0.9), (1.1, 0.7), (0.7, 0.45)]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _sdq_answers(rng: random.Random, severity: dict[str, float]) -> dict[int, int | None]:
    answers: dict[int, int | None] = {}
    for scale, items in SDQ_SCALES.items():
        for item in items:
            # The level of difficulty this item shows (for prosocial: the lack of the strength).
            level = _clamp(severity[scale] * 2 + rng.uniform(-0.6, 0.6), 0, 2)
            ticked_strength = scale == "prosocial" or item in SDQ_REVERSED
            answers[item] = 2 - level if ticked_strength else level
    return answers


def _boxall_scores(rng: random.Random, competence: float, difficulty: float) -> dict[int, int | None]:
    scores: dict[int, int | None] = {}
    for key in range(1, 2 * ITEMS_PER_SECTION + 1):
        level = competence if key <= ITEMS_PER_SECTION else difficulty
        scores[key] = _clamp(level * 4 + rng.uniform(-1.0, 1.0), 0, 4)
    return scores


def _assessment_days(start: datetime.date, today: datetime.date) -> list[datetime.date]:
    """Return the baseline day (at referral, before the start) and two reassessment days, none in the future."""
    baseline = start - datetime.timedelta(days=70)
    second = max(today - datetime.timedelta(days=4), baseline + datetime.timedelta(days=2))
    first = baseline + (second - baseline) * 2 / 3 if second - start < datetime.timedelta(days=21) else \
        start + (second - start) / 2
    return [baseline, first, second]


# Invented references: the demo school behaves as a school that recorded its authorisations.
DEMO_LICENCES = {
    Instrument.SDQ: "DEMO-YIM-0001 (invented for the demo)",
    Instrument.BOXALL: "DEMO-NUK-0001 (invented for the demo)",
}


def seed_licences(school: School, senco: User) -> None:
    """Record an authorisation for electronic entry of each instrument, so the demo's item entry works."""
    granted = datetime.date(timezone.localdate().year - 1, 9, 1)
    for instrument, reference in DEMO_LICENCES.items():
        if not InstrumentLicence.objects.filter(school=school, instrument=instrument).exists():
            services.licence_record(school=school, user=senco, instrument=instrument, kind=LicenceKind.ELECTRONIC,
                                    reference=reference, granted_on=granted)


@transaction.atomic
def seed(school: School) -> None:
    """Add this app's demo records to the school, once (running it twice changes nothing)."""
    senco = User.objects.filter(school=school, username="senco").first()
    nurture = User.objects.filter(school=school, username="nurture").first()
    if senco is None or nurture is None:
        return
    seed_licences(school, senco)
    if SdqAssessment.objects.filter(school=school).exists():
        return
    rng = random.Random(404)
    today = timezone.localdate()
    placements = list(
        Placement.objects.filter(school=school).select_related("pupil", "pupil__school_class", "group")
        .order_by("pupil__pk")
    )
    for index, placement in enumerate(placements):
        _seed_pupil(rng, placement, index, senco, nurture, today)


def _seed_pupil(rng, placement, index, senco, nurture, today) -> None:
    pupil = placement.pupil
    kind = list(PROFILES)[index % len(PROFILES)]
    severity = {scale: min(1.0, value + rng.uniform(-0.1, 0.1)) for scale, value in PROFILES[kind].items()}
    trajectory = (1.0, *TRAJECTORIES[index % len(TRAJECTORIES)])
    days = _assessment_days(placement.start_date, today)
    teacher = pupil.school_class.teachers.first() if pupil.school_class else None
    teacher_name = teacher.get_full_name() if teacher else "Class teacher"
    for step, (day, left) in enumerate(zip(days, trajectory, strict=True)):
        purpose = Purpose.BASELINE if step == 0 else Purpose.TERMLY
        now = {scale: value * left for scale, value in severity.items()}
        services.sdq_record(
            pupil=pupil, user=senco, informant="teacher", purpose=purpose, completed_on=day,
            completed_by_name=teacher_name, completed_by_role="Class teacher",
            answers=_sdq_answers(rng, now), has_difficulties=True,
            impact_answers={"distress": _clamp(3 * left, 0, 3), "peers": _clamp(2.5 * left, 0, 3),
                            "learning": _clamp(3 * left, 0, 3)},
        )
        overall = sum(severity.values()) / len(severity)
        services.boxall_record(
            pupil=pupil, user=nurture, purpose=purpose, completed_on=day,
            completed_by_name=nurture.get_full_name(), completed_by_role="Nurture group teacher",
            item_scores=_boxall_scores(rng, competence=1 - overall * left * 0.9, difficulty=overall * left * 0.9),
        )
    if index % 3 == 0:  # a parent's view at baseline and at the latest review
        for day, left in ((days[0], 1.0), (days[2], trajectory[2])):
            services.sdq_record(
                pupil=pupil, user=senco, informant="parent", completed_on=day,
                purpose=Purpose.BASELINE if left == 1.0 else Purpose.TERMLY,
                completed_by_name="Parent", completed_by_role="Parent or carer",
                answers=_sdq_answers(rng, {s: v * left * 0.9 for s, v in severity.items()}), has_difficulties=True,
                impact_answers={"distress": 2, "home": _clamp(3 * left, 0, 3), "friendships": 1, "learning": 2,
                                "leisure": 1},
            )

    in_group_from = Term.for_date(placement.start_date)
    terms = Term.range(Term.for_date(days[0]).previous(), Term.for_date(today))
    eyfs = pupil.year_group <= 0
    for term in terms:
        in_group = term >= in_group_from
        if term.end < today or term == Term.for_date(today):
            progress = 0.25 if in_group else 0.0
            if eyfs:
                expected = rng.random() < 0.2 + progress
                level = AttainmentLevel.EYFS_EXPECTED if expected else AttainmentLevel.EYFS_EMERGING
                levels = {"reading": level, "writing": AttainmentLevel.EYFS_EMERGING, "maths": level}
            else:
                def judge(bias: float, progress: float = progress) -> str:
                    roll = rng.random() + progress + bias
                    return AttainmentLevel.EXPECTED if roll > 0.85 else AttainmentLevel.WORKING_TOWARDS

                levels = {"reading": judge(0), "writing": judge(-0.1), "maths": judge(0.05)}
            standardised = _clamp(84 + rng.uniform(-6, 6) + (5 if in_group else 0), 70, 140) if not eyfs else None
            services.attainment_record(pupil=pupil, user=senco, term=term.code,
                                       values={**levels, "standardised_score": standardised})
            percent = Decimal(str(round(rng.uniform(85, 91) + (4 if in_group else 0), 1)))
            services.attendance_record(pupil=pupil, user=senco, term=term.code, percent=min(percent, Decimal("99.5")))

    before = [days[0] - datetime.timedelta(days=20), days[0] + datetime.timedelta(days=12)]
    if kind == "acting out":
        services.incident_record(pupil=pupil, user=senco, kind=IncidentKind.EXCLUSION, occurred_on=before[0],
                                 days=Decimal("1"), note="Hurt another child at lunchtime; reintegration meeting held.")
        services.incident_record(pupil=pupil, user=senco, kind=IncidentKind.PARENT_CONTACT, occurred_on=before[0],
                                 note="Phoned parent about the exclusion.")
        services.incident_record(pupil=pupil, user=senco, kind=IncidentKind.REMOVAL, occurred_on=before[1],
                                 note="Removed from a maths lesson after throwing equipment.")
    if kind in ("acting out", "restless"):
        services.incident_record(pupil=pupil, user=nurture, kind=IncidentKind.PLAYGROUND, occurred_on=before[1],
                                 note="Pushing in the line; talked it through with staff.")
        later = min(today, placement.start_date + datetime.timedelta(days=30))
        if later > placement.start_date:
            services.incident_record(pupil=pupil, user=nurture, kind=IncidentKind.SANCTION, occurred_on=later,
                                     note="Lost five minutes of playtime; apologised.")
