"""Tests for assessments.scoring (SDQ).  Pure Python: no database, no Django."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import (
    BAND_LABELS,
    PROSOCIAL_BAND_LABELS,
    SDQ_BANDS,
    SDQ_IMPACT_ITEMS,
    SDQ_ITEM_LABELS,
    SDQ_REVERSED,
    SDQ_SCALES,
    score_sdq,
    score_sdq_impact,
    sdq_band,
)

SCALES = ("emotional", "conduct", "hyperactivity", "peer", "prosocial")


def with_only(answers: dict[int, int | None]) -> dict[int, int | None]:
    """All 25 items blank except the given ones."""
    responses: dict[int, int | None] = dict.fromkeys(range(1, 26))
    responses.update(answers)
    return responses


# --------------------------------------------------------------------------- constants


def test_constants_shape() -> None:
    assert list(SDQ_SCALES) == list(SCALES)
    all_items = [i for items in SDQ_SCALES.values() for i in items]
    assert sorted(all_items) == list(range(1, 26))
    assert SDQ_REVERSED == frozenset({7, 11, 14, 21, 25})
    assert set(SDQ_ITEM_LABELS) == set(range(1, 26))
    assert SDQ_ITEM_LABELS[1] == "Item 1 (prosocial)"
    assert SDQ_ITEM_LABELS[7] == "Item 7 (conduct, reverse-scored)"
    # Short and neutral: no item wording.
    assert all(len(label) < 40 for label in SDQ_ITEM_LABELS.values())


@pytest.mark.parametrize("informant", ["teacher", "parent"])
def test_band_table_partitions_the_score_range(informant: str) -> None:
    maxima = {"total": 40, "impact": 6 if informant == "teacher" else 10}
    for scale, ranges in SDQ_BANDS[informant].items():
        top = maxima.get(scale, 10)
        covered = sorted(s for low, high in ranges for s in range(low, high + 1))
        assert covered == list(range(top + 1)), (informant, scale)
        assert len(ranges) == 4


# ------------------------------------------------------------------- hand-worked scoring

# A complete teacher form.  Item: answer ticked (R = reverse-scored, counts 2 - answer).
FULL = {
    1: 2, 2: 1, 3: 0, 4: 2, 5: 1, 6: 0, 7: 1, 8: 2, 9: 2, 10: 2, 11: 2, 12: 0, 13: 1,
    14: 1, 15: 2, 16: 1, 17: 2, 18: 0, 19: 1, 20: 1, 21: 0, 22: 0, 23: 1, 24: 0, 25: 0,
}
# emotional     3,8,13,16,24       = 0 + 2 + 1 + 1 + 0                 = 4
# conduct       5,7R,12,18,22      = 1 + (2-1) + 0 + 0 + 0             = 2
# hyperactivity 2,10,15,21R,25R    = 1 + 2 + 2 + (2-0) + (2-0)         = 9
# peer          6,11R,14R,19,23    = 0 + (2-2) + (2-1) + 1 + 1         = 3
# prosocial     1,4,9,17,20        = 2 + 2 + 2 + 2 + 1                 = 9
# total = 4 + 2 + 9 + 3 = 18; externalising = 2 + 9 = 11; internalising = 4 + 3 = 7


def test_all_25_answered_teacher() -> None:
    result = score_sdq(FULL, "teacher")
    assert {k: result[k] for k in (*SCALES, "total", "externalising", "internalising")} == {
        "emotional": 4, "conduct": 2, "hyperactivity": 9, "peer": 3, "prosocial": 9,
        "total": 18, "externalising": 11, "internalising": 7,
    }
    assert result["bands"] == {
        "emotional": "slightly raised",   # teacher 4
        "conduct": "close to average",    # teacher 0-2
        "hyperactivity": "very high",     # teacher 9-10
        "peer": "slightly raised",        # teacher 3-4
        "prosocial": "close to average",  # teacher 6-10
        "total": "high",                  # teacher 16-18
    }


def test_all_25_answered_parent_uses_parent_bands() -> None:
    result = score_sdq(FULL, "parent")
    assert result["total"] == 18
    assert result["bands"] == {
        "emotional": "slightly raised",   # parent 4
        "conduct": "close to average",    # parent 0-2
        "hyperactivity": "very high",     # parent 9-10
        "peer": "slightly raised",        # parent 3
        "prosocial": "close to average",  # parent 8-10
        "total": "high",                  # parent 17-19
    }


def test_reverse_scoring_all_not_true() -> None:
    # Every item ticked 0: only the five reversed items score (2 each).
    result = score_sdq(dict.fromkeys(range(1, 26), 0), "teacher")
    assert result["emotional"] == 0
    assert result["conduct"] == 2        # item 7
    assert result["hyperactivity"] == 4  # items 21, 25
    assert result["peer"] == 4           # items 11, 14
    assert result["prosocial"] == 0
    assert result["total"] == 10


def test_reverse_scoring_all_certainly_true() -> None:
    # Every item ticked 2: the five reversed items score 0.
    result = score_sdq(dict.fromkeys(range(1, 26), 2), "parent")
    assert result["emotional"] == 10
    assert result["conduct"] == 8        # 2+0+2+2+2
    assert result["hyperactivity"] == 6  # 2+2+2+0+0
    assert result["peer"] == 6           # 2+0+0+2+2
    assert result["prosocial"] == 10
    assert result["total"] == 30


def test_single_reversed_item_counts_two_minus_answer() -> None:
    base = {5: 0, 12: 0, 18: 0, 22: 0}
    assert score_sdq(with_only({**base, 7: 0}), "teacher")["conduct"] == 2
    assert score_sdq(with_only({**base, 7: 1}), "teacher")["conduct"] == 1
    assert score_sdq(with_only({**base, 7: 2}), "teacher")["conduct"] == 0


# ------------------------------------------------------------------ missing and proration


def test_two_of_five_answered_gives_none_and_totals_that_need_it_none() -> None:
    responses = dict(FULL)
    responses[3] = None      # emotional: blank
    del responses[8]         # emotional: absent
    responses[13] = None     # emotional: only 16 and 24 left -> 2 of 5
    result = score_sdq(responses, "teacher")
    assert result["emotional"] is None
    assert result["total"] is None
    assert result["internalising"] is None
    assert result["externalising"] == 11  # does not need emotional
    assert result["bands"]["emotional"] is None
    assert result["bands"]["total"] is None
    assert result["bands"]["conduct"] == "close to average"


def test_nothing_answered() -> None:
    result = score_sdq({}, "teacher")
    assert all(result[k] is None for k in (*SCALES, "total", "externalising", "internalising"))
    assert all(band is None for band in result["bands"].values())


def test_three_of_five_manual_example() -> None:
    # youthinmind's scoring sheet: 4 points from 3 items -> 4/3*5 = 6.67 -> 7.
    assert score_sdq(with_only({3: 2, 8: 1, 13: 1}), "teacher")["emotional"] == 7


def test_three_of_five_rounds_down_below_half() -> None:
    # 1 point from 3 items -> 1/3*5 = 1.67 -> 2; 2 points -> 3.33 -> 3.
    assert score_sdq(with_only({3: 1, 8: 0, 13: 0}), "teacher")["emotional"] == 2
    assert score_sdq(with_only({3: 1, 8: 1, 13: 0}), "teacher")["emotional"] == 3


def test_four_of_five_rounds_up_from_three_quarters() -> None:
    # answers 1,1,0,1 -> mean 0.75 -> 0.75*5 = 3.75 -> 4
    assert score_sdq(with_only({3: 1, 8: 1, 13: 0, 16: 1}), "teacher")["emotional"] == 4


def test_four_of_five_exact_half_rounds_up_not_to_even() -> None:
    # answers 1,1,0,0 -> mean 0.5 -> 2.5 -> 3 (SPSS RND / Stata round), where
    # Python's round(2.5) would give 2.
    assert round(2.5) == 2
    assert score_sdq(with_only({3: 1, 8: 1, 13: 0, 16: 0}), "teacher")["emotional"] == 3
    # answers 2,2,1,1 -> mean 1.5 -> 7.5 -> 8
    assert score_sdq(with_only({3: 2, 8: 2, 13: 1, 16: 1}), "teacher")["emotional"] == 8


def test_proration_applies_reverse_scoring_first() -> None:
    # Peer with 4 answered: 6=1, 11R ticked 2 -> 0, 14R ticked 0 -> 2, 19=0:
    # points 1+0+2+0 = 3 -> 3/4*5 = 3.75 -> 4
    assert score_sdq(with_only({6: 1, 11: 2, 14: 0, 19: 0}), "teacher")["peer"] == 4


def test_total_is_sum_of_rounded_prorated_scales() -> None:
    # Each difficulty scale has 4 answers worth 2 points: 2/4*5 = 2.5 -> 3 each.
    # Published syntax rounds each scale first: total = 3+3+3+3 = 12.
    # (Summing the unrounded 2.5s would have given 10.)
    answers = {
        3: 1, 8: 1, 13: 0, 16: 0,            # emotional
        5: 1, 12: 1, 18: 0, 22: 0,           # conduct
        2: 1, 10: 1, 15: 0, 21: 2,           # hyperactivity (21R ticked 2 -> 0)
        6: 1, 19: 1, 23: 0, 14: 2,           # peer (14R ticked 2 -> 0)
    }
    result = score_sdq(with_only(answers), "teacher")
    assert [result[s] for s in ("emotional", "conduct", "hyperactivity", "peer")] == [3, 3, 3, 3]
    assert result["total"] == 12
    assert result["externalising"] == 6
    assert result["internalising"] == 6
    assert result["prosocial"] is None
    assert result["bands"]["prosocial"] is None
    assert result["bands"]["total"] == "slightly raised"  # teacher 12-15


def test_none_and_absent_are_the_same() -> None:
    present = score_sdq(with_only({3: 2, 8: 1, 13: 1}), "teacher")
    absent = score_sdq({3: 2, 8: 1, 13: 1}, "teacher")
    assert present == absent


# ------------------------------------------------------------------------- band edges

T, P = "teacher", "parent"
# (informant, scale, score, band index), both sides of every cut-off, typed by hand
# from the published tables (not derived from the module's table).
EDGES = [
    *[(T, "total", s, b) for s, b in [(0, 0), (11, 0), (12, 1), (15, 1), (16, 2), (18, 2), (19, 3), (40, 3)]],
    *[(T, "emotional", s, b) for s, b in [(0, 0), (3, 0), (4, 1), (5, 2), (6, 3), (10, 3)]],
    *[(T, "conduct", s, b) for s, b in [(0, 0), (2, 0), (3, 1), (4, 2), (5, 3), (10, 3)]],
    *[(T, "hyperactivity", s, b) for s, b in [(0, 0), (5, 0), (6, 1), (7, 1), (8, 2), (9, 3), (10, 3)]],
    *[(T, "peer", s, b) for s, b in [(0, 0), (2, 0), (3, 1), (4, 1), (5, 2), (6, 3), (10, 3)]],
    *[(T, "prosocial", s, b) for s, b in [(10, 0), (6, 0), (5, 1), (4, 2), (3, 3), (0, 3)]],
    *[(T, "impact", s, b) for s, b in [(0, 0), (1, 1), (2, 2), (3, 3), (6, 3)]],
    *[(P, "total", s, b) for s, b in [(0, 0), (13, 0), (14, 1), (16, 1), (17, 2), (19, 2), (20, 3), (40, 3)]],
    *[(P, "emotional", s, b) for s, b in [(0, 0), (3, 0), (4, 1), (5, 2), (6, 2), (7, 3), (10, 3)]],
    *[(P, "conduct", s, b) for s, b in [(0, 0), (2, 0), (3, 1), (4, 2), (5, 2), (6, 3), (10, 3)]],
    *[(P, "hyperactivity", s, b) for s, b in [(0, 0), (5, 0), (6, 1), (7, 1), (8, 2), (9, 3), (10, 3)]],
    *[(P, "peer", s, b) for s, b in [(0, 0), (2, 0), (3, 1), (4, 2), (5, 3), (10, 3)]],
    *[(P, "prosocial", s, b) for s, b in [(10, 0), (8, 0), (7, 1), (6, 2), (5, 3), (0, 3)]],
    *[(P, "impact", s, b) for s, b in [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3)]],
]


@pytest.mark.parametrize(("informant", "scale", "score", "band"), EDGES)
def test_band_edges(informant: str, scale: str, score: int, band: int) -> None:
    labels = PROSOCIAL_BAND_LABELS if scale == "prosocial" else BAND_LABELS
    assert sdq_band(scale, score, informant) == labels[band]


def test_band_labels() -> None:
    assert BAND_LABELS == ("close to average", "slightly raised", "high", "very high")
    assert PROSOCIAL_BAND_LABELS == ("close to average", "slightly lowered", "low", "very low")


@pytest.mark.parametrize(
    ("scale", "score", "informant"),
    [
        ("total", 41, "teacher"), ("total", -1, "parent"), ("emotional", 11, "teacher"),
        ("impact", 7, "teacher"), ("impact", 11, "parent"), ("conduct", 2.0, "teacher"),
        ("peer", True, "parent"), ("externalising", 3, "teacher"), ("wellbeing", 3, "parent"),
        ("total", 10, "self"),
    ],
)
def test_sdq_band_rejects_bad_input(scale: str, score: object, informant: str) -> None:
    with pytest.raises(ValueError):
        sdq_band(scale, score, informant)  # type: ignore[arg-type]


def test_sdq_band_none_score() -> None:
    assert sdq_band("total", None, "teacher") is None


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("responses", "named"),
    [
        ({0: 1}, "item 0"),
        ({26: 1}, "item 26"),
        ({"3": 1}, "item '3'"),
        ({True: 1}, "item True"),
        ({7: 3}, "item 7"),
        ({7: -1}, "item 7"),
        ({12: 1.0}, "item 12"),
        ({12: "1"}, "item 12"),
        ({25: True}, "item 25"),
        ({25: False}, "item 25"),
    ],
)
def test_bad_responses_raise_naming_the_item(responses: dict, named: str) -> None:
    with pytest.raises(ValueError, match=f"(?i){named}"):
        score_sdq(responses, "teacher")


@pytest.mark.parametrize("informant", ["self", "Teacher", "", None, "both"])
def test_bad_informant(informant: object) -> None:
    with pytest.raises(ValueError, match="informant"):
        score_sdq(FULL, informant)  # type: ignore[arg-type]


def test_responses_must_be_a_mapping() -> None:
    with pytest.raises(TypeError):
        score_sdq([1, 2, 3], "teacher")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- impact


def test_impact_items() -> None:
    assert SDQ_IMPACT_ITEMS == {
        "teacher": ("distress", "peers", "learning"),
        "parent": ("distress", "home", "friendships", "learning", "leisure"),
    }


def test_impact_teacher_worked() -> None:
    # distress: a great deal (3) -> 2; peers: quite a lot (2) -> 1; learning: only a little (1) -> 0
    result = score_sdq_impact({"distress": 3, "peers": 2, "learning": 1}, "teacher", True)
    assert result == {"impact": 3, "band": "very high"}  # teacher 3-6


def test_impact_parent_worked() -> None:
    # 2 -> 1, 3 -> 2, 0 -> 0, 3 -> 2, 1 -> 0: impact 5
    answers = {"distress": 2, "home": 3, "friendships": 0, "learning": 3, "leisure": 1}
    assert score_sdq_impact(answers, "parent", True) == {"impact": 5, "band": "very high"}


@pytest.mark.parametrize(
    ("answers", "impact", "band"),
    [
        ({"distress": 0, "peers": 1, "learning": 1}, 0, "close to average"),
        ({"distress": 2, "peers": 1, "learning": 0}, 1, "slightly raised"),
        ({"distress": 2, "peers": 2, "learning": 0}, 2, "high"),
        ({"distress": 3, "peers": 3, "learning": 3}, 6, "very high"),
    ],
)
def test_impact_teacher_bands(answers: dict, impact: int, band: str) -> None:
    assert score_sdq_impact(answers, "teacher", True) == {"impact": impact, "band": band}


def test_impact_parent_maximum() -> None:
    answers = dict.fromkeys(SDQ_IMPACT_ITEMS["parent"], 3)
    assert score_sdq_impact(answers, "parent", True) == {"impact": 10, "band": "very high"}


def test_impact_no_difficulties_scores_zero_per_published_syntax() -> None:
    # Published syntax: "replace pimpact=0 if pebddiff==0", whatever else was ticked.
    assert score_sdq_impact({}, "teacher", False) == {"impact": 0, "band": "close to average"}
    answers = {"distress": 3, "peers": 3, "learning": 3}
    assert score_sdq_impact(answers, "teacher", False) == {"impact": 0, "band": "close to average"}


def test_impact_nothing_answered_is_none() -> None:
    assert score_sdq_impact({}, "parent", True) == {"impact": None, "band": None}
    blanks = dict.fromkeys(SDQ_IMPACT_ITEMS["parent"])
    assert score_sdq_impact(blanks, "parent", True) == {"impact": None, "band": None}


def test_impact_missing_items_count_zero_when_any_answered() -> None:
    # Published syntax recodes unanswered impact items to 0 and scores when >= 1 answered.
    assert score_sdq_impact({"distress": 3}, "teacher", True) == {"impact": 2, "band": "high"}
    partial = {"distress": 3, "home": None, "learning": 2}
    assert score_sdq_impact(partial, "parent", True) == {"impact": 3, "band": "very high"}


def test_impact_is_not_scored_when_the_difficulties_question_is_unanswered() -> None:
    # Hand-worked: distress "quite a lot" (2 -> 1) and peers "a great deal" (3 -> 2) would give 3 ("very high")
    # for a child the teacher says has difficulties; with that question unanswered nothing is scored.
    answers = {"distress": 2, "peers": 3}
    assert score_sdq_impact(answers, "teacher", True) == {"impact": 3, "band": "very high"}
    assert score_sdq_impact(answers, "teacher", None) == {"impact": None, "band": None}
    assert score_sdq_impact(answers, "teacher", False) == {"impact": 0, "band": "close to average"}


@pytest.mark.parametrize(
    ("answers", "informant", "named"),
    [
        ({"home": 1}, "teacher", "'home'"),
        ({"peers": 1}, "parent", "'peers'"),
        ({"Distress": 1}, "teacher", "'Distress'"),
        ({"distress": 4}, "teacher", "'distress'"),
        ({"learning": -1}, "parent", "'learning'"),
        ({"leisure": True}, "parent", "'leisure'"),
        ({"learning": 1.0}, "teacher", "'learning'"),
    ],
)
def test_impact_bad_input_names_the_item(answers: dict, informant: str, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        score_sdq_impact(answers, informant, True)


def test_impact_bad_informant_and_flag() -> None:
    with pytest.raises(ValueError, match="informant"):
        score_sdq_impact({}, "self", True)
    with pytest.raises(TypeError, match="has_difficulties"):
        score_sdq_impact({}, "teacher", "yes")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- properties

answers = st.one_of(st.none(), st.integers(min_value=0, max_value=2))
responses_strategy = st.dictionaries(st.integers(min_value=1, max_value=25), answers)


def reference_scale(responses: dict[int, int | None], items: tuple[int, ...]) -> int | None:
    """Independent oracle: Decimal arithmetic with ROUND_HALF_UP."""
    points = [
        (2 - responses[i]) if i in SDQ_REVERSED else responses[i]
        for i in items
        if responses.get(i) is not None
    ]
    if len(points) < 3:
        return None
    value = Decimal(sum(points)) * 5 / Decimal(len(points))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(responses_strategy, st.sampled_from(["teacher", "parent"]))
def test_property_ranges_and_sums(responses: dict[int, int | None], informant: str) -> None:
    result = score_sdq(responses, informant)
    for scale, items in SDQ_SCALES.items():
        score = result[scale]
        assert score is None or 0 <= score <= 10
        assert score == reference_scale(responses, items)
        assert (result["bands"][scale] is None) == (score is None)
    parts = [result[s] for s in ("emotional", "conduct", "hyperactivity", "peer")]
    total = result["total"]
    assert total is None or 0 <= total <= 40
    if all(p is not None for p in parts):
        assert total == sum(parts)
        assert result["externalising"] + result["internalising"] == total
    else:
        assert total is None
    assert (result["bands"]["total"] is None) == (total is None)


@given(st.fixed_dictionaries({i: st.integers(min_value=0, max_value=2) for i in range(1, 26)}))
def test_property_complete_forms_always_score(responses: dict[int, int]) -> None:
    result = score_sdq(responses, "teacher")
    assert all(result[k] is not None for k in (*SCALES, "total", "externalising", "internalising"))
