"""Forms of the privacy pages: they check the shape of input; services enforce the rules."""

from __future__ import annotations

from django import forms

from core.dates import format_date

from .models import SchoolPrivacySettings


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=20, strip=True,
        help_text="The 6 digits your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class SetupCodeForm(CodeForm):
    code = forms.RegexField(
        label="Code from your app", regex=r"^\s*\d{6}\s*$", max_length=20,
        error_messages={"invalid": "Type the 6 digits your authenticator app shows (numbers only)."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class SchoolPrivacySettingsForm(forms.ModelForm):
    class Meta:
        model = SchoolPrivacySettings
        fields = ["two_factor_for_all_staff", "retention_rule", "retention_age", "retention_years", "after_transfer",
                  "transfer_erase_months"]


class ConfirmEraseForm(forms.Form):
    records = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Records to erase",
        error_messages={"required": "Tick at least one pupil whose records should be erased."},
    )
    confirm = forms.BooleanField(
        label="I confirm these records have passed the school's retention period and may be erased for good.",
        error_messages={"required": "Tick the confirmation: erasing cannot be undone."},
    )

    def __init__(self, *args, expired_records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].queryset = expired_records
        self.fields["records"].label_from_instance = (
            lambda record: f"{record.pupil} (kept until {format_date(record.keep_until)})")
