"""Demo history for the reintegration app, added to the synthetic demo school by seed_demo.

Former pupils from the two school years before this one: each was placed in the group, rated for
readiness, graduated (most back to class full time, one moved school, one to specialist provision)
and followed up each term since, except some with no evidence at all, as happens in real schools.
In this year's group one pupil is under the threshold with three half-termly assessments, and one
has just reached it, so the dashboards have someone ready to start the return.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from assessments import services as assessment_services
from assessments.boxall import ITEMS_PER_SECTION
from assessments.models import AttainmentLevel, Purpose
from core.terms import Term
from pupils.demo import GROUP_NAME, NEED_MIX, _consent, _demo_referral, academic_year_start
from pupils.models import NurtureGroup, Placement, PlacementEvent, Pupil, Referral, School, User

from .models import RATING_MAX, AttainmentProgress, Coping, Ending, Graduation, ReadinessCriterion, Ritual, Setting
from .selectors import follow_up_terms, readiness_settings_for_school
from .services import follow_up_record, graduation_record, readiness_assess, scale_ensure_default

# (months after 1 September the pupil left, ending, ritual, SDQ total at leaving, follow-ups as
#  (coping, attainment, SDQ total or None, came back) or None for a term with no evidence)
FORMER = [
    (7, Ending.RETURNED_FULL_TIME, Ritual.CEREMONY, 14,
     [(Coping.WELL, AttainmentProgress.SUBSTANTIAL, 11, False), (Coping.WELL, AttainmentProgress.REASONABLE, None,
                                                                  False), (Coping.WELL, "", 10, False)]),
    (10, Ending.RETURNED_FULL_TIME, Ritual.SPARKLE_BOOK, 17,
     [(Coping.WITH_SUPPORT, AttainmentProgress.REASONABLE, 15, True), None, (Coping.WITH_SUPPORT, "", None, False)]),
    (6, Ending.MOVED_SCHOOL, Ritual.CERTIFICATE, 19, []),  # moved away: no evidence since
    (10, Ending.RETURNED_FULL_TIME, Ritual.CERTIFICATE, 12,
     [(Coping.NOT_COPING, AttainmentProgress.SLOW, 21, True), (Coping.WITH_SUPPORT, AttainmentProgress.SLOW, 18,
                                                               True)]),
    (5, Ending.RETURNED_FULL_TIME, Ritual.CEREMONY, 15,
     [(Coping.WELL, AttainmentProgress.REASONABLE, 12, False), (Coping.WELL, AttainmentProgress.SUBSTANTIAL, 9,
                                                                False), (Coping.WELL, "", None, False)]),
    (10, Ending.SPECIALIST, Ritual.OTHER, 24, []),  # no evidence from the specialist setting
    (4, Ending.RETURNED_FULL_TIME, Ritual.SPARKLE_BOOK, 16,
     [(Coping.WITH_SUPPORT, "", 14, False), (Coping.WELL, AttainmentProgress.REASONABLE, None, False)]),
    (10, Ending.RETURNED_FULL_TIME, Ritual.CEREMONY, 13, [None]),
]


def _ratings(criteria: list[ReadinessCriterion], percent: int) -> dict[int, tuple[int | None, str]]:
    """Spread points over the criteria so the score comes out close to `percent`."""
    points = round(percent * len(criteria) * RATING_MAX / 100)
    base, extra = divmod(points, len(criteria))
    return {c.pk: (min(base + (1 if index < extra else 0), RATING_MAX), "") for index, c in enumerate(criteria)}


def _sdq_answers_for_total(total: int) -> dict[str, int]:
    """Return teacher SDQ answers (item number -> 0-2) whose total difficulties is `total`."""
    difficulty_items = [3, 8, 13, 16, 24, 5, 12, 18, 22, 2, 10, 15, 6, 19, 23]  # not reverse-scored
    answers = {str(item): 0 for item in range(1, 26)}
    for item in (7, 21, 25, 11, 14):  # reverse-scored: 2 means no difficulty
        answers[str(item)] = 2
    for item in (1, 4, 9, 17, 20):  # prosocial
        answers[str(item)] = 1
    remaining = total
    for item in difficulty_items:
        if remaining <= 0:
            break
        answers[str(item)] = min(2, remaining)
        remaining -= answers[str(item)]
    return answers


def _boxall_scores(competence: int, difficulty: int) -> dict[int, int]:
    """Return Boxall item scores: section I at `competence` (0-4), section II at `difficulty` (0-4)."""
    return {key: competence if key <= ITEMS_PER_SECTION else difficulty for key in range(1, 2 * ITEMS_PER_SECTION + 1)}


def _history_in_the_group(placement: Placement, left: datetime.date, sdq_at_leaving: int, senco: User,
                          nurture: User, index: int) -> None:
    """Give a former pupil what any placement has: the referral behind it, a baseline SDQ and Boxall before
    the start and two reassessments (the last just before leaving), and termly attainment and attendance."""
    school, pupil, start = placement.school, placement.pupil, placement.start_date
    raised = timezone.make_aware(datetime.datetime.combine(start - datetime.timedelta(weeks=10),
                                                           datetime.time(15, 30)))
    placement.referral = _demo_referral(
        school, pupil, senco, NEED_MIX[index % len(NEED_MIX)], raised, stage=Referral.Stage.DECIDED,
        outcome=Referral.Outcome.PLACED, decided_on=start - datetime.timedelta(weeks=2), group=placement.group,
        **_consent(start - datetime.timedelta(weeks=4)))
    placement.save(update_fields=["referral"])
    days = [start - datetime.timedelta(days=70), start + (left - start) / 2, left - datetime.timedelta(days=7)]
    for step, (day, extra) in enumerate(zip(days, (7, 3, 0), strict=True)):
        purpose = Purpose.BASELINE if step == 0 else Purpose.TERMLY
        assessment_services.sdq_record(
            pupil=pupil, user=senco, informant="teacher", purpose=purpose, completed_on=day,
            completed_by_name="Class teacher", completed_by_role="Class teacher",
            answers={int(k): v for k, v in _sdq_answers_for_total(min(sdq_at_leaving + extra, 30)).items()},
            has_difficulties=True, impact_answers={"distress": 1, "peers": 1, "learning": 1})
        assessment_services.boxall_record(
            pupil=pupil, user=nurture, purpose=purpose, completed_on=day, completed_by_name=nurture.get_full_name(),
            completed_by_role="Nurture group teacher", item_scores=_boxall_scores(1 + step, 3 - step))
    for term in Term.range(Term.for_date(days[0]), Term.for_date(left)):
        level = AttainmentLevel.EXPECTED if term == Term.for_date(left) and index % 2 else \
            AttainmentLevel.WORKING_TOWARDS
        assessment_services.attainment_record(pupil=pupil, user=senco, term=term.code,
                                              values={"reading": level, "writing": level, "maths": level})
        assessment_services.attendance_record(pupil=pupil, user=senco, term=term.code,
                                              percent=Decimal(88 + index % 4 + (3 if term.start >= start else 0)))


@transaction.atomic
def seed(school: School) -> None:
    """Add this app's demo records to the school, once (running it twice changes nothing)."""
    if Graduation.objects.filter(school=school).exists():
        return
    senco = User.objects.filter(school=school, username="senco").first()
    nurture = User.objects.filter(school=school, username="nurture").first() or senco
    group = NurtureGroup.objects.filter(school=school, name=GROUP_NAME).first()
    if senco is None or group is None:
        return
    scale_ensure_default(school=school)
    criteria = list(ReadinessCriterion.objects.filter(school=school).in_use())
    today = timezone.localdate()
    this_year = academic_year_start(today)
    terms = readiness_settings_for_school(school).follow_up_terms

    # Former pupils: older pupils never placed this year, four from each of the two previous years.
    placed = Placement.objects.filter(school=school).values_list("pupil_id", flat=True)
    candidates = list(Pupil.objects.filter(school=school, year_group__gte=2, year_group__lte=4)
                      .exclude(pk__in=placed).exclude(referrals__isnull=False).order_by("pk")[: len(FORMER)])
    for index, (pupil, (months, ending, ritual, sdq_at_leaving, follow_ups)) in enumerate(
            zip(candidates, FORMER, strict=False)):
        year = this_year - 2 + index // 4
        start = datetime.date(year, 9, 16)
        left = min(datetime.date(year + (months + 8) // 12, (months + 8) % 12 + 1, 12), today)
        placement = Placement.objects.create(school=school, pupil=pupil, group=group, start_date=start,
                                             expected_end_date=start + datetime.timedelta(weeks=36),
                                             sessions_per_week=4)
        PlacementEvent.objects.create(school=school, pupil=pupil, placement=placement, actor=senco,
                                      kind=PlacementEvent.Kind.PLACED, text=f"Placed in {group.name}.")
        for weeks, percent in ((6, 55), (18, 72), (max(1, (left - start).days // 7 - 2), 86)):
            day = start + datetime.timedelta(weeks=weeks)
            if day < left:
                readiness_assess(pupil=pupil, user=nurture, assessed_on=day, setting=Setting.GROUP,
                                 ratings=_ratings(criteria, percent))
        _history_in_the_group(placement, left, sdq_at_leaving, senco, nurture, index)
        graduation = graduation_record(placement=placement, user=senco, graduated_on=left, ritual=ritual,
                                       ending=ending)
        for term, outcome in zip(follow_up_terms(graduation, terms), follow_ups, strict=False):
            day = min(term.start + datetime.timedelta(days=50), today)
            if outcome is None or term.start > today:
                continue
            coping, attainment, sdq_total, came_back = outcome
            follow_up_record(graduation=graduation, user=senco, term=term.code, recorded_on=day, coping=coping,
                             attainment=attainment, sdq_total=sdq_total, came_back=came_back,
                             attendance_percent=None if index % 3 == 0 else 93 + index % 5,
                             exclusions=0 if coping != Coping.NOT_COPING else 1)

    # This year's group: one pupil under the threshold with a history, one who has just reached it.
    current = list(Placement.objects.in_group_on().filter(school=school, group=group).select_related("pupil")
                   .order_by("pupil__pk")[:2])
    histories = [[(7, 41), (35, 58), (63, 71)], [(7, 60), (35, 74), (63, 85)]]
    for placement, history in zip(current, histories, strict=False):
        for days, percent in history:
            day = placement.start_date + datetime.timedelta(days=days)
            if day <= today:
                readiness_assess(pupil=placement.pupil, user=nurture, assessed_on=day,
                                 setting=Setting.GROUP if days < 60 else Setting.CLASS,
                                 ratings=_ratings(criteria, percent))
