from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/emails/", views.NoticePreferenceView.as_view(), name="preferences"),
]
