"""Permission cases for staff administration and new schools.

The school admin runs every member of staff; the SENCO the teachers and nurture staff (a member
holding only those roles); nobody else. Schools are created by a trust admin or the superuser,
neither of whom is a matrix persona: staff/tests/test_views.py covers them.
"""

from nurture.tests.matrix import Case

ADMIN_AND_SENCO = frozenset({"school_admin", "senco"})
ADMIN = frozenset({"school_admin"})
MEMBER = lambda w: {"pk": w.staff_member.pk}  # noqa: E731
SENIOR_MEMBER = lambda w: {"pk": w.staff_senior_member.pk}  # noqa: E731
OTHER_MEMBER = lambda w: {"pk": w.other_school_member.pk}  # noqa: E731
REASON = lambda w: {"reason": "Lost phone"}  # noqa: E731
CONFIRM = lambda w: {"confirm": "yes"}  # noqa: E731

CASES = [
    Case("staff:staff-list", allowed=ADMIN_AND_SENCO),
    Case("staff:staff-export", allowed=ADMIN_AND_SENCO),
    Case("staff:staff-invite", allowed=ADMIN_AND_SENCO),
    Case("staff:member-detail", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER),
    Case("staff:member-detail", allowed=ADMIN, kwargs=SENIOR_MEMBER, other_school_kwargs=OTHER_MEMBER,
         label="(a senior leader)"),
    Case("staff:member-edit", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER),
    Case("staff:member-edit", allowed=ADMIN, kwargs=SENIOR_MEMBER, other_school_kwargs=OTHER_MEMBER,
         label="(a senior leader)"),
    Case("staff:member-history", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER),
    Case("staff:member-history", allowed=ADMIN, kwargs=SENIOR_MEMBER, other_school_kwargs=OTHER_MEMBER,
         label="(a senior leader)"),
    Case("staff:member-leaver", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER,
         method="post", data=CONFIRM, ok_status=302),
    Case("staff:member-leaver", allowed=ADMIN, kwargs=SENIOR_MEMBER, other_school_kwargs=OTHER_MEMBER,
         method="post", data=CONFIRM, ok_status=302, label="(a senior leader)"),
    Case("staff:member-two-factor-reset", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER,
         method="post", data=REASON, ok_status=302),
    Case("staff:member-unlock", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER,
         method="post", ok_status=302),
    Case("staff:member-resend", allowed=ADMIN_AND_SENCO, kwargs=MEMBER, other_school_kwargs=OTHER_MEMBER,
         method="post", ok_status=302),
    Case("staff:school-list", allowed=frozenset()),
    Case("staff:school-create", allowed=frozenset()),
]


def extend_world(world) -> None:
    from core.models import Role
    from pupils.tests.factories import UserFactory

    world.extra["staff_member"] = UserFactory(school=world.school, username="tess_member", first_name="Tess",
                                              last_name="Member", roles=[Role.CLASS_TEACHER])
    world.extra["staff_senior_member"] = UserFactory(school=world.school, username="sam_senior", first_name="Sam",
                                                     last_name="Senior", roles=[Role.SENIOR_LEADER])
    world.extra["other_school_member"] = UserFactory(school=world.other_school, username="far_member",
                                                     roles=[Role.CLASS_TEACHER])
