from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("staff/", views.StaffListView.as_view(), name="staff-list"),
    path("staff/export.csv", views.staff_export, name="staff-export"),
    path("staff/invite/", views.StaffInviteView.as_view(), name="staff-invite"),
    path("staff/<int:pk>/", views.MemberDetailView.as_view(), name="member-detail"),
    path("staff/<int:pk>/edit/", views.MemberEditView.as_view(), name="member-edit"),
    path("staff/<int:pk>/history/", views.MemberHistoryView.as_view(), name="member-history"),
    path("staff/<int:pk>/leaver/", views.MemberLeaverView.as_view(), name="member-leaver"),
    path("staff/<int:pk>/two-factor-reset/", views.MemberTwoFactorResetView.as_view(), name="member-two-factor-reset"),
    path("staff/<int:pk>/unlock/", views.MemberUnlockView.as_view(), name="member-unlock"),
    path("staff/<int:pk>/resend/", views.MemberResendView.as_view(), name="member-resend"),
    path("invitation/<uidb64>/<token>/", login_not_required(views.InvitationAcceptView.as_view()),
         name="invitation-accept"),
    path("schools/", views.SchoolListView.as_view(), name="school-list"),
    path("schools/new/", views.SchoolCreateView.as_view(), name="school-create"),
]
