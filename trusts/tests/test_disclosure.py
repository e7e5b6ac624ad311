"""The trust's small-number rules: no hidden count can be worked out from a column and its total."""

from hypothesis import given
from hypothesis import strategies as st

from trusts.disclosure import suppress_column


def test_small_counts_are_hidden_and_zero_is_shown():
    assert suppress_column([0, 12, 9], [3, 3, 3]) == ["0", "12", "9"]


def test_one_hidden_count_takes_the_next_smallest_with_it():
    assert suppress_column([2, 12, 9], [3, 3, 3]) == ["<3", "12", "<3"]


def test_two_hidden_ones_take_a_third_count_since_their_sum_would_give_them_away():
    # 1 + 1 = 2: knowing the total, the two hidden cells must both be 1.
    assert suppress_column([1, 1, 7, 12], [3, 3, 3, 3]) == ["<3", "<3", "<3", "12"]


def test_without_a_total_only_the_small_counts_are_hidden():
    assert suppress_column([2, 12, 9], [3, 3, 3], total_shown=False) == ["<3", "12", "9"]


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_hidden_cells_are_never_one_alone_and_add_up_to_the_threshold(values):
    shown = suppress_column(values, [3] * len(values))
    hidden = [value for value, cell in zip(values, shown, strict=True) if cell == "<3"]
    small = [value for value in values if 0 < value < 3]
    assert all(cell == "<3" for value, cell in zip(values, shown, strict=True) if 0 < value < 3)
    if small and len([value for value in values if value > 0]) >= 2:
        assert len(hidden) >= 2
    if hidden and len(hidden) < len([value for value in values if value > 0]):
        assert sum(hidden) >= 3
