"""The report's sections built from the assessments: referrals, social, emotional and behavioural
progress, readiness, academic progress, and attendance and exclusions before and during the placement.

Every section has the generic shape the PDF template renders: a title, paragraphs, tables of cells
and SVG charts. Each count about pupils is a cell of the report's Disclosure, with the totals it adds
up to, so reports/disclosure.py decides what is hidden; "no evidence" counts are always in the table.
No mean counts a missing value as zero.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from assessments import boxall
from assessments.models import (
    AttainmentRecord,
    AttendanceRecord,
    BoxallProfile,
    Incident,
    IncidentKind,
    Informant,
    SdqAssessment,
)
from assessments.selectors import boxall_settings_for_school
from core.terms import Term
from pupils.models import School

from .charts import bar_chart
from .disclosure import Disclosure
from .figures import placements_in_term, pupils_cell, report_rules
from .numbers import days_text, decimal_text, half_up

SDQ_SCALES = [("emotional", "Emotional"), ("conduct", "Conduct"), ("hyperactivity", "Hyperactivity"),
              ("peer", "Peer"), ("prosocial", "Prosocial")]
SDQ_BANDS = ["close to average", "slightly raised", "high", "very high"]
# Attainment in order: raising a level is progress; holding one is progress only under the school's rule.
LEVEL_ORDER = {"eyfs_emerging": 0, "eyfs_expected": 1, "wts": 1, "exs": 2, "gds": 3}


def _term_pupils(school: School, term: Term) -> dict[int, object]:
    """Return each pupil served this term with the start of their (first) placement in it."""
    starts: dict[int, object] = {}
    for pupil_id, start in placements_in_term(school, term).values_list("pupil_id", "start_date"):
        starts[pupil_id] = min(start, starts.get(pupil_id, start))
    return starts


def _one_decimal(value: Decimal) -> str:
    return decimal_text(value, 1)


def _cells(disclosure: Disclosure, prefix: str, values: dict[str, int], *, printed: set[str] | None = None) -> dict:
    return {name: disclosure.count(f"{prefix}:{name}", value, printed=printed is None or name in printed)
            for name, value in values.items()}


def semh_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """SDQ total difficulties and bands, baseline against latest; Boxall clusters of concern by section."""
    starts = _term_pupils(school, term)
    group = pupils_cell(disclosure, len(starts))
    sdqs = defaultdict(list)
    for sdq in SdqAssessment.objects.filter(school=school, pupil_id__in=starts, informant=Informant.TEACHER,
                                            completed_on__lte=term.end, total__isnull=False).order_by(
            "completed_on", "pk").only("pupil_id", "completed_on", "total", "total_band", *[s for s, _ in SDQ_SCALES]):
        sdqs[sdq.pupil_id].append(sdq)
    pairs = {pupil_id: (rows[0], rows[-1]) for pupil_id, rows in sdqs.items() if len(rows) >= 2}
    improved = sum(1 for first, last in pairs.values() if last.total < first.total)
    same = sum(1 for first, last in pairs.values() if last.total == first.total)
    movement = _cells(disclosure, "sdq", {"better": improved, "same": same, "worse": len(pairs) - improved - same,
                                          "no-evidence": len(starts) - len(pairs)})
    with_pairs = disclosure.count("sdq:pairs", len(pairs))
    disclosure.partition(group, movement.values())
    disclosure.partition(with_pairs, [movement["better"], movement["same"], movement["worse"]])
    disclosure.partition(group, [with_pairs, movement["no-evidence"]])
    band_cells = []
    for moment, index in (("first", 0), ("latest", 1)):
        counts = {band: sum(1 for pair in pairs.values() if pair[index].total_band == band) for band in SDQ_BANDS}
        counts["unbanded"] = len(pairs) - sum(counts.values())
        cells = _cells(disclosure, f"sdq-band-{moment}", counts, printed=set(SDQ_BANDS))
        disclosure.partition(with_pairs, cells.values())
        band_cells.append(cells)
    tables = [
        {"caption": "Teacher SDQ total difficulties (0-40, lower is better): each pupil's first form against their "
                    "latest, for pupils with at least two.",
         "headers": ["Pupils", "Count"],
         "rows": [["In the group this term", group],
                  ["Average total: first form → latest",
                   disclosure.average([first.total for first, _ in pairs.values()], _one_decimal) + " → "
                   + disclosure.average([last.total for _, last in pairs.values()], _one_decimal)],
                  ["Total difficulties went down (better)", movement["better"]],
                  ["No change", movement["same"]],
                  ["Went up (worse)", movement["worse"]],
                  ["No evidence (fewer than two SDQs)", movement["no-evidence"]]]},
        {"caption": "Teacher SDQ total difficulties band: first form and latest.",
         "headers": ["Band", "First form", "Latest"],
         "rows": [[band.capitalize(), band_cells[0][band], band_cells[1][band]] for band in SDQ_BANDS]},
    ]
    charts = []
    if len(pairs) >= disclosure.threshold:
        charts.append(_scales_chart(pairs, disclosure))
        per_pupil = [[first.total, last.total, f"{last.total - first.total:+d}"] for first, last in pairs.values()]
        tables.append({"caption": "Each pupil, anonymous: teacher SDQ total, first form → latest. The letters are "
                                  "given afresh in each report; the table is left out while any count above "
                                  "is hidden, since its rows would add up to it.",
                       "headers": ["Pupil", "First", "Latest", "Change"],
                       "rows": disclosure.later_pupil_rows(per_pupil, *movement.values(), with_pairs,
                                                           *band_cells[0].values(), *band_cells[1].values()),
                       "empty": "Not shown: a count it would reveal is hidden."})
    tables.extend(_boxall_tables(school, term, starts, disclosure))
    return {"title": "Social, emotional and behavioural progress", "tables": tables, "charts": charts,
            "paragraphs": [disclosure.phrase(
                "{pairs} of {pupils} pupils have a first and a latest teacher SDQ; {none} have no evidence yet, "
                "and are shown as such. Averages leave out a missing score: it is never counted as zero.",
                pairs=with_pairs, pupils=group, none=movement["no-evidence"])]}


def _scales_chart(pairs: dict, disclosure: Disclosure):
    """Average teacher SDQ scale scores, first form and latest, each over the pupils with that scale scored."""
    def averages(index: int) -> list[float | None]:
        result = []
        for scale, _ in SDQ_SCALES:
            values = [getattr(pair[index], scale) for pair in pairs.values()]
            present = [value for value in values if value is not None]
            result.append(float(half_up(Decimal(sum(present)) / len(present), 1))
                          if len(present) >= disclosure.threshold else None)
        return result

    return bar_chart(
        "Average teacher SDQ scale scores: first form and latest (prosocial: higher is better)",
        [label for _, label in SDQ_SCALES], {"First form": averages(0), "Latest": averages(1)}, maximum=10,
        desc="Emotional, conduct, hyperactivity and peer problems: lower is better. Prosocial runs the other way: "
             "higher is better. Each average is over the pupils with that scale scored; a missing score is left "
             "out, never counted as zero.")


def _boxall_tables(school: School, term: Term, starts: dict, disclosure: Disclosure) -> list[dict]:
    settings_row = boxall_settings_for_school(school)
    cluster_map = settings_row.cluster_map
    profiles = defaultdict(list)
    for profile in BoxallProfile.objects.filter(school=school, pupil_id__in=starts, completed_on__lte=term.end
                                                ).order_by("completed_on", "pk").only("pupil_id", "cluster_totals"):
        profiles[profile.pupil_id].append(profile)
    pairs = [(rows[0], rows[-1]) for rows in profiles.values() if len(rows) >= 2]
    group = pupils_cell(disclosure, len(starts))
    with_pairs = disclosure.count("boxall:pairs", len(pairs))
    none = disclosure.count("boxall:no-evidence", len(starts) - len(pairs))
    disclosure.partition(group, [with_pairs, none])
    note = (" The ranges are the product's default, not yet the school's licensed handbook's."
            if settings_row.is_default else "")
    tables = []
    for section, heading, rule in (
            (boxall.SECTION_I, "Boxall Profile, section I: developmental strands (higher is better)",
             "a concern is a cluster score below its competence range"),
            (boxall.SECTION_II, "Boxall Profile, section II: diagnostic profile (lower is better)",
             "a concern is a cluster score above its normal range")):
        rows = []
        for cluster in (c for c in boxall.CLUSTERS if c.section == section):
            cells = []
            for moment, index in (("first", 0), ("latest", 1)):
                found = [boxall.concern(cluster.code, pair[index].cluster_totals.get(cluster.code), cluster_map)
                         for pair in pairs]
                counts = _cells(disclosure, f"boxall:{cluster.code}:{moment}",
                                {state: found.count(state) for state in (boxall.CONCERN, boxall.WITHIN,
                                                                         boxall.NOT_SCORED)},
                                printed={boxall.CONCERN, boxall.NOT_SCORED})
                disclosure.partition(with_pairs, counts.values())
                cells += [counts[boxall.CONCERN], counts[boxall.NOT_SCORED]]
            rows.append([f"{cluster.code} {cluster.name}", *cells])
        tables.append({
            "heading": heading,
            "caption": disclosure.phrase(
                "Pupils whose cluster score is a concern ({rule}), first profile and latest, of the {pairs} pupils "
                "with two or more profiles ({none} with no evidence). 'Not scored': a cluster with an item left "
                "blank, never counted as within range.{note}", rule=rule, pairs=with_pairs, none=none, note=note),
            "headers": ["Cluster", "Concern: first", "Not scored: first", "Concern: latest", "Not scored: latest"],
            "rows": rows})
    return tables


def academic_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """Pupils raising, holding or dropping their level in reading, writing and maths since their starting point."""
    starts = _term_pupils(school, term)
    group = pupils_cell(disclosure, len(starts))
    holding_counts = report_rules(school)["holding_counts_as_expected"]
    records = defaultdict(list)
    for record in AttainmentRecord.objects.filter(school=school, pupil_id__in=starts, term__lte=term.code).order_by(
            "term").only("pupil_id", "term", "reading", "writing", "maths"):
        records[record.pupil_id].append(record)
    rows = []
    for subject in ("reading", "writing", "maths"):
        moves = {"raised": 0, "held": 0, "dropped": 0}
        for pupil_id, start in starts.items():
            start_code = Term.for_date(start).code
            levels = [(record.term, getattr(record, subject)) for record in records[pupil_id]
                      if getattr(record, subject)]
            before = [level for code, level in levels if code < start_code]
            baseline = before[-1] if before else (levels[0][1] if levels else None)
            latest = levels[-1][1] if levels else None
            if baseline is None or latest is None or len(levels) < 2:
                continue
            change = LEVEL_ORDER[latest] - LEVEL_ORDER[baseline]
            moves["raised" if change > 0 else "held" if change == 0 else "dropped"] += 1
        evidence = sum(moves.values())
        cells = _cells(disclosure, f"academic:{subject}", {**moves, "evidence": evidence,
                                                           "no-evidence": len(starts) - evidence})
        disclosure.partition(cells["evidence"], [cells["raised"], cells["held"], cells["dropped"]])
        disclosure.partition(group, [cells["evidence"], cells["no-evidence"]])
        if holding_counts:
            expected = disclosure.count(f"academic:{subject}:expected", moves["raised"] + moves["held"],
                                        printed=False)
            disclosure.partition(expected, [cells["raised"], cells["held"]])
        else:
            expected = cells["raised"]
        rows.append([subject.capitalize(), cells["raised"], cells["held"], cells["dropped"],
                     disclosure.share(expected, cells["evidence"]), cells["no-evidence"]])
    rule = ("Under the school's rule, holding a level counts as expected progress: 'expected progress or better' "
            "is raising or holding a level." if holding_counts else
            "'Expected progress or better' here means raising a level; holding a level is shown on its own and is "
            "not counted as expected progress (the school has not set a rule that it is).")
    return {"title": "Academic progress", "charts": [],
            "paragraphs": ["Against each pupil's own starting point (their level in the term before their placement "
                           "began, or their first record), on the scale working towards, expected standard, "
                           "greater depth. " + rule],
            "tables": [{"caption": "Pupils in the group this term.", "headers": [
                "Subject", "Raised a level", "Held their level", "Dropped a level",
                "Expected progress or better (of pupils with evidence)", "No evidence"], "rows": rows}]}


def attendance_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """Attendance, exclusions and removals from class: the term before each placement against this term."""
    starts = _term_pupils(school, term)
    group = pupils_cell(disclosure, len(starts))
    before_terms = {pupil_id: Term.for_date(start).previous() for pupil_id, start in starts.items()}
    attendance = {(record.pupil_id, record.term): record.percent for record in AttendanceRecord.objects.filter(
        school=school, pupil_id__in=starts).only("pupil_id", "term", "percent")}
    before = [attendance[(pid, t.code)] for pid, t in before_terms.items() if (pid, t.code) in attendance]
    during = [attendance[(pid, term.code)] for pid in starts if (pid, term.code) in attendance]

    def incidents(pairs) -> dict:
        query = Q()
        for pupil_id, window in pairs:
            query |= Q(pupil_id=pupil_id, occurred_on__gte=window.start, occurred_on__lte=window.end)
        if not pairs:
            return {"exclusions": 0, "days": Decimal(0), "removals": 0}
        return Incident.objects.filter(query, school=school).aggregate(
            exclusions=Count("pk", filter=Q(kind=IncidentKind.EXCLUSION)),
            days=Sum("days", filter=Q(kind=IncidentKind.EXCLUSION), default=Decimal(0)),
            removals=Count("pk", filter=Q(kind=IncidentKind.REMOVAL)))

    then = incidents(list(before_terms.items()))
    now = incidents([(pupil_id, term) for pupil_id in starts])
    with_figure = []
    for moment, values in (("before", before), ("now", during)):
        shown = disclosure.count(f"attendance:{moment}:with-figure", len(values))
        without = disclosure.count(f"attendance:{moment}:without-figure", len(starts) - len(values), printed=False)
        disclosure.partition(group, [shown, without])
        with_figure.append(shown)
    exclusions = [disclosure.count("exclusions:before", then["exclusions"]),
                  disclosure.count("exclusions:now", now["exclusions"])]
    removals = [disclosure.count("removals:before", then["removals"]),
                disclosure.count("removals:now", now["removals"])]
    days = [disclosure.beside(days_text(then["days"]), exclusions[0]),
            disclosure.beside(days_text(now["days"]), exclusions[1])]

    def mean_percent(values) -> str:
        return disclosure.average(values, lambda value: f"{decimal_text(value, 1)}%")

    return {"title": "Attendance, exclusions and removals from class", "charts": [],
            "paragraphs": ["'Before' is the term before each pupil's placement began; 'this term' is the report's "
                           "term. Average attendance is over the pupils with an attendance figure. Exclusions and "
                           "removals are counts of events, hidden like counts of pupils when there are one or two, "
                           "and the days of exclusion are then hidden with them."],
            "tables": [{"caption": disclosure.phrase("The {pupils} pupils in the group this term.", pupils=group),
                        "headers": ["", "Before the placement", "This term"],
                        "rows": [["Average attendance", mean_percent(before), mean_percent(during)],
                                 ["Pupils with an attendance figure", *with_figure],
                                 ["Fixed-term exclusions", *exclusions],
                                 ["Days of exclusion", *days],
                                 ["Removals from lessons", *removals]]}],
            "exclusions": {"days_before": then["days"], "days_now": now["days"], "cells": exclusions}}


def referrals_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """Referrals received this term and what the panel decided."""
    from pupils.models import Referral

    received = Referral.objects.filter(school=school, raised_at__date__gte=term.start, raised_at__date__lte=term.end)
    counts = received.aggregate(
        total=Count("pk"),
        placed=Count("pk", filter=Q(outcome=Referral.Outcome.PLACED)),
        wait_listed=Count("pk", filter=Q(outcome=Referral.Outcome.WAIT_LISTED)),
        other=Count("pk", filter=Q(outcome=Referral.Outcome.OTHER_SUPPORT)),
        declined=Count("pk", filter=Q(outcome=Referral.Outcome.DECLINED)),
        withdrawn=Count("pk", filter=Q(stage=Referral.Stage.WITHDRAWN)),
    )
    counts["open"] = counts["total"] - sum(counts[name] for name in
                                           ("placed", "wait_listed", "other", "declined", "withdrawn"))
    cells = _cells(disclosure, "referrals", counts)
    disclosure.partition(cells.pop("total"), cells.values())
    total = disclosure.count("referrals:total", counts["total"])
    return {"title": "Referrals", "charts": [],
            "paragraphs": ["These are the referrals raised this term. 'Placed in a group' counts only them: a "
                           "placement that started this term from a referral raised in an earlier term is counted "
                           "under 'Placements started this term' (see 'Who was served'), not here."],
            "tables": [{"caption": "Referrals raised this term and their outcomes so far.",
                        "headers": ["Referrals", "Count"],
                        "rows": [["Received this term", total],
                                 ["Placed in a group", cells["placed"]],
                                 ["Wait-listed", cells["wait_listed"]],
                                 ["Other support instead", cells["other"]],
                                 ["Declined", cells["declined"]],
                                 ["Withdrawn", cells["withdrawn"]],
                                 ["Still being considered", cells["open"]]]}]}


def readiness_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """Readiness for the return to class: each pupil's latest assessment this term, judged only when enough of
    the scale was rated."""
    from reintegration.models import Judgement, ReadinessAssessment, readiness_judgement
    from reintegration.selectors import readiness_settings_for_school

    starts = _term_pupils(school, term)
    group = pupils_cell(disclosure, len(starts))
    settings_row = readiness_settings_for_school(school)
    threshold, coverage = settings_row.threshold, settings_row.min_coverage
    latest: dict[int, ReadinessAssessment] = {}
    for assessment in ReadinessAssessment.objects.filter(
            school=school, pupil_id__in=starts, assessed_on__lte=term.end, rated_count__gt=0).order_by(
            "assessed_on", "pk").only("pupil_id", "points", "rated_count", "criteria_count"):
        latest[assessment.pupil_id] = assessment
    judged = {pupil_id: readiness_judgement(assessment, threshold, coverage)
              for pupil_id, assessment in latest.items()}
    counts = {"ready": list(judged.values()).count(Judgement.READY),
              "below": list(judged.values()).count(Judgement.BELOW),
              "not-enough-rated": list(judged.values()).count(Judgement.NOT_ENOUGH_RATED),
              "none": len(starts) - len(latest)}
    cells = _cells(disclosure, "readiness", counts)
    disclosure.partition(group, cells.values())
    scores = [latest[pupil_id].percent for pupil_id, judgement in judged.items()
              if judgement in (Judgement.READY, Judgement.BELOW)]
    return {"title": "Readiness to return to class", "charts": [],
            "paragraphs": [f"Each pupil's latest readiness assessment up to the end of the term, scored as a "
                           f"percentage of the maximum over the criteria rated. A score is judged only when at "
                           f"least {coverage}% of the scale's criteria were rated (in the group or in class); "
                           f"with fewer it is 'not enough rated to judge' and counted as no evidence. The school "
                           f"starts a phased return at {threshold}%."],
            "tables": [{"caption": disclosure.phrase("The {pupils} pupils in the group this term.", pupils=group),
                        "headers": ["Readiness", "Pupils"],
                        "rows": [[f"At or over {threshold}%, with enough rated", cells["ready"]],
                                 [f"Under {threshold}%, with enough rated", cells["below"]],
                                 [f"No evidence: not enough rated to judge (under {coverage}% of the criteria)",
                                  cells["not-enough-rated"]],
                                 ["No evidence: no assessment yet", cells["none"]],
                                 ["Average latest score (of pupils with enough rated)",
                                  disclosure.average(scores, lambda value: f"{half_up(value)}%")]]}]}


def parent_sdq_section(school: School, term: Term, disclosure: Disclosure) -> dict:
    """The parent SDQ (P4-17), counted apart from the teacher's: first form against latest, with the parent bands.

    Parent and teacher scores are never pooled: the versions have their own bands (a parent's total
    is "very high" from 20, a teacher's from 19), and a parent's view is evidence in its own right.
    """
    starts = _term_pupils(school, term)
    group = pupils_cell(disclosure, len(starts))
    forms = defaultdict(list)
    for sdq in SdqAssessment.objects.filter(school=school, pupil_id__in=starts, informant=Informant.PARENT,
                                            completed_on__lte=term.end, total__isnull=False).order_by(
            "completed_on", "pk").only("pupil_id", "completed_on", "total", "total_band"):
        forms[sdq.pupil_id].append(sdq)
    pairs = [(rows[0], rows[-1]) for rows in forms.values() if len(rows) >= 2]
    improved = sum(1 for first, last in pairs if last.total < first.total)
    same = sum(1 for first, last in pairs if last.total == first.total)
    movement = _cells(disclosure, "parent-sdq", {"better": improved, "same": same,
                                                 "worse": len(pairs) - improved - same,
                                                 "no-evidence": len(starts) - len(pairs)})
    with_pairs = disclosure.count("parent-sdq:pairs", len(pairs))
    with_forms = disclosure.count("parent-sdq:forms", len(forms))
    disclosure.partition(group, movement.values())
    disclosure.partition(with_pairs, [movement["better"], movement["same"], movement["worse"]])
    disclosure.partition(group, [with_pairs, movement["no-evidence"]])
    band_cells = []
    for moment, index in (("first", 0), ("latest", 1)):
        counts = {band: sum(1 for pair in pairs if pair[index].total_band == band) for band in SDQ_BANDS}
        counts["unbanded"] = len(pairs) - sum(counts.values())
        cells = _cells(disclosure, f"parent-sdq-band-{moment}", counts, printed=set(SDQ_BANDS))
        disclosure.partition(with_pairs, cells.values())
        band_cells.append(cells)
    return {
        "title": "Parents' view: the parent SDQ",
        "paragraphs": [disclosure.phrase(
            "Parents or carers completed the parent version of the SDQ for {forms} of {pupils} pupils; {pairs} "
            "have a first and a latest form. These are counted separately from the teacher forms and banded with "
            "the parent version's own cut-offs.", forms=with_forms, pupils=group, pairs=with_pairs)],
        "tables": [
            {"caption": "Parent SDQ total difficulties (0-40, lower is better): each pupil's first parent form "
                        "against their latest, for pupils with at least two.",
             "headers": ["Pupils", "Count"],
             "rows": [["With a first and a latest parent SDQ", with_pairs],
                      ["Total difficulties went down (better)", movement["better"]],
                      ["No change", movement["same"]],
                      ["Went up (worse)", movement["worse"]],
                      ["No evidence (fewer than two parent SDQs)", movement["no-evidence"]]]},
            {"caption": "Parent SDQ total difficulties band (parent cut-offs): first form and latest.",
             "headers": ["Band", "First form", "Latest"],
             "rows": [[band.capitalize(), band_cells[0][band], band_cells[1][band]] for band in SDQ_BANDS]},
        ],
        "charts": [],
    }
