"""factory_boy factories for assessments; scores are computed as the services compute them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from assessments import boxall
from assessments.models import (
    AttainmentRecord,
    AttendanceRecord,
    BoxallProfile,
    Incident,
    Instrument,
    InstrumentLicence,
    LicenceKind,
    SdqAssessment,
)
from pupils.tests.factories import PupilFactory, UserFactory


class SdqAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SdqAssessment

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    informant = "teacher"
    purpose = "termly"
    completed_on = datetime.date(2026, 10, 1)
    completed_by_name = "Test Teacher"
    answers = factory.LazyFunction(lambda: {str(item): 1 for item in range(1, 26)})

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        sdq = model_class(*args, **kwargs)
        sdq.compute_scores()
        sdq.save()
        return sdq


class BoxallProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoxallProfile

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    purpose = "termly"
    completed_on = datetime.date(2026, 10, 1)
    completed_by_name = "Test Nurture"
    item_scores = factory.LazyFunction(lambda: {str(key): 2 for key in boxall.ALL_ITEM_KEYS})

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        profile = model_class(*args, **kwargs)
        profile.compute_totals(boxall.DEFAULT_CLUSTER_MAP)
        profile.save()
        return profile


class AttainmentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttainmentRecord

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    term = "2026-autumn"
    reading = "wts"
    writing = "wts"
    maths = "exs"


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    term = "2026-autumn"
    percent = Decimal("91.5")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    recorded_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))
    kind = "playground"
    occurred_on = datetime.date(2026, 10, 5)
    note = "Pushed in the lunch queue."


def record_item_entry_licences(school, user) -> None:
    """Record an authorisation for electronic (item) entry of the SDQ and the Boxall Profile for the school."""
    for instrument in Instrument.values:
        InstrumentLicence.objects.update_or_create(
            school=school, instrument=instrument,
            defaults={"kind": LicenceKind.ELECTRONIC, "reference": f"TEST-{instrument.upper()}-1",
                      "granted_on": datetime.date(2026, 9, 1), "recorded_by": user},
        )
