"""Writes to pupils, classes and groups. Each service is one action, audited in the same transaction."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.audit import change_entry, write_entries
from core.dates import format_date
from core.lifecycle import Refused
from core.notices import announce

from .imports import ImportPreview, read_pupil_csv
from .models import (
    ConsentMethod,
    NeedKind,
    Notification,
    NurtureGroup,
    ParentContact,
    Placement,
    PlacementEvent,
    PlacementReview,
    Pupil,
    PupilImport,
    Referral,
    ReferralEvent,
    School,
    SchoolClass,
    TransitionRefused,
    User,
)
from .selectors import places_taken_on


class ImportRefused(Refused):
    """The import cannot be applied; the message says why."""


@transaction.atomic
def pupil_update(*, pupil: Pupil, user: User, values: dict) -> Pupil:
    """Change a pupil's MIS details; django-auditlog records old and new values."""
    for name, value in values.items():
        setattr(pupil, name, value)
    pupil.full_clean()
    pupil.save()
    return pupil


@transaction.atomic
def pupil_import_preview(
    *, school: School, user: User, file_name: str, csv_text: str
) -> tuple[PupilImport, ImportPreview]:
    """Keep an uploaded MIS export and return its preview; nothing about pupils is saved yet."""
    pupil_import = PupilImport.objects.create(
        school=school, uploaded_by=user, file_name=file_name[:255], csv_text=csv_text
    )
    return pupil_import, read_pupil_csv(csv_text, school)



@transaction.atomic
def pupil_import_apply(*, pupil_import: PupilImport, user: User | None, same_child: frozenset[str] = frozenset(),
                       not_same_child: frozenset[str] = frozenset(), mark_leavers_on: datetime.date | None = None
                       ) -> PupilImport:
    """Create and update the pupils (and classes) of a previewed import: all rows or none.

    Pupils are matched by UPN, so importing the same export again updates them (a new school
    year's classes and year groups included), and each pupil's case record stays whole. A likely
    mismatch (a UPN whose name, date of birth or gender would change) is applied only when its UPN
    is in `same_child`, skipped when in `not_same_child`, and refused when in neither. With
    `mark_leavers_on`, pupils on roll whom the file does not list are marked as left on that day.
    A class's teachers become those the file names for it (where it names any). Rows are written
    in bulk (an export of a whole school is thousands of rows), with one audit entry per pupil
    created or changed, carrying the old and new values.
    """
    pupil_import = PupilImport.objects.select_for_update().get(pk=pupil_import.pk)
    if pupil_import.status == PupilImport.Status.APPLIED:
        raise ImportRefused("This file has already been imported.")
    school = pupil_import.school
    preview = read_pupil_csv(pupil_import.csv_text, school)
    if not preview.is_valid:
        raise ImportRefused("The file has errors: correct them in the MIS export and upload it again.")
    undecided = [row for row in preview.mismatch_rows if row.upn not in same_child | not_same_child]
    if undecided:
        raise ImportRefused(
            f"{len(undecided)} row{'s' if len(undecided) != 1 else ''} may be a different child under a wrong UPN: "
            "say for each whether it is the same child before importing.", code="mismatch_undecided")
    skipped = {row.upn for row in preview.mismatch_rows if row.upn not in same_child}

    classes = {school_class.name: school_class for school_class in SchoolClass.objects.filter(school=school)}
    new_classes = []
    for row in preview.rows:
        if row.class_name and row.class_name not in classes:
            school_class = SchoolClass(school=school, name=row.class_name, year_group=row.values.get("year_group"))
            classes[row.class_name] = school_class
            new_classes.append(school_class)
    SchoolClass.objects.bulk_create(new_classes)
    named_teachers: dict[str, set] = {}
    for row in preview.rows:
        if row.class_teacher is not None and row.class_name and row.upn not in skipped:
            named_teachers.setdefault(row.class_name, set()).add(row.class_teacher)
    for change in preview.class_changes:
        if change.new_year:  # every pupil of the class is now in one other year group (a new school year)
            school_class = classes[change.name]
            school_class.year_group = next(row.values["year_group"] for row in preview.rows
                                           if row.class_name == change.name)
            school_class.save(update_fields=["year_group"])
    for name, teachers in named_teachers.items():
        classes[name].teachers.set(teachers)  # this year's teachers; auditlog records the change on the class

    to_create, to_update, audit = [], [], []
    changed_fields: set[str] = set()
    for row in preview.rows:
        if row.upn in skipped:
            continue
        school_class = classes.get(row.class_name) if row.class_name else None
        if row.existing is None:
            pupil = Pupil(school=school, upn=row.upn, school_class=school_class, **row.values)
            to_create.append(pupil)
        elif row.changes:
            pupil = row.existing
            for name, (_old, new) in row.changes.items():
                setattr(pupil, name, school_class if name == "school_class" else new)
            changed_fields.update(row.changes)
            to_update.append((pupil, row.changes))
    Pupil.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Pupil.objects.bulk_update([pupil for pupil, _ in to_update], sorted(changed_fields), batch_size=500)

    if not all(pupil.pk for pupil in to_create):  # backends that do not return ids from bulk inserts
        by_upn = dict(Pupil.objects.filter(school=school, upn__in=[p.upn for p in to_create]).values_list("upn", "pk"))
        for pupil in to_create:
            pupil.pk = by_upn[pupil.upn]
    imported = {"event": "import"}
    for pupil in to_create:
        audit.append(change_entry(pupil, action=LogEntry.Action.CREATE, changes={"upn": (None, pupil.upn)}, user=user,
                                  additional_data={"pupil_id": pupil.pk, **imported}))
    for pupil, changes in to_update:
        audit.append(change_entry(pupil, action=LogEntry.Action.UPDATE, changes=changes, user=user,
                                  additional_data={"pupil_id": pupil.pk, **imported}))
    left = []
    if mark_leavers_on is not None:
        for pupil in preview.not_in_file:
            day = max(mark_leavers_on, pupil.date_of_entry) if pupil.date_of_entry else mark_leavers_on
            audit.append(change_entry(pupil, action=LogEntry.Action.UPDATE, user=user,
                                      changes={"date_of_leaving": (pupil.date_of_leaving, day)},
                                      additional_data={"pupil_id": pupil.pk, "event": "import: not in the MIS export"}))
            pupil.date_of_leaving = day
            left.append(pupil)
        Pupil.objects.bulk_update(left, ["date_of_leaving"], batch_size=500)
    write_entries(audit)

    pupil_import.status = PupilImport.Status.APPLIED
    pupil_import.created_count = len(to_create)
    pupil_import.updated_count = len(to_update) + len(left)
    pupil_import.unchanged_count = preview.count("unchanged")
    pupil_import.applied_at = timezone.now()
    pupil_import.csv_text = ""  # the pupils are saved; the raw file is not kept longer than needed
    pupil_import.save()
    return pupil_import


@transaction.atomic
def nurture_group_save(*, form, sessions, user: User) -> NurtureGroup:
    """Create or change a nurture group with its staff and weekly sessions, all or nothing."""
    group = form.save(commit=False)
    group.full_clean()
    group.save()
    form.save_m2m()
    sessions.instance = group
    sessions.save()
    return group


# Referrals -----------------------------------------------------------------------------------------


class ReferralRefused(Refused):
    """The action is not allowed on this referral now; the message says why, in the school's words."""


class ReferralAlreadyOpen(ReferralRefused):
    """The pupil already has an open referral: a concern is added to it, not raised twice."""

    def __init__(self, referral: Referral):
        self.referral = referral
        super().__init__(f"{referral.pupil.first_name} already has an open referral, raised on "
                         f"{format_date(referral.raised_at)}: nothing new was saved. Add to that one.")


class StaleReferral(ReferralRefused):
    """Someone else saved the referral after this form was opened."""


CONCERN_FIELDS = ["descriptors", "tried_already", "academic_concerns", "home_circumstances"]
EVIDENCE_FIELDS = ["class_observation", "attendance_percent", "exclusions_so_far", "current_attainment"]


def _timeline(referral: Referral, user: User, text: str) -> ReferralEvent:
    return ReferralEvent.objects.create(
        school_id=referral.school_id, pupil_id=referral.pupil_id, referral=referral, actor=user, text=text
    )


def _save_referral(referral: Referral) -> None:
    """Validate and save, bumping the version so that any form opened before now is stale."""
    referral.full_clean()
    referral.version = F("version") + 1
    referral.save()
    referral.refresh_from_db(fields=["version"])


def _lock(referral: Referral, version: int | None = None) -> Referral:
    """Return the referral re-read under a row lock; refuse if its version is not the one the form showed."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the group.
    fresh = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("pupil", "raised_by", "group")
        .get(pk=referral.pk)
    )
    if version is not None and fresh.version != version:
        raise StaleReferral(
            "Someone else saved this referral while you were editing it. Your text is still in the form: "
            "check the referral's latest details (open it in another tab), then save again."
        )
    return fresh


def _move(referral: Referral, stage: str, user: User, reason: str = "") -> None:
    try:
        skipped = referral.set_stage(stage, reason=reason)
    except TransitionRefused as refusal:
        raise ReferralRefused(str(refusal)) from refusal
    label = Referral.Stage(stage).label.lower()
    _timeline(referral, user, f"Moved to {label}, skipping a stage: {reason.strip()}" if skipped
              else f"Moved to {label}.")
    if stage != Referral.Stage.DECIDED:  # a decision is told as the decision
        announce("referral.stage_moved", record=referral, actor=user)


@transaction.atomic
def referral_raise(*, pupil: Pupil, user: User, needs: list[str], values: dict) -> Referral:
    """Raise a concern about a pupil: the first stage of a referral (refused while one is open for them)."""
    open_referral = Referral.objects.open().filter(pupil=pupil, school_id=pupil.school_id).first()
    if open_referral is not None:
        raise ReferralAlreadyOpen(open_referral)
    referral = Referral(school_id=pupil.school_id, pupil=pupil, raised_by=user)
    referral.needs = needs
    for name in CONCERN_FIELDS:
        setattr(referral, name, values.get(name, ""))
    referral.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:  # another adult's concern about the pupil committed meanwhile
        raise ReferralAlreadyOpen(Referral.objects.open().get(pupil=pupil)) from None
    _timeline(referral, user, f"Concern raised ({', '.join(referral.need_labels).lower()}).")
    return referral


@transaction.atomic
def referral_update(*, referral: Referral, user: User, version: int, values: dict, needs: list[str] | None = None
                    ) -> Referral:
    """Save the concern and evidence typed in a form, refusing it if someone saved the referral meanwhile."""
    referral = _lock(referral, version)
    if not referral.is_open:
        raise ReferralRefused("This referral is closed: its details can no longer change.")
    if needs is not None:
        referral.needs = needs
    changed = []
    for name, value in values.items():
        if name not in CONCERN_FIELDS + EVIDENCE_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        if getattr(referral, name) != value:
            changed.append(Referral._meta.get_field(name).verbose_name)
            setattr(referral, name, value)
    _save_referral(referral)
    _timeline(referral, user, f"Updated: {', '.join(changed)}." if changed else "Saved with no changes.")
    return referral


@transaction.atomic
def referral_advance(*, referral: Referral, user: User, stage: str, reason: str = "") -> Referral:
    """Move an open referral to a later stage (a skip needs its reason, kept on the timeline)."""
    referral = _lock(referral)
    if stage == Referral.Stage.DECIDED:
        raise ReferralRefused("A referral is decided by the panel's decision, not by moving it on.")
    _move(referral, stage, user, reason)
    _save_referral(referral)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral, user: User, reason: str) -> Referral:
    """Close an open referral without a decision (the family moved, needs changed...)."""
    referral = _lock(referral)
    if not reason.strip():
        raise ReferralRefused("Give the reason the referral is withdrawn.")
    try:
        referral.set_stage(Referral.Stage.WITHDRAWN)
    except TransitionRefused as refusal:
        raise ReferralRefused(str(refusal)) from refusal
    referral.withdrawn_reason = reason
    _save_referral(referral)
    _timeline(referral, user, f"Referral withdrawn: {reason}")
    return referral


@transaction.atomic
def parent_contact_record(*, referral: Referral, user: User, contacted_on: datetime.date, with_whom: str,
                          method: str, leaflet_given: bool, notes: str = "") -> ParentContact:
    """Record a meeting, call or letter with the pupil's parents or carers."""
    referral = _lock(referral)
    contact = ParentContact(
        school_id=referral.school_id, pupil_id=referral.pupil_id, referral=referral, contacted_on=contacted_on,
        with_whom=with_whom, method=method, leaflet_given=leaflet_given, notes=notes, recorded_by=user,
    )
    contact.full_clean()
    contact.save()
    leaflet = " The leaflet was given." if leaflet_given else ""
    _timeline(referral, user, f"Parent contact recorded: {contact}.{leaflet}")
    return contact


@transaction.atomic
def referral_record_consent(*, referral: Referral, user: User, given_by: str, given_on: datetime.date,
                            method: str) -> Referral:
    """Record the parents' or carers' consent to a nurture group place: who, when, how."""
    referral = _lock(referral)
    if not referral.is_open:
        raise ReferralRefused("This referral is closed.")
    if given_on > timezone.localdate():
        raise ReferralRefused("Consent cannot be dated in the future.")
    referral.consent_given_by, referral.consent_given_on, referral.consent_method = given_by, given_on, method
    referral.consent_withdrawn_on, referral.consent_withdrawn_reason = None, ""
    _save_referral(referral)
    _timeline(referral, user, f"Consent given by {given_by} on {format_date(given_on)} "
                              f"({ConsentMethod(method).label.lower()}).")
    return referral


@transaction.atomic
def referral_withdraw_consent(*, referral: Referral, user: User, withdrawn_on: datetime.date, reason: str
                              ) -> Referral:
    """Record that the parents withdrew consent: any running placement from this referral ends that day."""
    referral = _lock(referral)
    if not referral.has_consent:
        raise ReferralRefused("There is no consent to withdraw.")
    referral.consent_withdrawn_on, referral.consent_withdrawn_reason = withdrawn_on, reason
    _save_referral(referral)
    _timeline(referral, user, f"Consent withdrawn on {format_date(withdrawn_on)}: {reason}")
    announce("referral.consent_withdrawn", record=referral, actor=user)
    for placement in referral.placements.filter(status=Placement.Status.ACTIVE):
        placement_end(placement=placement, user=user, end_date=max(withdrawn_on, placement.start_date),
                      reason="Parents withdrew consent.")
    return referral


def group_balance(group: NurtureGroup, *, on: datetime.date | None = None) -> dict:
    """Return the group's places on the day (`places_taken_on`), its members' and future starters' kinds
    of need, and its capacity: what the panel weighs before placing a pupil."""
    places = places_taken_on(group, on)
    counts = {kind: 0 for kind in ("acting_out", "restless", "withdrawn")}
    unknown = 0
    for placement in places.members + places.joining:
        if placement.referral is None or not placement.referral.needs:
            unknown += 1
        for kind in placement.referral.needs if placement.referral else []:
            counts[kind] += 1
    members = sorted(places.members, key=lambda placement: (placement.expected_end_date or datetime.date.max,
                                                            placement.pupil.legal_last_name))
    return {"group": group, "places": places, "members": members, "joining": places.joining,
            "capacity": group.capacity, "need_counts": counts, "needs_unknown": unknown}


def balance_warnings(balance: dict, needs: list[str]) -> list[str]:
    """Return the warnings the panel should weigh before placing a pupil with these needs in the group."""
    warnings = []
    places = balance["places"]
    if places.taken + 1 > places.capacity:
        warnings.append(
            f"{balance['group'].name} would be over capacity: {places.taken + 1} pupils for "
            f"{places.capacity} places."
        )
    counts = dict(balance["need_counts"])
    for kind in needs:
        counts[kind] += 1
    named = [kind for kind, count in counts.items() if count]
    # Only a claim about every pupil: a pupil whose kind of need is not recorded might be the mix.
    if len(named) == 1 and places.taken >= 1 and not balance.get("needs_unknown"):
        label = NeedKind(named[0]).label.lower()
        warnings.append(f"Every pupil in the group would have the same kind of need: {label}.")
    return warnings


@transaction.atomic
def referral_decide(*, referral: Referral, user: User, outcome: str, group: NurtureGroup | None = None,
                    start_date: datetime.date | None = None, sessions_per_week: int | None = None,
                    lessons_kept_in_class: str = "", first_review_date: datetime.date | None = None,
                    expected_end_date: datetime.date | None = None, wait_list_priority: int | None = None,
                    other_support: str = "", other_support_by: str = "", decline_reason: str = "",
                    over_capacity_reason: str = "", skip_reason: str = "") -> Referral:
    """Record the panel's decision; placing needs consent, and an over-capacity place a reason."""
    referral = _lock(referral)
    Outcome = Referral.Outcome  # noqa: N806
    if group is not None and group.school_id != referral.school_id:
        raise ReferralRefused("That group belongs to another school.")
    if outcome == Outcome.PLACED:
        if group is None or start_date is None or not sessions_per_week or first_review_date is None:
            raise ReferralRefused("A place needs the group, the start date, sessions a week and the first review date.")
        if not referral.has_consent:
            raise ReferralRefused("No placement without consent: record the parents' or carers' consent first.")
        if Placement.objects.filter(pupil_id=referral.pupil_id, group=group, status=Placement.Status.ACTIVE).exists():
            raise ReferralRefused(f"{referral.pupil.full_name} already has a place in {group.name}.")
        places = places_taken_on(group, start_date)
        if places.is_full and not over_capacity_reason.strip():
            raise ReferralRefused(
                f"{group.name} is full on {format_date(start_date)} ({places.taken} of {group.capacity} places "
                "taken, pupils joining later included): to place over capacity, tick the override and give "
                "the reason."
            )
    elif outcome == Outcome.WAIT_LISTED:
        if group is None or not wait_list_priority:
            raise ReferralRefused("A wait list place needs the group and a priority.")
    elif outcome == Outcome.OTHER_SUPPORT:
        if not other_support.strip() or not other_support_by.strip():
            raise ReferralRefused("Say what support the pupil gets instead, and who gives it.")
    elif outcome == Outcome.DECLINED:
        if not decline_reason.strip():
            raise ReferralRefused("Give the reason the referral is declined.")
    else:
        raise ReferralRefused("Choose a decision.")
    if referral.stage != Referral.Stage.DECIDED:
        if referral.stage != Referral.Stage.PANEL:
            if not skip_reason.strip():
                raise ReferralRefused(
                    f"This referral is at {referral.get_stage_display().lower()}, not at the panel: "
                    "give the reason for deciding it now."
                )
        _move(referral, Referral.Stage.DECIDED, user, skip_reason)
    elif not referral.is_open:
        raise ReferralRefused("This referral has already been decided.")

    referral.outcome = outcome
    referral.decided_on = timezone.localdate()
    referral.group = group if outcome in (Outcome.PLACED, Outcome.WAIT_LISTED) else None
    referral.wait_list_priority = wait_list_priority if outcome == Outcome.WAIT_LISTED else None
    referral.other_support, referral.other_support_by = (other_support, other_support_by) \
        if outcome == Outcome.OTHER_SUPPORT else ("", "")
    referral.decline_reason = decline_reason if outcome == Outcome.DECLINED else ""
    referral.over_capacity_reason = over_capacity_reason if outcome == Outcome.PLACED else ""
    _save_referral(referral)

    if outcome == Outcome.PLACED:
        placement = Placement(
            school_id=referral.school_id, pupil_id=referral.pupil_id, group=group, referral=referral,
            start_date=start_date, sessions_per_week=sessions_per_week, lessons_kept_in_class=lessons_kept_in_class,
            first_review_date=first_review_date, next_review_date=first_review_date,
            expected_end_date=expected_end_date,
        )
        placement.full_clean()
        placement.save()
        over = f" Over capacity: {over_capacity_reason}" if over_capacity_reason else ""
        text = (f"Panel decision: placed in {group.name} from {format_date(start_date)}, {sessions_per_week} sessions "
                f"a week, first review {format_date(first_review_date)}.{over}")
        PlacementEvent.objects.create(school_id=referral.school_id, pupil_id=referral.pupil_id, placement=placement,
                                      kind=PlacementEvent.Kind.PLACED, actor=user, text=text)
        announce("placement.placed", record=placement, actor=user)
    elif outcome == Outcome.WAIT_LISTED:
        text = f"Panel decision: wait-listed for {group.name}, priority {wait_list_priority}."
    elif outcome == Outcome.OTHER_SUPPORT:
        text = f"Panel decision: other support instead: {other_support} ({other_support_by})."
    else:
        text = f"Panel decision: declined: {decline_reason}"
    _timeline(referral, user, text)
    if outcome != Outcome.PLACED:  # a place is told as the placement ("placement.placed")
        announce("referral.decided", record=referral, actor=user)
    return referral


# Placements ----------------------------------------------------------------------------------------


def _placement_event(placement: Placement, user: User, kind: str, text: str) -> PlacementEvent:
    return PlacementEvent.objects.create(school_id=placement.school_id, pupil_id=placement.pupil_id,
                                         placement=placement, kind=kind, actor=user, text=text)


def _active(placement: Placement) -> Placement:
    placement = (
        Placement.objects.select_for_update(of=("self",)).select_related("group", "pupil").get(pk=placement.pk)
    )
    if not placement.is_active:
        raise ReferralRefused("This placement has ended.")
    return placement


@transaction.atomic
def placement_review(*, placement: Placement, user: User, reviewed_on: datetime.date, notes: str,
                     next_review_date: datetime.date | None) -> PlacementReview:
    """Record a review of a running placement and when the next one is due."""
    placement = _active(placement)
    review = PlacementReview(school_id=placement.school_id, pupil_id=placement.pupil_id, placement=placement,
                             reviewed_on=reviewed_on, notes=notes, next_review_date=next_review_date,
                             reviewed_by=user)
    review.full_clean()
    review.save()
    placement.next_review_date = next_review_date
    placement.full_clean()
    placement.save()
    next_text = f" Next review {format_date(next_review_date)}." if next_review_date else ""
    _placement_event(placement, user, PlacementEvent.Kind.REVIEWED,
                     f"Reviewed on {format_date(reviewed_on)}.{next_text}")
    return review


@transaction.atomic
def placement_extend(*, placement: Placement, user: User, expected_end_date: datetime.date, reason: str) -> Placement:
    """Move a running placement's expected end later, with the reason."""
    placement = _active(placement)
    if placement.expected_end_date and expected_end_date <= placement.expected_end_date:
        raise ReferralRefused("An extension moves the expected end later.")
    before = placement.expected_end_date
    placement.expected_end_date = expected_end_date
    placement.full_clean()
    placement.save()
    was = f" (was {format_date(before)})" if before else ""
    _placement_event(placement, user, PlacementEvent.Kind.EXTENDED,
                     f"Extended to {format_date(expected_end_date)}{was}: {reason}")
    return placement


@transaction.atomic
def placement_end(*, placement: Placement, user: User, end_date: datetime.date, reason: str) -> Placement:
    """End a running placement on a day, with the reason (graduation comes with reintegration)."""
    placement = _active(placement)
    if not reason.strip():
        raise ReferralRefused("Give the reason the placement ends.")
    if end_date < placement.start_date:
        raise ReferralRefused("A placement cannot end before it starts.")
    try:
        placement.set_status(Placement.Status.ENDED)
    except TransitionRefused as refusal:
        raise ReferralRefused(str(refusal)) from refusal
    placement.end_date, placement.end_reason = end_date, reason
    placement.full_clean()
    placement.save()
    _placement_event(placement, user, PlacementEvent.Kind.ENDED, f"Ended on {format_date(end_date)}: {reason}")
    announce("placement.ended", record=placement, actor=user)
    return placement


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    """Mark every unread notice of the user as read; return how many."""
    return Notification.objects.filter(recipient=user, school_id=user.school_id).unread().update(
        read_at=timezone.now())
