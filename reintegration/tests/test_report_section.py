"""The governors' report section: returns to class and former pupils, small numbers hidden, no evidence shown."""

from __future__ import annotations

import datetime

from core.terms import Term
from pupils.tests.factories import PlacementFactory, PupilFactory
from reintegration.models import Ending
from reintegration.selectors import report_section
from reports.anonymity import SmallNumbers

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
    section = report_section(school, AUTUMN_2025, SmallNumbers(3))
    assert set(section) >= {"title", "paragraphs", "tables", "charts", "returned_full_time"}
    assert section["returned_full_time"] == 4
    endings = {row[0]: row[1:] for row in section["tables"][0]["rows"]}
    assert endings["Returned to class full time"] == ["4", "80%"]
    assert endings["Moved school"] == ["<3", "<3"]
    assert endings["Moved to specialist provision"] == ["0", "0%"]
    for table in section["tables"]:
        assert {"caption", "headers", "rows"} <= set(table)
        assert all(len(row) == len(table["headers"]) for row in table["rows"])


def test_former_pupils_without_a_follow_up_are_counted_as_no_evidence(school, group):
    graduations = [_graduate(school, group, datetime.date(2025, 6, 20)) for _ in range(8)]
    for graduation in graduations[:4]:
        FollowUpFactory(graduation=graduation, term=AUTUMN_2025.code, coping="well")
    section = report_section(school, AUTUMN_2025, SmallNumbers(3))
    coping = {row[0]: row[1:] for row in section["tables"][1]["rows"]}
    assert coping["Coping well without support"] == ["4", "50%"]
    assert coping["No evidence (no follow-up recorded)"] == ["4", "50%"]
    assert section["returned_full_time"] == 0
    text = " ".join(section["paragraphs"])
    assert "8 former pupils were due a follow-up" in text and "4 former pupils have no evidence" in text


def test_no_pupil_names_in_the_section(school, group):
    graduation = _graduate(school, group, datetime.date(2025, 11, 1))
    section = report_section(school, AUTUMN_2025, SmallNumbers(3))
    assert graduation.pupil.legal_last_name not in repr(section)
