"""The governors' report section: returns to class and former pupils, small numbers hidden, no evidence shown."""

from __future__ import annotations

import datetime

from core.terms import Term
from pupils.tests.factories import PlacementFactory, PupilFactory
from reintegration.models import Ending
from reintegration.selectors import report_section
from reports.tests.rendered import build_section

from .factories import FollowUpFactory, GraduationFactory

AUTUMN_2025 = Term(2025, 0)


def _graduate(school, group, day, ending=Ending.RETURNED_FULL_TIME):
    placement = PlacementFactory(pupil=PupilFactory(school=school), group=group, start_date=day - datetime.timedelta(
        days=120), end_date=day, status="ended")
    return GraduationFactory(placement=placement, ending=ending)


def test_the_section_has_the_generic_shape_and_counts_returns_in_the_term(school, group):
    for _ in range(4):
        _graduate(school, group, datetime.date(2025, 11, 1))
    _graduate(school, group, datetime.date(2025, 10, 1), ending=Ending.MOVED_SCHOOL)
    _graduate(school, group, datetime.date(2025, 7, 1))  # the term before: not counted
    section = build_section(report_section, school, AUTUMN_2025)
    assert set(section) >= {"title", "paragraphs", "tables", "charts", "returned_full_time"}
    assert section["returned_full_time"] == 4
    endings = {row[0]: row[1:] for row in section["tables"][0]["rows"]}
    # 5 ended: 4 returned and 1 moved. The 1 is hidden, so the 4 (its complement in 5) is hidden too.
    assert endings["Returned to class full time"] == ["not shown", "not shown"]
    assert endings["Moved school"] == ["<3", "not shown"]
    assert endings["Moved to specialist provision"] == ["0", "0%"]
    for table in section["tables"]:
        assert {"caption", "headers", "rows"} <= set(table)
        assert all(len(row) == len(table["headers"]) for row in table["rows"])


def test_former_pupils_without_a_follow_up_are_counted_as_no_evidence(school, group):
    graduations = [_graduate(school, group, datetime.date(2025, 6, 20)) for _ in range(8)]
    for graduation in graduations[:4]:
        FollowUpFactory(graduation=graduation, term=AUTUMN_2025.code, coping="well")
    section = build_section(report_section, school, AUTUMN_2025)
    coping = {row[0]: row[1:] for row in section["tables"][1]["rows"]}
    assert coping["Coping well without support"] == ["4", "50%"]
    assert coping["No evidence (no follow-up recorded)"] == ["4", "50%"]
    assert section["returned_full_time"] == 0
    text = " ".join(section["paragraphs"])
    assert "8 former pupils were due a follow-up" in text and "4 former pupils have no evidence" in text


def test_no_pupil_names_in_the_section(school, group):
    graduation = _graduate(school, group, datetime.date(2025, 11, 1))
    section = build_section(report_section, school, AUTUMN_2025)
    assert graduation.pupil.legal_last_name not in repr(section)


def test_former_pupils_who_moved_school_or_went_to_specialist_provision_are_not_due_a_follow_up(school, group):
    graduations = [_graduate(school, group, datetime.date(2025, 6, 20)) for _ in range(6)]
    for ending in (Ending.MOVED_SCHOOL, Ending.SPECIALIST, Ending.SPECIALIST):
        _graduate(school, group, datetime.date(2025, 6, 20), ending=ending)
    for graduation in graduations[:3]:
        FollowUpFactory(graduation=graduation, term=AUTUMN_2025.code, coping="well")

    section = build_section(report_section, school, AUTUMN_2025)

    text = " ".join(section["paragraphs"])
    # Due: the 6 who returned to class, not the 3 who moved on (said in the text, as a count of 3).
    assert "This term 6 former pupils were due a follow-up and 3 follow-ups were recorded" in text
    assert "3 former pupils in their follow-up terms who moved school or went to specialist provision" in text
    coping = {row[0]: row[1:] for row in section["tables"][1]["rows"]}
    assert coping["No evidence (no follow-up recorded)"] == ["3", "50%"]
