from django.urls import path

from . import views

app_name = "reintegration"

urlpatterns = [
    path("pupils/<int:pupil_pk>/reintegration/", views.ReintegrationView.as_view(), name="pupil-reintegration"),
    path("pupils/<int:pupil_pk>/readiness/new/", views.ReadinessCreateView.as_view(), name="readiness-create"),
    path("pupils/<int:pupil_pk>/readiness/<int:pk>/", views.ReadinessDetailView.as_view(), name="readiness-detail"),
    path("pupils/<int:pupil_pk>/transition-plan/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("pupils/<int:pupil_pk>/transition-plan/start/", views.PlanStartView.as_view(), name="plan-start"),
    path("pupils/<int:pupil_pk>/transition-plan/edit/", views.PlanEditView.as_view(), name="plan-edit"),
    path("pupils/<int:pupil_pk>/transition-plan/status/", views.PlanStatusView.as_view(), name="plan-status"),
    path("pupils/<int:pupil_pk>/graduate/", views.GraduationView.as_view(), name="graduate"),
    path("pupils/<int:pupil_pk>/graduations/<int:pk>/follow-up/", views.FollowUpCreateView.as_view(),
         name="follow-up-create"),
    path("reintegration/due/", views.DueView.as_view(), name="due"),
    path("reintegration/cohort/", views.CohortView.as_view(), name="cohort"),
    path("reintegration/scale/", views.ScaleView.as_view(), name="scale"),
    path("reintegration/scale/criteria/<int:pk>/edit/", views.CriterionEditView.as_view(), name="criterion-edit"),
    path("reintegration/scale/criteria/<int:pk>/retire/", views.CriterionRetireView.as_view(),
         name="criterion-retire"),
]
