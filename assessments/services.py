"""Writes of assessments and evidence. One function per action; django-auditlog records each change."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.lifecycle import Refused
from core.terms import Term
from pupils.models import Pupil, School, User

from . import boxall
from .models import (
    SDQ_SCALE_NAMES,
    AttainmentRecord,
    AttendanceRecord,
    BoxallProfile,
    BoxallSettings,
    EntryMethod,
    Incident,
    Informant,
    Instrument,
    InstrumentLicence,
    SdqAssessment,
)
from .permissions import CHANGE_LICENCES, ENTER_ASSESSMENT, ENTER_PARENT_SDQ, ENTER_SDQ
from .scoring import SdqScoreError, score_sdq_scales
from .selectors import boxall_settings_for_school, licence_for_school

NO_ITEM_ENTRY = {
    Instrument.SDQ: "Item entry of the SDQ needs youthinmind's authorisation for electronic entry, and none is "
                    "recorded for this school: enter the scale scores from a scored paper form or SDQScore instead.",
    Instrument.BOXALL: "Item entry of the Boxall Profile needs Nurture UK's authorisation for electronic entry, and "
                       "none is recorded for this school: enter the cluster scores from a profile scored with the "
                       "handbook or from Boxall Profile Online instead.",
}


def _require(user: User, permission: str, pupil: Pupil) -> None:
    if not user.has_perm(permission, pupil):
        raise PermissionDenied


def _require_item_entry(pupil: Pupil, instrument: str) -> None:
    if not licence_for_school(pupil.school_id, instrument).allows_item_entry:
        raise Refused(NO_ITEM_ENTRY[instrument], code="no_item_entry_licence")


def _saved_before(model, pupil: Pupil, form_token: uuid.UUID | None):
    """Return the record this entry form already saved (a second submit, or Back and submit again), if any."""
    if form_token is None:
        return None
    found = model.objects.filter(school_id=pupil.school_id, pupil=pupil, form_token=form_token).first()
    if found is not None:
        found.already_saved = True
    return found


@transaction.atomic
def licence_record(*, school: School, user: User, instrument: str, kind: str, reference: str = "",
                   granted_on: datetime.date | None = None) -> InstrumentLicence:
    """Record the licence the school holds for one instrument (SENCO or school admin); audited as a change."""
    if user.school_id != school.pk or not user.has_perm(CHANGE_LICENCES):
        raise PermissionDenied
    licence = (InstrumentLicence.objects.select_for_update().filter(school=school, instrument=instrument).first()
               or InstrumentLicence(school=school, instrument=instrument))
    licence.kind, licence.reference, licence.granted_on = kind, reference.strip(), granted_on
    licence.recorded_by = user
    licence.full_clean(validate_unique=False)
    licence.save()
    return licence


@transaction.atomic
def sdq_record(
    *, pupil: Pupil, user: User, informant: str, purpose: str, completed_on: datetime.date,
    completed_by_name: str, completed_by_role: str = "", answers: dict[int, int | None],
    has_difficulties: bool | None = None, impact_answers: dict[str, int | None] | None = None,
    form_token: uuid.UUID | None = None,
) -> SdqAssessment:
    """Save a completed SDQ entered item by item, with its scores and bands computed by the published rules.

    Item entry is an electronic version of the form: refused unless the school has recorded an
    authorisation for electronic entry.
    """
    _require(user, ENTER_SDQ, pupil)
    if informant == Informant.PARENT:
        _require(user, ENTER_PARENT_SDQ, pupil)
    _require_item_entry(pupil, Instrument.SDQ)
    if saved := _saved_before(SdqAssessment, pupil, form_token):
        return saved
    sdq = SdqAssessment(
        school_id=pupil.school_id, pupil=pupil, informant=informant, purpose=purpose, completed_on=completed_on,
        completed_by_name=completed_by_name, completed_by_role=completed_by_role, recorded_by=user,
        answers={str(item): value for item, value in sorted(answers.items()) if value is not None},
        has_difficulties=has_difficulties,
        impact_answers={name: value for name, value in (impact_answers or {}).items() if value is not None},
        entry_method=EntryMethod.ITEMS, form_token=form_token,
    )
    sdq.full_clean()  # runs the scoring, so the cached scores are set
    sdq.save()
    return sdq


@transaction.atomic
def sdq_scores_record(
    *, pupil: Pupil, user: User, informant: str, purpose: str, completed_on: datetime.date,
    completed_by_name: str, completed_by_role: str = "", source: str, scales: dict[str, int | None],
    total: int | None = None, impact: int | None = None, form_token: uuid.UUID | None = None,
) -> SdqAssessment:
    """Save an SDQ from the scores of a scored paper form or SDQScore: the five scales and the impact score.

    Total difficulties, externalising and internalising are computed from the scales as the
    published syntax computes them; a total copied from the form must equal the sum of the four
    difficulty scales. Bands are the informant's, as for item entry.
    """
    _require(user, ENTER_SDQ, pupil)
    if informant == Informant.PARENT:
        _require(user, ENTER_PARENT_SDQ, pupil)
    if saved := _saved_before(SdqAssessment, pupil, form_token):
        return saved
    if all(scales.get(name) is None for name in SDQ_SCALE_NAMES):
        raise Refused("Enter at least one scale score: an SDQ with no scores cannot be charted.", code="no_scores")
    try:
        score_sdq_scales(scales, informant, stated_total=total)
    except SdqScoreError as error:
        raise Refused({error.field: str(error)}, code="bad_score") from error
    except (TypeError, ValueError) as error:
        raise Refused(str(error), code="bad_score") from error
    sdq = SdqAssessment(
        school_id=pupil.school_id, pupil=pupil, informant=informant, purpose=purpose, completed_on=completed_on,
        completed_by_name=completed_by_name, completed_by_role=completed_by_role, recorded_by=user,
        entry_method=EntryMethod.SCORES, score_source=source, impact=impact, form_token=form_token,
        **{name: scales.get(name) for name in SDQ_SCALE_NAMES},
    )
    sdq.full_clean()  # validates the ranges and computes the totals and bands
    sdq.save()
    return sdq


@transaction.atomic
def boxall_record(
    *, pupil: Pupil, user: User, purpose: str, completed_on: datetime.date, completed_by_name: str,
    completed_by_role: str = "", item_scores: dict[int, int | None], form_token: uuid.UUID | None = None,
) -> BoxallProfile:
    """Save a Boxall Profile entered item by item, with its cluster totals under the school's cluster map.

    Refused unless the school has recorded an authorisation for electronic entry.
    """
    _require(user, ENTER_ASSESSMENT, pupil)
    _require_item_entry(pupil, Instrument.BOXALL)
    if saved := _saved_before(BoxallProfile, pupil, form_token):
        return saved
    profile = BoxallProfile(
        school_id=pupil.school_id, pupil=pupil, purpose=purpose, completed_on=completed_on,
        completed_by_name=completed_by_name, completed_by_role=completed_by_role, recorded_by=user,
        item_scores={str(key): value for key, value in sorted(item_scores.items()) if value is not None},
        entry_method=EntryMethod.ITEMS, form_token=form_token,
    )
    profile.full_clean()
    profile.compute_totals(boxall_settings_for_school(pupil.school_id).cluster_map)
    profile.save()
    return profile


@transaction.atomic
def boxall_scores_record(
    *, pupil: Pupil, user: User, purpose: str, completed_on: datetime.date, completed_by_name: str,
    completed_by_role: str = "", source: str, cluster_scores: dict[str, int | None],
    form_token: uuid.UUID | None = None,
) -> BoxallProfile:
    """Save a Boxall Profile from its cluster scores (a profile scored with the handbook, or Boxall Profile Online).

    Each score must fit its cluster under the school's Boxall settings (0 to items x 4).
    """
    _require(user, ENTER_ASSESSMENT, pupil)
    if saved := _saved_before(BoxallProfile, pupil, form_token):
        return saved
    cluster_map = boxall_settings_for_school(pupil.school_id).cluster_map
    try:
        totals = boxall.check_cluster_scores(cluster_scores, cluster_map)
    except boxall.BoxallScoreError as error:
        raise Refused({f"cluster_{error.code}": str(error)}, code="bad_score") from error
    profile = BoxallProfile(
        school_id=pupil.school_id, pupil=pupil, purpose=purpose, completed_on=completed_on,
        completed_by_name=completed_by_name, completed_by_role=completed_by_role, recorded_by=user,
        entry_method=EntryMethod.SCORES, score_source=source, cluster_totals=totals, form_token=form_token,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def boxall_settings_update(*, school: School, user: User, cluster_map: dict) -> BoxallSettings:
    """Save the school's cluster map and ranges from its handbook, and rescore every Boxall Profile with it."""
    settings, _ = BoxallSettings.objects.select_for_update().get_or_create(
        school=school, defaults={"cluster_map": boxall.DEFAULT_CLUSTER_MAP}
    )
    settings.cluster_map = cluster_map
    settings.is_default = False
    settings.updated_by = user
    settings.full_clean()
    settings.save()
    # Entered cluster scores came from the handbook or Boxall Profile Online: only item entry is rescored.
    profiles = list(BoxallProfile.objects.filter(school=school, entry_method=EntryMethod.ITEMS))
    for profile in profiles:
        profile.compute_totals(cluster_map)
    BoxallProfile.objects.bulk_update(profiles, ["cluster_totals"], batch_size=500)
    return settings


@transaction.atomic
def attainment_record(*, pupil: Pupil, user: User, term: str, values: dict) -> AttainmentRecord:
    """Save (or replace) the pupil's attainment for a term."""
    _require(user, ENTER_ASSESSMENT, pupil)
    record = AttainmentRecord.objects.filter(pupil=pupil, term=term).first() or AttainmentRecord(
        school_id=pupil.school_id, pupil=pupil, term=term
    )
    for name, value in values.items():
        setattr(record, name, value)
    record.recorded_by = user
    record.full_clean(validate_unique=False)
    record.save()
    return record


@transaction.atomic
def attendance_record(*, pupil: Pupil, user: User, term: str, percent: Decimal,
                      source: str = AttendanceRecord.Source.ENTERED) -> AttendanceRecord:
    """Save (or replace) the pupil's attendance percentage for a term."""
    _require(user, ENTER_ASSESSMENT, pupil)
    record = AttendanceRecord.objects.filter(pupil=pupil, term=term).first() or AttendanceRecord(
        school_id=pupil.school_id, pupil=pupil, term=term
    )
    record.percent, record.source, record.recorded_by = percent, source, user
    record.full_clean(validate_unique=False)
    record.save()
    return record


@dataclass
class AttendanceImport:
    """What an attendance CSV holds: the rows it can apply and the problems, by line."""

    rows: list[tuple[Pupil, Decimal]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


UPN_HEADERS = ("upn", "unique pupil number")
PERCENT_HEADERS = ("attendance", "attendance %", "attendance%", "percent", "%", "attendance percentage")


def read_attendance_csv(csv_text: str, school: School) -> AttendanceImport:
    """Read a CSV with a UPN column and an attendance % column; match pupils of the school by UPN."""
    result = AttendanceImport()
    reader = csv.reader(io.StringIO(csv_text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    upn_col = next((i for i, name in enumerate(header) if name in UPN_HEADERS), None)
    pct_col = next((i for i, name in enumerate(header) if name in PERCENT_HEADERS), None)
    if upn_col is None or pct_col is None:
        result.errors.append("The first row must name a 'UPN' column and an 'Attendance %' column.")
        return result
    pupils = {pupil.upn: pupil for pupil in Pupil.objects.filter(school=school)}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        upn = row[upn_col].strip().upper() if len(row) > upn_col else ""
        raw = row[pct_col].strip().rstrip("%") if len(row) > pct_col else ""
        pupil = pupils.get(upn)
        if pupil is None:
            result.errors.append(f"Line {line}: no pupil of this school has the UPN {upn or '(blank)'}.")
            continue
        try:
            percent = Decimal(raw).quantize(Decimal("0.1"))
        except InvalidOperation:
            result.errors.append(f"Line {line}: '{raw}' is not a percentage.")
            continue
        if not 0 <= percent <= 100:
            result.errors.append(f"Line {line}: {percent} is not between 0 and 100.")
            continue
        result.rows.append((pupil, percent))
    if not result.rows and not result.errors:
        result.errors.append("The file has no pupils' rows.")
    return result


@transaction.atomic
def attendance_import(*, school: School, user: User, term: str, csv_text: str) -> AttendanceImport:
    """Save the term's attendance for every pupil in the CSV: all rows or none."""
    Term.parse(term)
    result = read_attendance_csv(csv_text, school)
    if result.errors:
        return result
    for pupil, percent in result.rows:
        attendance_record(pupil=pupil, user=user, term=term, percent=percent,
                          source=AttendanceRecord.Source.IMPORTED)
    return result


@transaction.atomic
def incident_record(*, pupil: Pupil, user: User, kind: str, occurred_on: datetime.date,
                    days: Decimal | None = None, note: str = "") -> Incident:
    """Record a behaviour incident for the pupil."""
    _require(user, ENTER_ASSESSMENT, pupil)
    incident = Incident(school_id=pupil.school_id, pupil=pupil, kind=kind, occurred_on=occurred_on, days=days,
                        note=note, recorded_by=user)
    incident.full_clean()
    incident.save()
    return incident

