"""Costs of the nurture provision, and the governors' termly impact and value-for-money reports."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.lifecycle import Lifecycle
from core.models import SchoolOwned, SchoolOwnedQuerySet
from pupils.models import NurtureGroup, School, User

TERM_CODE = re.compile(r"^\d{4}-(autumn|spring|summer)$")


def validate_term_code(code: str) -> None:
    if not TERM_CODE.match(code or ""):
        raise ValidationError(f"'{code}' is not a term: write it like 2026-autumn.")


class CostKind(models.TextChoices):
    STAFFING = "staffing", "Staffing"
    RESOURCES = "resources", "Resources"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class FundingSource(models.TextChoices):
    SCHOOL_BUDGET = "school_budget", "School budget"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PUPIL_PREMIUM = "pupil_premium", "Pupil Premium"
    OTHER_GRANT = "other_grant", "Other grant"


class TermCost(SchoolOwned):
    """What one nurture group cost in one term, and how it was paid for."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="term_costs")
    group = models.ForeignKey(NurtureGroup, on_delete=models.CASCADE, related_name="term_costs")
    term = models.CharField(max_length=12, validators=[validate_term_code])
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-term", "group__name"]
        constraints = [models.UniqueConstraint(fields=["group", "term"], name="one_cost_record_per_group_term")]

    def __str__(self) -> str:
        return f"{self.group} · {self.term}"


class CostLine(SchoolOwned):
    """One cost: a member of staff (role, hours or FTE), resources, training."""

    term_cost = models.ForeignKey(TermCost, on_delete=models.CASCADE, related_name="cost_lines")
    kind = models.CharField(max_length=12, choices=CostKind.choices, default=CostKind.STAFFING)
    description = models.CharField(max_length=200, help_text="e.g. 'Nurture teacher' or 'Breakfast and snacks'.")
    fte = models.DecimalField("FTE", max_digits=4, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(Decimal("0"))])
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True,
                                         validators=[MinValueValidator(Decimal("0"))])
    amount = models.DecimalField("cost (£)", max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_not_negative")]

    def __str__(self) -> str:
        return f"{self.description}: £{self.amount}"


class FundingLine(SchoolOwned):
    """Money towards a group's term: where it came from and how much."""

    term_cost = models.ForeignKey(TermCost, on_delete=models.CASCADE, related_name="funding_lines")
    source = models.CharField(max_length=20, choices=FundingSource.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField("amount (£)", max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="funding_line_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: £{self.amount}"


class Alternative(models.TextChoices):
    SPECIALIST_PLACE = "specialist_place", "A place in specialist provision (a year)"
    MANAGED_MOVE = "managed_move", "A managed move"
    EXCLUSION_DAY = "exclusion_day", "A day of fixed-term exclusion"
    PERMANENT_EXCLUSION = "permanent_exclusion", "A permanent exclusion"
    OTHER = "other", "Other"


class CostUnit(models.TextChoices):
    PER_YEAR = "per_year", "per pupil per year"
    PER_TERM = "per_term", "per pupil per term"
    PER_DAY = "per_day", "per day of exclusion"
    ONE_OFF = "one_off", "per pupil, once"


# The unit an alternative's cost is usually quoted in, when the school has not said.
DEFAULT_UNITS = {
    Alternative.SPECIALIST_PLACE: CostUnit.PER_YEAR,
    Alternative.MANAGED_MOVE: CostUnit.ONE_OFF,
    Alternative.EXCLUSION_DAY: CostUnit.PER_DAY,
    Alternative.PERMANENT_EXCLUSION: CostUnit.ONE_OFF,
    Alternative.OTHER: CostUnit.PER_YEAR,
}
TERMS_PER_YEAR = 3


class AlternativeCost(SchoolOwned):
    """A benchmark: what an alternative to the nurture group would cost, per pupil, in a stated unit."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="alternative_costs")
    alternative = models.CharField(max_length=24, choices=Alternative.choices)
    description = models.CharField(max_length=200, blank=True, help_text="Where the figure comes from.")
    cost_per_pupil = models.DecimalField("cost per pupil (£)", max_digits=10, decimal_places=2,
                                         validators=[MinValueValidator(Decimal("0"))])
    unit = models.CharField(max_length=10, choices=CostUnit.choices, blank=True,
                            help_text="What the cost is for. Blank: the usual unit of the alternative "
                                      "(a specialist place per year, an exclusion per day, a move once).")

    class Meta:
        ordering = ["alternative"]

    def __str__(self) -> str:
        return f"{self.get_alternative_display()}: £{self.cost_per_pupil}"

    @property
    def effective_unit(self) -> str:
        """The unit the cost is in: the school's, or the alternative's usual one."""
        return self.unit or DEFAULT_UNITS[self.alternative]


class ReportSettings(models.Model):
    """How a school's governor reports are built."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="report_settings")
    small_number = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(2)],
        help_text="Any figure about fewer pupils than this is shown as '<3' (or '<N').",
    )
    holding_counts_as_expected = models.BooleanField(
        "holding a level counts as expected progress", default=False,
        help_text="Tick only if the school's own rule counts a pupil who holds their level as making "
                  "expected progress; otherwise only raising a level does.",
    )

    def __str__(self) -> str:
        return f"Report settings for {self.school}"


class TermNarrative(SchoolOwned):
    """The SENCO's short account of the term, printed in the governors' report."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="term_narratives")
    term = models.CharField(max_length=12, validators=[validate_term_code])
    text = models.TextField(help_text="A few paragraphs for governors. Do not name pupils.")
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "term"], name="one_narrative_per_school_term")]

    def __str__(self) -> str:
        return f"Narrative {self.term}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


ACTIVE_STATUSES = [ReportStatus.QUEUED, ReportStatus.BUILDING]


class GovernorReportQuerySet(SchoolOwnedQuerySet):
    def active(self) -> GovernorReportQuerySet:
        """Return reports waiting or being built."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def ready(self) -> GovernorReportQuerySet:
        """Return reports whose PDF can be downloaded."""
        return self.filter(status=ReportStatus.READY)


class GovernorReport(SchoolOwned):
    """One build of the termly impact and value-for-money report for one school."""

    # A status may be set again (a build reports its progress while building).
    lifecycle = Lifecycle("status", {
        ReportStatus.QUEUED: {ReportStatus.QUEUED, ReportStatus.BUILDING, ReportStatus.FAILED},
        ReportStatus.BUILDING: {ReportStatus.BUILDING, ReportStatus.READY, ReportStatus.FAILED, ReportStatus.QUEUED},
        ReportStatus.FAILED: {ReportStatus.FAILED, ReportStatus.QUEUED},
        ReportStatus.READY: {ReportStatus.READY},
    }, noun="report")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="governor_reports")
    term = models.CharField(max_length=12, validators=[validate_term_code])
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, default="Waiting for a worker")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="governor-reports/", blank=True)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    size_bytes = models.PositiveIntegerField(default=0)
    build_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = GovernorReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Two requests for the same school and term while one is building do not build twice.
            models.UniqueConstraint(fields=["school", "term"], condition=Q(status__in=ACTIVE_STATUSES),
                                    name="one_report_build_at_a_time"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"Governor report {self.term} · {self.school}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    def set_status(self, status: str, *, stage: str | None = None, progress: int | None = None) -> None:
        """Move to a new status, refusing a transition the lifecycle does not allow."""
        self.lifecycle.move(self, status)
        if stage is not None:
            self.stage = stage
        if progress is not None:
            self.progress = progress
        now = timezone.now()
        if status == ReportStatus.BUILDING and self.started_at is None:
            self.started_at = now
        if status in (ReportStatus.READY, ReportStatus.FAILED):
            self.finished_at = now

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def file_name(self) -> str:
        return f"nurture-governor-report-{self.school.slug}-{self.term}.pdf"
