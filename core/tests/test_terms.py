"""Terms: which term a day falls in, codes that sort in time order, ranges."""

import datetime

import pytest

from core.terms import Term, term_choices


@pytest.mark.parametrize(("day", "code", "label"), [
    (datetime.date(2026, 9, 1), "2026-autumn", "Autumn 2026"),
    (datetime.date(2026, 12, 31), "2026-autumn", "Autumn 2026"),
    (datetime.date(2027, 1, 4), "2026-spring", "Spring 2027"),
    (datetime.date(2027, 3, 31), "2026-spring", "Spring 2027"),
    (datetime.date(2027, 4, 1), "2026-summer", "Summer 2027"),
    (datetime.date(2027, 8, 31), "2026-summer", "Summer 2027"),
])
def test_a_day_falls_in_its_term(day, code, label):
    term = Term.for_date(day)
    assert term.code == code and term.label == label
    assert term.contains(day)
    assert Term.parse(code) == term


def test_codes_sort_in_time_order_as_strings():
    terms = Term.range(Term(2025, 0), Term(2027, 2))
    assert len(terms) == 9
    assert sorted(term.code for term in terms) == [term.code for term in terms]
    assert terms[0].previous() == Term(2024, 2) and terms[-1].next() == Term(2028, 0)


def test_terms_are_contiguous():
    term = Term(2026, 0)
    for _ in range(6):
        assert term.next().start == term.end + datetime.timedelta(days=1)
        term = term.next()


@pytest.mark.parametrize("code", ["2026", "2026-winter", "autumn-2026", "", None])
def test_a_bad_code_is_refused(code):
    with pytest.raises(ValueError, match="not a term"):
        Term.parse(code)


def test_term_choices_put_the_current_term_first():
    choices = term_choices(datetime.date(2026, 11, 23), back=3)
    assert choices[0] == ("2026-autumn", "Autumn 2026")
    assert [code for code, _ in choices] == ["2026-autumn", "2025-summer", "2025-spring", "2025-autumn"]
