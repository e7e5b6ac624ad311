from .groups import GroupDetailView, GroupListView
from .imports import ImportPreviewView, ImportUploadView
from .pupils import PupilAuditView, PupilDetailView, PupilListView, PupilUpdateView

__all__ = [
    "GroupDetailView", "GroupListView", "ImportPreviewView", "ImportUploadView", "PupilAuditView",
    "PupilDetailView", "PupilListView", "PupilUpdateView",
]
