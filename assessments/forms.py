"""Forms of the assessments app: they check the shape of input; the services and models enforce the rules."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from core.dates import HAPPENED, RuleDateField
from core.terms import term_choices

from . import boxall
from .models import (
    SCORE_SOURCES,
    AttainmentLevel,
    AttainmentRecord,
    Incident,
    Informant,
    Instrument,
    InstrumentLicence,
    LicenceKind,
    Purpose,
)
from .scoring import (
    SDQ_IMPACT_ITEMS,
    SDQ_IMPACT_MAX,
    SDQ_ITEM_LABELS,
    SDQ_REVERSED,
    SDQ_SCALE_MAX,
    SDQ_SCALES,
    SDQ_TOTAL_MAX,
)

SDQ_ITEM_SCALE = {item: scale for scale, items in SDQ_SCALES.items() for item in items}
# Visible: the digit on the paper form; read out: its meaning too.
SDQ_ANSWERS = [
    (value, format_html('{}<span class="visually-hidden"> {}</span>', value, meaning))
    for value, meaning in ((0, "not true"), (1, "somewhat true"), (2, "certainly true"))
]
IMPACT_ANSWERS = [("", "–"), (0, "not at all"), (1, "only a little"), (2, "quite a lot"), (3, "a great deal")]
IMPACT_LABELS = {
    "distress": "Upset or distressed", "home": "Home life", "friendships": "Friendships", "peers": "Peer relations",
    "learning": "Classroom learning", "leisure": "Leisure activities",
}
BOXALL_ANSWERS = [(n, str(n)) for n in range(5)]


class ItemField(forms.TypedChoiceField):
    """One questionnaire item: a radio group of whole-number answers, blank when not ticked."""

    widget = forms.RadioSelect

    def __init__(self, *, item: int, label: str, short: str, answers, **kwargs):
        super().__init__(label=label, choices=answers, coerce=int, empty_value=None, required=False, **kwargs)
        self.item = item
        self.short = short  # what sighted users see; screen readers hear the full label


class AssessmentHeaderForm(forms.Form):
    # A new token each time the empty form is shown: submitting the same form twice finds the saved record.
    form_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    purpose = forms.ChoiceField(choices=Purpose.choices, initial=Purpose.TERMLY)
    completed_on = RuleDateField(rule=HAPPENED, label="Completed on")
    completed_by_name = forms.CharField(label="Completed by", max_length=120, help_text="Who filled in the form.")
    completed_by_role = forms.CharField(label="Their role", max_length=80, required=False,
                                        help_text="E.g. class teacher, nurture TA, mother.")

    def item_fields(self, prefix: str):
        return [self[name] for name in self.fields if name.startswith(prefix)]


class SdqForm(AssessmentHeaderForm):
    """The whole SDQ on one screen: who, when, the 25 items as a grid, and the impact supplement."""

    informant = forms.ChoiceField(choices=Informant.choices, widget=forms.RadioSelect, initial=Informant.TEACHER)
    has_difficulties = forms.TypedChoiceField(
        label="Does the informant say the child has difficulties?",
        choices=[("", "Not answered"), ("no", "No"), ("yes", "Yes (minor, definite or severe)")],
        coerce=lambda value: value == "yes", empty_value=None, required=False,
    )

    def __init__(self, *args, parent_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not parent_allowed:
            self.fields["informant"].choices = [(Informant.TEACHER, Informant.TEACHER.label)]
            self.fields["informant"].help_text = "Class teachers enter the teacher version."
        for item in range(1, 26):
            self.fields[f"item_{item}"] = ItemField(
                item=item, label=SDQ_ITEM_LABELS[item], answers=SDQ_ANSWERS,
                short=f"{item} {SDQ_ITEM_SCALE[item]}{' (R)' if item in SDQ_REVERSED else ''}",
            )
        names = []
        for informant in (Informant.TEACHER, Informant.PARENT):
            for name in SDQ_IMPACT_ITEMS[informant]:
                if name not in names:
                    names.append(name)
        for name in names:
            forms_using = [i.label.lower() for i in Informant if name in SDQ_IMPACT_ITEMS[i]]
            self.fields[f"impact_{name}"] = forms.TypedChoiceField(
                label=f"Impact: {IMPACT_LABELS[name]}", choices=IMPACT_ANSWERS, coerce=int, empty_value=None,
                required=False, help_text=f"On the {' and '.join(forms_using)} form.",
            )

    @property
    def items(self):
        return self.item_fields("item_")

    @property
    def impact_items(self):
        return self.item_fields("impact_")

    def clean(self):
        data = super().clean()
        informant = data.get("informant")
        if not any(data.get(f"item_{item}") is not None for item in range(1, 26)):
            raise forms.ValidationError("Tick at least one answer: an SDQ with no answers cannot be scored.")
        if informant:
            for name in self.fields:
                if name.startswith("impact_") and data.get(name) is not None:
                    if name.removeprefix("impact_") not in SDQ_IMPACT_ITEMS[informant]:
                        self.add_error(name, f"This question is not on the {informant} form: leave it blank.")
        return data

    @property
    def answers(self) -> dict[int, int | None]:
        return {item: self.cleaned_data.get(f"item_{item}") for item in range(1, 26)}

    @property
    def impact_answers(self) -> dict[str, int | None]:
        informant = self.cleaned_data["informant"]
        return {name: self.cleaned_data.get(f"impact_{name}") for name in SDQ_IMPACT_ITEMS[informant]}


SDQ_SCORE_LABELS = {
    "emotional": "Emotional symptoms", "conduct": "Conduct problems", "hyperactivity": "Hyperactivity / inattention",
    "peer": "Peer relationship problems", "prosocial": "Prosocial behaviour",
}


def _source_field(instrument: str) -> forms.ChoiceField:
    return forms.ChoiceField(label="Scores read from", widget=forms.RadioSelect,
                             choices=[(source.value, source.label[0].upper() + source.label[1:])
                                      for source in SCORE_SOURCES[instrument]])


class SdqScoresForm(AssessmentHeaderForm):
    """An SDQ by its scores: the five scale scores and the impact score from a scored form or SDQScore."""

    informant = forms.ChoiceField(choices=Informant.choices, widget=forms.RadioSelect, initial=Informant.TEACHER)
    source = _source_field(Instrument.SDQ)
    total = forms.IntegerField(
        label="Total difficulties (optional)", min_value=0, max_value=SDQ_TOTAL_MAX, required=False,
        help_text="Worked out here from the four difficulty scales; type the form's total to check them against it.",
    )
    impact = forms.IntegerField(
        label="Impact score (optional)", min_value=0, max_value=max(SDQ_IMPACT_MAX.values()), required=False,
        help_text="Teacher form 0 to 6, parent form 0 to 10; blank if the impact supplement was not scored.",
    )

    def __init__(self, *args, parent_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not parent_allowed:
            self.fields["informant"].choices = [(Informant.TEACHER, Informant.TEACHER.label)]
            self.fields["informant"].help_text = "Class teachers enter the teacher version."
        else:
            self.fields["informant"].help_text = "A parent's form returned on paper is entered here by staff."
        for name, label in SDQ_SCORE_LABELS.items():
            self.fields[name] = forms.IntegerField(label=label, min_value=0, max_value=SDQ_SCALE_MAX, required=False)

    @property
    def scale_fields(self):
        return [self[name] for name in SDQ_SCORE_LABELS]

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(name) is None for name in SDQ_SCORE_LABELS):
            raise forms.ValidationError("Enter at least one scale score: an SDQ with no scores cannot be charted.")
        return data

    @property
    def scales(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in SDQ_SCORE_LABELS}


class BoxallScoresForm(AssessmentHeaderForm):
    """A Boxall Profile by its cluster scores, from a profile scored with the handbook or Boxall Profile Online."""

    source = _source_field(Instrument.BOXALL)

    def __init__(self, *args, cluster_map: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for cluster in boxall.CLUSTERS:
            top = boxall.cluster_max(cluster.code, cluster_map)
            self.fields[f"cluster_{cluster.code}"] = forms.IntegerField(
                label=f"{cluster.code} {cluster.name}", min_value=0, max_value=top, required=False,
                help_text=f"0 to {top}",
            )

    def _section(self, section: str):
        return [self[f"cluster_{c.code}"] for c in boxall.CLUSTERS if c.section == section]

    @property
    def section_one(self):
        return self._section(boxall.SECTION_I)

    @property
    def section_two(self):
        return self._section(boxall.SECTION_II)

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(f"cluster_{c.code}") is None for c in boxall.CLUSTERS):
            raise forms.ValidationError("Enter at least one cluster score.")
        return data

    @property
    def cluster_scores(self) -> dict[str, int | None]:
        return {c.code: self.cleaned_data.get(f"cluster_{c.code}") for c in boxall.CLUSTERS}


class LicenceForm(forms.ModelForm):
    """The licence the school holds for one instrument."""

    class Meta:
        model = InstrumentLicence
        fields = ["kind", "reference", "granted_on"]
        widgets = {"kind": forms.RadioSelect}

    granted_on = RuleDateField(rule=HAPPENED, label="Granted on", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = LicenceKind.choices
        self.fields["reference"].help_text = "Required for an authorisation for electronic entry."
        self.fields["granted_on"].help_text = "Required for an authorisation for electronic entry."

    def _post_clean(self):
        pass  # the service checks the whole record (reference and date for electronic entry)


class BoxallForm(AssessmentHeaderForm):
    """The whole Boxall Profile on one screen: 68 items scored 0-4, by section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in boxall.ALL_ITEM_KEYS:
            number = key if key <= boxall.ITEMS_PER_SECTION else key - boxall.ITEMS_PER_SECTION
            self.fields[f"item_{key}"] = ItemField(item=key, label=boxall.item_label(key), short=str(number),
                                                   answers=BOXALL_ANSWERS)

    @property
    def section_one(self):
        return [self[f"item_{key}"] for key in boxall.ALL_ITEM_KEYS if key <= boxall.ITEMS_PER_SECTION]

    @property
    def section_two(self):
        return [self[f"item_{key}"] for key in boxall.ALL_ITEM_KEYS if key > boxall.ITEMS_PER_SECTION]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"item_{key}") is not None for key in boxall.ALL_ITEM_KEYS):
            raise forms.ValidationError("Score at least one item: a Boxall Profile with no scores cannot be charted.")
        return data

    @property
    def item_scores(self) -> dict[int, int | None]:
        return {key: self.cleaned_data.get(f"item_{key}") for key in boxall.ALL_ITEM_KEYS}


class TermField(forms.ChoiceField):
    def __init__(self, **kwargs):
        # A callable, so the list follows the calendar in a long-running process.
        super().__init__(choices=lambda: term_choices(timezone.localdate(), back=9), **kwargs)


class AttainmentForm(forms.ModelForm):
    term = TermField()
    reading_age_years = forms.IntegerField(label="Reading age: years", min_value=0, max_value=20, required=False)
    reading_age_extra_months = forms.IntegerField(label="and months", min_value=0, max_value=11, required=False)

    class Meta:
        model = AttainmentRecord
        fields = ["term", "reading", "writing", "maths", "standardised_score"]
        help_texts = {"reading": "EYFS judgements for pupils in Reception or Nursery."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("reading", "writing", "maths"):
            self.fields[name].choices = [("", "Not assessed")] + list(AttainmentLevel.choices)

    def clean(self):
        data = super().clean()
        years, months = data.get("reading_age_years"), data.get("reading_age_extra_months")
        if months is not None and years is None:
            self.add_error("reading_age_years", "Enter the years of the reading age too.")
        data["reading_age_months"] = None if years is None else years * 12 + (months or 0)
        return data

    @property
    def values(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in ("reading", "writing", "maths", "standardised_score",
                                                  "reading_age_months")}

    def _post_clean(self):
        # The service validates the whole record (one per pupil per term); skip the model check here.
        pass


class AttendanceForm(forms.Form):
    term = TermField()
    percent = forms.DecimalField(label="Attendance %", min_value=0, max_value=100, decimal_places=1, max_digits=4)


class AttendanceImportForm(forms.Form):
    term = TermField()
    file = forms.FileField(
        label="Attendance export (CSV)",
        help_text="A CSV with a header row naming a 'UPN' column and an 'Attendance %' column.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError("That file is larger than 2 MB.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Please choose a .csv file.")
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError("The file's text could not be read: save it as CSV (UTF-8) and try again.")


class IncidentForm(forms.ModelForm):
    occurred_on = RuleDateField(rule=HAPPENED, label="Occurred on")

    class Meta:
        model = Incident
        fields = ["kind", "occurred_on", "days", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        kind, days = data.get("kind"), data.get("days")
        if kind == "exclusion" and days is None:
            self.add_error("days", "Enter how many days the exclusion lasted.")
        elif kind and kind != "exclusion" and days is not None:
            self.add_error("days", "Days apply to fixed-term exclusions only: leave this blank.")
        return data

    def _post_clean(self):
        pass  # the service runs the model's full_clean with the pupil and school set


_ITEM_LIST = re.compile(r"^\s*\d+(\s*[,\s]\s*\d+)*\s*$")


class BoxallSettingsForm(forms.Form):
    """One row per cluster: its item numbers within the section, and its range."""

    def __init__(self, *args, cluster_map: dict, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for cluster in boxall.CLUSTERS:
            entry = cluster_map.get(cluster.code, {"items": [], "low": 0, "high": 0})
            code = cluster.code
            self.fields[f"{code}_items"] = forms.CharField(
                label=f"{code} items", initial=", ".join(str(n) for n in entry["items"]), disabled=disabled,
                help_text=f"Item numbers in section {cluster.section} (1-34), separated by commas.",
            )
            self.fields[f"{code}_low"] = forms.IntegerField(label=f"{code} range from", min_value=0,
                                                            initial=entry["low"], disabled=disabled)
            self.fields[f"{code}_high"] = forms.IntegerField(label=f"{code} range to", min_value=0,
                                                             initial=entry["high"], disabled=disabled)

    @property
    def rows(self):
        return [(cluster, self[f"{cluster.code}_items"], self[f"{cluster.code}_low"], self[f"{cluster.code}_high"])
                for cluster in boxall.CLUSTERS]

    def clean(self):
        data = super().clean()
        cluster_map = {}
        for cluster in boxall.CLUSTERS:
            raw = data.get(f"{cluster.code}_items")
            if raw is None:
                continue
            if not _ITEM_LIST.match(raw):
                self.add_error(f"{cluster.code}_items", "Enter item numbers separated by commas, e.g. 1, 5, 9.")
                continue
            cluster_map[cluster.code] = {
                "items": [int(n) for n in re.split(r"[,\s]+", raw.strip())],
                "low": data.get(f"{cluster.code}_low"), "high": data.get(f"{cluster.code}_high"),
            }
        if not self.errors:
            for code, message in boxall.validate_cluster_map(cluster_map).items():
                self.add_error(f"{code}_items", message)
        self.cluster_map = cluster_map
        return data
