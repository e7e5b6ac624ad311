"""The reintegration records are in a pupil's subject access export, and erasing a pupil clears their words."""

from __future__ import annotations

import datetime

from privacy import registry
from reintegration.models import FollowUp, ReadinessAssessment
from reintegration.privacy import erase
from reintegration.services import readiness_assess, scale_ensure_default

from .factories import FollowUpFactory, GraduationFactory


def test_the_export_holds_readiness_graduation_and_follow_ups(school, group, senco, placed_pupil):
    scale_ensure_default(school=school)
    criterion = school.readiness_criteria.first()
    readiness_assess(pupil=placed_pupil, user=senco, assessed_on=datetime.date(2026, 11, 2), setting="group",
                     ratings={criterion.pk: (2, "Settled quickly on Monday")}, note="A good week")
    graduation = GraduationFactory(placement__pupil=placed_pupil, placement__group=group, recorded_by=senco)
    FollowUpFactory(graduation=graduation, note="Happy in class")
    sections = {section.key: section for section in registry.subject_access_sections(placed_pupil)}
    assert {"readiness", "readiness_ratings", "graduations", "follow_ups"} <= set(sections)
    assert sections["readiness_ratings"].records[0].data["wording"] == criterion.wording
    assert sections["follow_ups"].records[0].data["coping"] == "Coping well without support"

    erase(placed_pupil, senco)
    assert ReadinessAssessment.objects.get().note == ""
    assert FollowUp.objects.get().note == "" and FollowUp.objects.get().coping == "well"
