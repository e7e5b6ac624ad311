from .observations import ObservationLogView
from .passport import MyClassView, PassportEditView, PassportPdfView, PassportView, TargetSeenView
from .targets import (
    TargetCreateView,
    TargetDetailView,
    TargetListView,
    TargetRetireView,
    TargetReviewView,
    TargetUpdateView,
)

__all__ = [
    "MyClassView", "ObservationLogView", "PassportEditView", "PassportPdfView", "PassportView", "TargetCreateView",
    "TargetDetailView", "TargetListView", "TargetReviewView", "TargetRetireView", "TargetSeenView", "TargetUpdateView",
]
