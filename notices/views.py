"""Each person chooses how Nurture emails them their notices."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from core.mixins import PermissionRequiredMixin

from . import permissions
from .forms import NoticePreferenceForm
from .selectors import email_choice_of
from .services import notice_preference_set


class NoticePreferenceView(PermissionRequiredMixin, FormView):
    permission_required = permissions.CHOOSE_NOTICE_EMAILS
    template_name = "notices/preferences.html"
    form_class = NoticePreferenceForm

    def get_initial(self):
        return {"email": email_choice_of(self.request.user)}

    def form_valid(self, form):
        preference = notice_preference_set(user=self.request.user, email=form.cleaned_data["email"])
        messages.success(self.request, f"Saved: {preference.get_email_display().lower()}.")
        return redirect("pupils:notice-list")
