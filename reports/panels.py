"""What the reports app shows on dashboards (see nurture/panels.py)."""

from __future__ import annotations

from core.panels import Panel

from . import permissions
from .selectors import reports_for_user


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the latest ready reports for those who read them."""
    if role not in ("governor", "senior_leader", "senco") or not user.has_perm(permissions.VIEW_REPORTS):
        return []
    latest = list(reports_for_user(user).ready()[:3])
    return [Panel("reports/includes/dashboard_reports.html", {"reports": latest})]
