"""The group's daily observations: the whole group on one screen, saved in one submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from core.dates import format_date
from core.mixins import PermissionRequiredMixin
from pupils.models import NurtureGroup
from pupils.selectors import group_for_user_or_404

from .. import permissions
from ..forms import ABSENT, ObservationFormSet, SessionForm
from ..selectors import observation_rows, recent_sessions
from ..services import ObservedPupil, observation_session_log

PREFIX = "obs"


class ObservationLogView(PermissionRequiredMixin, TemplateView):
    """Every pupil present gets a rating per active target, a settled rating, a note and an incident flag;
    absent pupils are marked absent. Defaults carry the last ratings forward, so a typical session is a
    few taps and one submit."""

    audit_page = "group observations"
    permission_required = permissions.LOG_OBSERVATIONS
    template_name = "targets/observation_log.html"

    @cached_property
    def group(self) -> NurtureGroup:
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.group

    def get(self, request, *args, **kwargs):
        rows = observation_rows(self.group)
        return self.render_to_response(self.get_context_data(
            session_form=SessionForm(), formset=ObservationFormSet(rows=rows, prefix=PREFIX),
        ))

    def post(self, request, *args, **kwargs):
        rows = observation_rows(self.group, carry_forward=False)
        session_form = SessionForm(request.POST)
        formset = ObservationFormSet(request.POST, rows=rows, prefix=PREFIX)
        if session_form.is_valid() and formset.is_valid():
            observed = [self._observed(form) for form in formset]
            try:
                session = observation_session_log(
                    group=self.group, date=session_form.cleaned_data["date"],
                    setting=session_form.cleaned_data["setting"], observed=observed, user=request.user,
                )
            except ValidationError as error:
                session_form.add_error(None, error.messages)
            else:
                absent = sum(not line.present for line in observed)
                messages.success(
                    request,
                    f"{session.get_setting_display()} session on {format_date(session.date)} saved: "
                    f"{len(observed) - absent} present, {absent} absent.",
                )
                return redirect("targets:observation-log", pk=self.group.pk)
        messages.error(request, "The session was not saved: correct the lines marked below. Nothing you typed is lost.")
        return self.render_to_response(self.get_context_data(session_form=session_form, formset=formset), status=200)

    @staticmethod
    def _observed(form) -> ObservedPupil:
        data = form.cleaned_data
        if data["attendance"] == ABSENT:
            return ObservedPupil(pupil=form.row.pupil, present=False)
        return ObservedPupil(pupil=form.row.pupil, present=True, settled=data["settled"], note=data["note"],
                             incident=data["incident"], ratings=form.ratings())

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, recent=recent_sessions(self.group), **kwargs)
