from django.contrib import admin
from django.urls import include, path

from core.health import health

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health, name="health"),
    path("dashboard/<str:role>/", views.DashboardView.as_view(), name="dashboard"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("pupils.urls")),
    path("", include("assessments.urls")),
    path("", include("targets.urls")),
    path("", include("reintegration.urls")),
    path("", include("reports.urls")),
    path("", include("privacy.urls")),
    path("", include("casework.urls")),
    path("", include("transfers.urls")),
    path("", include("trusts.urls")),
    path("", include("notices.urls")),
    path("", include("staff.urls")),
]

# Error pages in the product's layout (nurture/errors.py), never a bare "403 Forbidden".
handler400 = "nurture.errors.bad_request"
handler403 = "nurture.errors.permission_denied"
handler404 = "nurture.errors.page_not_found"
handler500 = "nurture.errors.server_error"
