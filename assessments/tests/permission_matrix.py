"""Permission cases for the assessments app: the whole-child page, entry screens, group view, settings."""

from nurture.tests.matrix import CASE_TEAM, Case

PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
OTHER_CLASS_PUPIL = lambda w: {"pupil_pk": w.other_class_pupil.pk}  # noqa: E731
OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731
CASE_TEAM_AND_TEACHER = CASE_TEAM | {"class_teacher"}


def _teacher_sdq(world) -> dict:
    return {
        "informant": "teacher", "purpose": "termly", "completed_on": "2026-10-01", "completed_by_name": "A Teacher",
        **{f"item_{item}": "1" for item in range(1, 26)},
    }


def _teacher_sdq_scores(world) -> dict:
    return {
        "informant": "teacher", "source": "paper", "purpose": "termly", "completed_on": "2026-10-01",
        "completed_by_name": "A Teacher", "emotional": "3", "conduct": "2", "hyperactivity": "5", "peer": "1",
        "prosocial": "7", "total": "11",
    }


def _boxall_scores(world) -> dict:
    return {"source": "handbook", "purpose": "termly", "completed_on": "2026-10-01", "completed_by_name": "A TA",
            "cluster_A": "12", "cluster_Q": "2"}


def _licence(world) -> dict:
    return {"kind": "electronic", "reference": "YIM-MATRIX-1", "granted_on": "2026-09-01"}


def _boxall_settings(world) -> dict:
    from assessments.boxall import DEFAULT_CLUSTER_MAP

    data = {}
    for code, entry in DEFAULT_CLUSTER_MAP.items():
        data[f"{code}_items"] = ", ".join(str(n) for n in entry["items"])
        data[f"{code}_low"], data[f"{code}_high"] = entry["low"], entry["high"]
    return data


CASES = [
    Case("assessments:whole-child", allowed=CASE_TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:whole-child", allowed=CASE_TEAM, label="(pupil of another class)", kwargs=OTHER_CLASS_PUPIL,
         other_school_kwargs=OTHER_PUPIL),
    Case("assessments:sdq-new", allowed=CASE_TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:sdq-new", allowed=CASE_TEAM, label="(pupil of another class)", kwargs=OTHER_CLASS_PUPIL,
         other_school_kwargs=OTHER_PUPIL),
    Case("assessments:sdq-new", allowed=CASE_TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", data=_teacher_sdq, ok_status=302, label="(save a teacher SDQ)"),
    Case("assessments:sdq-scores-new", allowed=CASE_TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:sdq-scores-new", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=OTHER_CLASS_PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:sdq-scores-new", allowed=CASE_TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", data=_teacher_sdq_scores, ok_status=302, label="(save teacher SDQ scores)"),
    Case("assessments:boxall-scores-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:boxall-scores-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", data=_boxall_scores, ok_status=302, label="(save cluster scores)"),
    Case("assessments:licences", allowed=CASE_TEAM | {"school_admin"}),
    Case("assessments:licence-edit", allowed=frozenset({"senco", "school_admin"}),
         kwargs=lambda w: {"instrument": "sdq"}),
    Case("assessments:licence-edit", allowed=frozenset({"senco", "school_admin"}), method="post", data=_licence,
         ok_status=302, kwargs=lambda w: {"instrument": "boxall"}, label="(save)"),
    Case("assessments:sdq-detail", allowed=CASE_TEAM_AND_TEACHER,
         kwargs=lambda w: {"pupil_pk": w.pupil.pk, "pk": w.sdq.pk},
         other_school_kwargs=lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_sdq.pk}),
    Case("assessments:sdq-detail", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk, "pk": w.other_class_sdq.pk},
         other_school_kwargs=lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_sdq.pk}),
    Case("assessments:boxall-detail", allowed=CASE_TEAM_AND_TEACHER,
         kwargs=lambda w: {"pupil_pk": w.pupil.pk, "pk": w.boxall.pk},
         other_school_kwargs=lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_boxall.pk}),
    Case("assessments:boxall-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:attainment-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:attendance-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:incident-new", allowed=CASE_TEAM, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("assessments:group-assessments", allowed=CASE_TEAM, kwargs=lambda w: {"pk": w.group.pk},
         other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    Case("assessments:group-assessments", allowed=CASE_TEAM, kwargs=lambda w: {"pk": w.group.pk},
         other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}, query="?export=csv", label="export"),
    Case("assessments:boxall-settings", allowed=CASE_TEAM),
    Case("assessments:boxall-settings", allowed=frozenset({"senco"}), method="post", data=_boxall_settings,
         ok_status=302, label="(save)"),
    Case("assessments:attendance-import", allowed=CASE_TEAM),
]


def extend_world(world) -> None:
    from assessments.tests.factories import BoxallProfileFactory, SdqAssessmentFactory, record_item_entry_licences

    record_item_entry_licences(world.school, world.users["senco"])
    world.extra["sdq"] = SdqAssessmentFactory(pupil=world.pupil, recorded_by=world.users["senco"])
    world.extra["other_class_sdq"] = SdqAssessmentFactory(pupil=world.other_class_pupil,
                                                          recorded_by=world.users["senco"])
    world.extra["other_school_sdq"] = SdqAssessmentFactory(pupil=world.other_school_pupil,
                                                           recorded_by=world.users["other_school_senco"])
    world.extra["boxall"] = BoxallProfileFactory(pupil=world.pupil, recorded_by=world.users["senco"])
    world.extra["other_school_boxall"] = BoxallProfileFactory(pupil=world.other_school_pupil,
                                                              recorded_by=world.users["other_school_senco"])
