"""Permission cases for transfer packs and received records."""

from nurture.tests.matrix import CASE_TEAM, Case

SENCO = frozenset({"senco"})
TEAM_AND_TEACHER = CASE_TEAM | {"class_teacher"}
PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731
TRANSFER = lambda w, kind="json": {"pupil_pk": w.pupil.pk, "pk": w.transfer.pk, "kind": kind}  # noqa: E731
OTHER_TRANSFER = lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_transfer.pk,  # noqa: E731
                            "kind": "json"}

CASES = [
    Case("transfers:transfer", allowed=SENCO, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("transfers:transfer-download", allowed=SENCO, kwargs=TRANSFER, other_school_kwargs=OTHER_TRANSFER),
    Case("transfers:transfer-sent", allowed=SENCO, method="post", ok_status=302,
         kwargs=lambda w: {"pupil_pk": w.pupil.pk, "pk": w.transfer.pk},
         other_school_kwargs=lambda w: {"pupil_pk": w.other_school_pupil.pk, "pk": w.other_school_transfer.pk},
         data=lambda w: {"sent_on": w.transfer.prepared_at.date().isoformat(), "sent_how": "S2S"}),
    Case("transfers:import", allowed=frozenset({"senco", "school_admin"})),
    Case("transfers:received", allowed=TEAM_AND_TEACHER, kwargs=lambda w: {"pk": w.received.pk},
         other_school_kwargs=lambda w: {"pk": w.other_school_received.pk}),
]


def extend_world(world) -> None:
    from transfers.services import transfer_prepare

    from .factories import ReceivedRecordFactory

    world.extra["transfer"] = transfer_prepare(pupil=world.pupil, user=world.users["senco"],
                                               receiving_school="Hilltop Primary")
    world.extra["other_school_transfer"] = transfer_prepare(
        pupil=world.other_school_pupil, user=world.users["other_school_senco"], receiving_school="Hilltop Primary")
    world.extra["received"] = ReceivedRecordFactory(pupil=world.pupil, imported_by=world.users["senco"])
    world.extra["other_school_received"] = ReceivedRecordFactory(pupil=world.other_school_pupil,
                                                                 imported_by=world.users["other_school_senco"])
