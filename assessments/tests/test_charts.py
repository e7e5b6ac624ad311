"""The SVG charts: well-formed, titled and described for screen readers, values written as text."""

import datetime
import xml.etree.ElementTree as ET

from assessments import charts

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_sdq_chart_plots_each_score_with_its_band_and_marks_the_placement():
    svg = charts.sdq_scale_chart(
        title="Total difficulties", maximum=40, today=datetime.date(2026, 11, 23),
        bands=[(0, 11, "close to average"), (12, 15, "slightly raised"), (16, 18, "high"), (19, 40, "very high")],
        points=[charts.TimePoint(datetime.date(2026, 7, 1), 22, "very high"),
                charts.TimePoint(datetime.date(2026, 11, 1), 13, "slightly raised")],
        placements=[(datetime.date(2026, 9, 14), None)],
    )
    root = _parse(svg)
    assert root.find(f"{NS}title").text == "Total difficulties"
    assert root.find(f"{NS}desc").text == "1 Jul 2026: 22 (very high); 1 Nov 2026: 13 (slightly raised)"
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"22", "13", "in group", "very high", "close to average"} <= set(texts)
    assert len(root.findall(f"{NS}circle")) == 2


def test_the_boxall_chart_shades_every_range_and_draws_baseline_and_latest():
    columns = [charts.BoxallColumn(code, "name", "I" if code < "Q" else "II", 8, 12, 16, 6, 10)
               for code in "ABCDEFGHIJQRSTUVWXYZ"]
    columns[0] = charts.BoxallColumn("A", "Gives <attention>", "I", 8, 12, 16, None, 10)
    root = _parse(charts.boxall_chart(columns, baseline_label="1 Jul 2026", latest_label="1 Nov 2026"))
    desc = root.find(f"{NS}desc").text
    assert desc.startswith("A Gives <attention>: range 8-12 of 16, baseline –, latest 10")
    texts = {t.text for t in root.iter(f"{NS}text")}
    assert {"A", "Z", "baseline (1 Jul 2026)", "latest (1 Nov 2026)"} <= texts
    assert len(root.findall(f"{NS}circle")) == 19 + 1  # baselines (one missing) and the legend's


def test_the_term_chart_labels_bars_and_terms_in_the_group():
    root = _parse(charts.term_bar_chart(
        title="Attendance by term", unit="%", maximum=100, floor=50,
        bars=[charts.TermBar("Sum 26", 86.5, False), charts.TermBar("Aut 26", None, True)],
    ))
    assert root.find(f"{NS}desc").text == "Sum 26: 86.5%; Aut 26: none recorded (in the nurture group)"
    assert "in group" in {t.text for t in root.iter(f"{NS}text")}


def test_a_chart_renders_in_a_pdf_as_it_will_in_the_termly_report():
    from weasyprint import HTML

    svg = charts.term_bar_chart(title="Incidents by term", maximum=4,
                                bars=[charts.TermBar("Aut 26", 2, True), charts.TermBar("Spr 27", 0, True)])
    pdf = HTML(string=f"<html><body><h1>Report</h1>{svg}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
