"""seed_demo: every group pupil gets a baseline and two reassessments with believable movement."""

import io

import pytest
from django.core.management import call_command

from assessments.models import (
    AttainmentRecord,
    AttendanceRecord,
    BoxallProfile,
    Incident,
    InstrumentLicence,
    SdqAssessment,
)
from pupils.demo import DEMO_SLUG
from pupils.models import Placement


@pytest.mark.django_db
def test_seed_demo_gives_every_group_pupil_a_baseline_and_two_reassessments_once():
    call_command("seed_demo", stdout=io.StringIO())
    placements = list(Placement.objects.filter(school__slug=DEMO_SLUG))  # the demo school (not the trust's others)
    assert placements
    improved = 0
    for placement in placements:
        sdqs = list(SdqAssessment.objects.filter(pupil=placement.pupil, informant="teacher").order_by("completed_on"))
        profiles = list(BoxallProfile.objects.filter(pupil=placement.pupil).order_by("completed_on"))
        assert [s.purpose for s in sdqs] == ["baseline", "termly", "termly"]
        assert [p.purpose for p in profiles] == ["baseline", "termly", "termly"]
        assert sdqs[0].completed_on < placement.start_date <= sdqs[1].completed_on
        assert all(s.total is not None for s in sdqs)
        assert all(0 <= s.total <= 40 for s in sdqs)
        improved += sdqs[-1].total < sdqs[0].total
        assert AttainmentRecord.objects.filter(pupil=placement.pupil).exists()
        assert AttendanceRecord.objects.filter(pupil=placement.pupil).exists()
    assert improved >= len(placements) - 2  # most improve
    assert Incident.objects.exists()
    # The demo school records an authorisation for item entry of both instruments, so its grids work.
    licences = {licence.instrument: licence for licence in InstrumentLicence.objects.all()}
    assert set(licences) == {"sdq", "boxall"} and all(licence.allows_item_entry for licence in licences.values())
    assert all("invented for the demo" in licence.reference for licence in licences.values())
    assert SdqAssessment.objects.filter(entry_method="items").count() == SdqAssessment.objects.count()
    counts = (SdqAssessment.objects.count(), BoxallProfile.objects.count(), Incident.objects.count(),
              InstrumentLicence.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (SdqAssessment.objects.count(), BoxallProfile.objects.count(), Incident.objects.count(),
            InstrumentLicence.objects.count()) == counts
