"""Navigation links for the signed-in user, decided by the permission rules (templates stay free of logic)."""

from __future__ import annotations

from django.urls import reverse

from core.models import Role
from pupils import permissions as referral_permissions

from . import permissions


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not (user.school_id or user.trust_id):
        return {}
    if getattr(request, "owes_second_factor", False):  # privacy.middleware: only the two-factor pages are open
        return {}
    def allowed(perm: str) -> bool:
        return user.has_perm(perm)

    # Grouped so that the longest navigation (a SENCO's) fits a 1024 px tablet on one line: a menu
    # with one link a user may open shows as that link.
    entries = [
        ("Dashboard", [("Dashboard", reverse("home"), True)]),
        ("Pupils", [
            ("Pupils", reverse("pupils:pupil-list"), allowed(permissions.VIEW_PUPIL_LIST)),
            ("Former pupils", reverse("reintegration:cohort"), allowed("reintegration.view_cohort")),
        ]),
        ("Referrals", [("Referrals", reverse("pupils:referral-board"),
                        allowed(referral_permissions.VIEW_REFERRAL_BOARD))]),
        ("School", [
            ("Import pupils", reverse("pupils:import-upload"), allowed(permissions.IMPORT_PUPILS)),
            ("Schools", reverse("staff:school-list"), allowed("staff.create_school")),
        ]),
        ("Groups", [("Groups", reverse("pupils:group-list"), allowed(permissions.VIEW_GROUP_LIST))]),
        ("My class", [("My class", reverse("targets:my-class"), allowed("targets.view_my_class"))]),
        ("Reports", [
            ("Reports", reverse("reports:report-list"), allowed("reports.view_reports")),
            ("Costs", reverse("reports:cost-overview"), allowed("reports.manage_costs")),
        ]),
    ]
    account = [
        ("Privacy settings", reverse("privacy:settings"), allowed("privacy.manage_settings")),
        ("Questionnaire licences", reverse("assessments:licences"), allowed("assessments.change_licences")),
        ("Records past retention", reverse("privacy:retention"), allowed("privacy.review_retention")),
        ("Two-factor sign-in", reverse("privacy:two-factor"), True),
    ]
    # Staff administration sits in the account menu: the SENCO's navigation keeps to one line.
    account.insert(0, ("Staff", reverse("staff:staff-list"), allowed("staff.view_staff")))
    if not user.school_id and user.has_role(Role.TRUST_ADMIN):  # a trust admin: the trust's schools
        entries = [("Schools", [("Schools", reverse("staff:school-list"), True)])]
        account = [("Two-factor sign-in", reverse("privacy:two-factor"), True)]
    elif not user.school_id:  # a trust leader: the trust's own pages, never a school's
        entries = [("Trust", [("Trust", reverse("trusts:dashboard"), True),
                              ("Trust report", reverse("trusts:report-list"), True)])]
        account = [("Two-factor sign-in", reverse("privacy:two-factor"), True)]
    path = request.path

    def link(label: str, url: str) -> dict:
        return {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}

    nav_items = []
    for number, (label, children) in enumerate(entries):
        links = [link(child, url) for child, url, shown in children if shown]
        if len(links) == 1:
            nav_items.append(links[0])
        elif links:
            nav_items.append({"label": label, "id": f"nav-menu-{number}", "children": links,
                              "active": any(child["active"] for child in links)})
    account_links = [link(label, url) for label, url, shown in account if shown]
    return {"nav_items": nav_items, "nav_account": account_links, "nav_roles": ", ".join(user.role_labels),
            "nav_account_active": any(item["active"] for item in account_links)}
