from django.urls import path

from . import views

app_name = "pupils"

urlpatterns = [
    path("pupils/", views.PupilListView.as_view(), name="pupil-list"),
    path("pupils/<int:pupil_pk>/", views.PupilDetailView.as_view(), name="pupil-detail"),
    path("pupils/<int:pupil_pk>/edit/", views.PupilUpdateView.as_view(), name="pupil-edit"),
    path("pupils/<int:pupil_pk>/audit/", views.PupilAuditView.as_view(), name="pupil-audit"),
    path("groups/", views.GroupListView.as_view(), name="group-list"),
    path("groups/new/", views.GroupFormView.as_view(), name="group-create"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group-detail"),
    path("groups/<int:pk>/edit/", views.GroupFormView.as_view(), name="group-edit"),
    path("import/", views.ImportUploadView.as_view(), name="import-upload"),
    path("import/<int:pk>/", views.ImportPreviewView.as_view(), name="import-preview"),
]
