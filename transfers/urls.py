from django.urls import path, re_path

from . import views

app_name = "transfers"

urlpatterns = [
    path("pupils/<int:pupil_pk>/transfer/", views.TransferView.as_view(), name="transfer"),
    path("pupils/<int:pupil_pk>/transfer/<int:pk>/sent/", views.TransferSentView.as_view(), name="transfer-sent"),
    re_path(r"^pupils/(?P<pupil_pk>[0-9]+)/transfer/(?P<pk>[0-9]+)/pack\.(?P<kind>json|pdf)$",
            views.TransferDownloadView.as_view(), name="transfer-download"),
    path("transfers/import/", views.PackImportView.as_view(), name="import"),
    path("transfers/received/<int:pk>/", views.ReceivedView.as_view(), name="received"),
]
