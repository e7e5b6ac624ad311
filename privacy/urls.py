from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/two-factor/", views.TwoFactorManageView.as_view(), name="two-factor"),
    path("account/two-factor/setup/", views.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("account/two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("privacy/settings/", views.PrivacySettingsView.as_view(), name="settings"),
    path("privacy/retention/", views.RetentionView.as_view(), name="retention"),
    path("pupils/<int:pupil_pk>/subject-access/", views.PupilExportView.as_view(), name="pupil-export"),
    path("privacy/exports/<int:pk>/download/", views.export_download, name="export-download"),
]
