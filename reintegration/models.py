"""Reintegration: readiness to return to class, the phased return, graduation and following former pupils.

The readiness scale is a school's own list of criteria (a default set in our words to start from).
A rating keeps the wording and category it was given against, so rewording or retiring a
criterion never changes an old assessment's score or what it said.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.dates import format_date
from core.lifecycle import Lifecycle
from core.models import SchoolOwned, SchoolOwnedQuerySet
from core.terms import Term
from pupils.models import Placement, Pupil, School

# The fixed rating scale: 0 to 3 for every criterion.
RATING_MAX = 3
RATING_CHOICES = [
    (0, "0 – not yet"),
    (1, "1 – sometimes, with a lot of help"),
    (2, "2 – often, with a little help"),
    (3, "3 – securely, without help"),
]
DEFAULT_THRESHOLD = 80
DEFAULT_COVERAGE = 80  # a score is judged only when this share of the scale's criteria was rated
DEFAULT_FOLLOW_UP_TERMS = 3
HALF_TERM_DAYS = 42  # readiness is rated about every half term (six school weeks)


def readiness_percent(points: int, rated: int) -> Decimal | None:
    """Return points as a percentage of the maximum over the criteria rated (None if none was rated)."""
    if not rated:
        return None
    value = Decimal(points) * 100 / Decimal(rated * RATING_MAX)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def readiness_coverage(rated: int, criteria: int | None) -> Decimal | None:
    """Return the criteria rated as a percentage of the scale's criteria in use that day (None if unknown)."""
    if not criteria:
        return None
    return (Decimal(rated) * 100 / Decimal(criteria)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Judgement(models.TextChoices):
    READY = "ready", "Ready to start the return"
    BELOW = "below", "Not yet at the threshold"
    NOT_ENOUGH_RATED = "not_enough_rated", "Not enough rated to judge"


def readiness_judgement(assessment, threshold: int, min_coverage: int) -> str | None:
    """Return whether an assessment shows readiness: judged only when enough of the scale was rated."""
    if assessment is None or assessment.percent is None:
        return None
    coverage = assessment.coverage
    if coverage is None or coverage < min_coverage:
        return Judgement.NOT_ENOUGH_RATED
    return Judgement.READY if assessment.percent >= threshold else Judgement.BELOW


class ReadinessSettings(models.Model):
    """A school's readiness threshold and how many terms former pupils are followed up."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="readiness_settings")
    threshold = models.PositiveSmallIntegerField(
        "readiness threshold (%)", default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="A pupil scoring this percentage or more is ready to start the return to class.",
    )
    min_coverage = models.PositiveSmallIntegerField(
        "criteria rated before a score is judged (%)", default=DEFAULT_COVERAGE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="A score counts (in the group or in class) only when at least this share of the scale's "
                  "criteria in use was rated; below it the assessment is 'not enough rated to judge'.",
    )
    follow_up_terms = models.PositiveSmallIntegerField(
        "terms of follow-up", default=DEFAULT_FOLLOW_UP_TERMS,
        validators=[MinValueValidator(3), MaxValueValidator(12)],
        help_text="How many terms after leaving the group a former pupil is followed up (at least three).",
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "readiness settings"

    def __str__(self) -> str:
        return f"Readiness settings of {self.school}"


class ReadinessCategory(SchoolOwned):
    """A heading of the readiness scale ('Learning in class', 'Getting on with others')."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="readiness_categories")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="unique_readiness_category_name")]
        verbose_name_plural = "readiness categories"

    def __str__(self) -> str:
        return self.name


class ReadinessCriterionQuerySet(SchoolOwnedQuerySet):
    def in_use(self) -> ReadinessCriterionQuerySet:
        """Return the criteria not retired (the ones a new assessment rates)."""
        return self.filter(retired_on__isnull=True)


class ReadinessCriterion(SchoolOwned):
    """One thing a pupil can do that shows readiness for class; reworded in place, retired, never deleted."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="readiness_criteria")
    category = models.ForeignKey(ReadinessCategory, on_delete=models.PROTECT, related_name="criteria")
    wording = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    retired_on = models.DateField(null=True, blank=True, help_text="No longer rated from this day.")

    objects = ReadinessCriterionQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "category__pk", "position", "pk"]
        verbose_name_plural = "readiness criteria"

    def __str__(self) -> str:
        return self.wording

    def clean(self) -> None:
        if self.category_id and self.school_id and self.category.school_id != self.school_id:
            raise ValidationError({"category": "That category belongs to another school."})

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class Setting(models.TextChoices):
    GROUP = "group", "In the nurture group"
    CLASS = "class", "In class"


class ReadinessAssessmentQuerySet(SchoolOwnedQuerySet):
    def for_pupils(self, pupil_ids) -> ReadinessAssessmentQuerySet:
        """Return these pupils' assessments, oldest first."""
        return self.filter(pupil_id__in=pupil_ids).order_by("pupil_id", "assessed_on", "pk")


class ReadinessAssessment(SchoolOwned):
    """One rating of a pupil against the readiness scale, on a day, by someone, in the group or in class.

    `points` and `rated_count` are kept from the ratings (by the service) so scores can be listed and
    charted without reading every rating.
    """

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="readiness_assessments")
    assessed_on = models.DateField("date")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    setting = models.CharField(max_length=10, choices=Setting.choices)
    note = models.TextField("overall note", blank=True)
    points = models.PositiveSmallIntegerField(default=0, editable=False)
    rated_count = models.PositiveSmallIntegerField(default=0, editable=False)
    criteria_count = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="The scale's criteria in use on the day: the coverage's denominator.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReadinessAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["school", "pupil", "assessed_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(points__lte=models.F("rated_count") * RATING_MAX),
                                   name="readiness_points_within_maximum"),
        ]

    def __str__(self) -> str:
        return f"Readiness of {self.pupil} on {format_date(self.assessed_on)}"

    def get_absolute_url(self) -> str:
        return reverse("reintegration:readiness-detail", args=[self.pupil_id, self.pk])

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def percent(self) -> Decimal | None:
        return readiness_percent(self.points, self.rated_count)

    @property
    def maximum(self) -> int:
        return self.rated_count * RATING_MAX

    @property
    def coverage(self) -> Decimal | None:
        """The criteria rated, as a percentage of the scale's criteria in use on the day."""
        return readiness_coverage(self.rated_count, self.criteria_count)


class ReadinessRating(SchoolOwned):
    """The rating of one criterion in one assessment, with the wording and category as they were then."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(ReadinessAssessment, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(ReadinessCriterion, on_delete=models.PROTECT, related_name="ratings")
    wording = models.CharField(max_length=300, help_text="The criterion's wording when it was rated.")
    category_name = models.CharField(max_length=100, help_text="The criterion's category when it was rated.")
    rating = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES,
                                              help_text="Blank: not rated this time.")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_rating_per_criterion"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__lte=RATING_MAX),
                                   name="readiness_rating_on_the_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.wording}: {'not rated' if self.rating is None else self.rating}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class TransitionPlan(SchoolOwned):
    """The phased return to class of a pupil in the group: a draft, then active, then completed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Under way"
        COMPLETED = "completed", "Completed"

    lifecycle = Lifecycle("status", {Status.DRAFT: {Status.ACTIVE}, Status.ACTIVE: {Status.COMPLETED},
                                     Status.COMPLETED: set()}, noun="plan")
    STEP_BUTTONS = {Status.ACTIVE: "Start the return", Status.COMPLETED: "Mark the plan completed"}

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="transition_plans")
    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="transition_plan")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    starts_on = models.DateField("the return starts on")
    strategies = models.TextField(
        "strategies agreed with the class teacher", blank=True,
        help_text="What the class teacher and the nurture staff agreed will help, in class.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False,
                                          help_text="Raised on every save, so two people never overwrite each other.")

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"Transition plan of {self.pupil}"

    def get_absolute_url(self) -> str:
        return reverse("reintegration:plan-detail", args=[self.pupil_id])

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    def set_status(self, status: str) -> None:
        """Move the plan to a new status, refusing a change its lifecycle does not allow."""
        self.lifecycle.move(self, status)

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.COMPLETED

    @property
    def next_step(self) -> tuple[str, str] | None:
        """Return the status the plan's lifecycle allows next and the button that moves it, if any."""
        following = sorted(self.lifecycle.allowed(self))
        return (following[0], self.STEP_BUTTONS[following[0]]) if following else None


class PlanWeek(SchoolOwned):
    """One week of the phased timetable: sessions in class rising, sessions in the group falling."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="weeks")
    week = models.PositiveSmallIntegerField("week", validators=[MinValueValidator(1)])
    class_sessions = models.PositiveSmallIntegerField("sessions in class", validators=[MaxValueValidator(10)])
    group_sessions = models.PositiveSmallIntegerField("sessions in the group", validators=[MaxValueValidator(10)])
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["week"]
        constraints = [models.UniqueConstraint(fields=["plan", "week"], name="one_row_per_plan_week")]

    def __str__(self) -> str:
        return f"Week {self.week}: {self.class_sessions} in class, {self.group_sessions} in the group"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PlanSupport(SchoolOwned):
    """Support in class during the return: who gives it, what it is, and when."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="support")
    who = models.CharField(max_length=120)
    what = models.CharField(max_length=300)
    when = models.CharField(max_length=120, help_text="E.g. 'first 20 minutes of maths, weeks 1-3'.")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.who}: {self.what} ({self.when})"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PlanReview(SchoolOwned):
    """A review point of the return: a date, and what was found when it came."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(TransitionPlan, on_delete=models.CASCADE, related_name="reviews")
    review_on = models.DateField("review on")
    outcome = models.CharField(max_length=300, blank=True, help_text="Filled in at the review.")

    class Meta:
        ordering = ["review_on", "pk"]

    def __str__(self) -> str:
        return f"Review on {format_date(self.review_on)}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class Ritual(models.TextChoices):
    CEREMONY = "ceremony", "A graduation ceremony"
    CERTIFICATE = "certificate", "A certificate"
    SPARKLE_BOOK = "sparkle_book", "A 'sparkle book'"
    OTHER = "other", "Another way"


class Ending(models.TextChoices):
    RETURNED_FULL_TIME = "returned_full_time", "Returned to class full time"
    MOVED_SCHOOL = "moved_school", "Moved school"
    SPECIALIST = "specialist", "Moved to specialist provision"
    OTHER = "other", "Left for another reason"


class GraduationQuerySet(SchoolOwnedQuerySet):
    def in_term(self, term: Term) -> GraduationQuerySet:
        """Return graduations dated within the term."""
        return self.filter(graduated_on__gte=term.start, graduated_on__lte=term.end)


class Graduation(SchoolOwned):
    """How a pupil's placement ended: the day, how it was marked, and where the pupil went."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="graduations")
    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="graduation")
    graduated_on = models.DateField("date")
    ritual = models.CharField("how it was marked", max_length=20, choices=Ritual.choices)
    ritual_note = models.CharField("about it", max_length=300, blank=True)
    ending = models.CharField("how the placement ended", max_length=20, choices=Ending.choices)
    ending_note = models.CharField("more about the ending", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GraduationQuerySet.as_manager()

    class Meta:
        ordering = ["-graduated_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ending__in=Ending.values), name="graduation_has_a_known_ending"),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} left the group on {format_date(self.graduated_on)}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def term(self) -> Term:
        return Term.for_date(self.graduated_on)

    @property
    def year_left(self) -> int:
        """The academic year the pupil left in (2025 = 2025-26)."""
        return self.term.year


class Coping(models.TextChoices):
    WELL = "well", "Coping well without support"
    WITH_SUPPORT = "with_support", "Coping well with support"
    NOT_COPING = "not_coping", "Not coping"


class AttainmentProgress(models.TextChoices):
    SUBSTANTIAL = "substantial", "Substantial progress"
    REASONABLE = "reasonable", "Reasonable progress"
    SLOW = "slow", "Slow progress"


class FollowUp(SchoolOwned):
    """How a former pupil is doing in class, one term after leaving the group."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="follow_ups")
    graduation = models.ForeignKey(Graduation, on_delete=models.CASCADE, related_name="follow_ups")
    term = models.CharField(max_length=12, help_text="E.g. 2026-spring.")
    recorded_on = models.DateField("date")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    coping = models.CharField("coping in class", max_length=20, choices=Coping.choices)
    sdq = models.ForeignKey("assessments.SdqAssessment", on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name="SDQ")
    boxall = models.ForeignKey("assessments.BoxallProfile", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name="Boxall Profile")
    sdq_total = models.PositiveSmallIntegerField(
        "SDQ total difficulties", null=True, blank=True, validators=[MaxValueValidator(40)],
        help_text="If an SDQ was done but not entered here: its total difficulties score (0-40).",
    )
    attainment = models.CharField("progress in attainment", max_length=20, choices=AttainmentProgress.choices,
                                  blank=True)
    attendance_percent = models.DecimalField(
        "attendance (%)", max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    exclusions = models.PositiveSmallIntegerField("suspensions or exclusions this term", null=True, blank=True)
    came_back = models.BooleanField("came back to the group", default=False,
                                    help_text="The pupil came back to the group for sessions this term.")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "pk"]
        constraints = [models.UniqueConstraint(fields=["graduation", "term"], name="one_follow_up_per_term")]

    def __str__(self) -> str:
        return f"Follow-up of {self.pupil}, {self.term_value.label}"

    def clean(self) -> None:
        try:
            Term.parse(self.term)
        except ValueError as error:
            raise ValidationError({"term": str(error)}) from error

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def term_value(self) -> Term:
        return Term.parse(self.term)

    @property
    def semh_total(self) -> int | None:
        """The SDQ total difficulties this follow-up gives: from the linked SDQ, else as recorded."""
        if self.sdq_id and self.sdq is not None and self.sdq.total is not None:
            return self.sdq.total
        return self.sdq_total
