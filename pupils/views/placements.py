"""Reviewing, extending and ending a placement; the user's notices."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, ListView

from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.submission import SubmitOnceMixin

from .. import permissions
from ..forms import PlacementEndForm, PlacementExtendForm, PlacementReviewForm
from ..models import Placement
from ..selectors import notifications_for_user, placement_for_user_or_404
from ..services import ReferralRefused, notifications_mark_read, placement_end, placement_extend, placement_review


class PlacementActionView(PermissionRequiredMixin, FormView):
    permission_required = permissions.MANAGE_PLACEMENT
    template_name = "pupils/referral_action.html"
    title = ""
    success_message = ""

    @cached_property
    def placement(self) -> Placement:
        return placement_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.placement

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=f"{self.title}: {self.placement.pupil.full_name} in {self.placement.group.name}",
            cancel_url=self.placement.pupil.get_absolute_url(), placement=self.placement, **kwargs,
        )

    def form_valid(self, form):
        try:
            self.act(form)
        except (ReferralRefused, ValidationError) as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.placement.pupil)


class PlacementReviewView(SubmitOnceMixin, PlacementActionView):
    form_class = PlacementReviewForm
    title = "Review the placement"
    success_message = "The review was recorded."

    def get_initial(self):
        return {"reviewed_on": timezone.localdate()}

    def act(self, form):
        placement_review(placement=self.placement, user=self.request.user, **form.cleaned_data)


class PlacementExtendView(PlacementActionView):
    form_class = PlacementExtendForm
    title = "Extend the placement"
    success_message = "The placement was extended."

    def act(self, form):
        placement_extend(placement=self.placement, user=self.request.user, **form.cleaned_data)


class PlacementEndView(PlacementActionView):
    """End a placement. Where the reintegration app is installed, ending is graduation: the placement must
    end in one of its four endings, so this page sends the user there (PLACEMENT_ENDING_URL)."""

    form_class = PlacementEndForm
    title = "End the placement"
    success_message = "The placement has ended."

    def get(self, request, *args, **kwargs):
        if settings.PLACEMENT_ENDING_URL:
            return redirect(settings.PLACEMENT_ENDING_URL, pupil_pk=self.placement.pupil_id)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if settings.PLACEMENT_ENDING_URL:
            return redirect(settings.PLACEMENT_ENDING_URL, pupil_pk=self.placement.pupil_id)
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"end_date": timezone.localdate()}

    def act(self, form):
        placement_end(placement=self.placement, user=self.request.user, **form.cleaned_data)


class NoticeListView(PermissionRequiredMixin, ListView):
    """The signed-in user's notices, newest first; 'mark all as read' clears the dashboard's count."""

    permission_required = permissions.VIEW_NOTICES
    template_name = "pupils/notice_list.html"
    context_object_name = "notices"
    paginate_by = 50

    def get_queryset(self):
        return notifications_for_user(self.request.user)

    def post(self, request, *args, **kwargs):
        count = notifications_mark_read(user=request.user)
        messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked as read.")
        return redirect("pupils:notice-list")
