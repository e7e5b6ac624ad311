"""Landing pages: the home redirect and each role's dashboard."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from core.exports import FORMATS, export_response
from pupils.models import Role

from .dashboards import DASHBOARDS
from .panels import dashboard_panels


def home(request):
    """Send the user to the dashboard of their most senior role."""
    role = request.user.primary_role
    if role == Role.TRUST_LEADER:
        return redirect("trusts:dashboard")
    if role == Role.TRUST_ADMIN or (role is None and request.user.is_superuser):
        return redirect("staff:school-list")  # schools and their first admins (a fresh install starts here)
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

    def get(self, request, *args, **kwargs):
        fmt, key = request.GET.get("export"), request.GET.get("list")
        if fmt in FORMATS and key:
            # A panel's list as a download: the panel is built for this user exactly as the dashboard shows it.
            panel = next((panel for panel in dashboard_panels(request.user, self.role)
                          if panel.export_key == key and panel.export), None)
            if panel is None:
                raise Http404("No such list on this dashboard.")
            return export_response(panel.export(), fmt, user=request.user, record=request.user.school,
                                   page=f"{self.role.label} dashboard")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.pop("role", None)
        user = self.request.user
        other_roles = [(role, Role(role).label) for role in Role.values if role in user.roles and role != self.role]
        panels = dashboard_panels(user, self.role)
        for panel in panels:
            if panel.export_key and panel.export:
                panel.context["export_links"] = [
                    {"label": f"Download {fmt.upper()}", "url": f"?list={panel.export_key}&export={fmt}"}
                    for fmt in FORMATS]
        return super().get_context_data(
            role=self.role,
            other_roles=other_roles,
            panels=panels,
            **DASHBOARDS[self.role](user),
            **kwargs,
        )
