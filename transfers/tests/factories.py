import uuid

import factory
from django.utils import timezone

from transfers.models import ReceivedRecord


class ReceivedRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceivedRecord

    school = factory.SelfAttribute("pupil.school")
    pack_id = factory.LazyFunction(uuid.uuid4)
    from_school = "Riverside Infants"
    prepared_at = factory.LazyFunction(timezone.now)
    sections = factory.LazyFunction(lambda: [{"key": "sdq", "title": "SDQ", "records": [
        {"title": "SDQ of 1 Oct 2026", "total_difficulties": 21}]}])
