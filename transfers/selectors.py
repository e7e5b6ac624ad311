from __future__ import annotations

from django.shortcuts import get_object_or_404

from core.audit import note_pupil_read

from .models import ReceivedRecord, RecordTransfer


def transfers_of_pupil(pupil) -> list[RecordTransfer]:
    return list(RecordTransfer.objects.for_school(pupil.school_id).filter(pupil=pupil)
                .select_related("prepared_by", "sent_recorded_by"))


def transfer_for_user_or_404(user, pupil, pk: int) -> RecordTransfer:
    return get_object_or_404(RecordTransfer.objects.for_user(user).filter(pupil=pupil), pk=pk)


def received_of_pupil(pupil) -> list[ReceivedRecord]:
    return list(ReceivedRecord.objects.for_school(pupil.school_id).filter(pupil=pupil).select_related("imported_by"))


def received_for_user_or_404(user, pk: int) -> ReceivedRecord:
    record = get_object_or_404(ReceivedRecord.objects.for_user(user).select_related("pupil", "imported_by"), pk=pk)
    note_pupil_read(record.pupil)
    return record
