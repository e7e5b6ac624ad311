"""factory_boy factories for the reintegration app (invented names only)."""

from __future__ import annotations

import datetime

import factory

from pupils.models import Placement
from pupils.tests.factories import PlacementFactory, UserFactory
from reintegration.models import Coping, Ending, FollowUp, Graduation, ReadinessAssessment, Ritual, Setting


class EndedPlacementFactory(PlacementFactory):
    start_date = datetime.date(2024, 9, 16)
    end_date = datetime.date(2025, 3, 28)
    status = Placement.Status.ENDED
    end_reason = "Returned to class full time"


class GraduationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Graduation

    placement = factory.SubFactory(EndedPlacementFactory)
    school = factory.SelfAttribute("placement.school")
    pupil = factory.SelfAttribute("placement.pupil")
    graduated_on = factory.SelfAttribute("placement.end_date")
    ritual = Ritual.CERTIFICATE
    ending = Ending.RETURNED_FULL_TIME
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    graduation = factory.SubFactory(GraduationFactory)
    school = factory.SelfAttribute("graduation.school")
    pupil = factory.SelfAttribute("graduation.pupil")
    term = factory.LazyAttribute(lambda o: o.graduation.term.next().code)
    recorded_on = factory.LazyAttribute(lambda o: o.graduation.term.next().start + datetime.timedelta(days=30))
    recorded_by = factory.SelfAttribute("graduation.recorded_by")
    coping = Coping.WELL


class ReadinessAssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment with its totals only (no rating rows): enough for lists, dashboards and charts."""

    class Meta:
        model = ReadinessAssessment

    pupil = factory.SubFactory("pupils.tests.factories.PupilFactory")
    school = factory.SelfAttribute("pupil.school")
    assessed_on = datetime.date(2026, 10, 20)
    assessed_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    setting = Setting.GROUP
    points = 24
    rated_count = 16
    criteria_count = factory.SelfAttribute("rated_count")  # the whole scale rated, unless a test says otherwise
