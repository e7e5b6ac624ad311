"""The trust-wide governors' report: one build for all the trust's schools, anonymous throughout."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.lifecycle import Lifecycle
from core.models import Trust, User
from reports.models import ACTIVE_STATUSES, ReportStatus, validate_term_code


class TrustReport(models.Model):
    """One build of the trust's termly report (every school's figures side by side, and the trust's totals)."""

    lifecycle = Lifecycle("status", {
        ReportStatus.QUEUED: {ReportStatus.QUEUED, ReportStatus.BUILDING, ReportStatus.FAILED},
        ReportStatus.BUILDING: {ReportStatus.BUILDING, ReportStatus.READY, ReportStatus.FAILED, ReportStatus.QUEUED},
        ReportStatus.FAILED: {ReportStatus.FAILED, ReportStatus.QUEUED},
        ReportStatus.READY: {ReportStatus.READY},
    }, noun="trust report")

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="reports")
    term = models.CharField(max_length=12, validators=[validate_term_code])
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, default="Waiting for a worker")
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="trust-reports/", blank=True)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    size_bytes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "term"], condition=Q(status__in=ACTIVE_STATUSES),
                                    name="one_trust_report_build_at_a_time"),
        ]

    def __str__(self) -> str:
        return f"Trust report {self.term} · {self.trust}"

    def get_absolute_url(self) -> str:
        return reverse("trusts:report-detail", args=[self.pk])

    def set_status(self, status: str, *, stage: str | None = None, progress: int | None = None) -> None:
        """Move to a new status, refusing a transition the lifecycle does not allow."""
        self.lifecycle.move(self, status)
        if stage is not None:
            self.stage = stage
        if progress is not None:
            self.progress = progress
        if status in (ReportStatus.READY, ReportStatus.FAILED):
            self.finished_at = timezone.now()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def file_name(self) -> str:
        return f"nurture-trust-report-{self.trust.slug}-{self.term}.pdf"
