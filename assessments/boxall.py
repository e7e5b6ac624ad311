"""The Boxall Profile's structure, a clearly marked default cluster map, and cluster scoring.

Pure Python. The handbook (Bennathan & Boxall; Nurture UK) is licensed: its item wording, its
item-to-cluster map and its competence / normal ranges are not shipped. What is shipped is the
published structure (two sections of 34 items scored 0-4; clusters A-J and Q-Z with our own short
names) and a DEFAULT map that spreads the items evenly over the clusters, with ranges derived
from the number of items. The default exists so the screens work on day one; each school replaces
it with the map and ranges from its own handbook (BoxallSettings, editable by the SENCO).

Items are numbered within their section (1-34) as on the form; stored scores use one key per
item, 1-34 for section I and 35-68 for section II (`item_key`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ITEMS_PER_SECTION = 34
ITEM_MAX = 4
SECTION_I, SECTION_II = "I", "II"
SECTION_NAMES = {
    SECTION_I: "Section I: developmental strands (higher is better)",
    SECTION_II: "Section II: diagnostic profile (lower is better)",
}
DEFAULT_NOTICE = "Default — replace with the item map and ranges from your licensed handbook."


@dataclass(frozen=True)
class Cluster:
    code: str
    section: str
    strand: str
    name: str  # our own short name


CLUSTERS: tuple[Cluster, ...] = (
    Cluster("A", SECTION_I, "Organisation of experience", "Gives purposeful attention"),
    Cluster("B", SECTION_I, "Organisation of experience", "Participates constructively"),
    Cluster("C", SECTION_I, "Organisation of experience", "Connects up experiences"),
    Cluster("D", SECTION_I, "Organisation of experience", "Shows insightful involvement"),
    Cluster("E", SECTION_I, "Organisation of experience", "Engages cognitively with peers"),
    Cluster("F", SECTION_I, "Internalisation of controls", "Is emotionally secure"),
    Cluster("G", SECTION_I, "Internalisation of controls", "Is biddable, accepts constraints"),
    Cluster("H", SECTION_I, "Internalisation of controls", "Accommodates to others"),
    Cluster("I", SECTION_I, "Internalisation of controls", "Responds constructively to others"),
    Cluster("J", SECTION_I, "Internalisation of controls", "Maintains internalised standards"),
    Cluster("Q", SECTION_II, "Self-limiting features", "Disengaged"),
    Cluster("R", SECTION_II, "Self-limiting features", "Self-negating"),
    Cluster("S", SECTION_II, "Undeveloped behaviour", "Makes undifferentiated attachments"),
    Cluster("T", SECTION_II, "Undeveloped behaviour", "Shows inconsequential behaviour"),
    Cluster("U", SECTION_II, "Undeveloped behaviour", "Craves attachment, reassurance"),
    Cluster("V", SECTION_II, "Unsupported development", "Avoids or rejects attachment"),
    Cluster("W", SECTION_II, "Unsupported development", "Undeveloped or insecure sense of self"),
    Cluster("X", SECTION_II, "Unsupported development", "Negativism towards self"),
    Cluster("Y", SECTION_II, "Unsupported development", "Negativism towards others"),
    Cluster("Z", SECTION_II, "Unsupported development", "Wants, grabs, disregarding others"),
)
CLUSTERS_BY_CODE: dict[str, Cluster] = {cluster.code: cluster for cluster in CLUSTERS}


def item_key(section: str, number: int) -> int:
    """Return the stored key of an item: its number in section I, 34 + its number in section II."""
    if not 1 <= number <= ITEMS_PER_SECTION:
        raise ValueError(f"Boxall section {section} has items 1 to {ITEMS_PER_SECTION}, not {number!r}.")
    return number if section == SECTION_I else ITEMS_PER_SECTION + number


def item_label(key: int) -> str:
    section, number = (SECTION_I, key) if key <= ITEMS_PER_SECTION else (SECTION_II, key - ITEMS_PER_SECTION)
    return f"Section {section}, item {number}"


ALL_ITEM_KEYS: tuple[int, ...] = tuple(range(1, 2 * ITEMS_PER_SECTION + 1))


def _default_map() -> dict[str, dict[str, Any]]:
    """Spread each section's 34 items over its 10 clusters in order (4,4,4,4,3,3,3,3,3,3)."""
    result: dict[str, dict[str, Any]] = {}
    for section in (SECTION_I, SECTION_II):
        codes = [cluster.code for cluster in CLUSTERS if cluster.section == section]
        number = 1
        for position, code in enumerate(codes):
            size = 4 if position < 4 else 3
            items = list(range(number, number + size))
            number += size
            top = size * ITEM_MAX
            if section == SECTION_I:  # placeholder competence range: the top 40% of the scale
                low, high = round(top * 0.6), top
            else:  # placeholder normal range: the bottom 40%
                low, high = 0, round(top * 0.4)
            result[code] = {"items": items, "low": low, "high": high}
    return result


DEFAULT_CLUSTER_MAP: dict[str, dict[str, Any]] = _default_map()


def validate_cluster_map(cluster_map: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Return {cluster code: error message} for a map a school entered (empty when it is sound)."""
    errors: dict[str, str] = {}
    seen: dict[tuple[str, int], str] = {}
    for cluster in CLUSTERS:
        entry = cluster_map.get(cluster.code)
        if not entry or not entry.get("items"):
            errors[cluster.code] = f"Cluster {cluster.code} needs at least one item number."
            continue
        items, low, high = entry["items"], entry.get("low"), entry.get("high")
        bad = [n for n in items if not isinstance(n, int) or not 1 <= n <= ITEMS_PER_SECTION]
        if bad:
            errors[cluster.code] = f"Item numbers run from 1 to {ITEMS_PER_SECTION}: {bad[0]!r} is not one."
            continue
        twice = [n for n in items if (cluster.section, n) in seen]
        if twice:
            other = seen[(cluster.section, twice[0])]
            errors[cluster.code] = f"Item {twice[0]} of section {cluster.section} is already in cluster {other}."
            continue
        for n in items:
            seen[(cluster.section, n)] = cluster.code
        top = len(items) * ITEM_MAX
        if not (isinstance(low, int) and isinstance(high, int) and 0 <= low <= high <= top):
            errors[cluster.code] = f"The range must lie within 0 to {top} ({len(items)} items x 4), lowest first."
    return errors


def cluster_totals(
    scores: Mapping[int, int | None], cluster_map: Mapping[str, Mapping[str, Any]]
) -> dict[str, int | None]:
    """Return each cluster's total (the sum of its items), or None when any of its items is unanswered."""
    totals: dict[str, int | None] = {}
    for cluster in CLUSTERS:
        keys = [item_key(cluster.section, n) for n in cluster_map[cluster.code]["items"]]
        values = [scores.get(key) for key in keys]
        totals[cluster.code] = None if any(v is None for v in values) else sum(values)
    return totals


def check_item_scores(scores: Mapping[Any, Any]) -> dict[int, int | None]:
    """Return the scores keyed by item, or raise ValueError naming the first bad item."""
    clean: dict[int, int | None] = {}
    for key, value in scores.items():
        key = int(key)
        if key not in ALL_ITEM_KEYS:
            raise ValueError(f"Boxall item {key!r} does not exist: items are keyed 1 to 68.")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= ITEM_MAX):
            raise ValueError(f"Boxall {item_label(key)}: a score is 0 to 4 (or blank), not {value!r}.")
        clean[key] = value
    return clean


def outside_range(code: str, total: int | None, cluster_map: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Return 'below' or 'above' when a cluster total lies outside its range, None when within or unscored."""
    if total is None:
        return None
    entry = cluster_map[code]
    if total < entry["low"]:
        return "below"
    if total > entry["high"]:
        return "above"
    return None


def cluster_max(code: str, cluster_map: Mapping[str, Mapping[str, Any]]) -> int:
    return len(cluster_map[code]["items"]) * ITEM_MAX


class BoxallScoreError(ValueError):
    """An entered cluster score that cannot be right, naming its cluster."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_cluster_scores(
    totals: Mapping[str, Any], cluster_map: Mapping[str, Mapping[str, Any]]
) -> dict[str, int | None]:
    """Return entered cluster scores (from a scored handbook or Boxall Profile Online) keyed by cluster.

    Each lies within 0 and its cluster's maximum under the school's map (items x 4); blank means
    not scored, as a cluster with an unanswered item is under item entry.
    """
    unknown = set(totals) - set(CLUSTERS_BY_CODE)
    if unknown:
        code = sorted(unknown)[0]
        raise BoxallScoreError(code, f"{code!r} is not a Boxall cluster.")
    clean: dict[str, int | None] = {}
    for cluster in CLUSTERS:
        value = totals.get(cluster.code)
        top = cluster_max(cluster.code, cluster_map)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top):
            raise BoxallScoreError(
                cluster.code,
                f"Cluster {cluster.code} has {top // ITEM_MAX} items in the school's Boxall settings, so its score "
                f"is 0 to {top}, not {value!r}. If the handbook says otherwise, correct the Boxall settings first.",
            )
        clean[cluster.code] = value
    if all(value is None for value in clean.values()):
        raise BoxallScoreError(CLUSTERS[0].code, "Enter at least one cluster score.")
    return clean
CONCERN, WITHIN, NOT_SCORED = "concern", "within", "not scored"


def concern(code: str, total: int | None, cluster_map: Mapping[str, Mapping[str, Any]]) -> str:
    """Return whether a cluster total is a concern, within range, or not scored.

    Section I (developmental strands, higher is better) is a concern below its competence range; a score
    above it is not. Section II (diagnostic profile, lower is better) is a concern above its normal range.
    """
    if total is None:
        return NOT_SCORED
    entry = cluster_map[code]
    if CLUSTERS_BY_CODE[code].section == SECTION_I:
        return CONCERN if total < entry["low"] else WITHIN
    return CONCERN if total > entry["high"] else WITHIN
