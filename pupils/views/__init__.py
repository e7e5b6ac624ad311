from .groups import GroupDetailView, GroupFormView, GroupListView
from .imports import ImportPreviewView, ImportUploadView
from .pupils import PupilAuditView, PupilDetailView, PupilListView, PupilUpdateView

__all__ = [
    "GroupDetailView", "GroupFormView", "GroupListView", "ImportPreviewView", "ImportUploadView", "PupilAuditView",
    "PupilDetailView", "PupilListView", "PupilUpdateView",
]
