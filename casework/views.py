"""Views of case notes and meetings: thin; the selectors read, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView, View

from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from pupils.mixins import PupilRecordMixin

from . import permissions
from .forms import ActionFormSet, CaseNoteForm, MeetingForm
from .models import RESTRICTED_READERS
from .selectors import action_for_user_or_404, case_record, hidden_count, staff_choices
from .services import action_complete, case_note_add, meeting_record


class CaseworkView(PupilRecordMixin, TemplateView):
    """The pupil's notes and meetings, newest first, each saying who can see it."""

    audit_page = "case notes and meetings"
    permission_required = permissions.VIEW_CASEWORK
    template_name = "casework/case_record.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            entries=case_record(user, self.pupil), hidden=hidden_count(user, self.pupil),
            can_add=user.has_perm(permissions.ADD_CASEWORK, self.pupil), **kwargs)


def _saved_message(request, pupil, record, noun: str) -> None:
    if record.restricted and not request.user.has_perm(permissions.VIEW_RESTRICTED, pupil):
        messages.success(request, f"The {noun} was saved. It is restricted: only {RESTRICTED_READERS} can read it.")
    else:
        messages.success(request, f"The {noun} was saved.")


class CaseNoteCreateView(PupilRecordMixin, FormView):
    audit_page = "case note: new"
    permission_required = permissions.ADD_CASEWORK
    template_name = "casework/note_form.html"
    form_class = CaseNoteForm

    def get_initial(self):
        return {"written_on": timezone.localdate()}

    def form_valid(self, form):
        try:
            note = case_note_add(pupil=self.pupil, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        _saved_message(self.request, self.pupil, note, "note")
        return redirect("casework:case-record", self.pupil.pk)


class MeetingCreateView(PupilRecordMixin, TemplateView):
    audit_page = "meeting: new"
    permission_required = permissions.ADD_CASEWORK
    template_name = "casework/meeting_form.html"

    @cached_property
    def staff(self):
        return staff_choices(self.pupil.school_id)

    def forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        form = MeetingForm(data, staff=self.staff, initial={"held_on": timezone.localdate()})
        actions = ActionFormSet(data, prefix="actions", form_kwargs={"staff": self.staff})
        return form, actions

    def get(self, request, *args, **kwargs):
        form, actions = self.forms()
        return self.render_to_response(self.get_context_data(form=form, actions=actions))

    def post(self, request, *args, **kwargs):
        form, actions = self.forms()
        if form.is_valid() and actions.is_valid():
            agreed = [row.cleaned_data for row in actions if row.cleaned_data and not row.is_blank]
            try:
                meeting = meeting_record(pupil=self.pupil, user=request.user, actions=agreed, **form.cleaned_data)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                _saved_message(request, self.pupil, meeting, "meeting")
                return redirect("casework:case-record", self.pupil.pk)
        return self.render_to_response(self.get_context_data(form=form, actions=actions), status=200)


class ActionCompleteView(PermissionRequiredMixin, View):
    """Mark an action done (its owner, or the SENCO), then go back where the button was."""

    permission_required = permissions.COMPLETE_ACTION

    @cached_property
    def action(self):
        return action_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.action

    def post(self, request, *args, **kwargs):
        action_complete(action=self.action, user=request.user)
        messages.success(request, "The action is marked done.")
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return redirect(back)
        return redirect("casework:case-record", self.action.pupil_id)
