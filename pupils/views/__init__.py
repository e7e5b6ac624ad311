from .groups import GroupDetailView, GroupFormView, GroupListView
from .imports import ImportPreviewView, ImportUploadView
from .placements import NoticeListView, PlacementEndView, PlacementExtendView, PlacementReviewView
from .pupils import PupilAuditView, PupilDetailView, PupilListView, PupilUpdateView
from .referrals import (
    ConsentView,
    ConsentWithdrawView,
    ParentContactView,
    ReferralBoardView,
    ReferralCreateView,
    ReferralDecideView,
    ReferralDetailView,
    ReferralStageView,
    ReferralUpdateView,
    ReferralWithdrawView,
)

__all__ = [
    "ConsentView", "ConsentWithdrawView", "GroupDetailView", "GroupFormView", "GroupListView", "ImportPreviewView",
    "ImportUploadView", "NoticeListView", "ParentContactView", "PlacementEndView", "PlacementExtendView",
    "PlacementReviewView", "PupilAuditView", "PupilDetailView", "PupilListView", "PupilUpdateView",
    "ReferralBoardView", "ReferralCreateView", "ReferralDecideView", "ReferralDetailView", "ReferralStageView",
    "ReferralUpdateView", "ReferralWithdrawView",
]
