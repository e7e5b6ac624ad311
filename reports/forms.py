"""Forms for the reports app: the shape of input only."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.forms import TableRowMixin
from core.terms import Term, term_choices

from .models import AlternativeCost, CostLine, FundingLine, TermCost


class ReportRequestForm(forms.Form):
    term = forms.ChoiceField(
        label="Term", help_text="The report covers the placements, assessments and costs of this term."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].choices = term_choices(timezone.localdate(), back=8)

    def clean_term(self) -> Term:
        return Term.parse(self.cleaned_data["term"])


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative for governors", widget=forms.Textarea(attrs={"rows": 10}), max_length=6000,
        help_text="What went well, what changed, what you need from governors. Do not name pupils.",
    )


def _money_widgets():
    return {"amount": forms.NumberInput(attrs={"step": "0.01", "min": "0"})}


class RowModelForm(TableRowMixin, forms.ModelForm):
    """A cost, funding or alternative line shown as a row of a table."""


CostLineFormSet = forms.inlineformset_factory(
    TermCost, CostLine, form=RowModelForm, fields=["kind", "description", "fte", "hours_per_week", "amount"],
    extra=3, can_delete=True,
    widgets=_money_widgets(),
)
FundingLineFormSet = forms.inlineformset_factory(
    TermCost, FundingLine, form=RowModelForm, fields=["source", "description", "amount"], extra=2, can_delete=True,
    widgets=_money_widgets(),
)
AlternativeCostFormSet = forms.modelformset_factory(
    AlternativeCost, form=RowModelForm, fields=["alternative", "description", "cost_per_pupil", "unit"],
    extra=2, can_delete=True,
)
