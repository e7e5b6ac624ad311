"""Tests for pupils.upn (Unique Pupil Number check letter).  Pure Python."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pupils.upn import CHECK_LETTERS, make_upn, upn_check_letter, validate_upn


def test_letter_table_has_23_letters_without_i_o_s() -> None:
    assert CHECK_LETTERS == "ABCDEFGHJKLMNPQRTUVWXYZ"
    assert len(CHECK_LETTERS) == 23
    assert not set("IOS") & set(CHECK_LETTERS)


def test_permanent_example_b801200005001() -> None:
    # Body 8 0 1 2 0 0 0 0 5 0 0 1, weights 2..13:
    # 8*2 + 0*3 + 1*4 + 2*5 + 0*6 + 0*7 + 0*8 + 0*9 + 5*10 + 0*11 + 0*12 + 1*13
    # = 16 + 4 + 10 + 50 + 13 = 93;  93 = 4*23 + 1  ->  1 -> B
    assert upn_check_letter("801200005001") == "B"
    assert validate_upn("B801200005001") == "B801200005001"


def test_permanent_example_from_census_error_1510_guidance() -> None:
    # The census 1510 help text works body 2 0 7 0 0 0 0 1 6 0 4 9:
    # 2*2 + 7*4 + 1*9 + 6*10 + 4*12 + 9*13 = 4 + 28 + 9 + 60 + 48 + 117 = 266
    # (it prints 267).  266 = 11*23 + 13, and it too says "left with 13", but then
    # gives Q.  In the letter table 13 is P (A0 ... N12 P13 Q14), so the UPN it
    # recommends, Q207000016049, is itself invalid.
    assert upn_check_letter("207000016049") == "P"
    assert validate_upn("P207000016049") == "P207000016049"
    with pytest.raises(ValueError, match="should be P, not Q"):
        validate_upn("Q207000016049")
    with pytest.raises(ValueError, match="should be P, not B"):
        validate_upn("B207000016049")


def test_temporary_upn_letter_a() -> None:
    # Temporary UPN X00180001701A: 0 0 1 8 0 0 0 1 7 0 1 A(=0), weights 2..13:
    # 1*4 + 8*5 + 1*9 + 7*10 + 1*12 + 0*13 = 4 + 40 + 9 + 70 + 12 = 135
    # 135 = 5*23 + 20  ->  20 -> X
    assert upn_check_letter("00180001701A") == "X"
    assert validate_upn("X00180001701A") == "X00180001701A"


def test_temporary_upn_letter_uses_table_value_not_alphabet_position() -> None:
    # Same body with final letter T.  T is 16 in the UPN table (I, O, S skipped),
    # though it is the 20th letter of the alphabet (index 19).
    # 135 + 16*13 = 135 + 208 = 343 = 14*23 + 21  ->  21 -> Y
    # (using alphabet index 19: 135 + 247 = 382 = 16*23 + 14 -> Q, which is wrong)
    assert upn_check_letter("00180001701T") == "Y"
    assert validate_upn("y00180001701t") == "Y00180001701T"
    with pytest.raises(ValueError, match="should be Y, not Q"):
        validate_upn("Q00180001701T")


def test_normalises_case_and_surrounding_space() -> None:
    assert validate_upn("  b801200005001\n") == "B801200005001"


def test_make_upn_builds_valid_permanent_upns() -> None:
    # LA 801, establishment 2000, year 05, serial 001 -> body 801200005001 -> B (above)
    assert make_upn(801, 2000, 5, 1) == "B801200005001"
    # LA 207, establishment 0000, year 16, serial 049 -> P (above)
    assert make_upn(207, 0, 16, 49) == "P207000016049"


@pytest.mark.parametrize(
    "args",
    [(1000, 1, 1, 1), (-1, 1, 1, 1), (801, 10000, 1, 1), (801, 1, 100, 1), (801, 1, 1, 1000),
     (801, 1, 1, True), ("801", 1, 1, 1), (801.0, 1, 1, 1)],
)
def test_make_upn_rejects_out_of_range_parts(args: tuple) -> None:
    with pytest.raises(ValueError):
        make_upn(*args)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "blank"),
        ("   ", "blank"),
        ("B80120000500", "13 characters, but this one has 12"),
        ("B8012000050011", "13 characters, but this one has 14"),
        ("8801200005001", "starts with a letter"),
        ("B80120000A001", "character 10 is 'A'"),
        ("B8012 0005001", "character 6 is ' '"),
        ("B80120000500-", "last character"),
        ("X00180001701O", "other than I, O or S"),
        ("X00180001701I", "other than I, O or S"),
        ("X00180001701S", "other than I, O or S"),
        ("B80120000\u0665001", "character 10"),  # Arabic-Indic digit five
        ("A801200005001", "check letter should be B, not A: please check the UPN was copied"),
        ("I801200005001", "check letter should be B, not I"),
    ],
)
def test_validate_upn_messages(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_upn(value)


def test_validate_upn_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="text"):
        validate_upn(801200005001)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        validate_upn(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("body", ["80120000500", "8012000050011", "80120000A001", "00180001701O"])
def test_upn_check_letter_rejects_bad_bodies(body: str) -> None:
    with pytest.raises(ValueError):
        upn_check_letter(body)


def test_upn_check_letter_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        upn_check_letter(801200005001)  # type: ignore[arg-type]


parts = st.tuples(
    st.integers(0, 999), st.integers(0, 9999), st.integers(0, 99), st.integers(0, 999)
)


@given(parts, st.integers(1, 12), st.integers(1, 9))
def test_property_made_upns_validate_and_single_digit_errors_are_caught(
    args: tuple[int, int, int, int], position: int, shift: int
) -> None:
    upn = make_upn(*args)
    assert validate_upn(upn) == upn
    # Weights 2..13 are all coprime to 23, so changing any one digit changes the
    # check letter.
    digit = int(upn[position])
    mistyped = upn[:position] + str((digit + shift) % 10) + upn[position + 1:]
    with pytest.raises(ValueError, match="check letter"):
        validate_upn(mistyped)


@given(parts, st.integers(1, 11))
def test_property_adjacent_transpositions_are_caught(
    args: tuple[int, int, int, int], position: int
) -> None:
    upn = make_upn(*args)
    a, b = upn[position], upn[position + 1]
    if a != b:
        swapped = upn[:position] + b + a + upn[position + 2:]
        with pytest.raises(ValueError, match="check letter"):
            validate_upn(swapped)
