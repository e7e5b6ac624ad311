"""What the pupils app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from nurture import permissions
from nurture.panels import Panel


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return this app's panels for the role's dashboard."""
    return []


def case_sections(user, pupil) -> list[Panel]:
    """Return the pupil's nurture group placements, for those who may see the case."""
    if not user.has_perm(permissions.VIEW_CASE, pupil):
        return []
    placements = list(pupil.placements.select_related("group").order_by("-start_date"))
    return [Panel("pupils/includes/placements_section.html", {"placements": placements})]
