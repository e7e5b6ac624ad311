"""The shape of a notice-email choice."""

from django import forms

from .models import EmailChoice


class NoticePreferenceForm(forms.Form):
    email = forms.ChoiceField(label="Email me about my notices", choices=EmailChoice.choices,
                              widget=forms.RadioSelect,
                              help_text="Emails never name a child: they say what happened and link to the page.")
