"""What the pupils app shows on dashboards and on a pupil's case page (see nurture/panels.py)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from core import permissions as base_permissions
from core.panels import Panel

from . import permissions
from .models import Placement, Referral, Role
from .selectors import notifications_for_user, placements_with_history, referrals_for_user, referrals_of_pupil

NOTICE_ROLES = {Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF, Role.CLASS_TEACHER}


def _notices_panel(user) -> Panel:
    notices = notifications_for_user(user)
    unread = list(notices.unread()[:6])  # counted only when there are more than the panel shows
    return Panel("pupils/includes/notices_panel.html", {
        "unread": unread[:5], "unread_count": len(unread) if len(unread) <= 5 else notices.unread().count(),
        "url": reverse("pupils:notice-list"),
    })


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the notices and the referrals panel for the role's dashboard."""
    if role not in NOTICE_ROLES:
        return []
    panels = [_notices_panel(user)]
    if role in (Role.SENCO, Role.SENIOR_LEADER, Role.NURTURE_STAFF):
        counts = dict(referrals_for_user(user).open().values_list("stage").annotate(n=Count("pk")).order_by())
        wait_listed = counts.pop(Referral.Stage.DECIDED, 0)
        stages = [(Referral.Stage(stage).label, counts.get(stage, 0)) for stage in Referral.OPEN_STAGES]
        panels.append(Panel("pupils/includes/referrals_summary.html", {
            "stages": stages, "wait_listed": wait_listed, "board_url": reverse("pupils:referral-board"),
        }))
    elif role == Role.CLASS_TEACHER:
        referrals = list(referrals_for_user(user).order_by("-raised_at")[:10])
        panels.append(Panel("pupils/includes/my_referrals.html", {"referrals": referrals}))
    return panels


def case_sections(user, pupil) -> list[Panel]:
    """Return the pupil's referrals and nurture group placements (with their history), for those who may see them."""
    sections = []
    may_raise = user.has_perm(permissions.RAISE_REFERRAL, pupil)
    referrals = referrals_of_pupil(user, pupil)
    if referrals or may_raise:
        sections.append(Panel("pupils/includes/referrals_section.html", {
            "referrals": referrals,
            # "Raise a concern" is not offered while a referral is open: a concern is added to that one.
            "raise_url": (reverse("pupils:referral-create", args=[pupil.pk])
                          if may_raise and not any(referral.is_open for referral in referrals) else None),
        }))
    if user.has_perm(base_permissions.VIEW_CASE, pupil):
        placements = placements_with_history(pupil)
        can_manage = user.has_perm(permissions.MANAGE_PLACEMENT, pupil)
        rows = [
            {"placement": placement, "events": list(placement.events.all()), "reviews": list(placement.reviews.all()),
             "can_manage": can_manage and placement.status == Placement.Status.ACTIVE}
            for placement in placements
        ]
        sections.append(Panel("pupils/includes/placements_section.html", {"placements": rows}))
    return sections
