"""Permission cases for pupils, groups and the MIS import."""

from nurture.tests.matrix import CASE_TEAM, EVERYONE, Case

OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731

CASES = [
    Case("pupils:pupil-list", allowed=CASE_TEAM | {"class_teacher", "school_admin"}),
    Case("pupils:pupil-list", allowed=CASE_TEAM | {"class_teacher", "school_admin"}, query="?export=csv",
         label="export"),
    Case("pupils:pupil-detail", allowed=CASE_TEAM | {"class_teacher", "school_admin"},
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-detail", allowed=CASE_TEAM | {"school_admin"}, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk},
         other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-edit", allowed=frozenset({"senco", "school_admin"}),
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-audit", allowed=frozenset({"senco", "senior_leader"}),
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:pupil-audit", allowed=frozenset({"senco", "senior_leader"}), query="?export=csv", label="export",
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:group-list", allowed=CASE_TEAM),
    Case("pupils:group-detail", allowed=CASE_TEAM,
         kwargs=lambda w: {"pk": w.group.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    Case("pupils:group-detail", allowed=CASE_TEAM, query="?export=csv", label="export",
         kwargs=lambda w: {"pk": w.group.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    # The school admin sets a group up on a new install (it does not see the group's pupils).
    Case("pupils:group-create", allowed=frozenset({"senco", "school_admin"})),
    Case("pupils:group-edit", allowed=frozenset({"senco", "school_admin"}),
         kwargs=lambda w: {"pk": w.group.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_group.pk}),
    Case("pupils:import-upload", allowed=frozenset({"school_admin"})),
    Case("pupils:import-preview", allowed=frozenset({"school_admin"}),
         kwargs=lambda w: {"pk": w.pupil_import.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_import.pk}),
]


def extend_world(world) -> None:
    from pupils.models import PupilImport

    _extend_world_with_referrals(world)
    world.extra["pupil_import"] = PupilImport.objects.create(
        school=world.school, uploaded_by=world.users["school_admin"], file_name="pupils.csv", csv_text="UPN\n"
    )
    world.extra["other_school_import"] = PupilImport.objects.create(
        school=world.other_school, uploaded_by=world.users["other_school_senco"], file_name="far.csv", csv_text="UPN\n"
    )


# Referrals and placements -------------------------------------------------------------------------

SENCO_ONLY = frozenset({"senco"})
REFERRAL = lambda w: {"pk": w.referral.pk}  # noqa: E731
OTHER_REFERRAL = lambda w: {"pk": w.other_school_referral.pk}  # noqa: E731
PLACEMENT = lambda w: {"pk": w.placement.pk}  # noqa: E731
OTHER_PLACEMENT = lambda w: {"pk": w.other_school_placement.pk}  # noqa: E731

CASES += [
    Case("pupils:referral-board", allowed=CASE_TEAM),
    Case("pupils:referral-board", allowed=CASE_TEAM, query="?export=csv", label="export"),
    Case("pupils:referral-create", allowed=frozenset({"senco", "class_teacher"}),
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:referral-create", allowed=SENCO_ONLY, label="(pupil of another class)",
         kwargs=lambda w: {"pupil_pk": w.other_class_pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("pupils:referral-detail", allowed=CASE_TEAM | {"class_teacher"}, kwargs=REFERRAL,
         other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-detail", allowed=CASE_TEAM, label="(pupil of another class)",
         kwargs=lambda w: {"pk": w.other_class_referral.pk}, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-edit", allowed=frozenset({"senco", "class_teacher"}), kwargs=REFERRAL,
         other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-stage", allowed=SENCO_ONLY, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-withdraw", allowed=SENCO_ONLY, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-contact", allowed=SENCO_ONLY, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-consent", allowed=SENCO_ONLY, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-consent-withdraw", allowed=SENCO_ONLY, kwargs=REFERRAL,
         other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:referral-decide", allowed=CASE_TEAM, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL),
    Case("pupils:placement-review", allowed=CASE_TEAM, kwargs=PLACEMENT, other_school_kwargs=OTHER_PLACEMENT),
    Case("pupils:placement-extend", allowed=CASE_TEAM, kwargs=PLACEMENT, other_school_kwargs=OTHER_PLACEMENT),
    # Ending a placement is graduation: the page sends the case team to the reintegration app's form.
    Case("pupils:placement-end", allowed=CASE_TEAM, kwargs=PLACEMENT, other_school_kwargs=OTHER_PLACEMENT,
         ok_status=302),
    Case("pupils:notice-list", allowed=EVERYONE),
    # The actions' POSTs are refused as their pages are (an empty form is re-shown with its errors).
    Case("pupils:referral-decide", allowed=CASE_TEAM, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL,
         method="post", label="(post)"),
    Case("pupils:referral-stage", allowed=SENCO_ONLY, kwargs=REFERRAL, other_school_kwargs=OTHER_REFERRAL,
         method="post", label="(post)"),
    Case("pupils:referral-edit", allowed=frozenset({"senco", "class_teacher"}), kwargs=REFERRAL,
         other_school_kwargs=OTHER_REFERRAL, method="post", label="(post)"),
    Case("pupils:placement-end", allowed=CASE_TEAM, kwargs=PLACEMENT, other_school_kwargs=OTHER_PLACEMENT,
         method="post", label="(post)", ok_status=302),
]


def _extend_world_with_referrals(world) -> None:
    from pupils.models import Placement
    from pupils.tests.factories import ReferralFactory

    world.extra["referral"] = ReferralFactory(pupil=world.pupil, raised_by=world.users["class_teacher"],
                                              home_circumstances="Matrix-secret circumstance")
    world.extra["other_class_referral"] = ReferralFactory(pupil=world.other_class_pupil,
                                                          raised_by=world.users["senco"])
    world.extra["other_school_referral"] = ReferralFactory(pupil=world.other_school_pupil,
                                                           raised_by=world.users["other_school_senco"])
    world.extra["placement"] = Placement.objects.get(pupil=world.pupil)
    world.extra["other_school_placement"] = Placement.objects.get(pupil=world.other_school_pupil)
