"""What each role sees when it signs in: one function per role returns its dashboard's context.

Later parts of the product (referrals, assessments, targets, reintegration, reports) add their
panels here, because this is the one module allowed to read from every app.
"""

from __future__ import annotations

from django.db.models import Count, Q

from pupils.models import Pupil, PupilImport, Role, SenStatus, User
from pupils.selectors import classes_for_user, current_placement_by_pupil, group_members, groups_for_user
from staff.selectors import first_run_checklist, schools_for_user


def _school_figures(user: User) -> dict:
    return Pupil.objects.for_user(user).on_roll().aggregate(
        on_roll=Count("pk"),
        sen_support=Count("pk", filter=Q(sen_status=SenStatus.SEN_SUPPORT)),
        ehc_plan=Count("pk", filter=Q(sen_status=SenStatus.EHC_PLAN)),
        pupil_premium=Count("pk", filter=Q(pupil_premium=True)),
    )


def _groups_with_members(groups) -> list[dict]:
    return [{"group": group, "members": list(group_members(group))} for group in groups]


def senco_dashboard(user: User) -> dict:
    groups = list(groups_for_user(user))
    return {"groups": groups, "figures": _school_figures(user)}


def senior_leader_dashboard(user: User) -> dict:
    return {"groups": list(groups_for_user(user)), "figures": _school_figures(user)}


def nurture_staff_dashboard(user: User) -> dict:
    groups = groups_for_user(user).filter(staff=user)
    return {"group_panels": _groups_with_members(groups)}


def class_teacher_dashboard(user: User) -> dict:
    classes = list(classes_for_user(user).filter(teachers=user))
    pupils = list(Pupil.objects.filter(school_class__in=classes).on_roll().select_related("school_class"))
    placements = current_placement_by_pupil([pupil.pk for pupil in pupils])
    in_group = [(pupil, placements[pupil.pk]) for pupil in pupils if pupil.pk in placements]
    return {"classes": classes, "pupils_in_group": in_group}


def school_admin_dashboard(user: User) -> dict:
    return {
        "figures": _school_figures(user),
        "class_count": classes_for_user(user).count(),
        "recent_imports": PupilImport.objects.for_user(user).select_related("uploaded_by")[:5],
        "checklist": first_run_checklist(user),
    }


def trust_admin_dashboard(user: User) -> dict:
    return {"schools": list(schools_for_user(user))}


def governor_dashboard(user: User) -> dict:
    """Aggregates only: a governor never sees a child's name."""
    groups = list(groups_for_user(user))
    return {
        "group_figures": [
            {"name": group.name, "capacity": group.capacity, "members": group.member_count} for group in groups
        ],
        "figures": _school_figures(user),
    }


DASHBOARDS = {
    Role.SENCO: senco_dashboard,
    Role.SENIOR_LEADER: senior_leader_dashboard,
    Role.NURTURE_STAFF: nurture_staff_dashboard,
    Role.CLASS_TEACHER: class_teacher_dashboard,
    Role.SCHOOL_ADMIN: school_admin_dashboard,
    Role.GOVERNOR: governor_dashboard,
    Role.TRUST_ADMIN: trust_admin_dashboard,
}
