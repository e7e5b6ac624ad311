"""Registration classes, pupils and nurture groups (the school and its staff are in `core`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.audit import ReadAudited
from core.dates import format_date
from core.lifecycle import Lifecycle, TransitionRefused  # noqa: F401  (refusals are raised from here)
from core.models import DASHBOARD_ORDER, Role, School, SchoolOwned, SchoolOwnedQuerySet, StaffRole, User  # noqa: F401

from .upn import validate_upn


class KeyStage(models.TextChoices):
    EYFS_KS1 = "ks1", "Reception and key stage 1"
    KS2 = "ks2", "Key stage 2"
    BOTH = "ks1_ks2", "Key stages 1 and 2"


class YearGroup(models.IntegerChoices):
    NURSERY = -1, "Nursery"
    RECEPTION = 0, "Reception"
    Y1 = 1, "Year 1"
    Y2 = 2, "Year 2"
    Y3 = 3, "Year 3"
    Y4 = 4, "Year 4"
    Y5 = 5, "Year 5"
    Y6 = 6, "Year 6"


class SchoolClass(SchoolOwned):
    """A registration class ('3B', 'Oak'), with its class teacher(s)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classes")
    name = models.CharField(max_length=50)
    year_group = models.IntegerField(choices=YearGroup.choices, null=True, blank=True)
    teachers = models.ManyToManyField(User, blank=True, related_name="classes_taught")

    class Meta:
        verbose_name = "class"
        verbose_name_plural = "classes"
        ordering = ["year_group", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="unique_class_name_per_school")]

    def __str__(self) -> str:
        return self.name


class PupilQuerySet(SchoolOwnedQuerySet):
    def on_roll(self) -> PupilQuerySet:
        """Return pupils who have not left the school."""
        today = timezone.localdate()
        return self.filter(Q(date_of_leaving__isnull=True) | Q(date_of_leaving__gt=today))

    def search(self, text: str) -> PupilQuerySet:
        """Return pupils whose names or UPN contain every word of the text."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(legal_first_name__icontains=word)
                | Q(legal_last_name__icontains=word)
                | Q(preferred_first_name__icontains=word)
                | Q(preferred_last_name__icontains=word)
                | Q(upn__iexact=word)
            )
        return queryset


class Gender(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    OTHER = "X", "Other / not stated"


class SenStatus(models.TextChoices):
    NONE = "N", "No SEN"
    SEN_SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "EHC plan"


class Pupil(ReadAudited, SchoolOwned):
    """A child on a school's roll, with the fields a school MIS holds."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupils")
    legal_first_name = models.CharField(max_length=100)
    legal_last_name = models.CharField(max_length=100)
    preferred_first_name = models.CharField(max_length=100, blank=True)
    preferred_last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    upn = models.CharField(
        "UPN", max_length=13, help_text="Unique pupil number: 13 characters, starting with its check letter."
    )
    year_group = models.IntegerField(choices=YearGroup.choices)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="pupils", verbose_name="class"
    )
    gender = models.CharField(max_length=1, choices=Gender.choices)
    pupil_premium = models.BooleanField("Pupil Premium", default=False)
    free_school_meals = models.BooleanField("free school meals", default=False)
    eal = models.BooleanField("EAL", default=False, help_text="English as an additional language.")
    sen_status = models.CharField("SEN status", max_length=1, choices=SenStatus.choices, default=SenStatus.NONE)
    looked_after = models.BooleanField("looked-after child", default=False)
    date_of_entry = models.DateField(null=True, blank=True)
    date_of_leaving = models.DateField(null=True, blank=True)
    record_transferred_on = models.DateField(
        "record sent to the new school on", null=True, blank=True, editable=False,
        help_text="Set when the SENCO records that the transfer pack was sent; retention then follows the transfer.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "upn"], name="unique_upn_per_school"),
            models.CheckConstraint(
                condition=Q(date_of_leaving__isnull=True)
                | Q(date_of_entry__isnull=True)
                | Q(date_of_leaving__gte=models.F("date_of_entry")),
                name="pupil_leaves_after_entry",
            ),
        ]
        indexes = [models.Index(fields=["school", "legal_last_name", "legal_first_name"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("pupils:pupil-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.upn:
            try:
                self.upn = validate_upn(self.upn)
            except ValueError as error:
                errors["upn"] = str(error)
        if self.date_of_leaving and self.date_of_entry and self.date_of_leaving < self.date_of_entry:
            errors["date_of_leaving"] = "The date of leaving cannot be before the date of entry."
        if self.school_class_id and self.school_id and self.school_class.school_id != self.school_id:
            errors["school_class"] = "That class belongs to another school."
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        """Tag audit entries with the pupil so the pupil's trail can be read in one query."""
        return {"pupil_id": self.pk}

    @property
    def first_name(self) -> str:
        return self.preferred_first_name or self.legal_first_name

    @property
    def last_name(self) -> str:
        return self.preferred_last_name or self.legal_last_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def key_stage(self) -> str:
        if self.year_group <= YearGroup.RECEPTION:
            return "EYFS"
        return "KS1" if self.year_group <= YearGroup.Y2 else "KS2"


class NurtureGroup(SchoolOwned):
    """A nurture group: a small class with a name the school chooses ('The Tree House')."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="nurture_groups")
    name = models.CharField(max_length=100)
    capacity = models.PositiveSmallIntegerField(default=10, help_text="How many pupils the group can take.")
    key_stage = models.CharField(max_length=10, choices=KeyStage.choices, default=KeyStage.EYFS_KS1)
    staff = models.ManyToManyField(User, blank=True, related_name="nurture_groups")
    room = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="unique_group_name_per_school"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="group_capacity_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pupils:group-detail", args=[self.pk])


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"


class GroupSession(models.Model):
    """One session in a nurture group's weekly pattern (e.g. Monday 9:00-12:00)."""

    group = models.ForeignKey(NurtureGroup, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.IntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


def in_group_q(day: datetime.date, prefix: str = "") -> Q:
    """Return the condition "this placement's pupil is in the group on `day`" (the one definition).

    A placement holds its pupil in the group from its start date up to, not including, its end date:
    the day a placement ends (a graduation, a move, consent withdrawn) the pupil has left the group.
    `prefix` names the placement from another model ("placements__").
    """
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": day}))


def joining_after_q(day: datetime.date, prefix: str = "") -> Q:
    """Return the condition "this placement starts after `day`" (a place promised, not yet begun)."""
    return Q(**{f"{prefix}start_date__gt": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": models.F(f"{prefix}start_date")}))


class PlacementQuerySet(SchoolOwnedQuerySet):
    def in_group_on(self, day: datetime.date | None = None) -> PlacementQuerySet:
        """Return placements whose pupil is in the group on the day (today by default)."""
        return self.filter(in_group_q(day or timezone.localdate()))

    def joining_after(self, day: datetime.date | None = None) -> PlacementQuerySet:
        """Return placements that start after the day (today by default): future starters."""
        return self.filter(joining_after_q(day or timezone.localdate()))

    def holding_a_place_on(self, day: datetime.date | None = None) -> PlacementQuerySet:
        """Return placements that take one of the group's places on the day: its pupils and its future starters."""
        day = day or timezone.localdate()
        return self.filter(in_group_q(day) | joining_after_q(day))

    def during(self, first: datetime.date, last: datetime.date) -> PlacementQuerySet:
        """Return placements whose pupil was in the group on at least one day from `first` to `last`."""
        return self.filter(start_date__lte=last).filter(Q(end_date__isnull=True) | Q(end_date__gt=first))

    def current(self, on: datetime.date | None = None) -> PlacementQuerySet:
        """Return placements whose pupil is in the group on the day (`in_group_on`, under its older name)."""
        return self.in_group_on(on)


class Placement(SchoolOwned):
    """A pupil's membership of a nurture group, from its start date to its end."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    # Which status may follow which (graduation is added by the reintegration issue).
    lifecycle = Lifecycle("status", {Status.ACTIVE: {Status.ENDED}, Status.ENDED: set()}, noun="placement")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="placements")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="placements")
    group = models.ForeignKey(NurtureGroup, on_delete=models.PROTECT, related_name="placements")
    # RESTRICT, not PROTECT: a referral cannot be deleted under its placement, but erasing the pupil removes both.
    referral = models.ForeignKey(
        "Referral", on_delete=models.RESTRICT, null=True, blank=True, related_name="placements",
        help_text="The referral whose panel decision made this placement.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField()
    expected_end_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(default=5)
    lessons_kept_in_class = models.TextField(
        blank=True, help_text="The lessons the pupil keeps with their class (e.g. PE on Thursday, music)."
    )
    first_review_date = models.DateField(null=True, blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(first_review_date__isnull=True) | Q(first_review_date__gt=models.F("start_date")),
                name="placement_first_review_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.group} from {format_date(self.start_date)}"

    def clean(self) -> None:
        if self.first_review_date and self.start_date and self.first_review_date <= self.start_date:
            raise ValidationError({"first_review_date": "The first review must come after the start date."})
        if self.expected_end_date and self.start_date and self.expected_end_date <= self.start_date:
            raise ValidationError({"expected_end_date": "The expected end must come after the start date."})

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    def set_status(self, status: str) -> None:
        """Move the placement to a new status, refusing a change its lifecycle does not allow."""
        self.lifecycle.move(self, status)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_joining(self) -> bool:
        """Return whether the pupil has this place but joins the group on a later day."""
        return self.start_date > timezone.localdate() and (self.end_date is None or self.end_date > self.start_date)


class PupilImport(SchoolOwned):
    """A CSV from the school's MIS, kept between its preview and its confirmation."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        APPLIED = "applied", "Applied"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupil_imports")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    file_name = models.CharField(max_length=255)
    csv_text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


# Referrals: from a class teacher's concern to a panel decision ------------------------------------


class NeedKind(models.TextChoices):
    """The three kinds of concern that bring a pupil to a nurture group."""

    ACTING_OUT = "acting_out", "Acting out"
    RESTLESS = "restless", "Restless and unfocused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ConsentMethod(models.TextChoices):
    MEETING = "meeting", "In a meeting"
    PHONE = "phone", "By phone"
    LETTER = "letter", "Signed letter or form"
    EMAIL = "email", "By email"


class ReferralQuerySet(SchoolOwnedQuerySet):
    def open(self) -> ReferralQuerySet:
        """Return referrals still waiting for a panel decision (wait-listed ones included)."""
        return self.filter(
            Q(stage__in=Referral.OPEN_STAGES) | Q(stage=Referral.Stage.DECIDED, outcome=Referral.Outcome.WAIT_LISTED)
        )

    def wait_listed(self) -> ReferralQuerySet:
        """Return referrals on a group's wait list, highest priority (lowest number) first."""
        return self.filter(stage=Referral.Stage.DECIDED, outcome=Referral.Outcome.WAIT_LISTED).order_by(
            "wait_list_priority", "raised_at"
        )

    def with_need(self, kind: str) -> ReferralQuerySet:
        """Return referrals that name the given kind of need."""
        return self.filter(**{f"need_{kind}": True})


class Referral(SchoolOwned):
    """A pupil's referral to a nurture group, from the concern to the panel's decision."""

    class Stage(models.TextChoices):
        CONCERN = "concern", "Concern raised"
        EVIDENCE = "evidence", "Evidence gathering"
        PARENTS = "parents", "Parents and carers"
        PANEL = "panel", "Panel"
        DECIDED = "decided", "Decided"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Outcome(models.TextChoices):
        PLACED = "placed", "Placed in a group"
        WAIT_LISTED = "wait_listed", "Wait-listed"
        OTHER_SUPPORT = "other_support", "Other support instead"
        DECLINED = "declined", "Declined"

    OPEN_STAGES = [Stage.CONCERN, Stage.EVIDENCE, Stage.PARENTS, Stage.PANEL]
    # The next stage in order; moving further than this is a skip, which needs a reason.
    NEXT_STAGE = {Stage.CONCERN: Stage.EVIDENCE, Stage.EVIDENCE: Stage.PARENTS, Stage.PARENTS: Stage.PANEL,
                  Stage.PANEL: Stage.DECIDED}
    # Forward only (skips allowed with a reason); an open referral may be withdrawn; a wait-listed one
    # may be decided again (the guard checks it is wait-listed). Decided and withdrawn referrals are closed.
    lifecycle = Lifecycle("stage", {
        Stage.CONCERN: {Stage.EVIDENCE, Stage.PARENTS, Stage.PANEL, Stage.DECIDED, Stage.WITHDRAWN},
        Stage.EVIDENCE: {Stage.PARENTS, Stage.PANEL, Stage.DECIDED, Stage.WITHDRAWN},
        Stage.PARENTS: {Stage.PANEL, Stage.DECIDED, Stage.WITHDRAWN},
        Stage.PANEL: {Stage.DECIDED, Stage.WITHDRAWN},
        Stage.DECIDED: {Stage.DECIDED, Stage.WITHDRAWN},
        Stage.WITHDRAWN: set(),
    }, noun="referral", guards=(lambda referral, current, to: referral.refusal_of_move(current, to),),
        explain=lambda referral, current, to: (
            "A referral moves forward only." if current in referral.NEXT_STAGE
            else f"This referral is {referral.Stage(current).label.lower()}: its stage cannot change."))

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="referrals")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="referrals")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="referrals_raised")
    raised_at = models.DateTimeField(default=timezone.now)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.CONCERN)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every save: a stale form is refused.")

    # 1. The concern.
    need_acting_out = models.BooleanField("acting out", default=False)
    need_restless = models.BooleanField("restless and unfocused", default=False)
    need_withdrawn = models.BooleanField("withdrawn", default=False)
    descriptors = models.TextField("what the pupil does", blank=True)
    tried_already = models.TextField("what has been tried already", blank=True)
    academic_concerns = models.TextField(blank=True)
    home_circumstances = models.TextField(
        "home or community circumstances", blank=True,
        help_text="Bereavement, a care placement, domestic abuse... Only the SENCO and senior leaders see this.",
    )

    # 2. Evidence.
    class_observation = models.TextField("observation in class", blank=True)
    attendance_percent = models.DecimalField(
        "attendance so far (%)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    exclusions_so_far = models.PositiveSmallIntegerField("fixed-term exclusions so far", null=True, blank=True)
    current_attainment = models.TextField(blank=True)

    # 3. Parents and carers: consent (the contacts are ParentContact rows).
    consent_given_by = models.CharField("consent given by", max_length=200, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    consent_method = models.CharField("how consent was given", max_length=10, choices=ConsentMethod.choices,
                                      blank=True)
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    consent_withdrawn_reason = models.TextField(blank=True)

    # 4. The panel's decision.
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    group = models.ForeignKey(
        NurtureGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
        help_text="The group the pupil is placed in, or wait-listed for.",
    )
    wait_list_priority = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the highest.")
    other_support = models.TextField("other support instead", blank=True)
    other_support_by = models.CharField("who gives the other support", max_length=200, blank=True)
    decline_reason = models.TextField(blank=True)
    over_capacity_reason = models.TextField(blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at"]
        indexes = [models.Index(fields=["school", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_percent__isnull=True)
                | (Q(attendance_percent__gte=0) & Q(attendance_percent__lte=100)),
                name="referral_attendance_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="wait_listed") | Q(group__isnull=False, wait_list_priority__isnull=False),
                name="referral_wait_list_names_group_and_priority",
            ),
            # One open referral per pupil (open: before the decision, or wait-listed): a second "Raise a
            # concern" (Back and Save again, two adults at once) is refused and points to the open one.
            models.UniqueConstraint(
                fields=["pupil"],
                condition=Q(stage__in=["concern", "evidence", "parents", "panel"])
                | Q(stage="decided", outcome="wait_listed"),
                name="one_open_referral_per_pupil",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.pupil} ({self.get_stage_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("pupils:referral-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.needs:
            raise ValidationError({"needs": "Choose at least one kind of need."})
        if self.pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            raise ValidationError("That pupil belongs to another school.")

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def needs(self) -> list[str]:
        """Return the codes of the kinds of need this referral names."""
        return [kind.value for kind in NeedKind if getattr(self, f"need_{kind.value}")]

    @needs.setter
    def needs(self, kinds) -> None:
        for kind in NeedKind:
            setattr(self, f"need_{kind.value}", kind.value in kinds)

    @staticmethod
    def need_choices() -> list[tuple[str, str]]:
        return list(NeedKind.choices)

    @property
    def need_labels(self) -> list[str]:
        return [NeedKind(kind).label for kind in self.needs]

    @property
    def is_open(self) -> bool:
        return self.stage in self.OPEN_STAGES or self.outcome == self.Outcome.WAIT_LISTED

    @property
    def has_consent(self) -> bool:
        """Consent has been recorded and not withdrawn."""
        return bool(self.consent_given_on) and self.consent_withdrawn_on is None

    def missing_evidence(self) -> list[str]:
        """Return what the referral still lacks before the panel, in the words the SENCO uses."""
        missing = []
        if not self.class_observation:
            missing.append("observation in class")
        if self.attendance_percent is None:
            missing.append("attendance")
        if self.exclusions_so_far is None:
            missing.append("exclusions")
        if not self.current_attainment:
            missing.append("current attainment")
        if not self.has_consent:
            missing.append("parental consent")
        return missing

    def set_stage(self, stage: str, *, reason: str = "") -> bool:
        """Move to a stage, refusing a move back, out of a closed referral, or a skip without a reason.

        Return whether the move skipped a stage. A wait-listed referral may be decided again.
        """
        self._skip_reason = reason
        redecided = self.stage == self.Stage.DECIDED and stage == self.Stage.DECIDED
        if redecided and self.outcome == self.Outcome.WAIT_LISTED:
            return False
        skipped = stage not in (self.Stage.WITHDRAWN, self.NEXT_STAGE.get(self.Stage(self.stage)))
        self.lifecycle.move(self, stage)
        if stage != self.Stage.WITHDRAWN:
            self.stage_changed_at = timezone.now()
        return skipped

    def refusal_of_move(self, current: str, to: str) -> str | None:
        """Return why this referral may not move from `current` to `to`, or None (the lifecycle's guard)."""
        if to == self.Stage.WITHDRAWN:
            return None if self.is_open else "Only an open referral can be withdrawn."
        if current == self.Stage.DECIDED:
            if self.outcome != self.Outcome.WAIT_LISTED:
                return "This referral is decided: its stage cannot change."
            return None if to == self.Stage.DECIDED else "A referral moves forward only."
        if to != self.NEXT_STAGE[self.Stage(current)] and not getattr(self, "_skip_reason", "").strip():
            return f"Moving straight to {self.Stage(to).label.lower()} skips a stage: give the reason."
        return None


class ReferralEvent(SchoolOwned):
    """One line of a referral's timeline: who did what, and when."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="referral_events")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class ParentContact(SchoolOwned):
    """A meeting, call or letter with a pupil's parents or carers about the referral."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_contacts")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="parent_contacts")
    contacted_on = models.DateField()
    with_whom = models.CharField("with whom", max_length=200)
    method = models.CharField("how", max_length=10, choices=ConsentMethod.choices)
    leaflet_given = models.BooleanField("the school's nurture group leaflet was given", default=False)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["contacted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} with {self.with_whom} on {format_date(self.contacted_on)}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PlacementEvent(SchoolOwned):
    """One line of a placement's history: placed, reviewed, extended, ended."""

    class Kind(models.TextChoices):
        PLACED = "placed", "Placed"
        REVIEWED = "reviewed", "Reviewed"
        EXTENDED = "extended", "Extended"
        ENDED = "ended", "Ended"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="placement_events")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PlacementReview(SchoolOwned):
    """A review of how a placement is going, with the date of the next one."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="placement_reviews")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    notes = models.TextField()
    next_review_date = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_date__isnull=True) | Q(next_review_date__gt=models.F("reviewed_on")),
                name="placement_review_next_after_this",
            )
        ]

    def __str__(self) -> str:
        return f"Review on {format_date(self.reviewed_on)}"

    def clean(self) -> None:
        if self.next_review_date and self.reviewed_on and self.next_review_date <= self.reviewed_on:
            raise ValidationError({"next_review_date": "The next review must come after this one."})

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class NotificationQuerySet(SchoolOwnedQuerySet):
    def unread(self) -> NotificationQuerySet:
        """Return notices their recipient has not marked as read."""
        return self.filter(read_at__isnull=True)


class Notification(SchoolOwned):
    """An in-app notice to one member of staff (e.g. 'a pupil you referred has a place')."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    text = models.TextField()
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}
