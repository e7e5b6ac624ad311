from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("pupils/<int:pupil_pk>/case-notes/", views.CaseworkView.as_view(), name="case-record"),
    path("pupils/<int:pupil_pk>/case-notes/new/", views.CaseNoteCreateView.as_view(), name="note-create"),
    path("pupils/<int:pupil_pk>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("actions/<int:pk>/done/", views.ActionCompleteView.as_view(), name="action-done"),
]
