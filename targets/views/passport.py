"""The learning passport (page, PDF and editing), 'My class' and recording a target seen in a lesson."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView, View

from core.audit import audit_pupil_access
from core.mixins import PermissionRequiredMixin
from pupils.mixins import PupilRecordMixin

from .. import permissions
from ..forms import PupilProfileForm, SeenInClassForm
from ..models import Rating
from ..pdf import passport_pdf
from ..selectors import my_class_pupils, passport_for_pupil, passports_for_pupils, profile_for_pupil
from ..services import pupil_profile_save, target_seen_record
from .common import TargetRecordMixin


class PassportView(PupilRecordMixin, TemplateView):
    """One page per pupil, the same for every adult: targets in pupil-speak, what helps, what adults do, home."""

    audit_page = "learning passport"
    permission_required = permissions.VIEW_TARGETS
    template_name = "targets/passport.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        return super().get_context_data(
            passport=passport_for_pupil(pupil),
            can_edit=user.has_perm(permissions.CHANGE_TARGETS, pupil),
            **kwargs,
        )


class PassportPdfView(PupilRecordMixin, View):
    """The passport as a one-page A4 PDF for the pupil's folder and for home (an audited export)."""

    permission_required = permissions.VIEW_TARGETS

    def get(self, request, *args, **kwargs):
        pupil = self.pupil
        pdf = passport_pdf(passport_for_pupil(pupil))
        audit_pupil_access(user=request.user, pupil=pupil, page="learning passport", export=True)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"learning-passport-{pupil.first_name}-{pupil.last_name}".lower().replace(" ", "-")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response


class PassportEditView(PupilRecordMixin, FormView):
    """Write what helps the pupil, what adults always do and what happens at home."""

    permission_required = permissions.CHANGE_TARGETS
    template_name = "targets/passport_form.html"
    form_class = PupilProfileForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": profile_for_pupil(self.pupil)}

    def form_valid(self, form):
        try:
            pupil_profile_save(pupil=self.pupil, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, "The learning passport was saved.")
        return redirect("targets:passport", pupil_pk=self.pupil.pk)


class MyClassView(PermissionRequiredMixin, TemplateView):
    """A class teacher's pupils who attend the group, each with their passport and 'seen in class' buttons."""

    audit_page = "my class"
    permission_required = permissions.VIEW_MY_CLASS
    template_name = "targets/my_class.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        pupils = my_class_pupils(user)
        passports = passports_for_pupils(pupils)
        rows = [
            {"passport": passport,
             "targets": [(target, SeenInClassForm(prefix=f"seen-{target.pk}")) for target in passport.targets]}
            for passport in passports
        ]
        return super().get_context_data(rows=rows, **kwargs)


class TargetSeenView(TargetRecordMixin, View):
    """Record in a tap or two that the target was seen in a lesson today."""

    permission_required = permissions.RECORD_SEEN
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        target = self.target
        form = SeenInClassForm(request.POST, prefix=f"seen-{target.pk}")
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = reverse("targets:my-class")
        if not form.is_valid():
            messages.error(request, "Choose how well the target was shown, then press 'Seen in class' again.")
            return redirect(back)
        try:
            target_seen_record(target=target, rating=form.cleaned_data["rating"], user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        wording = target.current_version.wording if target.current_version else "the target"
        messages.success(
            request,
            f"Recorded for {self.pupil.first_name}: '{wording}' seen in class today "
            f"({Rating(form.cleaned_data['rating']).label.lower()}).",
        )
        return redirect(back)
