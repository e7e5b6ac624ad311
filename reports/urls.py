from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/status/", views.ReportStatusView.as_view(), name="report-status"),
    path("reports/<int:pk>/download/", views.ReportDownloadView.as_view(), name="report-download"),
    path("reports/<int:pk>/retry/", views.ReportRetryView.as_view(), name="report-retry"),
    path("reports/narrative/<str:term>/", views.NarrativeView.as_view(), name="narrative"),
    path("reports/costs/", views.CostOverviewView.as_view(), name="cost-overview"),
    path("reports/costs/<int:group_pk>/<str:term>/", views.TermCostView.as_view(), name="term-cost"),
    path("reports/alternatives/", views.AlternativeCostView.as_view(), name="alternatives"),
]
