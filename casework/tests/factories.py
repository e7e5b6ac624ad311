import datetime

import factory

from casework.models import CaseNote, Meeting, MeetingAction, MeetingKind, Visibility


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    school = factory.SelfAttribute("pupil.school")
    written_on = factory.LazyFunction(datetime.date.today)
    text = factory.Sequence(lambda n: f"Settled well at lunch, note {n}.")
    visibility = Visibility.TEAM


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    school = factory.SelfAttribute("pupil.school")
    held_on = factory.LazyFunction(datetime.date.today)
    kind = MeetingKind.REVIEW
    decided = "Carry on with the current targets."


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    school = factory.SelfAttribute("meeting.school")
    pupil = factory.SelfAttribute("meeting.pupil")
    description = factory.Sequence(lambda n: f"Share the calm-down plan with the class, step {n}")
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
