"""The case record's notes and meetings: dated notes, review meetings with who came and what was
decided, and the actions agreed, each with an owner and a due date.

A note or a meeting can be restricted: only the SENCO and senior leaders see it (a disclosure, a
family matter). Restricted records are in the pupil's subject access export and never in a report.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from core.dates import format_date
from core.models import SchoolOwned, SchoolOwnedQuerySet, User

EVERYONE_WHO_WORKS_WITH = "the SENCO, senior leaders, nurture staff and the pupil's class teacher"
RESTRICTED_TO = "the SENCO and senior leaders only"
RESTRICTED_READERS = "the SENCO and senior leaders"


class Visibility(models.TextChoices):
    TEAM = "team", "Everyone who works with the pupil"
    RESTRICTED = "restricted", "Restricted: SENCO and senior leaders only"


class CaseRecordQuerySet(SchoolOwnedQuerySet):
    def visible_to(self, user, *, may_see_restricted: bool):
        return self if may_see_restricted else self.exclude(visibility=Visibility.RESTRICTED)


class CaseRecord(SchoolOwned):
    """What a note and a meeting share: the pupil, a date, who wrote it and who may read it."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.TEAM)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def restricted(self) -> bool:
        return self.visibility == Visibility.RESTRICTED

    @property
    def seen_by(self) -> str:
        return RESTRICTED_TO if self.restricted else EVERYONE_WHO_WORKS_WITH


class CaseNote(CaseRecord):
    """A dated note on the case (a conversation, a phone call, something noticed)."""

    written_on = models.DateField()
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["-written_on", "-pk"]
        indexes = [models.Index(fields=["pupil", "-written_on"], name="casework_note_pupil_date")]

    def __str__(self) -> str:
        return f"Note of {format_date(self.written_on)}"


class MeetingKind(models.TextChoices):
    REVIEW = "review", "Placement review"
    PARENTS = "parents", "Meeting with parents or carers"
    PLANNING = "planning", "Planning (class teacher and nurture staff)"
    OTHER = "other", "Other meeting"


class Meeting(CaseRecord):
    """A meeting about the pupil: who attended, what was discussed and decided."""

    held_on = models.DateField()
    kind = models.CharField(max_length=12, choices=MeetingKind.choices, default=MeetingKind.REVIEW)
    staff_present = models.ManyToManyField(User, related_name="+", blank=True)
    others_present = models.CharField(
        "Others present", max_length=300, blank=True,
        help_text="Parents, carers and visitors, by their role (e.g. 'Mum', 'Educational psychologist').")
    discussed = models.TextField("What was discussed", max_length=4000, blank=True)
    decided = models.TextField("What was decided", max_length=4000)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["pupil", "-held_on"], name="casework_meeting_pupil_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {format_date(self.held_on)}"


class MeetingActionQuerySet(SchoolOwnedQuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class MeetingAction(SchoolOwned):
    """An action agreed at a meeting: what, who owns it and by when; on the owner's dashboard until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    description = models.CharField("Action", max_length=300)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("Due by")
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="casework_action_owner")]

    def __str__(self) -> str:
        return f"Action due {format_date(self.due_on)}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()
