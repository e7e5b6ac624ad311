"""Nurture group pages."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from core import permissions
from core.exports import ExportMixin, Table
from core.mixins import PermissionRequiredMixin
from core.panels import group_sections

from ..forms import GroupSessionFormSet, NurtureGroupForm
from ..models import NurtureGroup
from ..selectors import group_for_user_or_404, group_wait_list, groups_for_user, places_taken_on
from ..services import nurture_group_save


class GroupListView(PermissionRequiredMixin, ListView):
    permission_required = permissions.VIEW_GROUP_LIST
    template_name = "pupils/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return groups_for_user(self.request.user).prefetch_related("sessions")

    def get_context_data(self, **kwargs):
        can_create = self.request.user.has_perm(
            permissions.MANAGE_GROUP, NurtureGroup(school_id=self.request.user.school_id)
        )
        return super().get_context_data(can_create=can_create, **kwargs)


class GroupDetailView(ExportMixin, PermissionRequiredMixin, DetailView):
    permission_required = permissions.VIEW_GROUP
    template_name = "pupils/group_detail.html"
    context_object_name = "group"

    @cached_property
    def group(self):
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.group

    def get_permission_object(self):
        return self.group

    def get_context_data(self, **kwargs):
        places = places_taken_on(self.object)
        return super().get_context_data(
            places=places,
            members=places.members,
            joining=places.joining,
            wait_list=group_wait_list(self.object),
            places_left=places.free,
            over_capacity=places.is_over,
            can_manage=self.request.user.has_perm(permissions.MANAGE_GROUP, self.object),
            panels=group_sections(self.request.user, self.object),
            **kwargs,
        )

    def export_table(self, context) -> Table:
        members, waiting = context["members"], list(context["wait_list"])
        rows = [["In the group", placement.pupil.full_name, str(placement.pupil.school_class or ""),
                 placement.start_date, placement.expected_end_date, placement.sessions_per_week, None]
                for placement in members]
        rows += [["Wait list", referral.pupil.full_name, str(referral.pupil.school_class or ""), None, None, None,
                  referral.wait_list_priority] for referral in waiting]
        return Table(self.group.name, ["List", "Pupil", "Class", "Since", "Expected end", "Sessions a week",
                                       "Wait list priority"], rows, filters={"Group": self.group.name},
                     pupil_ids=[placement.pupil_id for placement in members] + [r.pupil_id for r in waiting])


class GroupFormView(PermissionRequiredMixin, TemplateView):
    """Create a nurture group, or change one: its name, capacity, staff and weekly sessions."""

    permission_required = permissions.MANAGE_GROUP
    template_name = "pupils/group_form.html"

    @cached_property
    def group(self) -> NurtureGroup | None:
        if "pk" not in self.kwargs:
            return None
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.group or NurtureGroup(school_id=self.request.user.school_id)

    def _forms(self, data=None):
        school = self.request.user.school
        form = NurtureGroupForm(data, instance=self.group, school=school)
        sessions = GroupSessionFormSet(data, instance=self.group or NurtureGroup(school=school), prefix="sessions")
        return form, sessions

    def get_context_data(self, **kwargs):
        user, group = self.request.user, self.group
        if group is not None and user.has_perm(permissions.VIEW_GROUP, group):
            cancel_url = group.get_absolute_url()
        elif user.has_perm(permissions.VIEW_GROUP_LIST):
            cancel_url = reverse("pupils:group-list")
        else:
            cancel_url = reverse("home")
        return super().get_context_data(cancel_url=cancel_url, **kwargs)

    def get(self, request, *args, **kwargs):
        form, sessions = self._forms()
        return self.render_to_response(self.get_context_data(form=form, sessions=sessions, group=self.group))

    def post(self, request, *args, **kwargs):
        form, sessions = self._forms(request.POST)
        if form.is_valid() and sessions.is_valid():
            group = nurture_group_save(form=form, sessions=sessions, user=request.user)
            messages.success(request, f"{group.name} was saved.")
            if request.user.has_perm(permissions.VIEW_GROUP, group):
                return redirect(group.get_absolute_url())
            return redirect("home")  # the school admin sets a group up but does not see its pupils
        messages.error(request, "The group was not saved: please correct the fields marked below.")
        return self.render_to_response(self.get_context_data(form=form, sessions=sessions, group=self.group))
