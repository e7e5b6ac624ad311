"""Reads of pupils, classes and groups, always scoped to what the signed-in user may see."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import NurtureGroup, Placement, Pupil, Role, SchoolClass, User


def school_pupils(user: User) -> QuerySet[Pupil]:
    """Return every pupil of the user's school (the tenancy filter; roles are checked by the view)."""
    return Pupil.objects.filter(school_id=user.school_id)


def pupils_for_user(user: User) -> QuerySet[Pupil]:
    """Return the pupils the user may list: the whole school for the case team, a class teacher's own classes."""
    pupils = school_pupils(user).select_related("school_class")
    if user.has_role(Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF, Role.SCHOOL_ADMIN):
        return pupils
    if user.has_role(Role.CLASS_TEACHER):
        return pupils.filter(school_class_id__in=user.taught_class_ids)
    return pupils.none()


def pupil_for_user_or_404(user: User, pk: int) -> Pupil:
    """Return a pupil of the user's school, or raise 404 (for another school's pupil too)."""
    return get_object_or_404(school_pupils(user).select_related("school_class", "school"), pk=pk)


def current_placement_by_pupil(pupil_ids) -> dict[int, Placement]:
    """Return each pupil's current placement (with its group), keyed by pupil id."""
    placements = Placement.objects.current().filter(pupil_id__in=pupil_ids).select_related("group")
    return {placement.pupil_id: placement for placement in placements}


def groups_for_user(user: User) -> QuerySet[NurtureGroup]:
    """Return the nurture groups of the user's school with their current member count."""
    today = timezone.localdate()
    current = Q(placements__start_date__lte=today) & (
        Q(placements__end_date__isnull=True) | Q(placements__end_date__gte=today)
    )
    return (
        NurtureGroup.objects.filter(school_id=user.school_id)
        .annotate(member_count=Count("placements", filter=current, distinct=True))
        .prefetch_related(Prefetch("staff", queryset=User.objects.order_by("last_name")))
    )


def group_for_user_or_404(user: User, pk: int) -> NurtureGroup:
    """Return a nurture group of the user's school, or raise 404."""
    return get_object_or_404(groups_for_user(user).prefetch_related("sessions"), pk=pk)


def group_members(group: NurtureGroup) -> QuerySet[Placement]:
    """Return the group's current placements with their pupils and classes."""
    return (
        Placement.objects.current()
        .filter(group=group)
        .select_related("pupil", "pupil__school_class")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name")
    )


def classes_for_user(user: User) -> QuerySet[SchoolClass]:
    """Return the registration classes of the user's school with their teachers and pupil counts."""
    return (
        SchoolClass.objects.filter(school_id=user.school_id)
        .annotate(pupil_count=Count("pupils"))
        .prefetch_related("teachers")
    )


def class_choices_for_user(user: User) -> QuerySet[SchoolClass]:
    """Return the registration classes of the user's school, for choosing one (no counts, no teachers)."""
    return SchoolClass.objects.filter(school_id=user.school_id)
