"""Nurture group pages."""

from __future__ import annotations

from django.views.generic import DetailView, ListView

from nurture import permissions
from nurture.mixins import PermissionRequiredMixin

from ..selectors import group_for_user_or_404, group_members, group_wait_list, groups_for_user


class GroupListView(PermissionRequiredMixin, ListView):
    permission_required = permissions.VIEW_GROUP_LIST
    template_name = "pupils/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return groups_for_user(self.request.user).prefetch_related("sessions")


class GroupDetailView(PermissionRequiredMixin, DetailView):
    permission_required = permissions.VIEW_GROUP
    template_name = "pupils/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        members = list(group_members(self.object))
        return super().get_context_data(
            members=members,
            wait_list=group_wait_list(self.object),
            places_left=max(self.object.capacity - len(members), 0),
            over_capacity=len(members) > self.object.capacity,
            **kwargs,
        )
