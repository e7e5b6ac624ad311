"""What the reintegration app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from core.panels import Panel
from pupils.models import Role

from . import permissions
from .selectors import (
    current_placement,
    dashboard_summary,
    is_ready,
    latest_readiness_by_pupil,
    plan_for_pupil,
    readiness_settings_for_school,
    with_judgements,
)


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return pupils ready to start the return and readiness assessments due (SENCO, nurture staff), and
    follow-ups of former pupils due (SENCO)."""
    if role not in (Role.SENCO, Role.NURTURE_STAFF) or not user.has_perm(permissions.VIEW_COHORT):
        return []
    context = dashboard_summary(user, with_follow_ups=role == Role.SENCO)
    context["can_manage_scale"] = user.has_perm(permissions.MANAGE_SCALE)
    return [Panel("reintegration/includes/dashboard_ready.html", context)]


def case_sections(user, pupil) -> list[Panel]:
    """Return the pupil's latest readiness score, whether they are ready, and the plan, for those who may see them."""
    if not user.has_perm(permissions.VIEW_REINTEGRATION, pupil):
        return []
    settings_row = readiness_settings_for_school(pupil.school_id)
    threshold = settings_row.threshold
    latest = latest_readiness_by_pupil(pupil.school_id, [pupil.pk]).get(pupil.pk)
    if latest is not None:
        with_judgements([latest], settings_row)
    placement = current_placement(pupil)
    return [Panel("reintegration/includes/case_section.html", {
        "pupil": pupil,
        "latest": latest,
        "threshold": threshold,
        "ready": placement is not None and is_ready(latest, threshold, settings_row.min_coverage),
        "min_coverage": settings_row.min_coverage,
        "plan": plan_for_pupil(pupil) if placement is not None else None,
    })]
