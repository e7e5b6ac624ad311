"""Who is told what, for each event a service announces (`core.notices.announce`).

Each handler returns the notices of one event: the recipient, the in-app text (which may name the
pupil: every recipient may see them), and the email's subject and line, which never name a child:
an email leaves the school's systems, and a subject shows on a locked phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from core.dates import format_date
from core.models import Role, User


@dataclass
class Notice:
    recipient: User
    text: str
    subject: str
    line: str
    url: str
    pupil_id: int | None = None


def _school_staff(school_id: int, *roles: str) -> list[User]:
    return list(User.objects.filter(school_id=school_id, is_active=True, staff_roles__role__in=roles)
                .distinct().order_by("pk"))


def _class_teachers(pupil) -> list[User]:
    if pupil.school_class_id is None:
        return []
    return list(pupil.school_class.teachers.filter(is_active=True).order_by("pk"))


def referral_stage_moved(referral) -> list[Notice]:
    stage = referral.get_stage_display().lower()
    return [Notice(referral.raised_by, f"The referral of {referral.pupil.full_name} moved to {stage}.",
                   "Nurture: a referral you raised has moved on",
                   f"A referral you raised has moved to the stage: {stage}.", referral.get_absolute_url(),
                   referral.pupil_id)]


def referral_decided(referral) -> list[Notice]:
    outcome = referral.get_outcome_display().lower()
    return [Notice(referral.raised_by, f"The panel decided the referral of {referral.pupil.full_name}: {outcome}.",
                   "Nurture: a decision on a referral you raised",
                   f"The panel decided a referral you raised: {outcome}.", referral.get_absolute_url(),
                   referral.pupil_id)]


def referral_consent_withdrawn(referral) -> list[Notice]:
    return [Notice(senco, f"Consent was withdrawn for the referral of {referral.pupil.full_name}.",
                   "Nurture: consent withdrawn for a referral",
                   "Parents or carers withdrew their consent for a referral; any place it gave has ended.",
                   referral.get_absolute_url(), referral.pupil_id)
            for senco in _school_staff(referral.school_id, Role.SENCO)]


def placement_placed(placement) -> list[Notice]:
    pupil, group = placement.pupil, placement.group
    start = f"{format_date(placement.start_date)}"
    url = pupil.get_absolute_url()
    notices = []
    referral = placement.referral
    if referral is not None and referral.raised_by_id:
        notices.append(Notice(referral.raised_by, f"{pupil.full_name}, whom you referred, has a place in "
                                                  f"{group.name} from {start}.",
                              "Nurture group place for a pupil you referred",
                              f"A pupil you referred has been given a place in {group.name}, starting {start}.",
                              url, pupil.pk))
    class_name = str(pupil.school_class) if pupil.school_class_id else ""
    notices += [Notice(teacher, f"{pupil.full_name}, of your class {class_name}, has a place in {group.name} "
                                f"from {start}.",
                       "Nurture: a pupil of your class has a place in the nurture group",
                       f"A pupil of your class {class_name} has been given a place in {group.name}, starting {start}.",
                       url, pupil.pk)
                for teacher in _class_teachers(pupil)]
    return notices


def placement_ended(placement) -> list[Notice]:
    from pupils.models import Referral

    group = placement.group
    waiting = Referral.objects.filter(group=group).wait_listed().count()
    if not waiting:
        return []
    url = reverse("pupils:group-detail", args=[group.pk])
    return [Notice(senco, f"A place has freed in {group.name}: {placement.pupil.full_name}'s placement ended on "
                          f"{format_date(placement.end_date)}. {waiting} waiting.",
                   f"Nurture: a place has freed in {group.name}",
                   f"A place has freed in {group.name}, which has {waiting} on its wait list.", url, placement.pupil_id)
            for senco in _school_staff(placement.school_id, Role.SENCO)]


def phased_return_started(plan) -> list[Notice]:
    pupil = plan.pupil
    return [Notice(teacher, f"{pupil.full_name}'s phased return to your class has started "
                            f"({format_date(plan.starts_on)}).",
                   "Nurture: a pupil of your class has started a phased return",
                   "A pupil of your class has started their phased return from the nurture group; the plan "
                   "shows the sessions in class week by week.", plan.get_absolute_url(), pupil.pk)
            for teacher in _class_teachers(pupil)]


def graduated(graduation) -> list[Notice]:
    pupil = graduation.pupil
    ending = graduation.get_ending_display().lower()
    url = reverse("reintegration:pupil-reintegration", args=[pupil.pk])
    return [Notice(teacher, f"{pupil.full_name} graduated from the nurture group on "
                            f"{format_date(graduation.graduated_on)} ({ending}).",
                   "Nurture: a pupil of your class has graduated from the nurture group",
                   f"A pupil of your class has graduated from the nurture group ({ending}).", url, pupil.pk)
            for teacher in _class_teachers(pupil)]


def report_ready(report) -> list[Notice]:
    term = report.term
    return [Notice(reader, f"The governors' report for {term} is ready to download.",
                   f"Nurture: the governors' report for {term} is ready",
                   f"The governors' impact and value-for-money report for {term} is ready to download.",
                   report.get_absolute_url())
            for reader in _school_staff(report.school_id, Role.SENIOR_LEADER, Role.GOVERNOR)]


def assessments_due(summary) -> list[Notice]:
    """`summary` is (school_id, count): the assessments (SDQ, Boxall) falling due today at the school."""
    school_id, count = summary
    plural = "s" if count != 1 else ""
    url = reverse("dashboard", args=[Role.SENCO.value])
    return [Notice(senco, f"{count} assessment{plural} (SDQ or Boxall) fall{'' if plural else 's'} due today: "
                          "see the list on your dashboard.",
                   "Nurture: assessments fall due today",
                   f"{count} assessment{plural} (SDQ or Boxall) of pupils in the nurture group fall"
                   f"{'' if plural else 's'} due today.", url)
            for senco in _school_staff(school_id, Role.SENCO)]


HANDLERS = {
    "referral.stage_moved": referral_stage_moved,
    "referral.decided": referral_decided,
    "referral.consent_withdrawn": referral_consent_withdrawn,
    "placement.placed": placement_placed,
    "placement.ended": placement_ended,
    "reintegration.phased_return_started": phased_return_started,
    "reintegration.graduated": graduated,
    "report.ready": report_ready,
    "assessments.due": assessments_due,
}


def handle(*, event: str, record, actor=None) -> None:
    """Send the event's notices (the entry point named in settings.NOTICE_HANDLERS)."""
    from .services import notices_send

    notices = HANDLERS[event](record)
    school_id = record[0] if isinstance(record, tuple) else record.school_id
    notices_send(school_id=school_id, notices=notices, actor=actor)
