"""Forms for targets, reviews, the passport and observations: they check the shape of input only."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from core.dates import HAPPENED, PLANNED, STARTS, RuleDateField, date_input
from pupils.models import User

from .models import (
    OBSERVED_SETTINGS,
    SOURCE_CHOICES,
    Area,
    NextStep,
    PupilProfile,
    Rating,
    ReviewOutcome,
    Setting,
    Settled,
    Target,
    TargetVersion,
)
from .selectors import ObservationRow

DEFAULT_REVIEW_WEEKS = 6


class TargetForm(forms.Form):
    wording = forms.CharField(
        label=TargetVersion._meta.get_field("wording").verbose_name.capitalize(), max_length=300,
        help_text="Short and in the first person, so the pupil and their family understand it: "
                  "'I will put my hand up when I want to say something.'",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    area = forms.ChoiceField(choices=Area.choices)
    how_we_will_know = forms.CharField(label="How we will know it is met", max_length=1000,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    strategies = forms.CharField(label="What adults do to help", max_length=1500,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    home_strategy = forms.CharField(label="What happens at home", max_length=1000, required=False,
                                    help_text="Agreed with parents and carers.",
                                    widget=forms.Textarea(attrs={"rows": 2}))
    settings = forms.MultipleChoiceField(label="Where it applies", choices=Setting.choices,
                                         widget=forms.CheckboxSelectMultiple)
    owner = forms.ModelChoiceField(queryset=User.objects.none(), help_text="The adult who keeps it under review.")
    start_date = RuleDateField(rule=STARTS)
    review_date = RuleDateField(rule=PLANNED, help_text="Every target is time-limited.")
    source = forms.ChoiceField(label="Came from (optional)", choices=[("", "Not from an assessment")] + SOURCE_CHOICES,
                               required=False)
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, staff, target: Target | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff
        if target is not None:
            del self.fields["start_date"]
        else:
            del self.fields["based_on_version"]
            today = timezone.localdate()
            self.fields["start_date"].initial = today
            self.fields["review_date"].initial = today + datetime.timedelta(weeks=DEFAULT_REVIEW_WEEKS)
            self.fields["settings"].initial = [Setting.NURTURE_GROUP, Setting.CLASS]

    def clean(self):
        data = super().clean()
        start, review = data.get("start_date"), data.get("review_date")
        if start and review and review <= start:
            self.add_error("review_date", "The review date must be after the start date.")
        return data

    @staticmethod
    def initial_for(target: Target) -> dict:
        version = target.current_version
        return {
            "wording": version.wording, "how_we_will_know": version.how_we_will_know,
            "strategies": version.strategies, "home_strategy": version.home_strategy, "area": target.area,
            "settings": target.settings, "owner": target.owner_id, "review_date": target.review_date,
            "source": target.source, "based_on_version": version.number,
        }


class TargetReviewForm(forms.Form):
    reviewed_on = RuleDateField(rule=HAPPENED, label="Date of the review", initial=timezone.localdate)
    outcome = forms.ChoiceField(label="How far is it met?", choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(label="Evidence", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="What adults saw, in the group, in class, at home; the ratings.")
    next_step = forms.ChoiceField(label="Next step", choices=NextStep.choices, widget=forms.RadioSelect)
    next_review_date = RuleDateField(
        rule=PLANNED, label="Next review", required=False,
        help_text="Needed unless you close the target.",
        initial=lambda: timezone.localdate() + datetime.timedelta(weeks=DEFAULT_REVIEW_WEEKS),
    )

    def clean(self):
        data = super().clean()
        if data.get("next_step") and data["next_step"] != NextStep.CLOSE and not data.get("next_review_date"):
            self.add_error("next_review_date", "Give the date of the next review: every target is time-limited.")
        return data


class PupilProfileForm(forms.ModelForm):
    clear_all = forms.BooleanField(label="Clear the whole passport", required=False,
                                   help_text="Only if every text should go: four empty boxes are not saved otherwise.")

    class Meta:
        model = PupilProfile
        fields = ["about_me", "what_helps_me", "adult_strategies", "home"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class SeenInClassForm(forms.Form):
    # No rating is chosen for the adult: a rating in the record is one somebody chose.
    rating = forms.TypedChoiceField(
        label="How well", coerce=int, widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        choices=[choice for choice in Rating.choices if choice[0] != Rating.NOT_SEEN],
    )


class SessionForm(forms.Form):
    """Which session the screen shows and saves: chosen with 'Open', then carried by the save as hidden fields."""

    date = RuleDateField(rule=HAPPENED, widget=date_input(**{"class": "form-control"}), initial=timezone.localdate)
    setting = forms.ChoiceField(label="Where", choices=OBSERVED_SETTINGS, initial=Setting.NURTURE_GROUP)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


PRESENT, ABSENT = "present", "absent"
BUTTON_RADIO = forms.RadioSelect(attrs={"class": "btn-check"})
NOT_RATED = ("", "Not rated")


def _labels(choices, value) -> str:
    return dict(choices).get(value, "")


class PupilObservationForm(forms.Form):
    """One pupil's line of the group's session. Nothing is rated for the adult: a line starts blank (or as
    saved today), and 'As last time' records last time's ratings, confirmed by this adult, in one tap."""

    pupil = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(choices=[(PRESENT, "Present"), (ABSENT, "Absent")], initial=PRESENT,
                                   widget=BUTTON_RADIO)
    as_last_time = forms.BooleanField(required=False)
    settled = forms.TypedChoiceField(label="How settled", choices=Settled.choices, coerce=int, required=False,
                                     empty_value=None, widget=BUTTON_RADIO)
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)
    incident = forms.BooleanField(label="Incident", required=False)

    def __init__(self, *args, row: ObservationRow, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.fields["pupil"].initial = row.pupil.pk
        saved, saved_ratings = row.saved, row.saved_ratings
        if saved is not None:
            self.fields["attendance"].initial = PRESENT if saved.present else ABSENT
            self.fields["settled"].initial = saved.settled
            self.fields["note"].initial = saved.note
            self.fields["incident"].initial = saved.incident
        if row.has_last_time:
            self.fields["as_last_time"].label = f"As last time: {self.last_time_summary}"
        else:
            del self.fields["as_last_time"]
        for target in row.targets:
            self.fields[f"target_{target.pk}"] = forms.TypedChoiceField(
                label=target.current_version.wording if target.current_version else str(target),
                choices=[NOT_RATED, *Rating.choices], coerce=int, required=False, empty_value=None,
                widget=BUTTON_RADIO, initial=saved_ratings.get(target.pk, ""),
            )

    @property
    def last_time_summary(self) -> str:
        """Last time's ratings in words, so the adult sees what 'As last time' confirms."""
        row = self.row
        parts = [_labels(Settled.choices, row.last_settled)] if row.last_settled is not None else []
        parts += [_labels(Rating.choices, row.last_ratings[target.pk]).lower()
                  for target in row.targets if target.pk in row.last_ratings]
        return ", ".join(parts)

    @property
    def rating_fields(self) -> list:
        return [(target, self[f"target_{target.pk}"]) for target in self.row.targets]

    @property
    def is_absent(self) -> bool:
        value = self["attendance"].value()
        return value == ABSENT

    def clean(self):
        data = super().clean()
        if data.get("pupil") is not None and data["pupil"] != self.row.pupil.pk:
            raise forms.ValidationError("The group changed while you were logging: check this line and save again.")
        carried = data.get("as_last_time") and self.row.last_settled is not None
        if data.get("attendance") == PRESENT and data.get("settled") is None and not carried:
            self.add_error("settled", "Say how settled they were (or tap 'As last time'), or mark them absent.")
        return data

    def observed(self) -> dict:
        """Return the line as the service takes it: what the adult chose, then last time's for what they left blank
        if they tapped 'As last time'. A target still blank was not observed and is not recorded."""
        data, row = self.cleaned_data, self.row
        ratings = {target.pk: data[f"target_{target.pk}"] for target in row.targets
                   if data.get(f"target_{target.pk}") is not None}
        settled, carried = data.get("settled"), set()
        if data.get("as_last_time"):
            if settled is None:
                settled = row.last_settled
            for target_id, rating in row.last_ratings.items():
                if target_id not in ratings:
                    ratings[target_id] = rating
                    carried.add(target_id)
        return {"settled": settled, "note": data["note"], "incident": data["incident"], "ratings": ratings,
                "as_last_time": frozenset(carried)}


class BaseObservationFormSet(forms.BaseFormSet):
    def __init__(self, *args, rows: list[ObservationRow], **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)

    def total_form_count(self) -> int:
        return len(self.rows)

    def initial_form_count(self) -> int:
        # Every line is a pupil who must be accounted for: none is an 'extra' form that may stay empty.
        return len(self.rows)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "row": self.rows[index]}

    def clean(self):
        if self.is_bound and self.management_form.is_valid():
            if self.management_form.cleaned_data["TOTAL_FORMS"] != len(self.rows):
                raise forms.ValidationError(
                    "The group changed while you were logging: check every line and save again."
                )


ObservationFormSet = forms.formset_factory(PupilObservationForm, formset=BaseObservationFormSet, extra=0)
