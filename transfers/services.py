"""Preparing, sending and importing transfer packs: one function an action, each in its own transaction
(auditlog writes the change entries, with the pupil's id, as each record is saved)."""

from __future__ import annotations

import datetime
import uuid

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import dateparse, timezone

from core.dates import format_date
from core.models import User
from pupils.models import Gender, Pupil, SenStatus, YearGroup

from .models import ReceivedRecord, RecordTransfer
from .pack import build_pack


@transaction.atomic
def transfer_prepare(*, pupil: Pupil, user: User, receiving_school: str, receiving_urn: str = "") -> RecordTransfer:
    """Prepare the pupil's transfer pack for the named school (nothing is sent yet)."""
    if not receiving_school.strip():
        raise ValidationError({"receiving_school": "Name the school the pupil is moving to."})
    pack_id = uuid.uuid4()
    transfer = RecordTransfer(
        school_id=pupil.school_id, pupil=pupil, pack_id=pack_id, receiving_school=receiving_school.strip(),
        receiving_urn=receiving_urn.strip(), prepared_by=user,
        pack=build_pack(pupil=pupil, pack_id=pack_id, receiving_school=receiving_school.strip(),
                        receiving_urn=receiving_urn.strip(), prepared_by=user))
    transfer.full_clean()
    with set_actor(user):
        transfer.save()
    return transfer


@transaction.atomic
def transfer_record_sent(*, transfer: RecordTransfer, user: User, sent_on: datetime.date,
                         sent_how: str) -> RecordTransfer:
    """Record when and how the pack was sent; the pupil's retention then follows the transfer path."""
    transfer = RecordTransfer.objects.select_for_update().select_related("pupil").get(pk=transfer.pk)
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date cannot be in the future."})
    if sent_on < transfer.prepared_at.date():
        raise ValidationError({"sent_on": "The pack was prepared after that date."})
    if not sent_how.strip():
        raise ValidationError({"sent_how": "Say how and to whom it was sent (e.g. 'S2S to the SENCO')."})
    pupil = transfer.pupil
    with set_actor(user):
        transfer.sent_on, transfer.sent_how, transfer.sent_recorded_by = sent_on, sent_how.strip(), user
        transfer.save(update_fields=["sent_on", "sent_how", "sent_recorded_by"])
        pupil.record_transferred_on = sent_on
        pupil.date_of_leaving = pupil.date_of_leaving or sent_on
        pupil.save(update_fields=["record_transferred_on", "date_of_leaving", "updated_at"])
    return transfer


class AlreadyImported(ValidationError):
    def __init__(self, record: ReceivedRecord):
        super().__init__(f"This pack was imported on {format_date(record.received_on)}: nothing was added again.")
        self.record = record


def _choice(value, choices, default):
    return value if value in {choice for choice, _ in choices} else default


def _pupil_from_pack(school_id: int, data: dict) -> Pupil:
    by_label = {label: value for value, label in SenStatus.choices}
    return Pupil(
        school_id=school_id, legal_first_name=data["legal_first_name"], legal_last_name=data["legal_last_name"],
        preferred_first_name=data.get("preferred_first_name") or "",
        preferred_last_name=data.get("preferred_last_name") or "",
        date_of_birth=dateparse.parse_date(data["date_of_birth"]), upn=data.get("upn") or "",
        gender=_choice(data.get("gender"), Gender.choices, Gender.choices[-1][0]),
        sen_status=_choice(data.get("sen_status"), SenStatus.choices, by_label.get(data.get("sen_status"),
                                                                                  SenStatus.NONE)),
        year_group=_choice(data.get("year_group"), YearGroup.choices, YearGroup.RECEPTION),
        date_of_entry=timezone.localdate())


@transaction.atomic
def pack_import(*, pack: dict, user: User) -> ReceivedRecord:
    """Import a pack into the user's school: a new pupil (or the one with the same UPN), with the previous
    school's record kept as received."""
    existing = ReceivedRecord.objects.for_user(user).filter(pack_id=pack["pack_id"]).first()
    if existing is not None:
        raise AlreadyImported(existing)
    data = pack["pupil"]
    pupil = None
    if data.get("upn"):
        pupil = Pupil.objects.for_user(user).filter(upn__iexact=data["upn"]).first()
        if pupil is not None and str(pupil.date_of_birth) != str(data["date_of_birth"]):
            raise ValidationError(f"A pupil with UPN {data['upn']} is on roll with another date of birth: check "
                                  "the pack is for this child before importing it.")
    with set_actor(user):
        if pupil is None:
            pupil = _pupil_from_pack(user.school_id, data)
            pupil.full_clean()
            pupil.save()
        received = ReceivedRecord(
            school_id=user.school_id, pupil=pupil, pack_id=pack["pack_id"],
            from_school=str(pack.get("from_school", {}).get("name", ""))[:200] or "Previous school",
            from_urn=str(pack.get("from_school", {}).get("urn", ""))[:10],
            prepared_at=dateparse.parse_datetime(str(pack.get("prepared_at"))) or timezone.now(),
            imported_by=user, sections=pack["sections"])
        try:
            with transaction.atomic():
                received.save()
        except IntegrityError as error:  # a second adult imported the same pack a moment ago
            raise AlreadyImported(ReceivedRecord.objects.get(school_id=user.school_id,
                                                             pack_id=pack["pack_id"])) from error
    return received
