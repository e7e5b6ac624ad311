from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("pupils/<int:pupil_pk>/whole-child/", views.WholeChildView.as_view(), name="whole-child"),
    path("pupils/<int:pupil_pk>/sdq/new/", views.SdqCreateView.as_view(), name="sdq-new"),
    path("pupils/<int:pupil_pk>/sdq/scores/new/", views.SdqScoresCreateView.as_view(), name="sdq-scores-new"),
    path("pupils/<int:pupil_pk>/sdq/<int:pk>/", views.SdqDetailView.as_view(), name="sdq-detail"),
    path("pupils/<int:pupil_pk>/boxall/<int:pk>/", views.BoxallDetailView.as_view(), name="boxall-detail"),
    path("pupils/<int:pupil_pk>/boxall/new/", views.BoxallCreateView.as_view(), name="boxall-new"),
    path("pupils/<int:pupil_pk>/boxall/scores/new/", views.BoxallScoresCreateView.as_view(), name="boxall-scores-new"),
    path("pupils/<int:pupil_pk>/attainment/new/", views.AttainmentCreateView.as_view(), name="attainment-new"),
    path("pupils/<int:pupil_pk>/attendance/new/", views.AttendanceCreateView.as_view(), name="attendance-new"),
    path("pupils/<int:pupil_pk>/incidents/new/", views.IncidentCreateView.as_view(), name="incident-new"),
    path("groups/<int:pk>/assessments/", views.GroupAssessmentsView.as_view(), name="group-assessments"),
    path("assessments/boxall-settings/", views.BoxallSettingsView.as_view(), name="boxall-settings"),
    path("assessments/licences/", views.LicenceListView.as_view(), name="licences"),
    path("assessments/licences/<slug:instrument>/", views.LicenceUpdateView.as_view(), name="licence-edit"),
    path("assessments/attendance-import/", views.AttendanceImportView.as_view(), name="attendance-import"),
]
