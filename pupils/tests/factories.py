"""factory_boy factories for schools, staff, classes, pupils and groups (invented names only)."""

from __future__ import annotations

import datetime

import factory

from pupils.models import (
    GroupSession,
    NurtureGroup,
    Placement,
    Pupil,
    Referral,
    School,
    SchoolClass,
    StaffRole,
    User,
)
from pupils.upn import make_upn


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Testbrook Primary {n}")
    slug = factory.Sequence(lambda n: f"testbrook-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@school.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Staffer{n}")
    school = factory.SubFactory(SchoolFactory)
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            StaffRole.objects.bulk_create([StaffRole(user=self, role=role) for role in extracted])
            self.__dict__.pop("roles", None)


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Class {n}")
    year_group = 2


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    legal_first_name = factory.Sequence(lambda n: f"Pupil{n}")
    legal_last_name = "Testwick"
    date_of_birth = datetime.date(2019, 3, 14)
    upn = factory.Sequence(lambda n: make_upn(999, 3001, 19, n % 1000))
    year_group = 2
    school_class = factory.SubFactory(SchoolClassFactory, school=factory.SelfAttribute("..school"))
    gender = "F"


class NurtureGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NurtureGroup

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"The Nest {n}")
    capacity = 10


class GroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupSession

    group = factory.SubFactory(NurtureGroupFactory)
    weekday = 0
    starts_at = datetime.time(9)
    ends_at = datetime.time(12)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    group = factory.SubFactory(NurtureGroupFactory, school=factory.SelfAttribute("..school"))
    start_date = datetime.date(2026, 9, 14)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    raised_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    need_acting_out = True
    descriptors = "Shouts out and leaves the carpet several times a session."
    tried_already = "A visual timetable and a calm corner."


class ConsentedReferralFactory(ReferralFactory):
    """A referral at the panel stage with everything recorded, ready for a decision."""

    stage = Referral.Stage.PANEL
    class_observation = "Observed in a maths lesson: left his seat 9 times in 20 minutes."
    attendance_percent = 91.5
    exclusions_so_far = 1
    current_attainment = "Working towards the expected standard in reading and maths."
    consent_given_by = "Mum (Ms Testwick)"
    consent_given_on = datetime.date(2026, 9, 1)
    consent_method = "meeting"
