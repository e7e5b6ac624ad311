"""Reads of assessments, always scoped to a school; callers check the permission on the pupil or group first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.terms import Term
from pupils.models import NurtureGroup, Placement, Pupil, School, User

from . import boxall
from .models import (
    AttainmentRecord,
    AttendanceRecord,
    BoxallProfile,
    BoxallSettings,
    Incident,
    IncidentKind,
    Instrument,
    InstrumentLicence,
    LicenceKind,
    Purpose,
    SdqAssessment,
)


def licences_for_school(school: School | int) -> dict[str, InstrumentLicence]:
    """Return the school's licence for each instrument: an unsaved 'no licence recorded' where it has none."""
    school_id = getattr(school, "pk", school)
    found = {licence.instrument: licence
             for licence in InstrumentLicence.objects.for_school(school_id).select_related("recorded_by")}
    return {instrument: found.get(instrument) or InstrumentLicence(school_id=school_id, instrument=instrument,
                                                                   kind=LicenceKind.NONE)
            for instrument in Instrument.values}


def licence_for_school(school: School | int, instrument: str) -> InstrumentLicence:
    """Return the school's licence for one instrument (unsaved 'none recorded' if it has none)."""
    school_id = getattr(school, "pk", school)
    found = InstrumentLicence.objects.for_school(school_id).filter(instrument=instrument).first()
    return found or InstrumentLicence(school_id=school_id, instrument=instrument, kind=LicenceKind.NONE)


def boxall_settings_for_school(school: School | int) -> BoxallSettings:
    """Return the school's Boxall settings, or an unsaved default (clearly marked) if it has none yet."""
    school_id = getattr(school, "pk", school)
    found = BoxallSettings.objects.filter(school_id=school_id).first()
    if found is not None:
        return found
    return BoxallSettings(school_id=school_id, cluster_map=boxall.DEFAULT_CLUSTER_MAP, is_default=True)


def sdq_for_pupil_or_404(pupil: Pupil, pk: int) -> SdqAssessment:
    """Return one SDQ of this pupil (of the pupil's school), or raise 404."""
    return get_object_or_404(SdqAssessment.objects.select_related("recorded_by"), school_id=pupil.school_id,
                             pupil=pupil, pk=pk)


def boxall_for_pupil_or_404(pupil: Pupil, pk: int) -> BoxallProfile:
    """Return one Boxall Profile of this pupil (of the pupil's school), or raise 404."""
    return get_object_or_404(BoxallProfile.objects.select_related("recorded_by"), school_id=pupil.school_id,
                             pupil=pupil, pk=pk)


def sdqs_for_pupils(school_id: int, pupil_ids) -> QuerySet[SdqAssessment]:
    """Return the SDQs of these pupils of the school, oldest first."""
    return SdqAssessment.objects.for_school(school_id).for_pupils(pupil_ids)


def boxalls_for_pupils(school_id: int, pupil_ids) -> QuerySet[BoxallProfile]:
    """Return the Boxall Profiles of these pupils of the school, oldest first."""
    return BoxallProfile.objects.for_school(school_id).for_pupils(pupil_ids)


@dataclass
class ClusterRow:
    """One Boxall cluster on the whole-child page: its range and the baseline and latest totals."""

    cluster: boxall.Cluster
    low: int
    high: int
    maximum: int
    baseline: int | None
    latest: int | None
    baseline_outside: str | None
    latest_outside: str | None


@dataclass
class TermRow:
    """One term on the whole-child page, with whatever was recorded in it."""

    term: Term
    in_placement: bool
    attainment: AttainmentRecord | None = None
    attendance: AttendanceRecord | None = None
    incident_counts: dict[str, int] = field(default_factory=dict)
    exclusion_days: float = 0.0

    @property
    def incident_total(self) -> int:
        return sum(self.incident_counts.values())


@dataclass
class InformantTerm:
    """One term's SDQs from each informant (either may be missing)."""

    term: Term
    teacher: SdqAssessment | None = None
    parent: SdqAssessment | None = None


@dataclass
class WholeChild:
    pupil: Pupil
    placements: list[Placement]
    sdqs: list[SdqAssessment]
    boxalls: list[BoxallProfile]
    settings: BoxallSettings
    cluster_rows: list[ClusterRow]
    terms: list[TermRow]
    incidents: list[Incident]

    @property
    def teacher_sdqs(self) -> list[SdqAssessment]:
        return [sdq for sdq in self.sdqs if sdq.informant == "teacher"]

    @property
    def parent_sdqs(self) -> list[SdqAssessment]:
        return [sdq for sdq in self.sdqs if sdq.informant == "parent"]

    @property
    def informant_terms(self) -> list[InformantTerm]:
        """Return, newest term first, each term's latest teacher and latest parent SDQ, for reading side by side."""
        by_term: dict[Term, InformantTerm] = {}
        for sdq in self.sdqs:  # oldest first, so the latest of a term wins
            row = by_term.setdefault(sdq.term, InformantTerm(term=sdq.term))
            setattr(row, sdq.informant, sdq)
        return [by_term[term] for term in sorted(by_term, reverse=True)]

    @property
    def boxall_baseline(self) -> BoxallProfile | None:
        return self.boxalls[0] if self.boxalls else None

    @property
    def boxall_latest(self) -> BoxallProfile | None:
        return self.boxalls[-1] if len(self.boxalls) > 1 else None


def placement_terms(placements: list[Placement], today) -> set[Term]:
    """Return the terms during which any of the placements ran."""
    terms: set[Term] = set()
    for placement in placements:
        end = placement.end_date or today
        if end >= placement.start_date:
            terms.update(Term.range(Term.for_date(placement.start_date), Term.for_date(end)))
    return terms


def cluster_rows(
    settings: BoxallSettings, baseline: BoxallProfile | None, latest: BoxallProfile | None
) -> list[ClusterRow]:
    """Return the Boxall chart's rows: every cluster's range with the baseline and latest totals."""
    cluster_map = settings.cluster_map
    rows = []
    for cluster in boxall.CLUSTERS:
        entry = cluster_map[cluster.code]
        first = baseline.cluster_totals.get(cluster.code) if baseline else None
        last = latest.cluster_totals.get(cluster.code) if latest else None
        rows.append(ClusterRow(
            cluster=cluster, low=entry["low"], high=entry["high"],
            maximum=boxall.cluster_max(cluster.code, cluster_map),
            baseline=first, latest=last,
            baseline_outside=boxall.outside_range(cluster.code, first, cluster_map),
            latest_outside=boxall.outside_range(cluster.code, last, cluster_map),
        ))
    return rows


def whole_child(pupil: Pupil) -> WholeChild:
    """Return everything measured about the pupil, term by term: a fixed number of queries however long the history."""
    today = timezone.localdate()
    school_id = pupil.school_id
    placements = list(
        Placement.objects.filter(school_id=school_id, pupil=pupil).select_related("group").order_by("start_date")
    )
    sdqs = list(sdqs_for_pupils(school_id, [pupil.pk]))
    boxalls = list(boxalls_for_pupils(school_id, [pupil.pk]))
    settings = boxall_settings_for_school(school_id)
    attainment = {row.term: row for row in AttainmentRecord.objects.filter(school_id=school_id, pupil=pupil)}
    attendance = {row.term: row for row in AttendanceRecord.objects.filter(school_id=school_id, pupil=pupil)}
    incidents = list(Incident.objects.filter(school_id=school_id, pupil=pupil).select_related("recorded_by"))

    in_group = placement_terms(placements, today)
    known: set[Term] = set(in_group) | {Term.for_date(today)}
    known.update(Term.parse(code) for code in [*attainment, *attendance])
    known.update(incident.term for incident in incidents)
    known.update(a.term for a in [*sdqs, *boxalls])
    terms = [TermRow(term=term, in_placement=term in in_group) for term in Term.range(min(known), max(known))]
    by_term = {row.term: row for row in terms}
    for code, record in attainment.items():
        by_term[Term.parse(code)].attainment = record
    for code, record in attendance.items():
        by_term[Term.parse(code)].attendance = record
    for incident in incidents:
        row = by_term[incident.term]
        row.incident_counts[incident.kind] = row.incident_counts.get(incident.kind, 0) + 1
        if incident.days:
            row.exclusion_days += float(incident.days)

    baseline = boxalls[0] if boxalls else None
    latest = boxalls[-1] if len(boxalls) > 1 else None
    return WholeChild(
        pupil=pupil, placements=placements, sdqs=sdqs, boxalls=boxalls, settings=settings,
        cluster_rows=cluster_rows(settings, baseline, latest), terms=terms, incidents=incidents,
    )


INCIDENT_KINDS = list(IncidentKind)


@dataclass
class GroupMemberRow:
    placement: Placement
    latest_sdq: SdqAssessment | None
    boxall_outside: list[boxall.Cluster]
    boxall_date: object
    attendance: AttendanceRecord | None


def group_overview(group: NurtureGroup, members: list[Placement]) -> list[GroupMemberRow]:
    """Return each current member's latest teacher SDQ, Boxall clusters outside range and latest attendance."""
    pupil_ids = [placement.pupil_id for placement in members]
    latest_sdq: dict[int, SdqAssessment] = {}
    for sdq in sdqs_for_pupils(group.school_id, pupil_ids).filter(informant="teacher"):
        latest_sdq[sdq.pupil_id] = sdq  # oldest first, so the last one wins
    latest_boxall: dict[int, BoxallProfile] = {}
    for profile in boxalls_for_pupils(group.school_id, pupil_ids):
        latest_boxall[profile.pupil_id] = profile
    latest_attendance: dict[int, AttendanceRecord] = {}
    for record in AttendanceRecord.objects.filter(school_id=group.school_id, pupil_id__in=pupil_ids).order_by("term"):
        latest_attendance[record.pupil_id] = record
    cluster_map = boxall_settings_for_school(group.school_id).cluster_map
    rows = []
    for placement in members:
        profile = latest_boxall.get(placement.pupil_id)
        outside = []
        if profile:
            outside = [
                cluster for cluster in boxall.CLUSTERS
                if boxall.outside_range(cluster.code, profile.cluster_totals.get(cluster.code), cluster_map)
            ]
        rows.append(GroupMemberRow(
            placement=placement, latest_sdq=latest_sdq.get(placement.pupil_id), boxall_outside=outside,
            boxall_date=profile.completed_on if profile else None,
            attendance=latest_attendance.get(placement.pupil_id),
        ))
    return rows


def case_summary(pupil: Pupil) -> dict:
    """Return the few figures the pupil's case page shows about their assessments."""
    school_id = pupil.school_id
    sdq = sdqs_for_pupils(school_id, [pupil.pk]).filter(informant="teacher").last()
    profile = boxalls_for_pupils(school_id, [pupil.pk]).last()
    outside = []
    if profile:
        cluster_map = boxall_settings_for_school(school_id).cluster_map
        outside = [c.code for c in boxall.CLUSTERS
                   if boxall.outside_range(c.code, profile.cluster_totals.get(c.code), cluster_map)]
    attendance = AttendanceRecord.objects.filter(school_id=school_id, pupil=pupil).order_by("term").last()
    current = Term.for_date(timezone.localdate())
    incidents_this_term = Incident.objects.filter(
        school_id=school_id, pupil=pupil, occurred_on__gte=current.start, occurred_on__lte=current.end
    ).count()
    return {"sdq": sdq, "boxall": profile, "boxall_outside": outside, "attendance": attendance,
            "incidents_this_term": incidents_this_term, "term": current}


def attendance_for_school(user: User) -> QuerySet[AttendanceRecord]:
    """Return the attendance records of the user's school."""
    return AttendanceRecord.objects.for_user(user)


def has_been_assessed(pupil: Pupil, instrument: str) -> bool:
    """Return whether the pupil has any SDQ ("sdq") or Boxall Profile ("boxall") on record."""
    model = SdqAssessment if instrument == "sdq" else BoxallProfile
    return model.objects.filter(school_id=pupil.school_id, pupil=pupil).exists()


def referral_baseline_status(pupils) -> dict[int, list[dict]]:
    """Return, per pupil id, whether a baseline teacher SDQ and Boxall Profile are recorded (for referrals).

    A form from the last six months counts as a baseline; two queries for any number of pupils.
    """
    from django.urls import reverse

    from .schedule import entry_url

    since = timezone.localdate() - datetime.timedelta(days=183)
    ids = [pupil.pk for pupil in pupils]
    with_sdq = set(SdqAssessment.objects.filter(pupil_id__in=ids, informant="teacher", completed_on__gte=since)
                   .values_list("pupil_id", flat=True))
    with_boxall = set(BoxallProfile.objects.filter(pupil_id__in=ids, completed_on__gte=since)
                      .values_list("pupil_id", flat=True))
    status = {}
    for pupil in pupils:
        whole_child = reverse("assessments:whole-child", kwargs={"pupil_pk": pupil.pk})
        status[pupil.pk] = [
            {"label": "Baseline SDQ (teacher)", "done": pupil.pk in with_sdq,
             "url": whole_child if pupil.pk in with_sdq else entry_url("sdq", pupil.pk, Purpose.BASELINE)},
            {"label": "Baseline Boxall Profile", "done": pupil.pk in with_boxall,
             "url": whole_child if pupil.pk in with_boxall else entry_url("boxall", pupil.pk, Purpose.BASELINE)},
        ]
    return status
