"""The ground floor: the school, its staff and their roles, and the base of every record a school owns.

Nothing here imports another app of the project; every app stands on this one. School, User and
StaffRole lived in `pupils` until the ground floor was built: their tables keep those names
(`pupils_school`, `pupils_user`, `pupils_staffrole`), so the move changed no row.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    SENCO = "senco", "SENCO"
    NURTURE_STAFF = "nurture_staff", "Nurture staff"
    CLASS_TEACHER = "class_teacher", "Class teacher"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    GOVERNOR = "governor", "Governor"
    SCHOOL_ADMIN = "school_admin", "School admin"
    TRUST_LEADER = "trust_leader", "Trust leader"
    TRUST_ADMIN = "trust_admin", "Trust admin"  # creates the trust's schools and their first school admin


class Trust(models.Model):
    """A multi-academy trust: several schools on one install, led by people who see only aggregates."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """One school; a multi-academy trust runs several on one install."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    urn = models.CharField("URN", max_length=10, blank=True, help_text="The school's unique reference number.")
    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, null=True, blank=True, related_name="schools",
                              help_text="The multi-academy trust, if any.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "pupils_school"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff (or a governor) who signs in; belongs to exactly one school (a trust leader: one trust)."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, null=True, blank=True, related_name="leaders",
                              help_text="For trust leaders only: the trust whose schools' aggregates they see.")
    job_title = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "pupils_user"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False) | Q(trust__isnull=False) | Q(is_superuser=True),
                name="user_belongs_to_a_school_or_trust_unless_superuser",
            ),
            # A trust leader reads the trust's aggregates, never a school's records: not both.
            models.CheckConstraint(condition=Q(school__isnull=True) | Q(trust__isnull=True),
                                   name="user_of_a_school_or_a_trust_not_both"),
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
    Role.TRUST_LEADER,
    Role.TRUST_ADMIN,
]


class StaffRole(models.Model):
    """One role held by one member of staff."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        db_table = "pupils_staffrole"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class SchoolOwnedQuerySet(models.QuerySet):
    """Records that belong to one school: tenancy is one filter, written once."""

    def for_school(self, school) -> SchoolOwnedQuerySet:
        """Return the records of one school (a School or its id)."""
        return self.filter(school=school)

    def for_user(self, user) -> SchoolOwnedQuerySet:
        """Return the records of the user's school (none for a user without one)."""
        school_id = getattr(user, "school_id", None)
        if school_id is None:
            return self.none()
        return self.filter(school_id=school_id)


class SchoolOwned(models.Model):
    """Abstract base of every record that belongs to one school.

    A subclass that needs a named reverse relation (``school.pupils``) declares its own `school`
    field; everything else (the manager's `for_school`/`for_user`, the school check in `clean`)
    comes from here. A record that also belongs to a pupil must be of the pupil's school.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        pupil_id = getattr(self, "pupil_id", None)
        if pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            raise ValidationError("That pupil belongs to another school.")


class SubmissionToken(models.Model):
    """A create form's one-time token and where its first successful submit led (the saved record).

    Written by `core.submission.SubmitOnceMixin`: a second submit of the same form (a double click, Back and
    resubmit, the same page sent twice) finds the token and is shown the saved record instead of saving again.
    """

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Submission {self.token}"
