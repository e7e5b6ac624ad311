"""The report's sections built from the assessments: social, emotional and behavioural progress,
academic progress, and attendance and exclusions before and during the placement.

Every section has the generic shape the PDF template renders: a title, paragraphs, tables of
strings and SVG charts. Each figure about pupils goes through SmallNumbers, and "no evidence"
counts are always shown.
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

from .anonymity import SmallNumbers, pupil_letters
from .charts import bar_chart
from .figures import placements_in_term

SDQ_SCALES = [("emotional", "Emotional"), ("conduct", "Conduct"), ("hyperactivity", "Hyperactivity"),
              ("peer", "Peer"), ("prosocial", "Prosocial")]
# Attainment in order: a pupil "made expected progress or better" by holding or raising their level.
LEVEL_ORDER = {"eyfs_emerging": 0, "eyfs_expected": 1, "wts": 1, "exs": 2, "gds": 3}


def _term_pupils(school: School, term: Term) -> dict[int, object]:
    """Return each pupil served this term with the start of their (first) placement in it."""
    starts: dict[int, object] = {}
    for pupil_id, start in placements_in_term(school, term).values_list("pupil_id", "start_date"):
        starts[pupil_id] = min(start, starts.get(pupil_id, start))
    return starts


def _mean(values: list) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "–"


def semh_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """SDQ total difficulties and bands, baseline against latest; Boxall clusters outside range."""
    starts = _term_pupils(school, term)
    pupils = len(starts)
    sdqs = defaultdict(list)
    for sdq in SdqAssessment.objects.filter(school=school, pupil_id__in=starts, informant=Informant.TEACHER,
                                            completed_on__lte=term.end, total__isnull=False).order_by(
            "completed_on", "pk").only("pupil_id", "completed_on", "total", "total_band", *[s for s, _ in SDQ_SCALES]):
        sdqs[sdq.pupil_id].append(sdq)
    pairs = {pupil_id: (rows[0], rows[-1]) for pupil_id, rows in sdqs.items() if len(rows) >= 2}
    improved = sum(1 for first, last in pairs.values() if last.total < first.total)
    same = sum(1 for first, last in pairs.values() if last.total == first.total)
    worse = len(pairs) - improved - same
    no_evidence = pupils - len(pairs)
    bands = ["close to average", "slightly raised", "high", "very high"]
    band_rows = [[band.capitalize(), small.count(sum(1 for first, _ in pairs.values() if first.total_band == band)),
                  small.count(sum(1 for _, last in pairs.values() if last.total_band == band))] for band in bands]
    tables = [
        {"caption": "Teacher SDQ total difficulties (0-40, lower is better): each pupil's first form against their "
                    "latest, for pupils with at least two.",
         "headers": ["Pupils", "Count"],
         "rows": [["In the group this term", small.count(pupils)],
                  ["Total difficulties went down (better)", small.count(improved)],
                  ["No change", small.count(same)],
                  ["Went up (worse)", small.count(worse)],
                  ["No evidence (fewer than two SDQs)", small.count(no_evidence)]]},
        {"caption": "Teacher SDQ total difficulties band: first form and latest.",
         "headers": ["Band", "First form", "Latest"], "rows": band_rows},
    ]
    charts = []
    if len(pairs) >= small.threshold:
        firsts = [first.total for first, _ in pairs.values()]
        lasts = [last.total for _, last in pairs.values()]
        tables[0]["rows"].insert(1, ["Average total: first form → latest", f"{_mean(firsts)} → {_mean(lasts)}"])
        charts.append(bar_chart(
            "Average teacher SDQ scale scores: first form and latest", [label for _, label in SDQ_SCALES],
            {"First form": [round(sum(getattr(first, scale) or 0 for first, _ in pairs.values()) / len(pairs), 1)
                            for scale, _ in SDQ_SCALES],
             "Latest": [round(sum(getattr(last, scale) or 0 for _, last in pairs.values()) / len(pairs), 1)
                        for scale, _ in SDQ_SCALES]}, maximum=10))
        letters = pupil_letters(len(pairs))
        tables.append({"caption": "Each pupil, anonymous: teacher SDQ total, first form → latest.",
                       "headers": ["Pupil", "First", "Latest", "Change"],
                       "rows": [[letter, first.total, last.total, f"{last.total - first.total:+d}"]
                                for letter, (first, last) in zip(letters, pairs.values(), strict=True)]})
    tables.append(_boxall_table(school, term, starts, small))
    return {"title": "Social, emotional and behavioural progress", "tables": tables, "charts": charts,
            "paragraphs": [f"{small.count(len(pairs))} of {small.count(pupils)} pupils have a first and a latest "
                           f"teacher SDQ; {small.count(no_evidence)} have no evidence yet, and are shown as such."]}


def _boxall_table(school: School, term: Term, starts: dict, small: SmallNumbers) -> dict:
    cluster_map = boxall_settings_for_school(school).cluster_map
    profiles = defaultdict(list)
    for profile in BoxallProfile.objects.filter(school=school, pupil_id__in=starts, completed_on__lte=term.end
                                                ).order_by("completed_on", "pk").only("pupil_id", "cluster_totals"):
        profiles[profile.pupil_id].append(profile)
    pairs = [(rows[0], rows[-1]) for rows in profiles.values() if len(rows) >= 2]
    rows = []
    for cluster in boxall.CLUSTERS:
        outside_first = sum(1 for first, _ in pairs
                            if boxall.outside_range(cluster.code, first.cluster_totals.get(cluster.code), cluster_map))
        outside_last = sum(1 for _, last in pairs
                           if boxall.outside_range(cluster.code, last.cluster_totals.get(cluster.code), cluster_map))
        rows.append([f"{cluster.code} {cluster.name}", small.count(outside_first), small.count(outside_last)])
    note = (" The ranges are the product's default, not yet the school's licensed handbook's."
            if boxall_settings_for_school(school).is_default else "")
    return {"caption": f"Boxall Profile: pupils outside the range for each cluster, first profile and latest "
                       f"({small.count(len(pairs))} pupils with two or more profiles; "
                       f"{small.count(len(starts) - len(pairs))} with no evidence).{note}",
            "headers": ["Cluster", "First profile", "Latest"], "rows": rows}


def _days(days) -> str:
    """Return a number of days without trailing zeros (PostgreSQL sums decimals as 2.0)."""
    return f"{Decimal(days or 0).normalize():f}"


def academic_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """Share of pupils holding or raising their level in reading, writing and maths since their starting point."""
    starts = _term_pupils(school, term)
    records = defaultdict(list)
    for record in AttainmentRecord.objects.filter(school=school, pupil_id__in=starts, term__lte=term.code).order_by(
            "term").only("pupil_id", "term", "reading", "writing", "maths"):
        records[record.pupil_id].append(record)
    rows = []
    for subject in ("reading", "writing", "maths"):
        made = evidence = 0
        for pupil_id, start in starts.items():
            start_code = Term.for_date(start).code
            levels = [(record.term, getattr(record, subject)) for record in records[pupil_id]
                      if getattr(record, subject)]
            before = [level for code, level in levels if code < start_code]
            baseline = before[-1] if before else (levels[0][1] if levels else None)
            latest = levels[-1][1] if levels else None
            if baseline is None or latest is None or len(levels) < 2:
                continue
            evidence += 1
            made += LEVEL_ORDER[latest] >= LEVEL_ORDER[baseline]
        rows.append([subject.capitalize(), small.share(made, evidence), small.count(evidence),
                     small.count(len(starts) - evidence)])
    return {"title": "Academic progress", "charts": [],
            "paragraphs": ["Against each pupil's own starting point (their level in the term before their placement "
                           "began, or their first record): 'expected progress or better' means holding or raising "
                           "their level (working towards, expected standard, greater depth)."],
            "tables": [{"caption": "Pupils in the group this term.", "headers": [
                "Subject", "Expected progress or better", "Pupils with evidence", "No evidence"], "rows": rows}]}


def attendance_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """Attendance, exclusions and removals from class: the term before each placement against this term."""
    starts = _term_pupils(school, term)
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

    def mean_percent(values) -> str:
        if not values:
            return "no evidence"
        return f"{sum(values) / len(values):.1f}%" if len(values) >= small.threshold else small.hidden

    return {"title": "Attendance, exclusions and removals from class", "charts": [],
            "paragraphs": ["'Before' is the term before each pupil's placement began; "
                           "'this term' is the report's term."],
            "tables": [{"caption": f"The {small.count(len(starts))} pupils in the group this term.",
                        "headers": ["", "Before the placement", "This term"],
                        "rows": [["Average attendance", mean_percent(before), mean_percent(during)],
                                 ["Pupils with an attendance figure", small.count(len(before)),
                                  small.count(len(during))],
                                 ["Fixed-term exclusions", then["exclusions"], now["exclusions"]],
                                 ["Days of exclusion", _days(then["days"]), _days(now["days"])],
                                 ["Removals from lessons", then["removals"], now["removals"]]]}]}


def referrals_section(school: School, term: Term, small: SmallNumbers) -> dict:
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
    still_open = counts["total"] - counts["placed"] - counts["wait_listed"] - counts["other"] - counts["declined"] \
        - counts["withdrawn"]
    return {"title": "Referrals", "charts": [], "paragraphs": [],
            "tables": [{"caption": "Referrals raised this term and their outcomes so far.",
                        "headers": ["Referrals", "Count"],
                        "rows": [["Received this term", small.count(counts["total"])],
                                 ["Placed in a group", small.count(counts["placed"])],
                                 ["Wait-listed", small.count(counts["wait_listed"])],
                                 ["Other support instead", small.count(counts["other"])],
                                 ["Declined", small.count(counts["declined"])],
                                 ["Withdrawn", small.count(counts["withdrawn"])],
                                 ["Still being considered", small.count(still_open)]]}]}


def readiness_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """Readiness for the return to class: each pupil's latest score this term against the school's threshold."""
    from reintegration.models import ReadinessAssessment
    from reintegration.selectors import readiness_settings_for_school

    starts = _term_pupils(school, term)
    threshold = readiness_settings_for_school(school).threshold
    latest: dict[int, ReadinessAssessment] = {}
    for assessment in ReadinessAssessment.objects.filter(
            school=school, pupil_id__in=starts, assessed_on__lte=term.end, rated_count__gt=0).order_by(
            "assessed_on", "pk").only("pupil_id", "points", "rated_count"):
        latest[assessment.pupil_id] = assessment
    scores = [float(assessment.percent) for assessment in latest.values()]
    ready = sum(1 for score in scores if score >= threshold)
    mean = f"{sum(scores) / len(scores):.0f}%" if len(scores) >= small.threshold else (
        small.hidden if scores else "no evidence")
    return {"title": "Readiness to return to class", "charts": [],
            "paragraphs": [f"Each pupil's latest readiness assessment up to the end of the term, scored as a "
                           f"percentage of the maximum over the criteria rated; the school starts a phased "
                           f"return at {threshold}%."],
            "tables": [{"caption": "Pupils in the group this term.", "headers": ["Readiness", "Pupils"],
                        "rows": [["With a readiness assessment", small.count(len(scores))],
                                 ["Average latest score", mean],
                                 [f"At or over {threshold}%", small.count(ready)],
                                 ["No evidence (no assessment yet)", small.count(len(starts) - len(scores))]]}]}


def parent_sdq_section(school: School, term: Term, small: SmallNumbers) -> dict:
    """The parent SDQ (P4-17), counted apart from the teacher's: first form against latest, with the parent bands.

    Parent and teacher scores are never pooled: the versions have their own bands (a parent's total
    is "very high" from 20, a teacher's from 19), and a parent's view is evidence in its own right.
    """
    starts = _term_pupils(school, term)
    forms = defaultdict(list)
    for sdq in SdqAssessment.objects.filter(school=school, pupil_id__in=starts, informant=Informant.PARENT,
                                            completed_on__lte=term.end, total__isnull=False).order_by(
            "completed_on", "pk").only("pupil_id", "completed_on", "total", "total_band"):
        forms[sdq.pupil_id].append(sdq)
    pairs = [(rows[0], rows[-1]) for rows in forms.values() if len(rows) >= 2]
    improved = sum(1 for first, last in pairs if last.total < first.total)
    same = sum(1 for first, last in pairs if last.total == first.total)
    bands = ["close to average", "slightly raised", "high", "very high"]
    return {
        "title": "Parents' view: the parent SDQ",
        "paragraphs": [
            f"Parents or carers completed the parent version of the SDQ for {small.count(len(forms))} of "
            f"{small.count(len(starts))} pupils; {small.count(len(pairs))} have a first and a latest form. These are "
            "counted separately from the teacher forms and banded with the parent version's own cut-offs."],
        "tables": [
            {"caption": "Parent SDQ total difficulties (0-40, lower is better): each pupil's first parent form "
                        "against their latest, for pupils with at least two.",
             "headers": ["Pupils", "Count"],
             "rows": [["With a first and a latest parent SDQ", small.count(len(pairs))],
                      ["Total difficulties went down (better)", small.count(improved)],
                      ["No change", small.count(same)],
                      ["Went up (worse)", small.count(len(pairs) - improved - same)],
                      ["No evidence (fewer than two parent SDQs)", small.count(len(starts) - len(pairs))]]},
            {"caption": "Parent SDQ total difficulties band (parent cut-offs): first form and latest.",
             "headers": ["Band", "First form", "Latest"],
             "rows": [[band.capitalize(), small.count(sum(1 for first, _ in pairs if first.total_band == band)),
                       small.count(sum(1 for _, last in pairs if last.total_band == band))] for band in bands]},
        ],
        "charts": [],
    }
