"""What case notes and meetings show on dashboards (your open actions) and on a pupil's case page."""

from __future__ import annotations

from core.panels import Panel

from . import permissions
from .selectors import case_summary, open_actions_for_owner


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the user's open actions from meetings (any role that can own one), until they are done."""
    actions = open_actions_for_owner(user)
    if not actions:
        return []
    return [Panel("casework/includes/dashboard_actions.html", {"actions": actions})]


def case_sections(user, pupil) -> list[Panel]:
    """Return the latest notes and meetings the user may read, with links to the whole record."""
    if not user.has_perm(permissions.VIEW_CASEWORK, pupil):
        return []
    return [Panel("casework/includes/case_section.html", {
        "pupil": pupil, "lines": case_summary(user, pupil),
        "can_add": user.has_perm(permissions.ADD_CASEWORK, pupil),
    })]
