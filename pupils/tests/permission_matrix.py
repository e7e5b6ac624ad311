"""Permission cases for pupils, groups and the MIS import."""

from nurture.tests.matrix import CASE_TEAM, Case

OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731

CASES = [
    Case("pupils:pupil-list", allowed=CASE_TEAM | {"class_teacher", "school_admin"}),
    Case("pupils:pupil-detail", allowed=CASE_TEAM | {"class_teacher", "school_admin"},
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-detail", allowed=CASE_TEAM | {"school_admin"}, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk},
         other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-edit", allowed=frozenset({"senco", "school_admin"}),
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-audit", allowed=frozenset({"senco", "senior_leader"}),
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:group-list", allowed=CASE_TEAM),
    Case("pupils:group-detail", allowed=CASE_TEAM,
         kwargs=lambda w: {"pk": w.group.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    Case("pupils:group-create", allowed=frozenset({"senco"})),
    Case("pupils:group-edit", allowed=frozenset({"senco"}),
         kwargs=lambda w: {"pk": w.group.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    Case("pupils:import-upload", allowed=frozenset({"school_admin"})),
    Case("pupils:import-preview", allowed=frozenset({"school_admin"}),
         kwargs=lambda w: {"pk": w.pupil_import.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_import.pk}),
]


def extend_world(world) -> None:
    from pupils.models import PupilImport

    world.extra["pupil_import"] = PupilImport.objects.create(
        school=world.school, uploaded_by=world.users["school_admin"], file_name="pupils.csv", csv_text="UPN\n"
    )
    world.extra["other_school_import"] = PupilImport.objects.create(
        school=world.other_school, uploaded_by=world.users["other_school_senco"], file_name="far.csv", csv_text="UPN\n"
    )
