"""Hand-worked examples of how small numbers are hidden and figures are shown."""

import pytest

from reports.anonymity import SmallNumbers, money, percent, pupil_letters


@pytest.mark.parametrize(("number", "shown"), [(0, "0"), (1, "<3"), (2, "<3"), (3, "3"), (17, "17")])
def test_counts_of_one_or_two_pupils_are_hidden(number, shown):
    assert SmallNumbers(3).count(number) == shown


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (6, 9, "67%"),    # 66.67 rounds up
    (1, 8, "<3"),     # one pupil would be identifiable
    (7, 8, "88%"),    # a figure about eight pupils
    (0, 8, "0%"),
    (8, 8, "100%"),
    (2, 2, "<3"),     # a group of two
    (0, 0, "no pupils"),
    (1, 2, "<3"),
])
def test_shares_are_hidden_when_they_are_about_fewer_than_three_pupils(part, whole, shown):
    assert SmallNumbers(3).share(part, whole) == shown


def test_the_threshold_is_configurable():
    assert SmallNumbers(5).count(4) == "<5" and SmallNumbers(5).share(4, 9) == "<5"


def test_percentages_round_half_up():
    assert percent(1, 8) == 13 and percent(5, 8) == 63 and percent(1, 3) == 33


def test_pupils_are_lettered_beyond_z():
    names = pupil_letters(28)
    assert names[0] == "Pupil A" and names[25] == "Pupil Z" and names[26] == "Pupil AA" and names[27] == "Pupil AB"


def test_money_is_shown_in_whole_pounds():
    assert money("12345.50") == "£12,346" and money(None) == "£0"
