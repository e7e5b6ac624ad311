"""A school's privacy choices, subject access exports, and the retention of pupils' records."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.lifecycle import Lifecycle
from core.models import SchoolOwned, SchoolOwnedQuerySet
from pupils.models import Pupil, School, User


class RetentionRule(models.TextChoices):
    UNTIL_AGE = "until_age", "Until the pupil reaches an age (SEN records: the 25th birthday)"
    YEARS_AFTER_LEAVING = "years_after_leaving", "A number of years after the pupil leaves"


class AfterTransfer(models.TextChoices):
    ERASE_AFTER_MONTHS = "erase_after_months", "Erase a number of months after the record was sent to the new school"
    KEEP_AS_LAST_SCHOOL = "keep", "Keep it by the rule above (the last school keeps SEN records to the 31st birthday)"


class SchoolPrivacySettings(models.Model):
    """What one school (the data controller) chose: who needs two-factor sign-in, how long records are kept."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="privacy_settings")
    two_factor_for_all_staff = models.BooleanField(
        "two-factor sign-in for every role", default=False,
        help_text="SENCOs, senior leaders and school admins always need it; tick to ask it of everyone.",
    )
    retention_rule = models.CharField(max_length=20, choices=RetentionRule.choices, default=RetentionRule.UNTIL_AGE)
    retention_age = models.PositiveSmallIntegerField(
        "keep until this birthday", default=25, help_text="Used with 'until the pupil reaches an age'.")
    retention_years = models.PositiveSmallIntegerField(
        "years kept after leaving", default=6, help_text="Used with 'a number of years after the pupil leaves'.")
    after_transfer = models.CharField(
        "when the record was sent to a new school", max_length=20, choices=AfterTransfer.choices,
        default=AfterTransfer.ERASE_AFTER_MONTHS)
    transfer_erase_months = models.PositiveSmallIntegerField(
        "months kept after sending", default=12,
        help_text="Used with 'erase a number of months after the record was sent'.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "school privacy settings"
        constraints = [
            models.CheckConstraint(condition=Q(retention_age__gte=18) & Q(retention_age__lte=100),
                                   name="retention_age_between_18_and_100"),
            models.CheckConstraint(condition=Q(retention_years__gte=1) & Q(retention_years__lte=100),
                                   name="retention_years_between_1_and_100"),
        ]

    def __str__(self) -> str:
        return f"Privacy settings of {self.school}"

    def clean(self) -> None:
        if not 18 <= (self.retention_age or 0) <= 100:
            raise ValidationError({"retention_age": "Choose an age from 18 to 100."})
        if not 1 <= (self.retention_years or 0) <= 100:
            raise ValidationError({"retention_years": "Choose from 1 to 100 years."})
        if not 1 <= (self.transfer_erase_months or 0) <= 120:
            raise ValidationError({"transfer_erase_months": "Choose from 1 to 120 months."})

    def keep_until(self, pupil: Pupil) -> datetime.date | None:
        """Return the day the pupil's records may be erased (None while the pupil is on roll)."""
        if pupil.date_of_leaving is None:
            return None
        transferred_on = getattr(pupil, "record_transferred_on", None)
        if transferred_on and self.after_transfer == AfterTransfer.ERASE_AFTER_MONTHS:
            return max(_add_months(transferred_on, self.transfer_erase_months), pupil.date_of_leaving)
        if self.retention_rule == RetentionRule.UNTIL_AGE:
            until = _add_years(pupil.date_of_birth, self.retention_age)
        else:
            until = _add_years(pupil.date_of_leaving, self.retention_years)
        return max(until, pupil.date_of_leaving)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class SubjectAccessExport(SchoolOwned):
    """One subject access request answered: the archive of everything held about one pupil."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"

    lifecycle = Lifecycle("status", {Status.PENDING: {Status.READY, Status.FAILED}, Status.FAILED: {Status.PENDING}},
                          noun="subject access export")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="subject_access_exports")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="subject_access_exports")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="subject_access/", blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Subject access export #{self.pk} ({self.get_status_display()})"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    def set_status(self, status: str, *, error: str = "") -> None:
        """Move to a new status, refusing a transition the lifecycle does not allow."""
        self.lifecycle.move(self, status)
        self.error = error[:300]
        self.completed_at = timezone.now() if status == self.Status.READY else None


class ExpiredRecordQuerySet(SchoolOwnedQuerySet):
    def awaiting_decision(self) -> ExpiredRecordQuerySet:
        """Return records listed as expired that no SENCO has erased yet."""
        return self.filter(status=ExpiredRecord.Status.LISTED)


class ExpiredRecord(SchoolOwned):
    """A pupil whose records passed the school's retention period, listed by the nightly job for a SENCO."""

    class Status(models.TextChoices):
        LISTED = "listed", "Awaiting a SENCO's decision"
        ERASED = "erased", "Erased"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="expired_records")
    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, related_name="expired_record")
    keep_until = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LISTED)
    listed_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The anonymous tombstone: what past reports counted, with nothing that identifies the child.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    year_group_on_leaving = models.IntegerField(null=True, blank=True)
    gender = models.CharField(max_length=1, blank=True)
    sen_status = models.CharField(max_length=1, blank=True)
    pupil_premium = models.BooleanField(null=True)
    placement_count = models.PositiveSmallIntegerField(default=0)

    objects = ExpiredRecordQuerySet.as_manager()

    class Meta:
        ordering = ["keep_until"]

    def __str__(self) -> str:
        return f"Expired record #{self.pk} ({self.get_status_display()})"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    def mark_erased(self, *, user: User) -> None:
        """Record the erasure; an erased record cannot be erased again."""
        if self.status != self.Status.LISTED:
            raise ValidationError("This pupil's records have already been erased.")
        self.status = self.Status.ERASED
        self.erased_at = timezone.now()
        self.erased_by = user
