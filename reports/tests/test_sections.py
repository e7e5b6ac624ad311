"""The report's progress sections against hand-worked figures for a seeded group."""

import datetime
import subprocess
from decimal import Decimal

import pytest

from assessments.tests.factories import (
    AttainmentRecordFactory,
    AttendanceRecordFactory,
    IncidentFactory,
    SdqAssessmentFactory,
)
from core.terms import Term
from reports.anonymity import SmallNumbers
from reports.models import GovernorReport
from reports.sections import academic_section, attendance_section, semh_section
from reports.services import report_build
from reports.tests.scenario import TERM, build_term

ALL = {0: 10, 1: 20, 2: 30}  # every answer 0, 1 or 2 gives these totals (reverse-scored items included)


def _answers(value: int) -> dict:
    return {str(item): value for item in range(1, 26)}


def _rows(section: dict, table: int = 0) -> dict:
    return {row[0]: row[1:] for row in section["tables"][table]["rows"]}


@pytest.fixture
def term_with_progress(school):
    scenario = build_term(school)
    pupils = list(scenario["pupils"].order_by("pk"))[:7]  # the seven served this term
    first, later = datetime.date(2026, 9, 20), datetime.date(2026, 12, 1)
    # SDQ totals, first -> latest: four go 30 -> 20 (better), one 20 -> 20, one 10 -> 20 (worse), one has one form.
    for pupil, (start, end) in zip(pupils, [(2, 1)] * 4 + [(1, 1), (0, 1)], strict=False):
        SdqAssessmentFactory(pupil=pupil, answers=_answers(start), completed_on=first)
        SdqAssessmentFactory(pupil=pupil, answers=_answers(end), completed_on=later)
    SdqAssessmentFactory(pupil=pupils[6], answers=_answers(2), completed_on=first)
    # Reading: pupils 0-4 go from working towards (summer) to expected (autumn); pupil 5 joined in October
    # at expected (summer record) and is working towards now; pupil 6 has no record.
    for pupil in pupils[:5]:
        AttainmentRecordFactory(pupil=pupil, term="2025-summer", reading="wts", writing="wts", maths="")
        AttainmentRecordFactory(pupil=pupil, term=TERM, reading="exs", writing="wts", maths="")
    AttainmentRecordFactory(pupil=pupils[5], term="2025-summer", reading="exs", writing="exs", maths="")
    AttainmentRecordFactory(pupil=pupils[5], term=TERM, reading="wts", writing="exs", maths="")
    # Attendance: pupils 0-3 joined in April, so 'before' is spring 2026 (code 2025-spring); 4-6 joined in
    # October, so 'before' is summer 2026 (2025-summer). Everyone is at 90% this term.
    for pupil in pupils[:4]:
        AttendanceRecordFactory(pupil=pupil, term="2025-spring", percent=Decimal("80"))
    for pupil in pupils[4:7]:
        AttendanceRecordFactory(pupil=pupil, term="2025-summer", percent=Decimal("85"))
    for pupil in pupils:
        AttendanceRecordFactory(pupil=pupil, term=TERM, percent=Decimal("90"))
    IncidentFactory(pupil=pupils[0], kind="exclusion", days=Decimal("2"), occurred_on=datetime.date(2026, 2, 10))
    IncidentFactory(pupil=pupils[0], kind="removal", days=None, occurred_on=datetime.date(2026, 3, 1))
    IncidentFactory(pupil=pupils[4], kind="removal", days=None, occurred_on=datetime.date(2026, 11, 2))
    return school


@pytest.mark.django_db
def test_sdq_movement_counts_better_same_worse_and_no_evidence(term_with_progress):
    section = semh_section(term_with_progress, Term.parse(TERM), SmallNumbers(3))

    rows = _rows(section)
    assert rows["In the group this term"] == ["7"]
    # Six pupils with two forms: first totals 30,30,30,30,20,10 (mean 150/6 = 25.0); latest all 20.
    assert rows["Average total: first form → latest"] == ["25.0 → 20.0"]
    assert rows["Total difficulties went down (better)"] == ["4"]
    assert rows["No change"] == ["<3"] and rows["Went up (worse)"] == ["<3"]
    assert rows["No evidence (fewer than two SDQs)"] == ["<3"]
    letters = [row[0] for row in section["tables"][2]["rows"]]
    assert letters == ["Pupil A", "Pupil B", "Pupil C", "Pupil D", "Pupil E", "Pupil F"]


@pytest.mark.django_db
def test_academic_progress_is_against_each_pupils_starting_point(term_with_progress):
    section = academic_section(term_with_progress, Term.parse(TERM), SmallNumbers(3))

    rows = _rows(section)
    # Reading: five of six with evidence held or raised their level (pupil 5 dropped from expected): 83%.
    assert rows["Reading"] == ["83%", "6", "<3"]
    # Writing: everyone held their level: 6 of 6.
    assert rows["Writing"] == ["100%", "6", "<3"]
    assert rows["Maths"] == ["no pupils", "0", "7"]


@pytest.mark.django_db
def test_attendance_and_exclusions_before_and_during(term_with_progress):
    section = attendance_section(term_with_progress, Term.parse(TERM), SmallNumbers(3))

    rows = _rows(section)
    # Before: (4 x 80 + 3 x 85) / 7 = 575 / 7 = 82.14...
    assert rows["Average attendance"] == ["82.1%", "90.0%"]
    assert rows["Fixed-term exclusions"] == [1, 0]
    assert rows["Days of exclusion"] == ["2", "0"]
    assert rows["Removals from lessons"] == [1, 1]


@pytest.mark.django_db
def test_the_pdf_carries_the_progress_sections(term_with_progress):
    report = report_build(report_id=GovernorReport.objects.create(school=term_with_progress, term=TERM).pk)

    with report.file.open("rb") as pdf:
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.read(), capture_output=True).stdout.decode()

    for heading in ("Social, emotional and behavioural progress", "Academic progress",
                    "Attendance, exclusions and removals from class", "25.0 → 20.0", "82.1%"):
        assert heading in text


@pytest.mark.django_db
def test_referrals_received_in_the_term_and_their_outcomes(school):
    from pupils.models import Referral
    from pupils.tests.factories import ReferralFactory
    from reports.sections import referrals_section

    when = datetime.datetime(2026, 10, 6, 10, tzinfo=datetime.UTC)
    for outcome in ["placed", "placed", "placed", "declined"]:
        ReferralFactory(pupil__school=school, raised_at=when, stage=Referral.Stage.DECIDED, outcome=outcome,
                        decided_on=datetime.date(2026, 11, 2), decline_reason="x" if outcome == "declined" else "")
    ReferralFactory(pupil__school=school, raised_at=when)  # still at the concern stage
    ReferralFactory(pupil__school=school, raised_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC))  # summer

    rows = _rows(referrals_section(school, Term.parse(TERM), SmallNumbers(3)))

    assert rows["Received this term"] == ["5"] and rows["Placed in a group"] == ["3"]
    assert rows["Declined"] == ["<3"] and rows["Still being considered"] == ["<3"] and rows["Wait-listed"] == ["0"]


@pytest.mark.django_db
def test_cost_per_successful_return_divides_by_the_pupils_who_returned_to_class_full_time(school):
    from reintegration.tests.factories import GraduationFactory
    from reports.figures import report_figures

    scenario = build_term(school)  # £15,000 this term
    for pupil in list(scenario["pupils"])[:3]:
        placement = pupil.placements.order_by("start_date").first()
        placement.end_date = datetime.date(2026, 12, 11)
        placement.status = "ended"
        placement.save()
        GraduationFactory(placement=placement, graduated_on=datetime.date(2026, 12, 11))

    figures = report_figures(school, Term.parse(TERM))

    assert figures.sections["reintegration"]["returned_full_time"] == 3
    assert figures.sections["cost"]["per_return_shown"] == "£5,000"  # 15,000 / 3
    assert figures.sections["reintegration"]["title"] == "Returning to class and former pupils"


@pytest.mark.django_db
def test_readiness_shows_each_pupils_latest_score_against_the_threshold(school):
    from reintegration.tests.factories import ReadinessAssessmentFactory
    from reports.sections import readiness_section

    scenario = build_term(school)
    pupils = list(scenario["pupils"].order_by("pk"))[:7]
    # Latest scores (points of rated x 3): 27/27 = 100%, 24/27 = 89%, 18/27 = 67%; an older 100% is ignored.
    for pupil, points in zip(pupils[:3], [27, 24, 18], strict=True):
        ReadinessAssessmentFactory(pupil=pupil, assessed_on=datetime.date(2026, 9, 20), points=27, rated_count=9)
        ReadinessAssessmentFactory(pupil=pupil, assessed_on=datetime.date(2026, 11, 20), points=points,
                                   rated_count=9)

    rows = _rows(readiness_section(school, Term.parse(TERM), SmallNumbers(3)))

    assert rows["With a readiness assessment"] == ["3"]
    assert rows["Average latest score"] == ["85%"]  # (100 + 88.9 + 66.7) / 3 = 85.2
    assert rows["At or over 80%"] == ["<3"]  # two pupils
    assert rows["No evidence (no assessment yet)"] == ["4"]
