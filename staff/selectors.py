"""Reads of the school's staff, always scoped to the signed-in user's school."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.audit import AuditRow, audit_rows
from core.models import Role, School, User
from pupils.models import NurtureGroup, PupilImport, SchoolClass


def staff_for_user(user: User, *, text: str = "", leavers: bool = False) -> QuerySet[User]:
    """Return the staff of the user's school (current staff, or leavers) with their roles and classes."""
    staff = (
        User.objects.filter(school_id=user.school_id, is_active=not leavers)
        .prefetch_related("staff_roles", Prefetch("classes_taught", queryset=SchoolClass.objects.order_by("name")))
        .order_by("last_name", "first_name", "pk")
    )
    if user.school_id is None:
        return staff.none()
    for word in text.split():
        staff = staff.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                             | Q(email__icontains=word) | Q(username__icontains=word) | Q(job_title__icontains=word))
    return staff


def member_for_user_or_404(user: User, pk: int) -> User:
    """Return a member of staff of the user's school, or raise 404 (another school's too)."""
    if user.school_id is None:
        raise Http404("No such member of staff.")
    members = (User.objects.filter(school_id=user.school_id)
               .prefetch_related("staff_roles", "classes_taught", "nurture_groups").select_related("school"))
    return get_object_or_404(members, pk=pk)


def locked_out_usernames(usernames) -> set[str]:
    """Return the usernames django-axes has locked out now (too many wrong passwords)."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return set(AccessAttempt.objects.filter(
        username__in=list(usernames), failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since,
    ).values_list("username", flat=True))


def member_history(member: User) -> list[AuditRow]:
    """Return every audit entry about the member's account, newest first, ready to show."""
    entries = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=member.pk)
        .select_related("actor", "content_type").order_by("-timestamp", "-pk")[:200]
    )
    return audit_rows(entries)


def school_classes(user: User) -> QuerySet[SchoolClass]:
    """Return the classes of the user's school, for choosing the classes a teacher teaches."""
    return SchoolClass.objects.for_user(user).order_by("year_group", "name")


def schools_for_user(user: User) -> QuerySet[School]:
    """Return the schools the user may see as a trust admin: every one for the superuser, else their trust's."""
    schools = School.objects.select_related("trust").order_by("name")
    if user.is_superuser:
        return schools
    if user.has_role(Role.TRUST_ADMIN) and user.trust_id:
        return schools.filter(trust_id=user.trust_id)
    return schools.none()


# The first-run checklist ----------------------------------------------------------------------------


@dataclass
class ChecklistStep:
    label: str
    done: bool
    url_name: str
    who: str  # the role that does it, named for the reader who may not
    detail: str = ""
    url: str = ""  # set when the reader may do the step themselves


def first_run_checklist(user: User) -> list[ChecklistStep]:
    """Return the school's first-run steps, each ticked from the records it leaves, linked where the user may act."""
    school = user.school
    from assessments.models import BoxallSettings
    from privacy.models import SchoolPrivacySettings

    imported = PupilImport.objects.for_school(school).filter(status=PupilImport.Status.APPLIED).exists()
    groups = NurtureGroup.objects.for_school(school).count()
    staff_roles = set(User.objects.filter(school=school, is_active=True)
                      .values_list("staff_roles__role", flat=True))
    staff_count = User.objects.filter(school=school, is_active=True).count()
    privacy_chosen = SchoolPrivacySettings.objects.filter(school=school).exists()
    boxall = BoxallSettings.objects.filter(school=school).values_list("is_default", flat=True).first()
    steps = [
        ChecklistStep("Import pupils and classes from your MIS", imported, "pupils:import-upload", "school admin"),
        ChecklistStep("Create the nurture group", groups > 0, "pupils:group-create", "school admin or SENCO",
                      detail=f"{groups} group{'s' if groups != 1 else ''}" if groups else ""),
        ChecklistStep("Invite your staff (at least the SENCO)", Role.SENCO in staff_roles and staff_count > 1,
                      "staff:staff-invite", "school admin",
                      detail=f"{staff_count} member{'s' if staff_count != 1 else ''} of staff"),
        ChecklistStep("Choose privacy and retention settings", privacy_chosen, "privacy:settings", "school admin"),
        ChecklistStep("Enter the Boxall map and ranges from your licensed handbook", boxall is False,
                      "assessments:boxall-settings", "SENCO"),
    ]
    may = {
        "pupils:import-upload": user.has_perm("pupils.import_pupils"),
        "pupils:group-create": user.has_perm("pupils.manage_group", NurtureGroup(school_id=school.pk)),
        "staff:staff-invite": user.has_perm("staff.invite_staff"),
        "privacy:settings": user.has_perm("privacy.manage_settings"),
        "assessments:boxall-settings": user.has_perm("assessments.change_boxall_settings"),
    }
    for step in steps:
        if may[step.url_name]:
            step.url = reverse(step.url_name)
    return steps
