"""Schools, their staff and roles, registration classes, pupils and nurture groups."""

from __future__ import annotations

import datetime
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .upn import validate_upn


class Role(models.TextChoices):
    SENCO = "senco", "SENCO"
    NURTURE_STAFF = "nurture_staff", "Nurture staff"
    CLASS_TEACHER = "class_teacher", "Class teacher"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    GOVERNOR = "governor", "Governor"
    SCHOOL_ADMIN = "school_admin", "School admin"


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


class School(models.Model):
    """One school; a multi-academy trust runs several on one install."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    urn = models.CharField("URN", max_length=10, blank=True, help_text="The school's unique reference number.")
    trust = models.CharField(max_length=200, blank=True, help_text="The multi-academy trust, if any.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff (or a governor) who signs in; belongs to exactly one school."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    job_title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False) | Q(is_superuser=True),
                name="user_belongs_to_a_school_unless_superuser",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """Return the codes of the roles this user holds (one query, then cached)."""
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.staff_roles.values_list("role", flat=True))

    @cached_property
    def taught_class_ids(self) -> frozenset[int]:
        """Return the ids of the registration classes this user teaches."""
        if not self.pk:
            return frozenset()
        return frozenset(self.classes_taught.values_list("pk", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def primary_role(self) -> str | None:
        """Return the role whose dashboard this user lands on (the most senior one held)."""
        for role in DASHBOARD_ORDER:
            if role in self.roles:
                return role
        return None

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in DASHBOARD_ORDER if role in self.roles]


# The order in which a user with several roles lands on a dashboard.
DASHBOARD_ORDER = [
    Role.SENCO,
    Role.SENIOR_LEADER,
    Role.NURTURE_STAFF,
    Role.CLASS_TEACHER,
    Role.SCHOOL_ADMIN,
    Role.GOVERNOR,
]


class StaffRole(models.Model):
    """One role held by one member of staff."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class SchoolClass(models.Model):
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


class PupilQuerySet(models.QuerySet):
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


class Pupil(models.Model):
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


class NurtureGroup(models.Model):
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


class PlacementQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> PlacementQuerySet:
        """Return placements running on the given day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Placement(models.Model):
    """A pupil's membership of a nurture group, from its start date to its end."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="placements")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="placements")
    group = models.ForeignKey(NurtureGroup, on_delete=models.PROTECT, related_name="placements")
    start_date = models.DateField()
    expected_end_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(default=5)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.group} from {self.start_date:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}


class PupilImport(models.Model):
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
