from __future__ import annotations

from django import forms

from core.dates import HAPPENED, RuleDateField


class TransferPrepareForm(forms.Form):
    receiving_school = forms.CharField(label="School the pupil is moving to", max_length=200)
    receiving_urn = forms.CharField(label="Its URN (if known)", max_length=10, required=False)


class TransferSentForm(forms.Form):
    sent_on = RuleDateField(rule=HAPPENED, label="Sent on")
    sent_how = forms.CharField(label="How and to whom", max_length=200,
                               help_text="For example 'School to School (S2S) upload' or 'secure email to the SENCO'.")


class PackUploadForm(forms.Form):
    pack = forms.FileField(label="Transfer pack (the .json file from the previous school)")
