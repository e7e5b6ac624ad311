"""The Boxall structure, its clearly marked default map, and cluster scoring."""

import pytest

from assessments import boxall


def test_the_structure_has_two_sections_of_ten_clusters():
    assert [c.code for c in boxall.CLUSTERS if c.section == "I"] == list("ABCDEFGHIJ")
    assert [c.code for c in boxall.CLUSTERS if c.section == "II"] == list("QRSTUVWXYZ")


def test_the_default_map_places_each_item_of_each_section_exactly_once_and_is_valid():
    for section in ("I", "II"):
        items = sorted(n for c in boxall.CLUSTERS if c.section == section
                       for n in boxall.DEFAULT_CLUSTER_MAP[c.code]["items"])
        assert items == list(range(1, 35))
    assert boxall.validate_cluster_map(boxall.DEFAULT_CLUSTER_MAP) == {}
    assert "Default" in boxall.DEFAULT_NOTICE and "handbook" in boxall.DEFAULT_NOTICE


def test_cluster_totals_sum_the_items_of_each_cluster_and_leave_gaps_unscored():
    scores = {key: 1 for key in boxall.ALL_ITEM_KEYS}
    scores[boxall.item_key("II", 1)] = None  # first item of Q in the default map
    scores[boxall.item_key("I", 1)] = 4  # first item of A
    totals = boxall.cluster_totals(scores, boxall.DEFAULT_CLUSTER_MAP)
    assert totals["A"] == 4 + 3
    assert totals["B"] == 4
    assert totals["Q"] is None


def test_outside_range_says_which_side():
    cluster_map = {**boxall.DEFAULT_CLUSTER_MAP, "A": {"items": [1, 2, 3, 4], "low": 10, "high": 16}}
    assert boxall.outside_range("A", 9, cluster_map) == "below"
    assert boxall.outside_range("A", 10, cluster_map) is None
    assert boxall.outside_range("A", 16, cluster_map) is None
    assert boxall.outside_range("A", None, cluster_map) is None


@pytest.mark.parametrize(("change", "message"), [
    ({"A": {"items": [], "low": 0, "high": 0}}, "needs at least one item"),
    ({"A": {"items": [35], "low": 0, "high": 4}}, "1 to 34"),
    ({"B": {"items": [1], "low": 0, "high": 4}}, "already in cluster A"),
    ({"A": {"items": [1, 2, 3, 4], "low": 12, "high": 17}}, "within 0 to 16"),
    ({"A": {"items": [1, 2, 3, 4], "low": 12, "high": 10}}, "lowest first"),
])
def test_a_school_map_with_mistakes_is_refused_cluster_by_cluster(change, message):
    errors = boxall.validate_cluster_map({**boxall.DEFAULT_CLUSTER_MAP, **change})
    assert message in " ".join(errors.values())


def test_an_item_score_outside_0_to_4_names_the_item():
    with pytest.raises(ValueError, match="Section II, item 3"):
        boxall.check_item_scores({37: 5})
    with pytest.raises(ValueError, match="1 to 68"):
        boxall.check_item_scores({69: 1})
