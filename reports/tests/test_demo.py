"""seed_demo gives the demo school a term's costs, funding, alternatives and narrative: its report shows them."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.terms import Term
from pupils.demo import DEMO_SLUG
from pupils.models import School
from pupils.names import names_in_text
from reports.models import GovernorReport, ReportStatus, TermCost, TermNarrative
from reports.services import report_build


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_demo_report_shows_costs_value_for_money_and_a_narrative_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    school = School.objects.get(slug=DEMO_SLUG)
    term = Term.for_date(timezone.localdate())
    assert TermCost.objects.filter(school=school).count() == 2  # this term and the one before, once
    narrative = TermNarrative.objects.get(school=school, term=term.code)
    assert names_in_text(school.pk, narrative.text) == []

    report = report_build(report_id=GovernorReport.objects.create(school=school, term=term.code).pk)

    assert report.status == ReportStatus.READY
    with report.file.open("rb") as pdf:
        text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf.read(), capture_output=True,
                                       check=True).stdout.decode().split())
    assert "£15,250" in text and "no costs recorded for this term" not in text and "£0 " not in text
    assert "Set against the alternatives, in the same unit" in text
    assert "£8,000 per pupil per term" in text  # the specialist place's £24,000 a year, over 3 terms
    assert "The group ran four mornings a week all term" in text
