"""Landing pages: the home redirect and each role's dashboard."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from pupils.models import Role

from .dashboards import DASHBOARDS
from .panels import dashboard_panels


def home(request):
    """Send the user to the dashboard of their most senior role."""
    role = request.user.primary_role
    if role is None and request.user.is_superuser:
        return redirect("staff:school-list")  # a fresh install: the superuser starts by creating a school
    if role is None:
        return render(request, "dashboards/no_role.html", status=403)
    return redirect("dashboard", role=role)


class DashboardView(TemplateView):
    def dispatch(self, request, *args, **kwargs):
        role = kwargs["role"]
        if role not in Role.values:
            raise Http404("No such dashboard.")
        if not request.user.school_id or not request.user.has_role(role):
            raise PermissionDenied("This dashboard belongs to another role.")
        self.role = Role(role)
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [f"dashboards/{self.role.value}.html"]

    def get_context_data(self, **kwargs):
        kwargs.pop("role", None)
        user = self.request.user
        other_roles = [(role, Role(role).label) for role in Role.values if role in user.roles and role != self.role]
        return super().get_context_data(
            role=self.role,
            other_roles=other_roles,
            panels=dashboard_panels(user, self.role),
            **DASHBOARDS[self.role](user),
            **kwargs,
        )
