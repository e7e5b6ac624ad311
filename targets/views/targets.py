"""A pupil's one set of targets: the list with charts, writing, rewording, reviewing and retiring."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView, View

from core.forms import show_refusal
from core.submission import SubmitOnceMixin
from pupils.mixins import PupilRecordMixin
from pupils.models import Role, User

from .. import permissions
from ..charts import charts_for_targets
from ..forms import TargetForm, TargetReviewForm
from ..models import NextStep, TargetStatus
from ..selectors import needs_academic_target, ratings_for_pupil, targets_for_pupil
from ..services import target_create, target_review, target_set_status, target_update
from .common import TargetRecordMixin

# The adults who can own a target: those who work with the pupil (not governors or the office).
OWNER_ROLES = [Role.NURTURE_STAFF, Role.SENCO, Role.SENIOR_LEADER, Role.CLASS_TEACHER]


def _staff(user: User):
    return (
        User.objects.filter(school_id=user.school_id, is_active=True, staff_roles__role__in=OWNER_ROLES)
        .distinct().order_by("last_name", "first_name")
    )


class TargetListView(PupilRecordMixin, TemplateView):
    """The pupil's targets: active first, each with its wording, review date and ratings chart."""

    audit_page = "targets"
    permission_required = permissions.VIEW_TARGETS
    template_name = "targets/target_list.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        targets = targets_for_pupil(user, pupil)
        charts = charts_for_targets(targets, ratings_for_pupil(pupil))
        return super().get_context_data(
            rows=[(target, charts[target.pk]) for target in targets],
            active_count=sum(target.is_active for target in targets),
            missing_academic=needs_academic_target(pupil),
            can_edit=user.has_perm(permissions.CHANGE_TARGETS, pupil),
            **kwargs,
        )


class TargetCreateView(SubmitOnceMixin, PupilRecordMixin, FormView):
    permission_required = permissions.CHANGE_TARGETS
    template_name = "targets/target_form.html"

    def get_form(self, form_class=None):
        return TargetForm(**self.get_form_kwargs(), staff=_staff(self.request.user))

    def get_initial(self):
        return {"owner": self.request.user.pk}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading="New target", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            target = target_create(pupil=self.pupil, user=self.request.user, **data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The target was added to {self.pupil.first_name}'s targets.")
        return redirect(target.get_absolute_url())


class TargetDetailView(TargetRecordMixin, TemplateView):
    """One target: its current wording, every earlier wording, its reviews and its chart."""

    audit_page = "target"
    permission_required = permissions.VIEW_TARGETS
    template_name = "targets/target_detail.html"

    def get_context_data(self, **kwargs):
        user, pupil, target = self.request.user, self.pupil, self.target
        chart = charts_for_targets([target], [row for row in ratings_for_pupil(pupil) if row["target_id"] == target.pk])
        return super().get_context_data(
            chart=chart[target.pk],
            earlier_versions=target.version_list[1:],
            can_edit=target.is_active and user.has_perm(permissions.CHANGE_TARGETS, pupil),
            **kwargs,
        )


class TargetUpdateView(TargetRecordMixin, FormView):
    """Change a target; new wording becomes a new version and the old one stays in its history."""

    permission_required = permissions.CHANGE_TARGETS
    template_name = "targets/target_form.html"

    def get_form(self, form_class=None):
        return TargetForm(**self.get_form_kwargs(), staff=_staff(self.request.user), target=self.target)

    def get_initial(self):
        return TargetForm.initial_for(self.target)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading="Change the target", **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        data["based_on_version"] = data.get("based_on_version") or 0
        try:
            target_update(target=self.target, user=self.request.user, **data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The target was saved; any earlier wording is kept in its history.")
        return redirect(self.target.get_absolute_url())


class TargetReviewView(SubmitOnceMixin, TargetRecordMixin, FormView):
    permission_required = permissions.CHANGE_TARGETS
    template_name = "targets/target_review.html"
    form_class = TargetReviewForm

    def form_valid(self, form):
        try:
            review = target_review(target=self.target, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        if review.next_step == NextStep.CHANGE_WORDING:
            messages.success(self.request, "The review was saved. Now write the new wording: the old one is kept.")
            return redirect("targets:target-edit", pupil_pk=self.pupil.pk, pk=self.target.pk)
        messages.success(self.request, "The review was saved.")
        return redirect(self.target.get_absolute_url())


class TargetRetireView(TargetRecordMixin, View):
    """Retire a target that no longer fits (it stays in the pupil's history)."""

    permission_required = permissions.CHANGE_TARGETS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            target_set_status(target=self.target, status=TargetStatus.RETIRED, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The target was retired; it stays in the pupil's history.")
        return redirect(self.target.get_absolute_url())
