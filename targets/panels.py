"""What the targets app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from django.utils import timezone

from core.exports import Table
from core.panels import Panel
from core.terms import Term
from pupils.models import Role
from pupils.selectors import groups_for_user

from . import permissions
from .dose import group_dose, pupil_doses
from .selectors import (
    active_targets_by_pupil,
    needs_academic_target,
    overdue_reviews,
    placed_pupils_missing_academic_target,
)


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return overdue reviews and pupils without an academic target (case team); 'My class' (class teachers)."""
    panels = []
    own_groups = None  # the SENCO and senior leaders see the whole school; nurture staff their own groups
    if role == Role.NURTURE_STAFF:
        own_groups = list(groups_for_user(user).filter(staff=user))
        panels.append(Panel("targets/includes/dashboard_observe.html", {"groups": own_groups}))
    if role in (Role.NURTURE_STAFF, Role.SENCO):
        overdue = overdue_reviews(user, groups=own_groups)
        panels.append(Panel("targets/includes/dashboard_overdue.html",
                            {"targets": overdue, "today": timezone.localdate()},
                            export_key="overdue-targets", export=lambda: overdue_table(overdue)))
    if role in (Role.NURTURE_STAFF, Role.SENCO, Role.SENIOR_LEADER):
        pupils = placed_pupils_missing_academic_target(user, groups=own_groups)
        if pupils:
            panels.append(Panel("targets/includes/dashboard_academic.html", {"pupils": pupils}))
    if role == Role.CLASS_TEACHER and user.has_perm(permissions.VIEW_MY_CLASS):
        panels.append(Panel("targets/includes/dashboard_my_class.html", {}))
    return panels


def overdue_table(targets) -> Table:
    """Return the overdue target reviews as the panel lists them."""
    return Table("Target reviews overdue", ["Pupil", "Target", "Review was due", "Owner"],
                 [[target.pupil.full_name, target.current_version.wording, target.review_date, str(target.owner or "")]
                  for target in targets], pupil_ids=[target.pupil_id for target in targets])


def case_sections(user, pupil) -> list[Panel]:
    """Return the pupil's active targets with links to all targets and the passport, for those who may see them."""
    if not user.has_perm(permissions.VIEW_TARGETS, pupil):
        return []
    return [Panel("targets/includes/case_section.html", {
        "pupil": pupil,
        "targets": active_targets_by_pupil([pupil.pk])[pupil.pk],
        "missing_academic": needs_academic_target(pupil),
        "can_edit": user.has_perm(permissions.CHANGE_TARGETS, pupil),
    })]


def dose_sections(user, pupil) -> list[Panel]:
    """Return the sessions the pupil was due, held and attended, this term and since joining."""
    if not user.has_perm(permissions.VIEW_TARGETS, pupil):
        return []
    term = Term.for_date(timezone.localdate())
    since_joining, this_term = pupil_doses(pupil, [(None, None), (term.start, None)])
    if not since_joining.planned:
        return []
    return [Panel("targets/includes/dose_section.html", {
        "term": term, "this_term": this_term, "since_joining": since_joining,
    })]


def group_sections(user, group) -> list[Panel]:
    """Return the group's sessions held against planned this term, and its pupils' attendance at them."""
    term = Term.for_date(timezone.localdate())
    return [Panel("targets/includes/group_dose.html", {"term": term, "dose": group_dose(group, start=term.start)})]
