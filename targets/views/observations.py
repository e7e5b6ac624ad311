"""The group's daily observations: the whole group on one screen, saved in one submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.generic import TemplateView

from core.dates import format_date
from core.mixins import PermissionRequiredMixin
from pupils.models import NurtureGroup
from pupils.selectors import group_for_user_or_404

from .. import permissions
from ..forms import ABSENT, ObservationFormSet, SessionForm
from ..models import Setting
from ..selectors import observation_rows, recent_sessions, saved_session
from ..services import ObservedPupil, SessionChangedMeanwhile, observation_session_save

PREFIX = "obs"


class ObservationLogView(PermissionRequiredMixin, TemplateView):
    """Every pupil present gets a settled rating, the targets the adult saw rated, a note and an incident flag;
    absent pupils are marked absent. Nothing is rated for the adult: 'As last time' records last time's
    ratings for a pupil in one tap. The screen opens on the day's saved session, if any, and saving it
    again updates it."""

    audit_page = "group observations"
    permission_required = permissions.LOG_OBSERVATIONS
    template_name = "targets/observation_log.html"

    @cached_property
    def group(self) -> NurtureGroup:
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.group

    def get(self, request, *args, **kwargs):
        chosen = SessionForm(request.GET) if "date" in request.GET else None
        if chosen is not None and chosen.is_valid():
            date, setting = chosen.cleaned_data["date"], chosen.cleaned_data["setting"]
        else:
            date, setting = timezone.localdate(), Setting.NURTURE_GROUP
        session = saved_session(self.group, date, setting)
        rows = observation_rows(self.group, on=date, session=session)
        session_form = SessionForm(initial={"date": date, "setting": setting,
                                            "revision": session.revision if session else 0})
        if chosen is not None and not chosen.is_valid():
            session_form = chosen
        return self.render_to_response(self.get_context_data(
            session_form=session_form, session=session, formset=ObservationFormSet(rows=rows, prefix=PREFIX),
        ))

    def post(self, request, *args, **kwargs):
        session_form = SessionForm(request.POST)
        day = session_form.cleaned_data["date"] if session_form.is_valid() else None
        rows = observation_rows(self.group, on=day)
        formset = ObservationFormSet(request.POST, rows=rows, prefix=PREFIX)
        if session_form.is_valid() and formset.is_valid():
            data = session_form.cleaned_data
            observed = [self._observed(form) for form in formset]
            try:
                saved = observation_session_save(
                    group=self.group, date=data["date"], setting=data["setting"], observed=observed,
                    user=request.user, revision=data["revision"] or 0,
                )
            except SessionChangedMeanwhile as error:
                session_form = _with_revision(session_form, saved_session(self.group, data["date"], data["setting"]))
                session_form.add_error(None, error.messages)
            except ValidationError as error:
                session_form.add_error(None, error.messages)
            else:
                session = saved.session
                absent = sum(not line.present for line in observed)
                when = f"{session.get_setting_display()} session on {format_date(session.date)}"
                if not saved.changed:
                    messages.info(request, f"{when} was already saved as shown: nothing was changed.")
                else:
                    verb = "saved" if saved.created else "updated"
                    messages.success(request, f"{when} {verb}: {len(observed) - absent} present, {absent} absent.")
                query = urlencode({"date": session.date.isoformat(), "setting": session.setting})
                return redirect(f"{reverse('targets:observation-log', kwargs={'pk': self.group.pk})}?{query}")
        messages.error(request, "The session was not saved: correct the lines marked below. Nothing you typed is lost.")
        return self.render_to_response(self.get_context_data(session_form=session_form, formset=formset), status=200)

    @staticmethod
    def _observed(form) -> ObservedPupil:
        if form.cleaned_data["attendance"] == ABSENT:
            return ObservedPupil(pupil=form.row.pupil, present=False)
        return ObservedPupil(pupil=form.row.pupil, present=True, **form.observed())

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, recent=recent_sessions(self.group),
                                        shown=_shown(kwargs["session_form"]), **kwargs)


def _shown(form: SessionForm) -> dict:
    """Return the date (ISO), setting and revision of the session the screen shows and will save."""
    if form.is_bound:
        return {name: form.data.get(name, "") for name in ("date", "setting", "revision")}
    date = form.initial["date"]
    return {"date": date.isoformat(), "setting": form.initial["setting"], "revision": form.initial["revision"]}


def _with_revision(form: SessionForm, session) -> SessionForm:
    """Return the session form re-bound with the saved session's revision: the adult's next save is on top of it."""
    data = form.data.copy()
    data["revision"] = session.revision if session else 0
    rebound = SessionForm(data)
    rebound.is_valid()
    return rebound
