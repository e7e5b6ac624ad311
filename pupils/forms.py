"""Forms for pupils and the MIS import: they check the shape of input; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings

from .models import GroupSession, NurtureGroup, Pupil, SchoolClass, User, YearGroup


class PupilSearchForm(forms.Form):
    q = forms.CharField(label="Name or UPN", required=False)
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
    class Meta:
        model = Pupil
        fields = [
            "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
            "date_of_birth", "upn", "year_group", "school_class", "gender", "pupil_premium",
            "free_school_meals", "eal", "sen_status", "looked_after", "date_of_entry", "date_of_leaving",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}),
            "date_of_entry": forms.DateInput(attrs={"type": "date"}),
            "date_of_leaving": forms.DateInput(attrs={"type": "date"}),
        }

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
