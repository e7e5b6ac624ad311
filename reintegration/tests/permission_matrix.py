"""Permission cases for readiness, transition plans, graduation, follow-ups, the cohort and the scale."""

from nurture.tests.matrix import CASE_TEAM, Case

TEAM_AND_TEACHER = CASE_TEAM | {"class_teacher"}
SENCO = frozenset({"senco"})
PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
OTHER_CLASS_PUPIL = lambda w: {"pupil_pk": w.other_class_pupil.pk}  # noqa: E731
OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731
ASSESSMENT = lambda w: {"pupil_pk": w.pupil.pk, "pk": w.readiness.pk}  # noqa: E731
OTHER_ASSESSMENT = lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_readiness.pk}  # noqa: E731
FOLLOW_UP = lambda w: {"pupil_pk": w.former_pupil.pk, "pk": w.graduation.pk}  # noqa: E731
OTHER_FOLLOW_UP = lambda w: {"pupil_pk": w.other_school_graduation.pupil_id,  # noqa: E731
                             "pk": w.other_school_graduation.pk}
CRITERION = lambda w: {"pk": w.criterion.pk}  # noqa: E731
OTHER_CRITERION = lambda w: {"pk": w.other_school_criterion.pk}  # noqa: E731

CASES = [
    Case("reintegration:pupil-reintegration", allowed=TEAM_AND_TEACHER, kwargs=PUPIL,
         other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:pupil-reintegration", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=OTHER_CLASS_PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:pupil-reintegration", allowed=TEAM_AND_TEACHER, label="(former pupil)",
         kwargs=lambda w: {"pupil_pk": w.former_pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:readiness-create", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:readiness-create", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=OTHER_CLASS_PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:readiness-detail", allowed=TEAM_AND_TEACHER, kwargs=ASSESSMENT,
         other_school_kwargs=OTHER_ASSESSMENT),
    Case("reintegration:plan-detail", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:plan-start", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", ok_status=302),
    Case("reintegration:plan-edit", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:plan-status", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", ok_status=302, data=lambda w: {"status": "active"}),
    Case("reintegration:graduate", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("reintegration:follow-up-create", allowed=CASE_TEAM, kwargs=FOLLOW_UP, other_school_kwargs=OTHER_FOLLOW_UP),
    Case("reintegration:due", allowed=CASE_TEAM),
    Case("reintegration:due", allowed=CASE_TEAM, query="?export=csv", label="export"),
    Case("reintegration:cohort", allowed=CASE_TEAM),
    Case("reintegration:cohort", allowed=CASE_TEAM, query="?export=csv", label="export"),
    Case("reintegration:scale", allowed=SENCO),
    Case("reintegration:scale", allowed=SENCO, method="post", ok_status=302, label="(threshold)",
         data=lambda w: {"action": "settings", "settings-threshold": "75", "settings-follow_up_terms": "3"}),
    Case("reintegration:criterion-edit", allowed=SENCO, kwargs=CRITERION, other_school_kwargs=OTHER_CRITERION),
    Case("reintegration:criterion-retire", allowed=SENCO, kwargs=CRITERION, other_school_kwargs=OTHER_CRITERION,
         method="post", ok_status=302),
]


def extend_world(world) -> None:
    from pupils.tests.factories import PupilFactory
    from reintegration.models import ReadinessCriterion
    from reintegration.services import plan_start, scale_ensure_default

    from .factories import FollowUpFactory, GraduationFactory, ReadinessAssessmentFactory

    senco, other_senco = world.users["senco"], world.users["other_school_senco"]
    for school in (world.school, world.other_school):
        scale_ensure_default(school=school)
    world.extra["criterion"] = ReadinessCriterion.objects.filter(school=world.school).first()
    world.extra["other_school_criterion"] = ReadinessCriterion.objects.filter(school=world.other_school).first()
    world.extra["readiness"] = ReadinessAssessmentFactory(pupil=world.pupil, assessed_by=senco)
    world.extra["other_school_readiness"] = ReadinessAssessmentFactory(pupil=world.other_school_pupil,
                                                                       assessed_by=other_senco)
    plan_start(pupil=world.pupil, user=senco)
    plan_start(pupil=world.other_school_pupil, user=other_senco)
    former = PupilFactory(school=world.school, school_class=world.school_class, legal_first_name="Fenella",
                          legal_last_name="Oldgrove")
    world.extra["former_pupil"] = former
    world.extra["graduation"] = GraduationFactory(placement__pupil=former, placement__group=world.group,
                                                  recorded_by=senco)
    FollowUpFactory(graduation=world.graduation)
    other_former = PupilFactory(school=world.other_school, legal_first_name="Gideon", legal_last_name="Yonder")
    world.extra["other_school_graduation"] = GraduationFactory(
        placement__pupil=other_former, placement__group=world.other_school_group, recorded_by=other_senco)
