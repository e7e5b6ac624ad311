"""Unique Pupil Number (UPN) validation for English state schools (DfE).

A UPN has 13 characters: a check letter, then a 3-digit local authority number,
a 4-digit establishment number, the last 2 digits of the year of issue and a
3-digit serial.  A temporary UPN replaces the last digit of the serial with a
letter (format ``AnnnnnnnnnnnA``).

Check letter algorithm
----------------------
Sources: the UK Government Data Standards Catalogue entry "Unique Pupil Number"
v2.0 (govtalk.gov.uk/gdsc, agreed 18 Nov 2004, owner DfE), which is the rule
behind DfE's "Unique pupil numbers (UPNs): a guide for schools and local
authorities", and school census validation 1510 ("UPN invalid (wrong check
letter at character 1)") as reproduced in MIS help pages (Arbor, Pupil Asset):

1. Multiply characters 2 to 13 by weights 2 to 13 (character 2 by 2, and so on).
2. For a temporary UPN, character 13 is a letter.  It counts as its value in the
   letter table in step 4 (A=0, B=1, ... Z=22), not its position in the alphabet.
3. Add the products and take the remainder on division by 23.
4. Map 0-22 onto A B C D E F G H J K L M N P Q R T U V W X Y Z.  I, O and S are
   never used, either as check letters or as the last character of a temporary UPN.

Beware the worked example in that census 1510 help text: for 207000016049 it
lists the products (2x2)+(4x7)+(9x1)+(10x6)+(12x4)+(13x9), which add up to 266,
not the 267 it prints.  It then says the remainder is 13, which is right for 266,
but gives the letter Q.  In its own table 13 is P (Q is 14).  The correct UPN is
P207000016049, and the tests check this.
"""

from __future__ import annotations

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S
_DIGITS = "0123456789"  # ASCII only; str.isdigit() would accept other scripts


def _value(ch: str) -> int:
    if ch in _DIGITS:
        return int(ch)
    return CHECK_LETTERS.index(ch)


def upn_check_letter(body12: str) -> str:
    """Return the check letter for the 12 characters that follow it in a UPN."""
    if not isinstance(body12, str):
        raise TypeError("The UPN body must be text.")
    body = body12.upper()
    if (
        len(body) != 12
        or any(ch not in _DIGITS for ch in body[:11])
        or (body[11] not in _DIGITS and body[11] not in CHECK_LETTERS)
    ):
        raise ValueError(
            "The UPN body must be 11 digits followed by a digit or a letter other than I, O or S."
        )
    total = sum(weight * _value(ch) for weight, ch in zip(range(2, 14), body, strict=True))
    return CHECK_LETTERS[total % 23]


def validate_upn(value: str) -> str:
    """Return the normalised UPN, or raise ValueError saying what is wrong with it."""
    if not isinstance(value, str):
        raise TypeError("A UPN must be entered as text.")
    upn = value.strip().upper()
    if not upn:
        raise ValueError("The UPN is blank: a UPN has 13 characters.")
    if len(upn) != 13:
        raise ValueError(
            f"A UPN has 13 characters, but this one has {len(upn)}: "
            "please check the UPN was copied correctly."
        )
    if not ("A" <= upn[0] <= "Z"):
        raise ValueError(
            f"A UPN starts with a letter (its check letter), not {upn[0]!r}."
        )
    for position, ch in enumerate(upn[1:12], start=2):
        if ch not in _DIGITS:
            raise ValueError(
                f"Characters 2 to 12 of a UPN are digits, but character {position} is {ch!r}."
            )
    last = upn[12]
    if last not in _DIGITS and last not in CHECK_LETTERS:
        raise ValueError(
            "The last character of a UPN is a digit, or for a temporary UPN a letter "
            f"other than I, O or S, not {last!r}."
        )
    expected = upn_check_letter(upn[1:])
    if upn[0] != expected:
        raise ValueError(
            f"The check letter should be {expected}, not {upn[0]}: "
            "please check the UPN was copied correctly."
        )
    return upn


def _check_part(name: str, number: int, maximum: int) -> None:
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= maximum:
        raise ValueError(f"{name} must be a whole number from 0 to {maximum}, not {number!r}.")


def make_upn(la_code: int, estab: int, year2: int, serial: int) -> str:
    """Build a valid permanent UPN from its LA number, establishment, year and serial."""
    _check_part("la_code", la_code, 999)
    _check_part("estab", estab, 9999)
    _check_part("year2", year2, 99)
    _check_part("serial", serial, 999)
    body = f"{la_code:03d}{estab:04d}{year2:02d}{serial:03d}"
    return upn_check_letter(body) + body
