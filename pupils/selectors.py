"""Reads of pupils, classes and groups, always scoped to what the signed-in user may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from core.audit import note_pupil_read
from core.school_days import school_days_between

from .models import (
    Notification,
    NurtureGroup,
    ParentContact,
    Placement,
    PlacementEvent,
    PlacementReview,
    Pupil,
    Referral,
    ReferralEvent,
    Role,
    SchoolClass,
    User,
    in_group_q,
    joining_after_q,
)


def school_pupils(user: User) -> QuerySet[Pupil]:
    """Return every pupil of the user's school (the tenancy filter; roles are checked by the view)."""
    return Pupil.objects.for_user(user)


def pupils_for_user(user: User) -> QuerySet[Pupil]:
    """Return the pupils the user may list: the whole school for the case team, a class teacher's own classes."""
    pupils = school_pupils(user).select_related("school_class")
    if user.has_role(Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF, Role.SCHOOL_ADMIN):
        return pupils
    if user.has_role(Role.CLASS_TEACHER):
        return pupils.filter(school_class_id__in=user.taught_class_ids)
    return pupils.none()


def pupil_for_user_or_404(user: User, pk: int) -> Pupil:
    """Return a pupil of the user's school, or raise 404 (for another school's pupil too).

    The request's page is audited as a view of this pupil's record (core.audit), once."""
    pupil = get_object_or_404(school_pupils(user).select_related("school_class", "school"), pk=pk)
    note_pupil_read(pupil)
    return pupil


def current_placement_by_pupil(pupil_ids, on: datetime.date | None = None) -> dict[int, Placement]:
    """Return the placement (with its group) of each pupil in a group on the day, keyed by pupil id."""
    placements = Placement.objects.in_group_on(on).filter(pupil_id__in=pupil_ids).select_related("group")
    return {placement.pupil_id: placement for placement in placements}


def groups_for_user(user: User) -> QuerySet[NurtureGroup]:
    """Return the nurture groups of the user's school with how many pupils are in each today
    (`member_count`) and how many places are taken, future starters included (`places_taken`)."""
    today = timezone.localdate()
    return (
        NurtureGroup.objects.for_user(user)
        .annotate(member_count=Count("placements", filter=in_group_q(today, "placements__"), distinct=True),
                  joining_count=Count("placements", filter=joining_after_q(today, "placements__"), distinct=True))
        .prefetch_related(Prefetch("staff", queryset=User.objects.order_by("last_name")))
    )


def group_for_user_or_404(user: User, pk: int) -> NurtureGroup:
    """Return a nurture group of the user's school, or raise 404."""
    return get_object_or_404(groups_for_user(user).prefetch_related("sessions"), pk=pk)


def group_members(group: NurtureGroup, on: datetime.date | None = None) -> QuerySet[Placement]:
    """Return the placements of the pupils in the group on the day (today by default), with pupils and classes."""
    return (
        Placement.objects.in_group_on(on)
        .filter(group=group, school_id=group.school_id)
        .select_related("pupil", "pupil__school_class", "referral")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name")
    )


@dataclass
class GroupPlaces:
    """A group's places on a day: the pupils in it, the pupils joining later, and what is left."""

    group: NurtureGroup
    day: datetime.date
    members: list[Placement]
    joining: list[Placement]

    @property
    def capacity(self) -> int:
        return self.group.capacity

    @property
    def taken(self) -> int:
        """Places taken: every pupil in the group and every pupil promised a place from a later date."""
        return len(self.members) + len(self.joining)

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.taken >= self.capacity

    @property
    def is_over(self) -> bool:
        return self.taken > self.capacity


def places_taken_on(group: NurtureGroup, day: datetime.date | None = None) -> GroupPlaces:
    """Return the group's places on the day (today by default): members, future starters, places free."""
    day = day or timezone.localdate()
    placements = list(
        Placement.objects.holding_a_place_on(day).filter(group=group, school_id=group.school_id)
        .select_related("pupil", "pupil__school_class", "referral")
        .order_by("start_date", "pupil__legal_last_name", "pupil__legal_first_name")
    )
    members = [placement for placement in placements if placement.start_date <= day]
    joining = [placement for placement in placements if placement.start_date > day]
    members.sort(key=lambda placement: (placement.pupil.legal_last_name, placement.pupil.legal_first_name))
    return GroupPlaces(group=group, day=day, members=members, joining=joining)


def group_wait_list(group: NurtureGroup) -> list[Referral]:
    """Return the referrals wait-listed for the group, highest priority first."""
    return list(
        Referral.objects.filter(school_id=group.school_id, group=group).wait_listed()
        .select_related("pupil", "pupil__school_class")
    )


def classes_for_user(user: User) -> QuerySet[SchoolClass]:
    """Return the registration classes of the user's school with their teachers and pupil counts."""
    return (
        SchoolClass.objects.for_user(user)
        .annotate(pupil_count=Count("pupils"))
        .prefetch_related("teachers")
    )


def class_choices_for_user(user: User) -> QuerySet[SchoolClass]:
    """Return the registration classes of the user's school, for choosing one (no counts, no teachers)."""
    return SchoolClass.objects.for_user(user)


# Referrals -----------------------------------------------------------------------------------------


def referrals_for_user(user: User) -> QuerySet[Referral]:
    """Return the referrals the user may see: the whole school for the case team; a class teacher's own
    and their classes' pupils'; nobody else's."""
    referrals = (
        Referral.objects.for_user(user)
        .select_related("pupil", "pupil__school_class", "raised_by", "group")
    )
    if user.has_role(Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF):
        return referrals
    if user.has_role(Role.CLASS_TEACHER):
        return referrals.filter(Q(raised_by=user) | Q(pupil__school_class_id__in=user.taught_class_ids))
    return referrals.none()


def referral_for_user_or_404(user: User, pk: int) -> Referral:
    """Return a referral of the user's school, or raise 404 (the view then checks the role rule)."""
    referral = get_object_or_404(
        Referral.objects.for_user(user).select_related(
            "pupil", "pupil__school_class", "raised_by", "group", "school"
        ),
        pk=pk,
    )
    note_pupil_read(referral.pupil)
    return referral


def referral_timeline(referral: Referral) -> list[ReferralEvent]:
    """Return the referral's timeline, oldest first, with who did each thing."""
    return list(referral.events.select_related("actor"))


def parent_contacts(referral: Referral) -> list[ParentContact]:
    """Return the referral's contacts with parents and carers, oldest first."""
    return list(referral.parent_contacts.select_related("recorded_by"))


def referral_board(user: User, *, school_class=None, year_group=None, need: str = "") -> dict:
    """Return the open referrals by stage (each with school days waited and what it lacks) and the
    wait list of each group, for the SENCO's board."""
    today = timezone.localdate()
    referrals = referrals_for_user(user).open()
    if school_class is not None:
        referrals = referrals.filter(pupil__school_class=school_class)
    if year_group is not None:
        referrals = referrals.filter(pupil__year_group=year_group)
    if need:
        referrals = referrals.with_need(need)
    open_referrals = list(referrals.order_by("raised_at"))
    baselines = baseline_assessments([referral.pupil for referral in open_referrals])
    rows = [
        {"referral": referral, "days_waited": school_days_between(timezone.localtime(referral.raised_at).date(),
                                                                   today),
         "missing": referral.missing_evidence() + [
             item["label"].lower() for item in baselines[referral.pupil_id]["items"] if not item["done"]]}
        for referral in open_referrals
    ]
    stages = [
        {"stage": stage, "label": Referral.Stage(stage).label,
         "rows": [row for row in rows if row["referral"].stage == stage]}
        for stage in Referral.OPEN_STAGES
    ]
    waiting = [row for row in rows if row["referral"].outcome == Referral.Outcome.WAIT_LISTED]
    waiting.sort(key=lambda row: (row["referral"].wait_list_priority, row["referral"].raised_at))
    wait_lists = []
    for group in NurtureGroup.objects.for_user(user).order_by("name"):
        wait_lists.append({"group": group, "rows": [row for row in waiting if row["referral"].group_id == group.pk]})
    return {"stages": stages, "wait_lists": wait_lists, "count": len(rows)}


def referrals_of_pupil(user: User, pupil: Pupil) -> list[Referral]:
    """Return the pupil's referrals that the user may see, newest first."""
    return list(referrals_for_user(user).filter(pupil=pupil).order_by("-raised_at"))


def open_referral_of_pupil(user: User, pupil: Pupil) -> Referral | None:
    """Return the pupil's open referral (there is at most one), if the user may see it."""
    return referrals_for_user(user).open().filter(pupil=pupil).first()


def placements_with_history(pupil: Pupil) -> list[Placement]:
    """Return the pupil's placements, newest first, with their events and reviews loaded."""
    return list(
        pupil.placements.select_related("group", "referral").prefetch_related(
            Prefetch("events", queryset=PlacementEvent.objects.select_related("actor")),
            Prefetch("reviews", queryset=PlacementReview.objects.select_related("reviewed_by")),
        ).order_by("-start_date")
    )


def placement_for_user_or_404(user: User, pk: int) -> Placement:
    """Return a placement of the user's school, or raise 404."""
    placement = get_object_or_404(
        Placement.objects.for_user(user).select_related("pupil", "group"), pk=pk
    )
    note_pupil_read(placement.pupil)
    return placement


def notifications_for_user(user: User) -> QuerySet[Notification]:
    """Return the user's own notices, newest first."""
    return Notification.objects.filter(recipient=user, school_id=user.school_id)


# The pupil's assessments page, by the names the assessments app may give it (the first that exists wins).
ASSESSMENT_PAGES = ["assessments:whole-child", "assessments:pupil-assessments"]


def baseline_assessments(pupils: list[Pupil]) -> dict[int, dict]:
    """Return, per pupil id, what the referral shows of the baseline SDQ and Boxall Profile.

    The assessments app sits above this one, so it is never imported here. If settings name a function
    in REFERRAL_BASELINE_STATUS (dotted path, taking a list of pupils and returning, per pupil id, a list
    of {"label", "done", "url"}), its answer is shown; otherwise the referral says where they are kept,
    with a link to the pupil's page in Assessments (ASSESSMENT_PAGES) when it exists.
    """
    dotted = getattr(settings, "REFERRAL_BASELINE_STATUS", "")
    if dotted:
        items = import_string(dotted)(pupils)
        return {pupil.pk: {"items": items.get(pupil.pk, []), "url": None} for pupil in pupils}
    result = {}
    for pupil in pupils:
        url = None
        for name in ASSESSMENT_PAGES:
            try:
                url = reverse(name, kwargs={"pupil_pk": pupil.pk})
                break
            except NoReverseMatch:
                continue
        result[pupil.pk] = {"items": [], "url": url}
    return result
