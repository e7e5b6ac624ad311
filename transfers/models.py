"""The record that follows the child: a transfer pack sent to the pupil's next school, and a record
received from the previous one.

A pack is the case record as a PDF and as a JSON file (format "nurture-transfer/1") that the receiving
school's Nurture imports. What was sent is kept exactly as sent (`pack`), so the school can show what
it handed over. A received record is kept as it came, marked as received, and never counted in the
receiving school's own figures (its governors' report is about its own provision).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from core.models import SchoolOwned, User

PACK_FORMAT = "nurture-transfer/1"


class RecordTransfer(SchoolOwned):
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    pack_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    receiving_school = models.CharField("receiving school", max_length=200)
    receiving_urn = models.CharField("receiving school's URN", max_length=10, blank=True)
    prepared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)
    pack = models.JSONField(help_text="The pack exactly as it was prepared (the JSON file).")
    sent_on = models.DateField("sent on", null=True, blank=True)
    sent_how = models.CharField("sent how and to whom", max_length=200, blank=True)
    sent_recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-pk"]

    def __str__(self) -> str:
        return f"Transfer pack for {self.receiving_school}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class ReceivedRecord(SchoolOwned):
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    pack_id = models.UUIDField(editable=False)
    from_school = models.CharField("previous school", max_length=200)
    from_urn = models.CharField("previous school's URN", max_length=10, blank=True)
    prepared_at = models.DateTimeField("prepared by the previous school on")
    received_on = models.DateField(default=timezone.localdate)
    imported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    sections = models.JSONField(help_text="The previous school's record, as it was received.")

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["school", "pack_id"], name="pack_imported_once_per_school")]

    def __str__(self) -> str:
        return f"Record received from {self.from_school}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}
