"""Forms for pupils and the MIS import: they check the shape of input; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings

from core import text
from core.dates import BIRTH, HAPPENED, PLANNED, STARTS, RuleDateField

from .models import (
    ConsentMethod,
    GroupSession,
    NeedKind,
    NurtureGroup,
    Pupil,
    Referral,
    SchoolClass,
    User,
    YearGroup,
)


class PupilSearchForm(forms.Form):
    q = forms.CharField(label="Name or UPN", required=False, max_length=text.SEARCH)
    school_class = forms.ModelChoiceField(label="Class", queryset=SchoolClass.objects.none(), required=False)
    year_group = forms.TypedChoiceField(
        label="Year group", choices=[("", "Any year")] + list(YearGroup.choices), coerce=int, required=False,
        empty_value=None,
    )

    def __init__(self, *args, school_classes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if school_classes is not None:
            self.fields["school_class"].queryset = school_classes


class PupilForm(forms.ModelForm):
    date_of_birth = RuleDateField(rule=BIRTH, label="Date of birth")
    date_of_entry = RuleDateField(rule=STARTS, label="Date of entry", required=False)
    date_of_leaving = RuleDateField(rule=STARTS, label="Date of leaving", required=False)

    class Meta:
        model = Pupil
        fields = [
            "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
            "date_of_birth", "upn", "year_group", "school_class", "gender", "pupil_premium",
            "free_school_meals", "eal", "sen_status", "looked_after", "date_of_entry", "date_of_leaving",
        ]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["school_class"].queryset = SchoolClass.objects.filter(school=school)


class PupilImportForm(forms.Form):
    file = forms.FileField(
        label="MIS export (CSV)",
        help_text="A CSV exported from SIMS or Arbor, with a header row. At most 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError("That file is larger than 2 MB: export only the pupils' columns and try again.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Please choose a .csv file (in SIMS or Arbor, export the report as CSV).")
        try:
            return decode_csv_bytes(upload.read())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def decode_csv_bytes(raw: bytes) -> str:
    """Return the text of an uploaded CSV (UTF-8, or Windows-1252 as older MIS exports use)."""
    if b"\x00" in raw[:4096]:
        raise ValueError("That file is not a CSV text file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("The file's text could not be read: save it as CSV (UTF-8) and try again.")


class NurtureGroupForm(forms.ModelForm):
    class Meta:
        model = NurtureGroup
        fields = ["name", "capacity", "key_stage", "room", "staff"]
        widgets = {"staff": forms.CheckboxSelectMultiple}
        help_texts = {"name": "The name the school and the children use, e.g. 'The Tree House'."}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["staff"].queryset = User.objects.filter(school=school, is_active=True).order_by("last_name")
        self.fields["staff"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = NurtureGroup.objects.filter(school=self.instance.school, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("The school already has a group with this name.")
        return name


GroupSessionFormSet = forms.inlineformset_factory(
    NurtureGroup, GroupSession, fields=["weekday", "starts_at", "ends_at"], extra=2, can_delete=True,
    widgets={"starts_at": forms.TimeInput(attrs={"type": "time"}), "ends_at": forms.TimeInput(attrs={"type": "time"})},
)


# Referrals and placements ------------------------------------------------------------------------


class ReferralForm(forms.Form):
    """The concern (and, for the SENCO, the evidence); home circumstances only for those who may see them."""

    needs = forms.MultipleChoiceField(
        label="Kind of need", choices=NeedKind.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Choose every kind that fits.",
    )
    descriptors = forms.CharField(max_length=text.ACCOUNT,
                                  label="What the pupil does", widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What you see in class, in your own words.")
    tried_already = forms.CharField(max_length=text.NOTE,
                                    label="What has been tried already", widget=forms.Textarea(attrs={"rows": 3}),
                                    required=False)
    academic_concerns = forms.CharField(max_length=text.NOTE, widget=forms.Textarea(attrs={"rows": 2}), required=False)
    home_circumstances = forms.CharField(
        label="Home or community circumstances the school knows of", widget=forms.Textarea(attrs={"rows": 2}),
        required=False, max_length=text.NOTE,
        help_text="Bereavement, a care placement, domestic abuse... Only the SENCO and senior leaders see this.",
    )
    class_observation = forms.CharField(max_length=text.ACCOUNT,
                                        label="Observation in class", widget=forms.Textarea(attrs={"rows": 3}),
                                        required=False)
    attendance_percent = forms.DecimalField(label="Attendance so far (%)", min_value=0, max_value=100,
                                            decimal_places=1, required=False)
    exclusions_so_far = forms.IntegerField(label="Fixed-term exclusions so far", min_value=0, required=False)
    current_attainment = forms.CharField(max_length=text.NOTE, widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    EVIDENCE = ["class_observation", "attendance_percent", "exclusions_so_far", "current_attainment"]

    def __init__(self, *args, show_home_circumstances: bool, show_evidence: bool, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # A teacher may record home circumstances when raising the concern, but never reads them back.
        if editing and not show_home_circumstances:
            del self.fields["home_circumstances"]
        if not show_evidence:
            for name in self.EVIDENCE:
                del self.fields[name]
        if not editing:
            del self.fields["version"]

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items()
                if name not in ("needs", "version")}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="Move to")
    reason = forms.CharField(max_length=text.REASON, label="Reason (needed when a stage is skipped)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stages


class WithdrawForm(forms.Form):
    reason = forms.CharField(max_length=text.REASON,
                             label="Why the referral is withdrawn", widget=forms.Textarea(attrs={"rows": 2}))


class ParentContactForm(forms.Form):
    contacted_on = RuleDateField(rule=HAPPENED, label="Date")
    with_whom = forms.CharField(label="With whom", max_length=200, help_text="e.g. Mum (Ms Applewick)")
    method = forms.ChoiceField(label="How", choices=ConsentMethod.choices)
    leaflet_given = forms.BooleanField(label="The school's nurture group leaflet was given", required=False)
    notes = forms.CharField(max_length=text.NOTE, widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConsentForm(forms.Form):
    given_by = forms.CharField(label="Consent given by", max_length=200, help_text="Name and relationship.")
    given_on = RuleDateField(rule=HAPPENED, label="Date consent was given")
    method = forms.ChoiceField(label="How consent was given", choices=ConsentMethod.choices)


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = RuleDateField(rule=HAPPENED, label="Date consent was withdrawn")
    reason = forms.CharField(max_length=text.REASON, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Decision", choices=Referral.Outcome.choices, widget=forms.RadioSelect)
    group = forms.ModelChoiceField(label="Nurture group", queryset=NurtureGroup.objects.none(), required=False)
    start_date = RuleDateField(rule=STARTS, required=False)
    sessions_per_week = forms.IntegerField(min_value=1, max_value=10, required=False)
    lessons_kept_in_class = forms.CharField(max_length=text.REASON, label="Lessons kept in class", required=False,
                                            widget=forms.Textarea(attrs={"rows": 2}))
    first_review_date = RuleDateField(rule=PLANNED, required=False)
    expected_end_date = RuleDateField(rule=PLANNED, required=False)
    over_capacity = forms.BooleanField(label="Place over capacity", required=False)
    over_capacity_reason = forms.CharField(max_length=text.REASON, label="Why place over capacity", required=False,
                                           widget=forms.Textarea(attrs={"rows": 2}))
    wait_list_priority = forms.IntegerField(label="Wait list priority (1 is the highest)", min_value=1,
                                            required=False)
    other_support = forms.CharField(max_length=text.REASON, label="Other support instead: what", required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    other_support_by = forms.CharField(label="Other support: who gives it", max_length=200, required=False)
    decline_reason = forms.CharField(max_length=text.REASON, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    skip_reason = forms.CharField(max_length=text.REASON,
                                  label="Reason for deciding before the panel stage", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    REQUIRED = {
        Referral.Outcome.PLACED: ["group", "start_date", "sessions_per_week", "first_review_date"],
        Referral.Outcome.WAIT_LISTED: ["group", "wait_list_priority"],
        Referral.Outcome.OTHER_SUPPORT: ["other_support", "other_support_by"],
        Referral.Outcome.DECLINED: ["decline_reason"],
    }

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    def clean(self):
        data = super().clean()
        for name in self.REQUIRED.get(data.get("outcome"), []):
            if data.get(name) in (None, ""):
                self.add_error(name, "Needed for this decision.")
        if data.get("over_capacity") and not (data.get("over_capacity_reason") or "").strip():
            self.add_error("over_capacity_reason", "Give the reason for placing over capacity.")
        if not data.get("over_capacity"):
            data["over_capacity_reason"] = ""
        return data


class PlacementReviewForm(forms.Form):
    reviewed_on = RuleDateField(rule=HAPPENED, label="Date of the review")
    notes = forms.CharField(max_length=text.NOTE,
                            label="How the placement is going", widget=forms.Textarea(attrs={"rows": 4}))
    next_review_date = RuleDateField(rule=PLANNED, required=False)


class PlacementExtendForm(forms.Form):
    expected_end_date = RuleDateField(rule=PLANNED, label="New expected end")
    reason = forms.CharField(max_length=text.REASON, widget=forms.Textarea(attrs={"rows": 2}))


class PlacementEndForm(forms.Form):
    end_date = RuleDateField(rule=STARTS, label="Last day in the group")
    reason = forms.CharField(max_length=text.REASON, widget=forms.Textarea(attrs={"rows": 2}))


class ReferralFilterForm(forms.Form):
    school_class = forms.ModelChoiceField(label="Class", queryset=SchoolClass.objects.none(), required=False,
                                          empty_label="Any class")
    year_group = forms.TypedChoiceField(
        label="Year group", choices=[("", "Any year")] + list(YearGroup.choices), coerce=int, required=False,
        empty_value=None,
    )
    need = forms.ChoiceField(label="Kind of need", choices=[("", "Any need")] + list(NeedKind.choices),
                             required=False)

    def __init__(self, *args, school_classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = school_classes
