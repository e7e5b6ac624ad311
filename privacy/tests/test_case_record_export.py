"""Subject access and erasure reach every part of the case record: assessments and targets too."""

import datetime
import json

import pytest

from assessments.models import Incident, SdqAssessment
from assessments.tests.factories import IncidentFactory, SdqAssessmentFactory
from privacy.registry import erase_everywhere, subject_access_sections
from targets.models import PupilProfile, TargetVersion
from targets.tests.factories import PupilProfileFactory, TargetFactory


@pytest.fixture
def full_record(pupil, senco):
    from pupils.tests.factories import ReferralFactory

    ReferralFactory(pupil=pupil, home_circumstances="Grandad died in the summer")
    SdqAssessmentFactory(pupil=pupil, completed_by_name="Ms Fairweather", completed_on=datetime.date(2026, 10, 1))
    IncidentFactory(pupil=pupil, kind="playground", days=None, note="Pushed in the lunch queue")
    target = TargetFactory(pupil=pupil)
    TargetVersion.objects.filter(target=target).update(wording="I will ask Ada's friend Bo to play")
    PupilProfileFactory(pupil=pupil, about_me="I love my dog Biscuit")
    return pupil


@pytest.mark.django_db
def test_the_export_holds_the_assessments_and_targets(full_record):
    sections = {section.key: section for section in subject_access_sections(full_record)}

    assert {"referrals", "referral_timeline", "parent_contacts", "sdq", "boxall", "attainment", "attendance",
            "incidents", "targets", "target_versions",
            "target_reviews", "passport", "observations", "ratings"} <= set(sections)
    text = json.dumps([section.as_json() for section in sections.values()])
    assert "Grandad died in the summer" in text and "Ms Fairweather" in text and "Pushed in the lunch queue" in text
    assert "I will ask Ada's friend Bo to play" in text and "I love my dog Biscuit" in text
    sdq = sections["sdq"].records[0].data
    assert sdq["total"] == SdqAssessment.objects.get().total and sdq["informant"] == "Teacher"


@pytest.mark.django_db
def test_erasing_clears_the_words_but_keeps_the_scores(full_record, senco):
    total = SdqAssessment.objects.get().total

    erase_everywhere(full_record, senco)

    assert SdqAssessment.objects.get().total == total
    assert SdqAssessment.objects.get().completed_by_name == "[erased]"
    assert Incident.objects.get().note == ""
    assert set(TargetVersion.objects.values_list("wording", flat=True)) == {"[erased]"}
    assert not PupilProfile.objects.exists()
    from pupils.models import Referral

    assert Referral.objects.get().home_circumstances == ""
