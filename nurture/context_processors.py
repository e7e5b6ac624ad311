"""Navigation links for the signed-in user, decided by the permission rules (templates stay free of logic)."""

from __future__ import annotations

from django.urls import reverse

from pupils import permissions as referral_permissions

from . import permissions


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.school_id:
        return {}
    if getattr(request, "owes_second_factor", False):  # privacy.middleware: only the two-factor pages are open
        return {}
    links = [("Dashboard", reverse("home"), None)]
    if user.has_perm(permissions.VIEW_PUPIL_LIST):
        links.append(("Pupils", reverse("pupils:pupil-list"), None))
    if user.has_perm(permissions.VIEW_GROUP_LIST):
        links.append(("Nurture groups", reverse("pupils:group-list"), None))
    if user.has_perm(referral_permissions.VIEW_REFERRAL_BOARD):
        links.append(("Referrals", reverse("pupils:referral-board"), None))
    if user.has_perm("staff.view_staff"):
        links.append(("Staff", reverse("staff:staff-list"), None))
    if user.has_perm("staff.create_school"):
        links.append(("Schools", reverse("staff:school-list"), None))
    if user.has_perm(permissions.IMPORT_PUPILS):
        links.append(("Import pupils", reverse("pupils:import-upload"), None))
    links += [("My class", reverse("targets:my-class"), None)] if user.has_perm("targets.view_my_class") else []
    links += [("Former pupils", reverse("reintegration:cohort"), None)] if user.has_perm("reintegration.view_cohort") else []  # noqa: E501
    links += [("Reports", reverse("reports:report-list"), None)] if user.has_perm("reports.view_reports") else []
    links += [("Costs", reverse("reports:cost-overview"), None)] if user.has_perm("reports.manage_costs") else []
    if user.has_perm("privacy.review_retention"):
        links.append(("Retention", reverse("privacy:retention"), None))
    if user.has_perm("privacy.manage_settings"):
        links.append(("Privacy", reverse("privacy:settings"), None))
    links.append(("Two-factor", reverse("privacy:two-factor"), None))
    path = request.path
    nav_links = [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url, _ in links
    ]
    return {"nav_links": nav_links, "nav_roles": ", ".join(user.role_labels)}
