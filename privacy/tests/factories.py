"""factory_boy factories for the privacy app."""

from __future__ import annotations

import datetime

import factory

from privacy.models import ExpiredRecord, SubjectAccessExport
from pupils.tests.factories import PupilFactory, UserFactory


class SubjectAccessExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectAccessExport

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    requested_by = factory.SubFactory(UserFactory, school=factory.SelfAttribute("..school"))


class ExpiredRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpiredRecord

    pupil = factory.SubFactory(PupilFactory, date_of_birth=datetime.date(1995, 5, 1),
                               date_of_entry=datetime.date(1999, 9, 1), date_of_leaving=datetime.date(2006, 7, 20))
    school = factory.SelfAttribute("pupil.school")
    keep_until = datetime.date(2020, 5, 1)
