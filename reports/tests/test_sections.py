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
from reports.models import GovernorReport
from reports.sections import academic_section, attendance_section, semh_section
from reports.services import report_build
from reports.tests.rendered import build_section
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
    counted = _rows(build_section(semh_section, term_with_progress, Term.parse(TERM), raw=True))
    section = build_section(semh_section, term_with_progress, Term.parse(TERM))

    rows = _rows(section)
    assert counted["In the group this term"] == [7] and rows["In the group this term"] == ["7"]
    # Six pupils with two forms: first totals 30,30,30,30,20,10 (mean 150/6 = 25.0); latest all 20.
    assert rows["Average total: first form → latest"] == ["25.0 → 20.0"]
    assert [counted[name][0] for name in ("Total difficulties went down (better)", "No change", "Went up (worse)",
                                          "No evidence (fewer than two SDQs)")] == [4, 1, 1, 1]
    # Three counts of 1 in a group of 7: all "<3"; then 4 = 7 - 3 ones would give them away, so it is hidden.
    assert rows["No change"] == ["<3"] and rows["Went up (worse)"] == ["<3"]
    assert rows["No evidence (fewer than two SDQs)"] == ["<3"]
    assert rows["Total difficulties went down (better)"] == ["not shown"]
    # Each pupil's row would let a reader count the hidden figures: the table is withheld.
    assert section["tables"][2]["rows"] == []


@pytest.mark.django_db
def test_sdq_pupil_rows_are_lettered_when_every_count_is_shown(school):
    scenario = build_term(school)
    pupils = list(scenario["pupils"].order_by("pk"))[:7]
    for pupil in pupils:  # every pupil 30 -> 20: better, very high -> very high
        SdqAssessmentFactory(pupil=pupil, answers=_answers(2), completed_on=datetime.date(2026, 9, 20))
        SdqAssessmentFactory(pupil=pupil, answers=_answers(1), completed_on=datetime.date(2026, 12, 1))

    section = build_section(semh_section, school, Term.parse(TERM))

    rows = section["tables"][2]["rows"]
    assert [row[0] for row in rows] == [f"Pupil {letter}" for letter in "ABCDEFG"]
    assert all(row[1:] == [30, 20, "-10"] for row in rows)


@pytest.mark.django_db
def test_academic_progress_is_against_each_pupils_starting_point(term_with_progress):
    counted = _rows(build_section(academic_section, term_with_progress, Term.parse(TERM), raw=True))
    rows = _rows(build_section(academic_section, term_with_progress, Term.parse(TERM)))

    # Columns: raised, held, dropped, share making expected progress, no evidence.
    # Reading: five raised (wts -> exs), pupil 5 dropped from expected, pupil 6 no record.
    assert counted["Reading"][:3] + counted["Reading"][4:] == [5, 0, 1, 1]
    # Writing: six held their level; holding is not expected progress without the school's rule: 0 of 6,
    # but the 6 is hidden (7 - 6 would give away the pupil with no evidence), so the share is not shown.
    assert counted["Writing"][:3] + counted["Writing"][4:] == [0, 6, 0, 1]
    assert rows["Writing"] == ["0", "not shown", "0", "not shown", "<3"]
    assert rows["Maths"] == ["0", "0", "0", "no pupils", "7"]
    # The one who dropped and the one with no evidence are hidden; so are the figures that would give them away.
    assert rows["Reading"] == ["not shown", "0", "<3", "not shown", "<3"]


@pytest.mark.django_db
def test_holding_a_level_counts_as_expected_progress_only_under_the_schools_rule(term_with_progress):
    from pupils.models import Pupil
    from reports.models import ReportSettings

    seventh = Pupil.objects.filter(school=term_with_progress).order_by("pk")[6]
    AttainmentRecordFactory(pupil=seventh, term="2025-summer", reading="", writing="wts", maths="")
    AttainmentRecordFactory(pupil=seventh, term=TERM, reading="", writing="wts", maths="")
    without_rule = build_section(academic_section, term_with_progress, Term.parse(TERM))
    ReportSettings.objects.create(school=term_with_progress, holding_counts_as_expected=True)

    section = build_section(academic_section, term_with_progress, Term.parse(TERM))

    # Writing: all seven held their level.
    assert _rows(without_rule)["Writing"] == ["0", "7", "0", "0%", "0"]
    assert _rows(section)["Writing"] == ["0", "7", "0", "100%", "0"]
    assert "Under the school's rule, holding a level counts" in section["paragraphs"][0]


@pytest.mark.django_db
def test_attendance_and_exclusions_before_and_during(term_with_progress):
    counted = _rows(build_section(attendance_section, term_with_progress, Term.parse(TERM), raw=True))
    rows = _rows(build_section(attendance_section, term_with_progress, Term.parse(TERM)))

    # Before: (4 x 80 + 3 x 85) / 7 = 575 / 7 = 82.14...
    assert rows["Average attendance"] == ["82.1%", "90.0%"]
    assert counted["Fixed-term exclusions"] == [1, 0] and counted["Removals from lessons"] == [1, 1]
    # One 2-day exclusion before: the count is hidden, and its days with it; one removal each term is hidden.
    assert rows["Fixed-term exclusions"] == ["<3", "0"]
    assert rows["Days of exclusion"] == ["not shown", "0"]
    assert rows["Removals from lessons"] == ["<3", "<3"]


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

    counted = _rows(build_section(referrals_section, school, Term.parse(TERM), raw=True))
    rows = _rows(build_section(referrals_section, school, Term.parse(TERM)))

    assert counted["Received this term"] == [5] and counted["Placed in a group"] == [3]
    assert counted["Declined"] == [1] and counted["Still being considered"] == [1]
    # 5 = 3 + 1 + 1: with the 3 shown the two ones add up to 2, so each is 1; with the 3 hidden (it could then
    # be 0 or 3 or more) 5 still pins it at 3; so the 5 is hidden too.
    assert rows["Declined"] == ["<3"] and rows["Still being considered"] == ["<3"] and rows["Wait-listed"] == ["0"]
    assert rows["Placed in a group"] == ["not shown"] and rows["Received this term"] == ["not shown"]


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
def test_readiness_shows_each_pupils_latest_score_against_the_threshold_with_enough_rated(school):
    from reintegration.tests.factories import ReadinessAssessmentFactory
    from reports.sections import readiness_section

    scenario = build_term(school)
    pupils = list(scenario["pupils"].order_by("pk"))[:7]
    # Latest scores (points of rated x 3): 27/27 = 100%, 24/27 = 89%, 18/27 = 67%; an older 100% is ignored.
    for pupil, points in zip(pupils[:3], [27, 24, 18], strict=True):
        ReadinessAssessmentFactory(pupil=pupil, assessed_on=datetime.date(2026, 9, 20), points=27, rated_count=9)
        ReadinessAssessmentFactory(pupil=pupil, assessed_on=datetime.date(2026, 11, 20), points=points,
                                   rated_count=9)
    # One criterion of 17 rated at the top: 100%, but not enough of the scale to judge.
    ReadinessAssessmentFactory(pupil=pupils[3], assessed_on=datetime.date(2026, 11, 20), points=3, rated_count=1,
                               criteria_count=17)

    counted = _rows(build_section(readiness_section, school, Term.parse(TERM), raw=True))
    rows = _rows(build_section(readiness_section, school, Term.parse(TERM)))

    assert counted["At or over 80%, with enough rated"] == [2]
    assert counted["Under 80%, with enough rated"] == [1]
    assert counted["No evidence: not enough rated to judge (under 80% of the criteria)"] == [1]
    assert counted["No evidence: no assessment yet"] == [3]
    # (100 + 88.9 + 66.7) / 3 = 85.2: the one-criterion 100% is not in the average.
    assert rows["Average latest score (of pupils with enough rated)"] == ["85%"]
    assert rows["At or over 80%, with enough rated"] == ["<3"] and rows["No evidence: no assessment yet"] == ["3"]
