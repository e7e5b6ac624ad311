"""Forms of the reintegration app: they check the shape of input; the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from assessments.models import BoxallProfile, SdqAssessment
from core import text
from core.dates import HAPPENED, PLANNED, STARTS, RuleDateField, format_date
from core.forms import TableRowMixin

from .models import (
    RATING_CHOICES,
    AttainmentProgress,
    Coping,
    Ending,
    ReadinessCategory,
    ReadinessSettings,
    Ritual,
    Setting,
)


class ReadinessAssessmentForm(forms.Form):
    """A rating (or 'not rated') and an optional note for every criterion in use, grouped by category."""

    assessed_on = RuleDateField(rule=HAPPENED, label="Date")
    setting = forms.ChoiceField(label="Where the pupil was observed", choices=Setting.choices,
                                widget=forms.RadioSelect)
    note = forms.CharField(max_length=text.NOTE,
                           label="Overall note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, categories, class_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if class_only:
            self.fields["setting"].choices = [(Setting.CLASS, Setting.CLASS.label)]
            self.fields["setting"].initial = Setting.CLASS
            self.fields["setting"].help_text = "Class teachers rate readiness in class."
        self.groups = []
        for category in categories:
            rows = []
            for criterion in category.criteria_list:
                rating_name, note_name = f"rating_{criterion.pk}", f"note_{criterion.pk}"
                self.fields[rating_name] = forms.TypedChoiceField(
                    label=criterion.wording, required=False, coerce=int, empty_value=None,
                    choices=[("", "Not rated")] + RATING_CHOICES,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
                self.fields[note_name] = forms.CharField(
                    label=f"Note on: {criterion.wording}", required=False, max_length=500,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
                rows.append((criterion, rating_name, note_name))
            self.groups.append((category, rows))

    def grouped_fields(self):
        """Return (category, [(criterion, rating field, note field)]) for the template."""
        return [(category, [(criterion, self[rating], self[note]) for criterion, rating, note in rows])
                for category, rows in self.groups]

    def ratings(self) -> dict[int, tuple[int | None, str]]:
        return {criterion.pk: (self.cleaned_data.get(rating), self.cleaned_data.get(note, ""))
                for _, rows in self.groups for criterion, rating, note in rows}

    def clean(self):
        data = super().clean()
        if self.groups and not any(data.get(rating) is not None for _, rows in self.groups for _, rating, _ in rows):
            raise forms.ValidationError("Rate at least one criterion (a criterion left 'not rated' is not counted).")
        return data


class ReadinessSettingsForm(forms.ModelForm):
    class Meta:
        model = ReadinessSettings
        fields = ["threshold", "min_coverage", "follow_up_terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a submission (an older page), the school's coverage stays as it is.
        self.fields["min_coverage"].required = False

    def clean_min_coverage(self):
        value = self.cleaned_data.get("min_coverage")
        return self.instance.min_coverage if value is None else value


class CriterionAddForm(forms.Form):
    category = forms.ModelChoiceField(queryset=ReadinessCategory.objects.none(), required=False,
                                      empty_label="Choose a category")
    new_category = forms.CharField(label="Or a new category", required=False, max_length=100)
    wording = forms.CharField(label="The criterion, in your words", max_length=300)

    def __init__(self, *args, school_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ReadinessCategory.objects.for_school(school_id)

    def clean(self):
        data = super().clean()
        if not data.get("category") and not (data.get("new_category") or "").strip():
            self.add_error("category", "Choose a category or name a new one.")
        return data


class CriterionRewordForm(forms.Form):
    wording = forms.CharField(label="New wording", max_length=300,
                              help_text="Assessments already made keep the wording they were rated against.")


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = RuleDateField(rule=STARTS, label="The return starts on")
    strategies = forms.CharField(max_length=text.NOTE, label="Strategies agreed with the class teacher", required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))


class RowForm(TableRowMixin, forms.Form):
    """A row of a formset shown as a table: small Bootstrap inputs."""


class WeekForm(RowForm):
    week = forms.IntegerField(min_value=1, max_value=52)
    class_sessions = forms.IntegerField(label="Sessions in class", min_value=0, max_value=10)
    group_sessions = forms.IntegerField(label="Sessions in the group", min_value=0, max_value=10)
    note = forms.CharField(required=False, max_length=300)


class SupportForm(RowForm):
    who = forms.CharField(max_length=120)
    what = forms.CharField(max_length=300)
    when = forms.CharField(max_length=120)


class ReviewForm(RowForm):
    review_on = RuleDateField(rule=PLANNED, label="Review on")
    outcome = forms.CharField(required=False, max_length=300)


WeekFormSet = forms.formset_factory(WeekForm, extra=1, can_delete=True)
SupportFormSet = forms.formset_factory(SupportForm, extra=1, can_delete=True)
ReviewFormSet = forms.formset_factory(ReviewForm, extra=1, can_delete=True)


def formset_rows(formset) -> list[dict]:
    """Return the filled, not deleted rows of a formset as dicts (without the DELETE flag)."""
    return [{key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
            for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class GraduationForm(forms.Form):
    graduated_on = RuleDateField(rule=HAPPENED, label="Date")
    ritual = forms.ChoiceField(label="How it was marked", choices=Ritual.choices, widget=forms.RadioSelect)
    ritual_note = forms.CharField(label="About it (optional)", required=False, max_length=300)
    ending = forms.ChoiceField(label="How the placement ended", choices=Ending.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Say how the placement ended."})
    ending_note = forms.CharField(label="More about the ending (optional)", required=False, max_length=300)


class FollowUpForm(forms.Form):
    term = forms.ChoiceField()
    recorded_on = RuleDateField(rule=HAPPENED, label="Date")
    coping = forms.ChoiceField(label="Coping in class", choices=Coping.choices, widget=forms.RadioSelect)
    sdq = forms.ModelChoiceField(label="A new SDQ (optional)", queryset=SdqAssessment.objects.none(),
                                 required=False, empty_label="None")
    sdq_total = forms.IntegerField(label="Or its SDQ total difficulties (0-40)", required=False, min_value=0,
                                   max_value=40)
    boxall = forms.ModelChoiceField(label="A new Boxall Profile (optional)", queryset=BoxallProfile.objects.none(),
                                    required=False, empty_label="None")
    attainment = forms.ChoiceField(label="Progress in attainment", required=False,
                                   choices=[("", "No evidence")] + AttainmentProgress.choices)
    attendance_percent = forms.DecimalField(label="Attendance this term (%)", required=False, min_value=0,
                                            max_value=100, decimal_places=1)
    exclusions = forms.IntegerField(label="Suspensions or exclusions this term", required=False, min_value=0)
    came_back = forms.BooleanField(label="Came back to the group this term", required=False)
    note = forms.CharField(max_length=text.NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, graduation, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].choices = [(term.code, term.label) for term in terms]
        self.fields["recorded_on"].initial = timezone.localdate()
        since = graduation.graduated_on
        self.fields["sdq"].queryset = SdqAssessment.objects.filter(
            school_id=graduation.school_id, pupil_id=graduation.pupil_id, completed_on__gt=since)
        self.fields["boxall"].queryset = BoxallProfile.objects.filter(
            school_id=graduation.school_id, pupil_id=graduation.pupil_id, completed_on__gt=since)
        self.fields["sdq"].label_from_instance = (
            lambda sdq: f"{format_date(sdq.completed_on)}: total difficulties "
                        f"{sdq.total if sdq.total is not None else '–'}")
        self.fields["boxall"].label_from_instance = lambda profile: f"{format_date(profile.completed_on)}"
