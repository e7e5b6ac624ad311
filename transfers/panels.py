"""The transfer and received-record lines of a pupil's case page."""

from __future__ import annotations

from core.panels import Panel

from . import permissions
from .selectors import received_of_pupil


def case_sections(user, pupil) -> list[Panel]:
    received = received_of_pupil(pupil) if user.has_perm(permissions.VIEW_RECEIVED, pupil) else []
    may_transfer = user.has_perm(permissions.TRANSFER_RECORD, pupil)
    if not (received or may_transfer):
        return []
    return [Panel("transfers/includes/case_section.html", {"pupil": pupil, "received": received,
                                                             "may_transfer": may_transfer})]
