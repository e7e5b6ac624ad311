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
    path("pupils/<int:pupil_pk>/referrals/new/", views.ReferralCreateView.as_view(), name="referral-create"),
    path("referrals/", views.ReferralBoardView.as_view(), name="referral-board"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral-detail"),
    path("referrals/<int:pk>/edit/", views.ReferralUpdateView.as_view(), name="referral-edit"),
    path("referrals/<int:pk>/stage/", views.ReferralStageView.as_view(), name="referral-stage"),
    path("referrals/<int:pk>/withdraw/", views.ReferralWithdrawView.as_view(), name="referral-withdraw"),
    path("referrals/<int:pk>/contacts/new/", views.ParentContactView.as_view(), name="referral-contact"),
    path("referrals/<int:pk>/consent/", views.ConsentView.as_view(), name="referral-consent"),
    path("referrals/<int:pk>/consent/withdraw/", views.ConsentWithdrawView.as_view(),
         name="referral-consent-withdraw"),
    path("referrals/<int:pk>/decision/", views.ReferralDecideView.as_view(), name="referral-decide"),
    path("placements/<int:pk>/review/", views.PlacementReviewView.as_view(), name="placement-review"),
    path("placements/<int:pk>/extend/", views.PlacementExtendView.as_view(), name="placement-extend"),
    path("placements/<int:pk>/end/", views.PlacementEndView.as_view(), name="placement-end"),
    path("notices/", views.NoticeListView.as_view(), name="notice-list"),
]
