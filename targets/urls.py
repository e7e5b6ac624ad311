from django.urls import path

from . import views

app_name = "targets"

urlpatterns = [
    path("pupils/<int:pupil_pk>/targets/", views.TargetListView.as_view(), name="target-list"),
    path("pupils/<int:pupil_pk>/targets/new/", views.TargetCreateView.as_view(), name="target-create"),
    path("pupils/<int:pupil_pk>/targets/<int:pk>/", views.TargetDetailView.as_view(), name="target-detail"),
    path("pupils/<int:pupil_pk>/targets/<int:pk>/edit/", views.TargetUpdateView.as_view(), name="target-edit"),
    path("pupils/<int:pupil_pk>/targets/<int:pk>/review/", views.TargetReviewView.as_view(), name="target-review"),
    path("pupils/<int:pupil_pk>/targets/<int:pk>/retire/", views.TargetRetireView.as_view(), name="target-retire"),
    path("pupils/<int:pupil_pk>/targets/<int:pk>/seen/", views.TargetSeenView.as_view(), name="target-seen"),
    path("pupils/<int:pupil_pk>/passport/", views.PassportView.as_view(), name="passport"),
    path("pupils/<int:pupil_pk>/passport/pdf/", views.PassportPdfView.as_view(), name="passport-pdf"),
    path("pupils/<int:pupil_pk>/passport/edit/", views.PassportEditView.as_view(), name="passport-edit"),
    path("my-class/", views.MyClassView.as_view(), name="my-class"),
    path("groups/<int:pk>/observations/", views.ObservationLogView.as_view(), name="observation-log"),
]
