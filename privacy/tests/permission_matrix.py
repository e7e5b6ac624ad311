"""Permission cases for two-factor sign-in, the school's privacy settings, subject access and retention."""

from nurture.tests.matrix import EVERYONE, Case

OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731
SENCO = frozenset({"senco"})

CASES = [
    Case("privacy:two-factor", allowed=EVERYONE),
    Case("privacy:two-factor-setup", allowed=EVERYONE),
    # Nobody in the matrix has a device yet, so the second step sends them to set one up.
    Case("privacy:two-factor-verify", allowed=EVERYONE, ok_status=302),
    Case("privacy:settings", allowed=frozenset({"senco", "senior_leader", "school_admin"})),
    Case("privacy:retention", allowed=SENCO),
    Case("privacy:pupil-export", allowed=SENCO, kwargs=lambda w: {"pupil_pk": w.pupil.pk},
         other_school_kwargs=OTHER_PUPIL),
    Case("privacy:pupil-export", allowed=SENCO, method="post", ok_status=302, label="(request an export)",
         kwargs=lambda w: {"pupil_pk": w.pupil.pk}, other_school_kwargs=OTHER_PUPIL),
    Case("privacy:export-download", allowed=SENCO, kwargs=lambda w: {"pk": w.subject_access_export.pk},
         other_school_kwargs=lambda w: {"pk": w.other_school_export.pk}),
]


def extend_world(world) -> None:
    from django.core.files.base import ContentFile

    from privacy.models import SubjectAccessExport

    for key, pupil, requester in (
        ("subject_access_export", world.pupil, world.users["senco"]),
        ("other_school_export", world.other_school_pupil, world.users["other_school_senco"]),
    ):
        export = SubjectAccessExport.objects.create(school=pupil.school, pupil=pupil, requested_by=requester,
                                                    status=SubjectAccessExport.Status.READY)
        export.file.save(f"matrix-{export.pk}.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
        world.extra[key] = export
