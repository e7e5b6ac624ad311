from django.urls import path

from . import views

app_name = "trusts"

urlpatterns = [
    path("trust/", views.TrustDashboardView.as_view(), name="dashboard"),
    path("trust/reports/", views.TrustReportListView.as_view(), name="report-list"),
    path("trust/reports/<int:pk>/", views.TrustReportDetailView.as_view(), name="report-detail"),
    path("trust/reports/<int:pk>/status/", views.TrustReportStatusView.as_view(), name="report-status"),
    path("trust/reports/<int:pk>/download/", views.TrustReportDownloadView.as_view(), name="report-download"),
]
