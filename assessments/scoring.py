"""Scoring for the Strengths and Difficulties Questionnaire (SDQ, R. Goodman / youthinmind).

Pure Python, no Django.  Item wording is copyrighted and is not reproduced here:
items are stored by number with short neutral labels of our own.

What the published sources say, and what this module does
---------------------------------------------------------
Scoring syntax.  sdqinfo.org publishes scoring syntax for SPSS (c1.html), SAS
(c2.html) and Stata (c3.html), and an R version.  The search tool returned only the
first part of those pages (the variable list), so the arithmetic was checked
against public copies of the official Stata and R syntax (GitHub, e.g. a Stata 14
"Do file for scoring SDQ Scores" and an R adaptation using car::recode).  The
copies agree with each other and with youthinmind's "Scoring the SDQ for age 4-17"
sheet (19 Aug 2014):

* Reverse-scored items 7, 11, 14, 21, 25 are recoded 0->2, 1->1, 2->0 first.
* A scale is scored when at least 3 of its 5 items are answered
  (Stata ``egen n = robs(...)`` / ``if n > 2``; R ``sum(is.na) < 3``): the mean of
  the answered items x 5, rounded half up (Stata ``round(x*5)``, R
  ``floor(0.5 + x*5)``, SPSS ``rnd``).  Fewer than 3 answered -> missing.  The
  scoring sheet's own example: 4 points from 3 items -> 6.67 -> 7.
  Here the rounding is done in exact integer arithmetic,
  floor((10*sum + n) / (2*n)), so 2.5 -> 3 and 7.5 -> 8 with no float error.
* Total difficulties is the sum of the four already-rounded, prorated scale
  scores (``gen pebdtot = pemotion+pconduct+phyper+ppeer`` comes after each
  ``replace pX = round(pX*5)``), so rounding happens per scale before summing.
  It is missing when any of the four is missing (the self-report scoring sheet says
  so too).
* Externalising (conduct + hyperactivity) and internalising (emotional + peer) are
  defined on sdqinfo (Goodman et al. 2010).  The syntax copies found do not compute
  them, so they are built the same way as the total: from the rounded scale
  scores, None if either part is missing.
* Impact supplement: answers 0 (not at all) and 1 (only a little) score 0,
  2 (quite a lot) scores 1, 3 (a great deal) scores 2.  Unanswered impact items
  are recoded to 0 (``recode ... (.=0)``), and the impact score is produced when at
  least one impact item was answered (``if nimpact != 0``).  When the respondent
  says the child has no difficulties (``ebddiff == 0``) the impact score is set to
  0, not left missing (``replace pimpact=0 if pebddiff==0``).  This module follows
  that rule.  It differs from the brief's "None unless has_difficulties is True".

Band cut-offs.  The teacher four-band table below matches the sdqinfo table
reproduced in PMC4830858, Table 1 ("From sdqinfo.org/py/sdqinfo/b3.py, scoring
instructions for SDQs for 4- to 17-year-olds") for total, emotional, conduct,
hyperactivity, peer and prosocial.  The search tool did not return a primary copy
of the parent four-band table or of the impact rows, so those rows are
DOMAIN.md's.  They were cross-checked against the UK parent three-band cut-offs
(normal/borderline/abnormal) that BMC Psychiatry (2021), Table 2 quotes from
sdqinfo (doi:10.1186/s12888-021-03218-x).  The four-band "close to average"
and "slightly raised" rows agree with them, and each "high + very high" pair makes
up the "abnormal" range, except for parent hyperactivity: three-band borderline
is 6 and abnormal 7-10, while four-band slightly raised is 6-7.  The four-band
and three-band schemes use different percentile splits, so the DOMAIN.md value
6-7 is kept.  The impact maxima agree with the published ranges (teacher 0-6,
parent 0-10).  No contradiction with DOMAIN.md was found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

INFORMANTS: tuple[str, ...] = ("teacher", "parent")

SDQ_SCALES: dict[str, tuple[int, ...]] = {
    "emotional": (3, 8, 13, 16, 24),
    "conduct": (5, 7, 12, 18, 22),
    "hyperactivity": (2, 10, 15, 21, 25),
    "peer": (6, 11, 14, 19, 23),
    "prosocial": (1, 4, 9, 17, 20),
}

SDQ_REVERSED: frozenset[int] = frozenset({7, 11, 14, 21, 25})

_ITEM_SCALE: dict[int, str] = {
    item: scale for scale, items in SDQ_SCALES.items() for item in items
}

SDQ_ITEM_LABELS: dict[int, str] = {
    item: f"Item {item} ({_ITEM_SCALE[item]}{', reverse-scored' if item in SDQ_REVERSED else ''})"
    for item in range(1, 26)
}

BAND_LABELS: tuple[str, ...] = ("close to average", "slightly raised", "high", "very high")
PROSOCIAL_BAND_LABELS: tuple[str, ...] = ("close to average", "slightly lowered", "low", "very low")

# Four-band cut-offs: inclusive (low, high) score ranges, in the order of
# BAND_LABELS (PROSOCIAL_BAND_LABELS for "prosocial").  One table per informant;
# see the module docstring for how each row was checked.
TEACHER_BANDS: dict[str, tuple[tuple[int, int], ...]] = {
    "total": ((0, 11), (12, 15), (16, 18), (19, 40)),
    "emotional": ((0, 3), (4, 4), (5, 5), (6, 10)),
    "conduct": ((0, 2), (3, 3), (4, 4), (5, 10)),
    "hyperactivity": ((0, 5), (6, 7), (8, 8), (9, 10)),
    "peer": ((0, 2), (3, 4), (5, 5), (6, 10)),
    "prosocial": ((6, 10), (5, 5), (4, 4), (0, 3)),
    "impact": ((0, 0), (1, 1), (2, 2), (3, 6)),
}

PARENT_BANDS: dict[str, tuple[tuple[int, int], ...]] = {
    "total": ((0, 13), (14, 16), (17, 19), (20, 40)),
    "emotional": ((0, 3), (4, 4), (5, 6), (7, 10)),
    "conduct": ((0, 2), (3, 3), (4, 5), (6, 10)),
    "hyperactivity": ((0, 5), (6, 7), (8, 8), (9, 10)),
    "peer": ((0, 2), (3, 3), (4, 4), (5, 10)),
    "prosocial": ((8, 10), (7, 7), (6, 6), (0, 5)),
    "impact": ((0, 0), (1, 1), (2, 2), (3, 10)),
}

SDQ_BANDS: dict[str, dict[str, tuple[tuple[int, int], ...]]] = {
    "teacher": TEACHER_BANDS,
    "parent": PARENT_BANDS,
}

BANDED_SCALES: tuple[str, ...] = (
    "emotional", "conduct", "hyperactivity", "peer", "prosocial", "total",
)

# Impact supplement items per informant.  Answers: 0 not at all, 1 only a little,
# 2 quite a lot, 3 a great deal.
SDQ_IMPACT_ITEMS: dict[str, tuple[str, ...]] = {
    "teacher": ("distress", "peers", "learning"),
    "parent": ("distress", "home", "friendships", "learning", "leisure"),
}
_IMPACT_POINTS: dict[int, int] = {0: 0, 1: 0, 2: 1, 3: 2}

_MIN_ANSWERED = 3  # published proration rule: at least 3 of the 5 items


def _check_informant(informant: object) -> str:
    if informant not in INFORMANTS:
        raise ValueError(f"Unknown SDQ informant {informant!r}: expected 'teacher' or 'parent'.")
    return informant  # type: ignore[return-value]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _prorated(points: list[int]) -> int | None:
    """Mean of the answered item points x 5, rounded half up; None below 3 answered."""
    n = len(points)
    if n < _MIN_ANSWERED:
        return None
    # floor(5 * sum / n + 1/2), in integers.
    return (10 * sum(points) + n) // (2 * n)


def sdq_band(scale: str, score: int | None, informant: str) -> str | None:
    """Return the four-band label for a scale score (None when the score is None)."""
    table = SDQ_BANDS[_check_informant(informant)]
    if scale not in table:
        raise ValueError(
            f"No published SDQ bands for {scale!r}: expected one of {', '.join(table)}."
        )
    if score is None:
        return None
    if not _is_int(score):
        raise ValueError(f"SDQ {scale} score must be a whole number, not {score!r}.")
    labels = PROSOCIAL_BAND_LABELS if scale == "prosocial" else BAND_LABELS
    for label, (low, high) in zip(labels, table[scale], strict=True):
        if low <= score <= high:
            return label
    raise ValueError(f"SDQ {scale} score {score} is outside the possible range for {informant}.")


def _clean_responses(responses: Mapping[Any, Any]) -> dict[int, int]:
    if not isinstance(responses, Mapping):
        raise TypeError("SDQ responses must be a mapping of item number to answer.")
    answered: dict[int, int] = {}
    for item, value in responses.items():
        if not _is_int(item) or not 1 <= item <= 25:
            raise ValueError(f"SDQ item {item!r} does not exist: items are numbered 1 to 25.")
        if value is None:
            continue
        if not _is_int(value) or not 0 <= value <= 2:
            raise ValueError(
                f"SDQ item {item}: answer must be 0, 1 or 2 (or blank), not {value!r}."
            )
        answered[item] = 2 - value if item in SDQ_REVERSED else value
    return answered


def score_sdq(responses: Mapping[int, int | None], informant: str) -> dict[str, Any]:
    """Score the 25 SDQ items for a teacher or parent informant using the published rules."""
    _check_informant(informant)
    points = _clean_responses(responses)
    result: dict[str, Any] = {}
    for scale, items in SDQ_SCALES.items():
        result[scale] = _prorated([points[i] for i in items if i in points])

    def add(*scales: str) -> int | None:
        parts = [result[s] for s in scales]
        return None if any(p is None for p in parts) else sum(parts)

    result["total"] = add("emotional", "conduct", "hyperactivity", "peer")
    result["externalising"] = add("conduct", "hyperactivity")
    result["internalising"] = add("emotional", "peer")
    result["bands"] = {scale: sdq_band(scale, result[scale], informant) for scale in BANDED_SCALES}
    return result


def score_sdq_impact(
    responses: Mapping[str, int | None],
    informant: str,
    has_difficulties: bool | None,
) -> dict[str, int | str | None]:
    """Score the SDQ impact supplement (0-6 teacher, 0-10 parent) using the published rules."""
    items = SDQ_IMPACT_ITEMS[_check_informant(informant)]
    if not isinstance(responses, Mapping):
        raise TypeError("SDQ impact responses must be a mapping of item name to answer.")
    if has_difficulties is not None and not isinstance(has_difficulties, bool):
        raise TypeError(
            f"has_difficulties must be True, False or None, not {has_difficulties!r}."
        )
    answered: list[int] = []
    for item, value in responses.items():
        if item not in items:
            raise ValueError(
                f"SDQ impact item {item!r} is not on the {informant} form: "
                f"expected one of {', '.join(items)}."
            )
        if value is None:
            continue
        if not _is_int(value) or not 0 <= value <= 3:
            raise ValueError(
                f"SDQ impact item {item!r}: answer must be 0, 1, 2 or 3 (or blank), not {value!r}."
            )
        answered.append(_IMPACT_POINTS[value])

    if has_difficulties is False:
        impact: int | None = 0  # published syntax: "no difficulties" scores 0
    elif has_difficulties is None:
        impact = None  # the supplement is scored only for a child the informant says has difficulties
    elif answered:
        impact = sum(answered)  # unanswered impact items count 0, as in the syntax
    else:
        impact = None
    return {"impact": impact, "band": sdq_band("impact", impact, informant)}


# Score entry -----------------------------------------------------------------------------------
# A school without youthinmind's authorisation for electronic item entry enters the scale scores
# from a scored paper form or from SDQScore. The five scale scores and the impact score are
# entered; total difficulties, externalising and internalising are computed from them exactly as
# the published syntax computes them from the (already rounded) scale scores, so a form scored by
# hand and the same form entered item by item give the same figures. A total copied from the form
# is optional and only checked against the sum: a mismatch means a scale was copied wrongly.

SDQ_SCALE_MAX = 10
SDQ_TOTAL_MAX = 40
SDQ_IMPACT_MAX: dict[str, int] = {"teacher": 6, "parent": 10}


class SdqScoreError(ValueError):
    """An entered score that cannot be right, naming the score it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def score_sdq_scales(
    scales: Mapping[str, int | None], informant: str, *, stated_total: int | None = None
) -> dict[str, Any]:
    """Return what `score_sdq` returns, from the five scale scores of a scored form (blank = not scored)."""
    _check_informant(informant)
    if not isinstance(scales, Mapping):
        raise TypeError("SDQ scale scores must be a mapping of scale name to score.")
    unknown = set(scales) - set(SDQ_SCALES)
    if unknown:
        raise SdqScoreError(sorted(unknown)[0], f"{sorted(unknown)[0]!r} is not an SDQ scale.")
    result: dict[str, Any] = {}
    for scale in SDQ_SCALES:
        value = scales.get(scale)
        if value is not None and (not _is_int(value) or not 0 <= value <= SDQ_SCALE_MAX):
            raise SdqScoreError(scale, f"A scale score is a whole number from 0 to {SDQ_SCALE_MAX}, not {value!r}.")
        result[scale] = value

    def add(*names: str) -> int | None:
        parts = [result[name] for name in names]
        return None if any(part is None for part in parts) else sum(parts)

    result["total"] = add("emotional", "conduct", "hyperactivity", "peer")
    result["externalising"] = add("conduct", "hyperactivity")
    result["internalising"] = add("emotional", "peer")
    if stated_total is not None:
        if not _is_int(stated_total) or not 0 <= stated_total <= SDQ_TOTAL_MAX:
            raise SdqScoreError("total", f"Total difficulties is a whole number from 0 to {SDQ_TOTAL_MAX}.")
        if result["total"] is None:
            raise SdqScoreError("total", "Total difficulties needs all four difficulty scales (emotional, conduct, "
                                         "hyperactivity, peer): enter them, or leave the total blank.")
        if result["total"] != stated_total:
            raise SdqScoreError("total", f"The four difficulty scales add up to {result['total']}, not "
                                         f"{stated_total}: check the scores copied from the form.")
    result["bands"] = {scale: sdq_band(scale, result[scale], informant) for scale in BANDED_SCALES}
    return result


def score_sdq_impact_score(impact: int | None, informant: str) -> dict[str, int | str | None]:
    """Return what `score_sdq_impact` returns, from an impact score read off a scored form."""
    maximum = SDQ_IMPACT_MAX[_check_informant(informant)]
    if impact is not None and (not _is_int(impact) or not 0 <= impact <= maximum):
        raise SdqScoreError("impact", f"The {informant} form's impact score is a whole number from 0 to {maximum}.")
    return {"impact": impact, "band": sdq_band("impact", impact, informant)}
