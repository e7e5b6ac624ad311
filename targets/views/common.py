"""Pieces shared by the targets app's views."""

from __future__ import annotations

from django.utils.functional import cached_property

from pupils.mixins import PupilRecordMixin

from ..models import Target
from ..selectors import target_for_user_or_404


class TargetRecordMixin(PupilRecordMixin):
    """Load the pupil, then one of their targets (404 for another pupil's or school's), then check the rule."""

    @cached_property
    def target(self) -> Target:
        return target_for_user_or_404(self.request.user, self.pupil, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, **kwargs)
