"""Permission cases for targets, learning passports, 'My class' and the group's observations."""

from nurture.tests.matrix import CASE_TEAM, Case

TEAM_AND_TEACHER = CASE_TEAM | {"class_teacher"}
PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731
TARGET = lambda w: {"pupil_pk": w.pupil.pk, "pk": w.target.pk}  # noqa: E731
OTHER_TARGET = lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_target.pk}  # noqa: E731

CASES = [
    Case("targets:target-list", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("targets:target-list", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("targets:target-create", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("targets:target-detail", allowed=TEAM_AND_TEACHER, kwargs=TARGET, other_school_kwargs=OTHER_TARGET),
    Case("targets:target-detail", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk, "pk": w.other_class_target.pk},
         other_school_kwargs=OTHER_TARGET),
    Case("targets:target-edit", allowed=CASE_TEAM, kwargs=TARGET, other_school_kwargs=OTHER_TARGET),
    Case("targets:target-review", allowed=CASE_TEAM, kwargs=TARGET, other_school_kwargs=OTHER_TARGET),
    Case("targets:target-retire", allowed=CASE_TEAM, kwargs=TARGET, other_school_kwargs=OTHER_TARGET,
         method="post", ok_status=302),
    Case("targets:target-seen", allowed=TEAM_AND_TEACHER, kwargs=TARGET, other_school_kwargs=OTHER_TARGET,
         method="post", ok_status=302, data=lambda w: {f"seen-{w.target.pk}-rating": "2"}),
    Case("targets:passport", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("targets:passport", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("targets:passport-pdf", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("targets:passport-edit", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("targets:my-class", allowed=frozenset({"class_teacher"})),
    Case("targets:observation-log", allowed=CASE_TEAM, kwargs=lambda w: {"pk": w.group.pk},
         other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
]


def extend_world(world) -> None:
    from targets.tests.factories import TargetFactory

    world.extra["target"] = TargetFactory(pupil=world.pupil, owner=world.users["nurture_staff"],
                                          wording="I will say good morning to my teacher.")
    world.extra["other_class_target"] = TargetFactory(pupil=world.other_class_pupil,
                                                      owner=world.users["nurture_staff"])
    world.extra["other_school_target"] = TargetFactory(pupil=world.other_school_pupil,
                                                       owner=world.users["other_school_senco"])
