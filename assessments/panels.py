"""What the assessments app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from core.exports import Table
from core.panels import Panel
from pupils.models import NurtureGroup, Placement, Role

from . import permissions
from .schedule import due_assessments
from .selectors import boxall_settings_for_school, case_summary


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the assessments due and overdue: the nurture staff's own groups, the whole school for the SENCO."""
    if role not in (Role.SENCO, Role.NURTURE_STAFF) or not user.has_perm(permissions.VIEW_ASSESSMENTS_DUE):
        return []
    placements = Placement.objects.for_user(user)
    groups = NurtureGroup.objects.for_user(user).order_by("name")
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
            referral_baselines=referral_baselines_due(user),
            settings_url=reverse("assessments:boxall-settings"),
            import_url=reverse("assessments:attendance-import"),
            settings_is_default=boxall_settings_for_school(user.school_id).is_default,
        )
    return [Panel("assessments/includes/due_panel.html", context, export_key="assessments-due",
                  export=lambda: due_table(due))]


def due_table(due) -> Table:
    """Return the assessments due as the panel lists them, overdue first."""
    return Table("Assessments due", ["Pupil", "Group", "Assessment", "Purpose", "Due", "Overdue"],
                 [[item.pupil.full_name, item.placement.group.name, item.instrument_label, item.purpose_label,
                   item.due_on, "Yes" if item.overdue else "No"] for item in due],
                 pupil_ids=[item.placement.pupil_id for item in due])


def referral_baselines_due(user) -> list[dict]:
    """Return the open referrals whose pupil has no baseline SDQ or Boxall yet: baselines are due at referral.

    A referral raised more than four weeks ago without them is overdue (the panel needs the baseline).
    """
    from pupils.models import Referral

    from .selectors import referral_baseline_status

    referrals = list(Referral.objects.for_user(user).open().select_related("pupil")
                     .order_by("raised_at"))
    status = referral_baseline_status([referral.pupil for referral in referrals])
    overdue_from = timezone.now() - datetime.timedelta(weeks=4)
    rows = []
    for referral in referrals:
        missing = [item for item in status[referral.pupil_id] if not item["done"]]
        if missing:
            rows.append({"referral": referral, "missing": missing, "overdue": referral.raised_at < overdue_from})
    return rows


def case_sections(user, pupil) -> list[Panel]:
    """Return a short summary of the pupil's assessments with a link to the whole-child page."""
    if not user.has_perm(permissions.VIEW_ASSESSMENTS, pupil):
        return []
    context = {**case_summary(pupil), "url": reverse("assessments:whole-child", args=[pupil.pk])}
    return [Panel("assessments/includes/case_section.html", context)]
