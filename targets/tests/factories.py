"""factory_boy factories for targets, their versions and reviews, passports and observations."""

from __future__ import annotations

import datetime

import factory

from pupils.tests.factories import NurtureGroupFactory, PupilFactory, UserFactory
from targets.models import (
    Area,
    ObservationSession,
    PupilObservation,
    PupilProfile,
    Rating,
    Setting,
    Target,
    TargetRating,
    TargetVersion,
)


class TargetFactory(factory.django.DjangoModelFactory):
    """A target with its first wording (pass `wording=` to choose it)."""

    class Meta:
        model = Target
        skip_postgeneration_save = True

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    area = Area.SOCIAL
    settings = factory.LazyFunction(lambda: [Setting.NURTURE_GROUP, Setting.CLASS])
    owner = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    created_by = factory.SelfAttribute("owner")
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=14))
    review_date = factory.LazyAttribute(lambda target: target.start_date + datetime.timedelta(weeks=8))

    @factory.post_generation
    def wording(self, create, extracted, **kwargs):
        if create:
            TargetVersionFactory(target=self, wording=extracted or f"I will try my best ({self.area}).")


class TargetVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetVersion

    target = factory.SubFactory(TargetFactory)
    school = factory.SelfAttribute("target.school")
    pupil = factory.SelfAttribute("target.pupil")
    number = factory.LazyAttribute(lambda version: version.target.versions.count() + 1)
    wording = "I will put my hand up when I want to say something."
    how_we_will_know = "Hand up most times in carpet time."
    strategies = "A quiet signal; thank every hand up."
    home_strategy = "My family will follow the 1, 2, 3 strategy."
    created_by = factory.SelfAttribute("target.owner")


class PupilProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PupilProfile

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    what_helps_me = "Knowing what comes next."
    adult_strategies = "Warn me before a change."
    home = "The home-school book on Fridays."
    updated_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))


class ObservationSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservationSession

    group = factory.SubFactory(NurtureGroupFactory)
    school = factory.SelfAttribute("group.school")
    date = factory.Sequence(lambda n: datetime.date.today() - datetime.timedelta(days=n + 1))
    setting = Setting.NURTURE_GROUP
    observed_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))


class PupilObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PupilObservation

    session = factory.SubFactory(ObservationSessionFactory)
    pupil = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..session.school"))
    school = factory.SelfAttribute("session.school")
    present = True
    settled = 3


class TargetRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetRating

    target = factory.SubFactory(TargetFactory)
    pupil = factory.SelfAttribute("target.pupil")
    school = factory.SelfAttribute("target.school")
    pupil_observation = factory.SubFactory(
        PupilObservationFactory, pupil=factory.SelfAttribute("..target.pupil"),
        session__school=factory.SelfAttribute("...target.school"),
        session__group__school=factory.SelfAttribute("....target.school"),
    )
    rating = Rating.MOSTLY
    observed_on = factory.SelfAttribute("pupil_observation.session.date")
    rated_by = factory.SelfAttribute("pupil_observation.session.observed_by")
