"""Who may do what: every permission in the product is named and defined here, in one place.

Rules are django-rules predicates checked through ``user.has_perm(PERMISSION, obj)``. Tenancy
(a record of another school) is enforced by the scoped selectors, which answer 404; the
predicates below repeat the school check so that a permission can never be granted across schools.
"""

from __future__ import annotations

import rules

from core.models import Role

# Permission names, used by views, templates' flags and tests.
VIEW_SCHOOL_DASHBOARD = "nurture.view_dashboard"
VIEW_PUPIL_LIST = "pupils.view_pupil_list"
VIEW_PUPIL = "pupils.view_pupil"
VIEW_CASE = "pupils.view_case"
CHANGE_PUPIL = "pupils.change_pupil"
VIEW_AUDIT = "pupils.view_audit"
IMPORT_PUPILS = "pupils.import_pupils"
VIEW_GROUP_LIST = "pupils.view_group_list"
VIEW_GROUP = "pupils.view_group"
MANAGE_GROUP = "pupils.manage_group"
VIEW_AGGREGATES = "nurture.view_aggregates"


def _has(*roles: str) -> rules.Predicate:
    name = "has_" + "_or_".join(roles)

    @rules.predicate(name=name)
    def check(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)

    return check


is_senco = _has(Role.SENCO)
is_senior_leader = _has(Role.SENIOR_LEADER)
is_nurture_staff = _has(Role.NURTURE_STAFF)
is_class_teacher = _has(Role.CLASS_TEACHER)
is_governor = _has(Role.GOVERNOR)
is_school_admin = _has(Role.SCHOOL_ADMIN)
is_trust_admin = _has(Role.TRUST_ADMIN)

# The people who run the nurture provision and see every case in their school.
is_case_team = is_senco | is_senior_leader | is_nurture_staff


@rules.predicate
def is_same_school(user, record) -> bool:
    """The record (or, for a pupil-owned record, its pupil) belongs to the user's school."""
    school_id = getattr(record, "school_id", None)
    return school_id is not None and school_id == getattr(user, "school_id", None)


@rules.predicate
def teaches_pupil(user, pupil) -> bool:
    """The user is a class teacher of the pupil's registration class."""
    pupil = getattr(pupil, "pupil", pupil)
    return pupil.school_class_id is not None and pupil.school_class_id in user.taught_class_ids


@rules.predicate
def staffs_group(user, group) -> bool:
    return group.staff.filter(pk=user.pk).exists()


rules.add_perm(VIEW_SCHOOL_DASHBOARD, rules.is_authenticated)
rules.add_perm(VIEW_PUPIL_LIST, is_case_team | is_class_teacher | is_school_admin)
rules.add_perm(VIEW_PUPIL, is_same_school & (is_case_team | is_school_admin | (is_class_teacher & teaches_pupil)))
rules.add_perm(VIEW_CASE, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(CHANGE_PUPIL, is_same_school & (is_senco | is_school_admin))
rules.add_perm(VIEW_AUDIT, is_same_school & (is_senco | is_senior_leader))
rules.add_perm(IMPORT_PUPILS, is_school_admin)
rules.add_perm(VIEW_GROUP_LIST, is_case_team)
rules.add_perm(VIEW_GROUP, is_same_school & is_case_team)
# The school admin sets the group up (name, places, staff, sessions) on a new install; the SENCO runs it.
rules.add_perm(MANAGE_GROUP, is_same_school & (is_senco | is_school_admin))
rules.add_perm(VIEW_AGGREGATES, is_senco | is_senior_leader | is_governor)
