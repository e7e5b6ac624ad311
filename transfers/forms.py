from __future__ import annotations

from django import forms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TransferPrepareForm(forms.Form):
    receiving_school = forms.CharField(label="School the pupil is moving to", max_length=200)
    receiving_urn = forms.CharField(label="Its URN (if known)", max_length=10, required=False)


class TransferSentForm(forms.Form):
    sent_on = forms.DateField(label="Sent on", widget=DATE)
    sent_how = forms.CharField(label="How and to whom", max_length=200,
                               help_text="For example 'School to School (S2S) upload' or 'secure email to the SENCO'.")


class PackUploadForm(forms.Form):
    pack = forms.FileField(label="Transfer pack (the .json file from the previous school)")
