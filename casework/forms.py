"""Forms of case notes and meetings: the shape of input; the services enforce the rules."""

from __future__ import annotations

from django import forms

from core.dates import PLANNED, RECENT, RuleDateField
from core.forms import TableRowMixin

from .models import RESTRICTED_TO, MeetingKind

RESTRICT_HELP = f"A restricted record is seen by {RESTRICTED_TO}. It is in the pupil's subject access export."


class CaseNoteForm(forms.Form):
    written_on = RuleDateField(rule=RECENT, label="Date")
    text = forms.CharField(label="Note", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    restricted = forms.BooleanField(label="Restricted: SENCO and senior leaders only", required=False,
                                    help_text=RESTRICT_HELP)


class MeetingForm(forms.Form):
    held_on = RuleDateField(rule=RECENT, label="Date of the meeting")
    kind = forms.ChoiceField(label="Meeting", choices=MeetingKind.choices)
    staff_present = forms.ModelMultipleChoiceField(label="Staff present", queryset=None, required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    others_present = forms.CharField(label="Others present", max_length=300, required=False,
                                     help_text="By their role: 'Mum', 'Dad', 'Educational psychologist'.")
    discussed = forms.CharField(label="What was discussed", max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    decided = forms.CharField(label="What was decided", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    restricted = forms.BooleanField(label="Restricted: SENCO and senior leaders only", required=False,
                                    help_text=RESTRICT_HELP)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_present"].queryset = staff
        self.fields["staff_present"].label_from_instance = lambda user: user.get_full_name() or user.username


class ActionForm(TableRowMixin, forms.Form):
    description = forms.CharField(label="Action", max_length=300, required=False)
    owner = forms.ModelChoiceField(label="Who", queryset=None, required=False)
    due_on = RuleDateField(rule=PLANNED, label="Due by", required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username

    def clean(self):
        data = super().clean()
        given = [bool(data.get(name)) for name in ("description", "owner", "due_on")]
        if any(given) and not all(given):
            raise forms.ValidationError("An action needs what, who and a due date (or leave the row empty).")
        return data

    @property
    def is_blank(self) -> bool:
        return not self.cleaned_data.get("description")


ActionFormSet = forms.formset_factory(ActionForm, extra=3)
