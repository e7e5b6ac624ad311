"""What the targets app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from nurture.panels import Panel


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return this app's panels for the role's dashboard."""
    return []


def case_sections(user, pupil) -> list[Panel]:
    """Return this app's sections of the pupil's case page, as far as the user may see them."""
    return []
