"""The shared export machinery: formula-safe cells in both formats, the filters on the file, a download entry."""

from __future__ import annotations

import datetime
import io

import openpyxl

from core.exports import Table, table_csv, table_xlsx


def _table() -> Table:
    return Table("Pupils: 2T [test]", ["Name", "Score", "Seen"],
                 [["=HYPERLINK(\"http://evil\",\"x\")", -3, datetime.date(2026, 9, 14)], ["@SUM(A1)", 4, None]],
                 filters={"Class": "2T", "Search": "+44"})


def test_csv_quotes_cells_a_spreadsheet_would_run_and_keeps_numbers():
    text = table_csv(_table()).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Name,Score,Seen"
    assert lines[1].startswith('"\'=HYPERLINK(') and lines[1].endswith(",-3,2026-09-14")
    assert lines[2] == "'@SUM(A1),4,"


def test_xlsx_holds_no_formula_and_names_the_filters_on_a_second_sheet():
    workbook = openpyxl.load_workbook(io.BytesIO(table_xlsx(_table())))
    sheet, about = workbook.worksheets
    assert sheet.title == "Pupils  2T  test"  # characters a sheet name may not hold are replaced
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert sheet["A2"].value.startswith("'=HYPERLINK") and sheet["B2"].value == -3
    assert sheet["C2"].value == datetime.datetime(2026, 9, 14)
    assert ("Search", "'+44") in [tuple(row) for row in about.iter_rows(values_only=True)]


def test_file_name_carries_the_title_and_the_day_but_no_filter():
    table = _table()
    table.filters["Search"] = "Ada Quill"
    assert table.file_stem == f"pupils-2t-test-{datetime.date.today():%Y-%m-%d}"
