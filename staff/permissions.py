"""Who may run the school's staff: the school admin for everyone, the SENCO for the roles under them.

A trust admin (or the superuser) creates a school and its first school admin. Nobody gives
themselves a role; those rules are the services' (they need the roles before and after).
"""

from __future__ import annotations

import rules

from core.models import Role, User
from core.permissions import is_same_school, is_school_admin, is_senco, is_trust_admin

VIEW_STAFF = "staff.view_staff"
INVITE_STAFF = "staff.invite_staff"
MANAGE_MEMBER = "staff.manage_member"
CREATE_SCHOOL = "staff.create_school"

# The roles a school's own people hold (the trust admin is given by the trust, not the school).
SCHOOL_ROLES = (Role.SENCO, Role.NURTURE_STAFF, Role.CLASS_TEACHER, Role.SENIOR_LEADER, Role.GOVERNOR,
                Role.SCHOOL_ADMIN)
# The roles the SENCO leads: the nurture staff and the class teachers who refer to the group.
SENCO_GRANTS = (Role.NURTURE_STAFF, Role.CLASS_TEACHER)


def grantable_roles(user: User) -> frozenset[str]:
    """Return the roles this user may give or take away."""
    if user.is_superuser or user.has_role(Role.SCHOOL_ADMIN, Role.TRUST_ADMIN):
        return frozenset(SCHOOL_ROLES)
    if user.has_role(Role.SENCO):
        return frozenset(SENCO_GRANTS)
    return frozenset()


def held_roles(member: User) -> frozenset[str]:
    """Return every role the member holds, active or not (reads a prefetched `staff_roles` if there is one)."""
    return frozenset(staff_role.role for staff_role in member.staff_roles.all())


@rules.predicate
def within_reach(user, member) -> bool:
    """The member holds only roles the user may give (a SENCO manages teachers and nurture staff)."""
    return held_roles(member) <= grantable_roles(user)


rules.add_perm(VIEW_STAFF, is_school_admin | is_senco)
rules.add_perm(INVITE_STAFF, is_school_admin | is_senco)
# A trust admin is out of a school admin's reach: the trust gives and takes that role.
rules.add_perm(MANAGE_MEMBER, is_same_school & (is_school_admin | is_senco) & within_reach)
rules.add_perm(CREATE_SCHOOL, is_trust_admin)  # and the superuser, who passes every rule
