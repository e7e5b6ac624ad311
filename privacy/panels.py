"""What the privacy app adds to a pupil's case page: the SENCO's subject access export link."""

from __future__ import annotations

from django.urls import reverse

from core.panels import Panel

from . import permissions


def dashboard_panels(user, role: str) -> list[Panel]:
    return []


def case_sections(user, pupil) -> list[Panel]:
    """Return the subject access link, for those who may export the pupil's record."""
    if not user.has_perm(permissions.EXPORT_PUPIL, pupil):
        return []
    return [Panel("privacy/includes/subject_access_section.html",
                  {"url": reverse("privacy:pupil-export", args=[pupil.pk])})]
