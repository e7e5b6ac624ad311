"""Permission cases for case notes, meetings and their actions."""

from nurture.tests.matrix import CASE_TEAM, Case

TEAM_AND_TEACHER = CASE_TEAM | {"class_teacher"}
PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
OTHER_CLASS_PUPIL = lambda w: {"pupil_pk": w.other_class_pupil.pk}  # noqa: E731
OTHER_PUPIL = lambda w: {"pupil_pk": w.other_school_pupil.pk}  # noqa: E731

CASES = [
    Case("casework:case-record", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("casework:case-record", allowed=CASE_TEAM, label="(pupil of another class)", kwargs=OTHER_CLASS_PUPIL,
         other_school_kwargs=OTHER_PUPIL),
    Case("casework:note-create", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    Case("casework:note-create", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL,
         method="post", ok_status=302, label="(save)",
         data=lambda w: {"written_on": w.today.isoformat(), "text": "Calmer after break."}),
    Case("casework:meeting-create", allowed=TEAM_AND_TEACHER, kwargs=PUPIL, other_school_kwargs=OTHER_PUPIL),
    # The action belongs to the nurture staff member: they and the SENCO may mark it done.
    Case("casework:action-done", allowed=frozenset({"senco", "nurture_staff"}),
         kwargs=lambda w: {"pk": w.action.pk}, other_school_kwargs=lambda w: {"pk": w.other_school_action.pk},
         method="post", ok_status=302),
]


def extend_world(world) -> None:
    import datetime

    from .factories import MeetingActionFactory, MeetingFactory

    world.extra["today"] = datetime.date.today()
    meeting = MeetingFactory(pupil=world.pupil, recorded_by=world.users["senco"])
    world.extra["action"] = MeetingActionFactory(meeting=meeting, owner=world.users["nurture_staff"])
    other = MeetingFactory(pupil=world.other_school_pupil, recorded_by=world.users["other_school_senco"])
    world.extra["other_school_action"] = MeetingActionFactory(meeting=other, owner=world.users["other_school_senco"])
