"""Moved: PermissionRequiredMixin to core.mixins, PupilRecordMixin to pupils.mixins (kept for one release)."""

from core.mixins import PermissionRequiredMixin  # noqa: F401
from pupils.mixins import PupilRecordMixin  # noqa: F401
