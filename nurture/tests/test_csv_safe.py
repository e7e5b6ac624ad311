"""Exports never let a spreadsheet run a formula hidden in a pupil's name or note."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from core.csv_safe import FORMULA_STARTS, safe_cell, write_csv


def test_a_cell_starting_with_a_formula_character_is_shown_as_text():
    for text in ['=HYPERLINK("http://evil.example","Click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]:
        assert safe_cell(text) == "'" + text


def test_ordinary_text_numbers_and_blanks_are_unchanged():
    assert safe_cell("Ada Quill") == "Ada Quill"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(True) is True
    assert safe_cell(None) == ""


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none()), max_size=5), max_size=5))
def test_no_written_text_cell_can_start_a_formula(rows):
    text = write_csv(rows)
    for row_in, row_out in zip(rows, csv.reader(io.StringIO(text)), strict=False):
        for value, cell in zip(row_in, row_out, strict=False):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_STARTS)


def test_write_csv_writes_to_a_file():
    buffer = io.StringIO()
    write_csv([["Name"], ["=cmd|' /C calc'!A0"]], buffer)
    assert buffer.getvalue().splitlines()[1] == "'=cmd|' /C calc'!A0"
