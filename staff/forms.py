"""Forms for staff administration: they check the shape of input; the services enforce the rules."""

from __future__ import annotations

from django import forms

from core.models import Role, Trust

from .permissions import SCHOOL_ROLES


def _role_choices(roles) -> list[tuple[str, str]]:
    return [(role, Role(role).label) for role in SCHOOL_ROLES if role in roles]


class StaffSearchForm(forms.Form):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    leavers = forms.BooleanField(label="Show leavers instead", required=False)


class StaffMemberForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text="The invitation is sent here; it is also their username.")
    job_title = forms.CharField(max_length=100, required=False)
    roles = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=())
    classes = forms.ModelMultipleChoiceField(label="Classes taught", queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text="A class teacher sees the nurture pupils of these classes.")

    def __init__(self, *args, grantable, school_classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _role_choices(grantable)
        self.fields["classes"].queryset = school_classes


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="For example: lost phone. The reason is kept in the audit trail.")


class SchoolCreateForm(forms.Form):
    name = forms.CharField(label="School name", max_length=200)
    urn = forms.CharField(label="URN", max_length=10, required=False)
    trust = forms.ModelChoiceField(label="Trust", queryset=Trust.objects.order_by("name"), required=False,
                                   help_text="The multi-academy trust, if any.")
    admin_first_name = forms.CharField(label="School admin's first name", max_length=150)
    admin_last_name = forms.CharField(label="School admin's last name", max_length=150)
    admin_email = forms.EmailField(label="School admin's email",
                                   help_text="They are sent an invitation to choose a password.")

    def __init__(self, *args, fixed_trust: Trust | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_trust is not None:  # a trust admin creates schools of their own trust only
            del self.fields["trust"]
