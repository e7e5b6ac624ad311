"""What the assessments app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from nurture.panels import Panel
from pupils.models import NurtureGroup, Placement, Role

from . import permissions
from .schedule import due_assessments
from .selectors import boxall_settings_for_school, case_summary


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the assessments due and overdue: the nurture staff's own groups, the whole school for the SENCO."""
    if role not in (Role.SENCO, Role.NURTURE_STAFF) or not user.has_perm(permissions.VIEW_ASSESSMENTS_DUE):
        return []
    placements = Placement.objects.filter(school_id=user.school_id)
    groups = NurtureGroup.objects.filter(school_id=user.school_id).order_by("name")
    if role == Role.NURTURE_STAFF:
        placements = placements.filter(group__staff=user)
        groups = groups.filter(staff=user)
    due = due_assessments(placements, timezone.localdate())
    context = {
        "items": [
            {"due": item, "whole_child_url": reverse("assessments:whole-child", args=[item.placement.pupil_id])}
            for item in due
        ],
        "overdue_count": sum(1 for item in due if item.overdue),
        "groups": [(group.name, reverse("assessments:group-assessments", args=[group.pk])) for group in groups],
    }
    if role == Role.SENCO:
        context.update(
            settings_url=reverse("assessments:boxall-settings"),
            import_url=reverse("assessments:attendance-import"),
            settings_is_default=boxall_settings_for_school(user.school_id).is_default,
        )
    return [Panel("assessments/includes/due_panel.html", context)]


def case_sections(user, pupil) -> list[Panel]:
    """Return a short summary of the pupil's assessments with a link to the whole-child page."""
    if not user.has_perm(permissions.VIEW_ASSESSMENTS, pupil):
        return []
    context = {**case_summary(pupil), "url": reverse("assessments:whole-child", args=[pupil.pk])}
    return [Panel("assessments/includes/case_section.html", context)]
