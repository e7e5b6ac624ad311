"""One set of targets per pupil (with versions and reviews), the learning passport, and observations."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.dates import format_date
from core.lifecycle import Lifecycle, TransitionRefused  # noqa: F401  (refusals are raised from here)
from core.models import SchoolOwned, SchoolOwnedQuerySet
from pupils.models import NurtureGroup, Pupil, School, User


class Area(models.TextChoices):
    PERSONAL = "personal", "Personal"
    SOCIAL = "social", "Social"
    BEHAVIOURAL = "behavioural", "Behavioural"
    LITERACY = "literacy", "Literacy"
    NUMERACY = "numeracy", "Numeracy"
    OTHER_ACADEMIC = "other_academic", "Other academic"


# The survey's chief criticism was academic learning put on hold: these areas count as academic.
ACADEMIC_AREAS = frozenset({Area.LITERACY, Area.NUMERACY, Area.OTHER_ACADEMIC})


class Setting(models.TextChoices):
    NURTURE_GROUP = "group", "Nurture group"
    CLASS = "class", "Class"
    PLAYGROUND = "playground", "Playground"
    LUNCH = "lunch", "Lunch"
    HOME = "home", "Home"


# Where staff observe a pupil (home is a setting a target applies to, not one staff observe).
OBSERVED_SETTINGS = [choice for choice in Setting.choices if choice[0] != Setting.HOME]

# A target may say which assessment result it answers. Codes only: the assessments app is a peer,
# so the link is a plain string ('boxall:A', 'sdq:conduct') that never imports it.
BOXALL_CLUSTERS = [
    ("A", "gives purposeful attention"), ("B", "participates constructively"), ("C", "connects up experiences"),
    ("D", "shows insightful involvement"), ("E", "engages cognitively with peers"), ("F", "is emotionally secure"),
    ("G", "is biddable and accepts constraints"), ("H", "accommodates to others"),
    ("I", "responds constructively to others"), ("J", "maintains internalised standards"), ("Q", "disengaged"),
    ("R", "self-negating"), ("S", "makes undifferentiated attachments"), ("T", "shows inconsequential behaviour"),
    ("U", "craves attachment, reassurance"), ("V", "avoids or rejects attachment"),
    ("W", "undeveloped or insecure sense of self"), ("X", "negativism towards self"),
    ("Y", "negativism towards others"), ("Z", "wants, grabs, disregarding others"),
]
SDQ_SCALES = [
    ("emotional", "emotional symptoms"), ("conduct", "conduct problems"),
    ("hyperactivity", "hyperactivity and inattention"), ("peer", "peer relationship problems"),
    ("prosocial", "prosocial behaviour"),
]
SOURCE_CHOICES = [
    *[(f"boxall:{code}", f"Boxall {code}: {label}") for code, label in BOXALL_CLUSTERS],
    *[(f"sdq:{code}", f"SDQ: {label}") for code, label in SDQ_SCALES],
]


class TargetStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    PARTLY_ACHIEVED = "partly_achieved", "Partly achieved"
    NOT_YET = "not_yet", "Not yet achieved"
    RETIRED = "retired", "Retired"


class TargetQuerySet(SchoolOwnedQuerySet):
    def active(self) -> TargetQuerySet:
        """Return targets still being worked on."""
        return self.filter(status=TargetStatus.ACTIVE)

    def overdue(self, on: datetime.date | None = None) -> TargetQuerySet:
        """Return targets whose review date has passed (on the given day, today by default)."""
        return self.filter(review_date__lt=on or timezone.localdate())

    def academic(self) -> TargetQuerySet:
        """Return targets about literacy, numeracy or other academic learning."""
        return self.filter(area__in=ACADEMIC_AREAS)


class Target(SchoolOwned):
    """One of a pupil's targets; its wording lives in versions, so no wording is ever lost."""

    lifecycle = Lifecycle("status", {
        TargetStatus.ACTIVE: {TargetStatus.ACHIEVED, TargetStatus.PARTLY_ACHIEVED, TargetStatus.NOT_YET,
                              TargetStatus.RETIRED},
        TargetStatus.PARTLY_ACHIEVED: {TargetStatus.ACTIVE, TargetStatus.RETIRED},
        TargetStatus.NOT_YET: {TargetStatus.ACTIVE, TargetStatus.RETIRED},
        TargetStatus.ACHIEVED: {TargetStatus.RETIRED},
        TargetStatus.RETIRED: set(),
    }, noun="target")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="targets")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="targets")
    area = models.CharField(max_length=20, choices=Area.choices)
    settings = models.JSONField(default=list, help_text="Where the target applies.")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="owned_targets",
                              help_text="The adult who keeps the target under review.")
    start_date = models.DateField(default=timezone.localdate)
    review_date = models.DateField(help_text="Every target is time-limited: when will you look at it again?")
    status = models.CharField(max_length=20, choices=TargetStatus.choices, default=TargetStatus.ACTIVE)
    source = models.CharField("came from", max_length=20, choices=SOURCE_CHOICES, blank=True,
                              help_text="The Boxall cluster or SDQ scale this target answers, if any.")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["pupil", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(review_date__gt=models.F("start_date")),
                                   name="target_review_after_start"),
            models.CheckConstraint(condition=Q(area__in=Area.values), name="target_area_valid"),
            models.CheckConstraint(condition=Q(status__in=TargetStatus.values), name="target_status_valid"),
        ]
        indexes = [models.Index(fields=["school", "status", "review_date"])]

    def __str__(self) -> str:
        return f"{self.get_area_display()} target for {self.pupil}"

    def get_absolute_url(self) -> str:
        return reverse("targets:target-detail", args=[self.pupil_id, self.pk])

    def clean(self) -> None:
        errors = {}
        if self.review_date and self.start_date and self.review_date <= self.start_date:
            errors["review_date"] = "The review date must be after the start date."
        unknown = [value for value in self.settings or [] if value not in Setting.values]
        if not self.settings:
            errors["settings"] = "Choose at least one setting where the target applies."
        elif unknown or not isinstance(self.settings, list):
            errors["settings"] = "Choose settings from the list."
        if self.pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            errors["pupil"] = "That pupil belongs to another school."
        if self.owner_id and self.school_id and self.owner.school_id != self.school_id:
            errors["owner"] = "The owner must be a member of staff of this school."
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    def set_status(self, status: str) -> None:
        """Move the target to a new status, refusing any change its lifecycle does not allow."""
        self.lifecycle.move(self, status)

    @property
    def is_academic(self) -> bool:
        return self.area in ACADEMIC_AREAS

    @property
    def is_active(self) -> bool:
        return self.status == TargetStatus.ACTIVE

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_active and self.review_date < (on or timezone.localdate())

    @property
    def settings_display(self) -> str:
        labels = dict(Setting.choices)
        return ", ".join(labels.get(value, value) for value in self.settings)

    @property
    def current_version(self) -> TargetVersion | None:
        """Return the newest wording (uses prefetched versions, newest first, when present)."""
        versions = getattr(self, "version_list", None)
        if versions is None:
            versions = list(self.versions.order_by("-number")[:1])
        return versions[0] if versions else None


class TargetVersion(SchoolOwned):
    """The wording of a target at one time: a change of wording adds a version, never overwrites one."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    wording = models.CharField("the target, in the pupil's words", max_length=300,
                               help_text="For example: 'I will put my hand up when I want to say something.'")
    how_we_will_know = models.TextField("how we will know it is met", max_length=1000)
    strategies = models.TextField("what adults do to help", max_length=1500)
    home_strategy = models.TextField("what happens at home", max_length=1000, blank=True,
                                     help_text="Agreed with parents and carers.")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["target", "-number"]
        constraints = [models.UniqueConstraint(fields=["target", "number"], name="unique_target_version_number")]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.wording}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class ReviewOutcome(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    PARTLY_ACHIEVED = "partly_achieved", "Partly achieved"
    NOT_YET = "not_yet", "Not yet achieved"


class NextStep(models.TextChoices):
    CARRY_ON = "carry_on", "Carry on with this target"
    CHANGE_WORDING = "change_wording", "Change the wording"
    CLOSE = "close", "Close the target"


class TargetReview(SchoolOwned):
    """A dated look at a target: how far it is met, on what evidence, and what happens next."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    evidence = models.TextField(max_length=2000)
    next_step = models.CharField(max_length=20, choices=NextStep.choices)
    next_review_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.target} on {format_date(self.reviewed_on)}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PupilProfile(SchoolOwned):
    """The parts of the learning passport that belong to the pupil rather than to one target."""

    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, related_name="passport_profile")
    about_me = models.TextField("about me", max_length=600, blank=True,
                                help_text="In the pupil's words: what they like, what they are good at.")
    what_helps_me = models.TextField("what helps me", max_length=1000, blank=True)
    adult_strategies = models.TextField("what adults do (every day, every lesson)", max_length=1500, blank=True)
    home = models.TextField("what happens at home", max_length=1000, blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Learning passport of {self.pupil}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class Rating(models.IntegerChoices):
    NOT_SEEN = 0, "Not seen"
    EMERGING = 1, "Emerging"
    MOSTLY = 2, "Mostly"
    CONSISTENTLY = 3, "Consistently"


class Settled(models.IntegerChoices):
    UNSETTLED = 1, "Unsettled"
    SOMETIMES = 2, "Sometimes settled"
    MOSTLY = 3, "Mostly settled"
    SETTLED = 4, "Settled"


class ObservationSession(SchoolOwned):
    """One sitting in which an adult observed pupils: a nurture group session, a lesson, a lunchtime."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="observation_sessions")
    group = models.ForeignKey(NurtureGroup, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="observation_sessions")
    date = models.DateField(default=timezone.localdate)
    setting = models.CharField(max_length=20, choices=OBSERVED_SETTINGS, default=Setting.NURTURE_GROUP)
    observed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="observation_sessions",
                                    help_text="The adult who first logged the session.")
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every save of the screen: a save from a screen opened before someone else's is refused.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(setting=Setting.HOME), name="session_setting_observable"),
            models.CheckConstraint(condition=Q(setting__in=[value for value, _ in OBSERVED_SETTINGS]),
                                   name="session_setting_valid"),
            # One session per group, day and setting: a second save (a double click, Back and resubmit, a
            # second adult on another tablet) updates it. Sessions without a group (a pupil seen in class
            # who is in no group) are keyed by their adult in the service instead.
            models.UniqueConstraint(fields=["group", "date", "setting"], name="one_session_per_group_day_setting"),
        ]
        indexes = [models.Index(fields=["school", "date"])]

    def __str__(self) -> str:
        return f"{self.get_setting_display()} on {format_date(self.date)}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "A session cannot be logged for a day that has not happened yet."})
        if self.group_id and self.school_id and self.group.school_id != self.school_id:
            raise ValidationError({"group": "That group belongs to another school."})


class PupilObservation(SchoolOwned):
    """One pupil in one session: there or not, how settled, a note and whether there was an incident."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="observations")
    session = models.ForeignKey(ObservationSession, on_delete=models.CASCADE, related_name="pupil_observations")
    present = models.BooleanField(default=True)
    settled = models.PositiveSmallIntegerField(choices=Settled.choices, null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    incident = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "pupil"]
        constraints = [
            models.UniqueConstraint(fields=["session", "pupil"], name="pupil_logged_once_per_session"),
            models.CheckConstraint(condition=Q(present=True) | Q(settled__isnull=True, incident=False),
                                   name="absent_pupil_has_no_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.session}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class RatingSource(models.TextChoices):
    OBSERVED = "observed", "Observed"
    AS_LAST_TIME = "as_last_time", "As last time (confirmed)"


class TargetRating(SchoolOwned):
    """How far a target was seen in one pupil's observation, chosen by an adult.

    A target left blank on the screen is not observed and has no row: a rating is never a default.
    """

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="target_ratings")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="ratings")
    pupil_observation = models.ForeignKey(PupilObservation, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    # The session's date, copied when the rating is written, so that a target's latest rating is one
    # index probe rather than a join through every rating the target ever had.
    observed_on = models.DateField(editable=False)
    source = models.CharField(max_length=20, choices=RatingSource.choices, default=RatingSource.OBSERVED)
    rated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                 help_text="The adult who chose the rating (or confirmed last time's).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil_observation", "target"], name="target_rated_once_per_observation"),
            models.CheckConstraint(condition=Q(source__in=RatingSource.values), name="target_rating_source_valid"),
        ]
        indexes = [models.Index(fields=["target", "-observed_on", "-id"], name="target_latest_rating")]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} for {self.target_id}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}
