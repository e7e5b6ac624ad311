"""SDQ and Boxall assessments, the school's Boxall settings, attainment, attendance and incidents.

Answers are stored by item number only (never the questionnaires' wording). Scores are computed
by the pure functions in `scoring.py` and `boxall.py` when a record is saved through a service and
cached on the row, so lists and charts never recompute them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.dates import format_date
from core.models import SchoolOwned, SchoolOwnedQuerySet
from core.terms import Term
from pupils.models import Pupil, School

from . import boxall
from .scoring import (
    SDQ_IMPACT_ITEMS,
    SdqScoreError,
    score_sdq,
    score_sdq_impact,
    score_sdq_impact_score,
    score_sdq_scales,
)


class Informant(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    PARENT = "parent", "Parent or carer"


class Purpose(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    TERMLY = "termly", "Termly reassessment"
    LEAVING = "leaving", "At leaving"


class Instrument(models.TextChoices):
    SDQ = "sdq", "SDQ"
    BOXALL = "boxall", "Boxall Profile"


class LicenceKind(models.TextChoices):
    NONE = "none", "No licence recorded"
    PAPER = "paper", "Paper only"
    ELECTRONIC = "electronic", "Authorised electronic entry"


class EntryMethod(models.TextChoices):
    ITEMS = "items", "Item entry"
    SCORES = "scores", "Score entry"


class ScoreSource(models.TextChoices):
    """Where entered scores were read from (score entry only)."""

    PAPER = "paper", "a scored paper form"
    SDQSCORE = "sdqscore", "SDQScore (youthinmind)"
    HANDBOOK = "handbook", "a profile scored with the handbook"
    BOXALL_ONLINE = "boxall_online", "Boxall Profile Online (Nurture UK)"


SCORE_SOURCES: dict[str, tuple[ScoreSource, ...]] = {
    Instrument.SDQ: (ScoreSource.PAPER, ScoreSource.SDQSCORE),
    Instrument.BOXALL: (ScoreSource.HANDBOOK, ScoreSource.BOXALL_ONLINE),
}


class InstrumentLicence(SchoolOwned):
    """The licence a school holds for one instrument, as its SENCO or school admin recorded it.

    Item entry (the keyboard grid) is an electronic version of the questionnaire, which the owners
    allow only with their authorisation; without one the school enters scores from a scored form.
    """

    instrument = models.CharField(max_length=10, choices=Instrument.choices)
    kind = models.CharField("licence", max_length=12, choices=LicenceKind.choices, default=LicenceKind.NONE)
    reference = models.CharField(max_length=120, blank=True,
                                 help_text="The licence or authorisation reference, as the owner gave it.")
    granted_on = models.DateField("dated", null=True, blank=True, help_text="The date on the licence or authorisation.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["instrument"]
        constraints = [
            models.UniqueConstraint(fields=["school", "instrument"], name="one_licence_per_school_instrument"),
            models.CheckConstraint(
                condition=~Q(kind="electronic") | (~Q(reference="") & Q(granted_on__isnull=False)),
                name="electronic_licence_has_reference_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} licence of {self.school}: {self.get_kind_display().lower()}"

    def clean(self) -> None:
        super().clean()
        if self.kind == LicenceKind.ELECTRONIC:
            errors = {}
            if not self.reference.strip():
                errors["reference"] = "An authorisation for electronic entry needs its reference."
            if self.granted_on is None:
                errors["granted_on"] = "An authorisation for electronic entry needs its date."
            if errors:
                raise ValidationError(errors)
        if self.granted_on and self.granted_on > timezone.localdate():
            raise ValidationError({"granted_on": "The licence cannot be dated in the future."})

    @property
    def allows_item_entry(self) -> bool:
        return self.kind == LicenceKind.ELECTRONIC


def _entry_fields() -> tuple[models.CharField, models.CharField, models.UUIDField]:
    return (
        models.CharField("entered by", max_length=10, choices=EntryMethod.choices, default=EntryMethod.ITEMS,
                         db_default=EntryMethod.ITEMS),
        models.CharField("scores read from", max_length=16, choices=ScoreSource.choices, blank=True, default="",
                         db_default=""),
        # The entry form's one-time token: a second submit of the same form finds the saved record.
        models.UUIDField(null=True, blank=True, unique=True, editable=False),
    )


class AssessmentQuerySet(SchoolOwnedQuerySet):
    def for_pupils(self, pupil_ids) -> AssessmentQuerySet:
        """Return the assessments of these pupils, oldest first."""
        return self.filter(pupil_id__in=pupil_ids).order_by("pupil_id", "completed_on", "pk")


class Assessment(SchoolOwned):
    """What an SDQ and a Boxall Profile share: whose, when, why and by whom."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.TERMLY)
    completed_on = models.DateField(help_text="The date on the form.")
    completed_by_name = models.CharField("completed by", max_length=120, help_text="Who filled in the form.")
    completed_by_role = models.CharField("their role", max_length=80, blank=True,
                                         help_text="E.g. class teacher, nurture TA, mother.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()
    already_saved = False  # set by a service that found this entry form's record saved before

    class Meta:
        abstract = True
        ordering = ["completed_on", "pk"]

    def clean(self) -> None:
        if self.completed_on and self.completed_on > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"completed_on": "The form cannot have been completed in the future."})
        if self.pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            raise ValidationError("That pupil belongs to another school.")

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def term(self) -> Term:
        return Term.for_date(self.completed_on)

    @property
    def by_score_entry(self) -> bool:
        return self.entry_method == EntryMethod.SCORES

    @property
    def how_obtained(self) -> str:
        """Say how the scores were obtained, for the record and its readers."""
        if self.entry_method == EntryMethod.SCORES:
            return f"Score entry from {self.get_score_source_display()}"
        return "Item entry (every answer typed in and scored here)"

    @property
    def entry_summary(self) -> str:
        """Say in a few words how the scores were obtained (for tables)."""
        if self.entry_method == EntryMethod.SCORES:
            return f"scores from {self.get_score_source_display()}"
        return "item entry"

    def _clean_entry(self, instrument: str) -> None:
        if self.entry_method == EntryMethod.SCORES and self.score_source not in SCORE_SOURCES[instrument]:
            raise ValidationError({"score_source": "Say where the scores were read from."})
        if self.entry_method == EntryMethod.ITEMS and self.score_source:
            raise ValidationError({"score_source": "Item entry is scored here: it has no other source."})


def _at_most(**maxima: int) -> Q:
    """Each named score is blank or at most its maximum (a check constraint)."""
    condition = Q()
    for name, maximum in maxima.items():
        condition &= Q(**{f"{name}__lte": maximum}) | Q(**{f"{name}__isnull": True})
    return condition


SDQ_SCORE_FIELDS = ("emotional", "conduct", "hyperactivity", "peer", "prosocial", "total", "externalising",
                    "internalising")
SDQ_BAND_FIELDS = ("emotional", "conduct", "hyperactivity", "peer", "prosocial", "total")
SDQ_SCALE_NAMES = ("emotional", "conduct", "hyperactivity", "peer", "prosocial")


def _score_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(null=True, blank=True, editable=False)


def _band_field() -> models.CharField:
    return models.CharField(max_length=20, blank=True, editable=False)


class SdqAssessment(Assessment):
    """One completed SDQ (teacher or parent version, ages 4-17) with its impact supplement."""

    informant = models.CharField(max_length=10, choices=Informant.choices)
    # {"1": 0, "2": 2, ... "25": 1}: item number -> ticked answer (0/1/2); unanswered items absent.
    answers = models.JSONField(default=dict, blank=True)  # empty for score entry
    has_difficulties = models.BooleanField(
        "the informant says the child has difficulties", null=True, blank=True,
        help_text="The impact supplement's first question; blank if not answered.",
    )
    # {"distress": 2, ...}: impact item -> answer (0 not at all ... 3 a great deal).
    impact_answers = models.JSONField(default=dict, blank=True)
    entry_method, score_source, form_token = _entry_fields()

    emotional = _score_field()
    conduct = _score_field()
    hyperactivity = _score_field()
    peer = _score_field()
    prosocial = _score_field()
    total = _score_field()
    externalising = _score_field()
    internalising = _score_field()
    impact = _score_field()
    emotional_band = _band_field()
    conduct_band = _band_field()
    hyperactivity_band = _band_field()
    peer_band = _band_field()
    prosocial_band = _band_field()
    total_band = _band_field()
    impact_band = _band_field()

    class Meta(Assessment.Meta):
        verbose_name = "SDQ"
        verbose_name_plural = "SDQs"
        indexes = [models.Index(fields=["school", "pupil", "completed_on"])]
        constraints = [
            models.CheckConstraint(condition=_at_most(emotional=10, conduct=10, hyperactivity=10, peer=10, prosocial=10,
                                                      total=40, impact=10), name="sdq_scores_within_range"),
            models.CheckConstraint(condition=Q(entry_method="items", score_source="")
                                   | (Q(entry_method="scores") & ~Q(score_source="")),
                                   name="sdq_score_entry_has_source"),
        ]

    def __str__(self) -> str:
        return f"SDQ ({self.get_informant_display().lower()}) for {self.pupil}, {format_date(self.completed_on)}"

    @property
    def responses(self) -> dict[int, int | None]:
        return {int(item): value for item, value in self.answers.items()}

    def clean(self) -> None:
        super().clean()
        self._clean_entry(Instrument.SDQ)
        if self.entry_method == EntryMethod.SCORES and (self.answers or self.impact_answers):
            raise ValidationError("Score entry records the scores only, not the answers.")
        try:
            self.compute_scores()
        except SdqScoreError as error:
            raise ValidationError({error.field: str(error)}) from error
        except (TypeError, ValueError) as error:
            raise ValidationError({"answers": str(error)}) from error
        if self.informant and self.impact_answers:
            unknown = set(self.impact_answers) - set(SDQ_IMPACT_ITEMS[self.informant])
            if unknown:
                raise ValidationError({"impact_answers": f"Not on the {self.informant} form: {sorted(unknown)}."})

    def compute_scores(self) -> None:
        """Score the answers (item entry) or the entered scale scores (score entry) with the published rules,
        and cache every score and band on the row."""
        if self.entry_method == EntryMethod.SCORES:
            result = score_sdq_scales({scale: getattr(self, scale) for scale in SDQ_SCALE_NAMES}, self.informant)
            impact = score_sdq_impact_score(self.impact, self.informant)
        else:
            result = score_sdq(self.responses, self.informant)
            impact = score_sdq_impact(self.impact_answers or {}, self.informant, self.has_difficulties)
        for name in SDQ_SCORE_FIELDS:
            setattr(self, name, result[name])
        for name in SDQ_BAND_FIELDS:
            setattr(self, f"{name}_band", result["bands"][name] or "")
        self.impact = impact["impact"]
        self.impact_band = impact["band"] or ""

    @property
    def answered_count(self) -> int:
        return sum(1 for value in self.answers.values() if value is not None)


class BoxallProfile(Assessment):
    """One completed Boxall Profile: 68 items scored 0-4, with cluster totals cached."""

    # {"1": 3, ... "68": 0}: item key (section I 1-34, section II 35-68) -> score 0-4.
    item_scores = models.JSONField(default=dict, blank=True)  # empty for score entry
    # {"A": 12, ... "Z": 1}: item entry: totals under the school's cluster map when last scored;
    # score entry: the cluster scores as entered.
    cluster_totals = models.JSONField(default=dict, editable=False)
    entry_method, score_source, form_token = _entry_fields()

    class Meta(Assessment.Meta):
        verbose_name = "Boxall Profile"
        indexes = [models.Index(fields=["school", "pupil", "completed_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(entry_method="items", score_source="")
                                   | (Q(entry_method="scores") & ~Q(score_source="")),
                                   name="boxall_score_entry_has_source"),
        ]

    def __str__(self) -> str:
        return f"Boxall Profile for {self.pupil}, {format_date(self.completed_on)}"

    @property
    def scores(self) -> dict[int, int | None]:
        return {int(key): value for key, value in self.item_scores.items()}

    def clean(self) -> None:
        super().clean()
        self._clean_entry(Instrument.BOXALL)
        if self.entry_method == EntryMethod.SCORES and self.item_scores:
            raise ValidationError("Score entry records the cluster scores only, not the items.")
        try:
            boxall.check_item_scores(self.item_scores)
        except (TypeError, ValueError) as error:
            raise ValidationError({"item_scores": str(error)}) from error

    def compute_totals(self, cluster_map: dict) -> None:
        """Total the items under the cluster map (item entry); entered cluster scores are kept as entered."""
        if self.entry_method == EntryMethod.ITEMS:
            self.cluster_totals = boxall.cluster_totals(self.scores, cluster_map)


class BoxallSettings(models.Model):
    """A school's Boxall item-to-cluster map and ranges, from its licensed handbook (default until saved)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="boxall_settings")
    # {"A": {"items": [1, 2, 3, 4], "low": 12, "high": 16}, ...}: item numbers within the section.
    cluster_map = models.JSONField(default=dict)
    is_default = models.BooleanField(default=True, help_text="Still the shipped default, not the handbook's.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Boxall settings"
        verbose_name_plural = "Boxall settings"

    def __str__(self) -> str:
        return f"Boxall settings of {self.school}"

    def clean(self) -> None:
        errors = boxall.validate_cluster_map(self.cluster_map)
        if errors:
            raise ValidationError({"cluster_map": list(errors.values())})


class AttainmentLevel(models.TextChoices):
    WORKING_TOWARDS = "wts", "Working towards"
    EXPECTED = "exs", "Expected standard"
    GREATER_DEPTH = "gds", "Greater depth"
    EYFS_EMERGING = "eyfs_emerging", "EYFS: emerging"
    EYFS_EXPECTED = "eyfs_expected", "EYFS: expected"


class TermRecord(SchoolOwned):
    """A pupil's figure for one term (attainment, attendance): one row per pupil per term."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=12, help_text="E.g. 2026-autumn.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["term"]

    def clean(self) -> None:
        try:
            Term.parse(self.term)
        except ValueError as error:
            raise ValidationError({"term": str(error)}) from error
        if self.pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            raise ValidationError("That pupil belongs to another school.")

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def term_value(self) -> Term:
        return Term.parse(self.term)


class AttainmentRecord(TermRecord):
    """Termly teacher assessment in reading, writing and maths, with an optional standardised score."""

    reading = models.CharField(max_length=16, choices=AttainmentLevel.choices, blank=True)
    writing = models.CharField(max_length=16, choices=AttainmentLevel.choices, blank=True)
    maths = models.CharField(max_length=16, choices=AttainmentLevel.choices, blank=True)
    standardised_score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(40), MaxValueValidator(160)],
        help_text="Optional, e.g. from a standardised reading test (usually 70-140).",
    )
    reading_age_months = models.PositiveSmallIntegerField(
        "reading age (months)", null=True, blank=True, validators=[MaxValueValidator(20 * 12)],
    )

    class Meta(TermRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["pupil", "term"], name="one_attainment_per_pupil_term")]

    def __str__(self) -> str:
        return f"Attainment of {self.pupil}, {self.term_value}"

    def clean(self) -> None:
        super().clean()
        if not (self.reading or self.writing or self.maths or self.standardised_score or self.reading_age_months):
            raise ValidationError("Enter at least one judgement or score.")

    @property
    def reading_age(self) -> str:
        if self.reading_age_months is None:
            return ""
        return f"{self.reading_age_months // 12}y {self.reading_age_months % 12}m"


class AttendanceRecord(TermRecord):
    """A pupil's attendance for one term, as a percentage of possible sessions."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered"
        IMPORTED = "imported", "Imported from CSV"

    percent = models.DecimalField(
        "attendance %", max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)

    class Meta(TermRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["pupil", "term"], name="one_attendance_per_pupil_term"),
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100), name="attendance_percent_0_100"),
        ]

    def __str__(self) -> str:
        return f"Attendance of {self.pupil}, {self.term_value}: {self.percent}%"


class IncidentKind(models.TextChoices):
    EXCLUSION = "exclusion", "Fixed-term exclusion"
    REMOVAL = "removal", "Removal from a lesson"
    SANCTION = "sanction", "Sanction"
    PARENT_CONTACT = "parent_contact", "Behaviour contact with parents"
    PLAYGROUND = "playground", "Playground incident"


class Incident(SchoolOwned):
    """A behaviour incident: what kind, when, for how many days (exclusions), who recorded it."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    occurred_on = models.DateField("date")
    days = models.DecimalField(
        "days excluded", max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5"))], help_text="Fixed-term exclusions only; half days allowed.",
    )
    note = models.CharField(max_length=500, blank=True, help_text="A short, factual note.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["school", "pupil", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="exclusion", days__isnull=False) | (~Q(kind="exclusion") & Q(days__isnull=True)),
                name="incident_days_only_for_exclusions",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.pupil}, {format_date(self.occurred_on)}"

    def clean(self) -> None:
        if self.kind == IncidentKind.EXCLUSION and self.days is None:
            raise ValidationError({"days": "Enter how many days the exclusion lasted."})
        if self.kind and self.kind != IncidentKind.EXCLUSION and self.days is not None:
            raise ValidationError({"days": "Days apply to fixed-term exclusions only: leave this blank."})
        if self.occurred_on and self.occurred_on > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"occurred_on": "An incident cannot be in the future."})
        if self.pupil_id and self.school_id and self.pupil.school_id != self.school_id:
            raise ValidationError("That pupil belongs to another school.")

    def get_additional_data(self) -> dict:
        return {"pupil_id": self.pupil_id}

    @property
    def term(self) -> Term:
        return Term.for_date(self.occurred_on)
