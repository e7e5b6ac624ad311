"""The view mixin of every page about one pupil: load them from the user's school, then check the rule.

Loading the pupil through `pupil_for_user_or_404` marks the request as a read of their record, so
the page is audited (core.audit) without a line of its own.
"""

from __future__ import annotations

from django.utils.functional import cached_property

from core.mixins import PermissionRequiredMixin

from .models import Pupil
from .selectors import pupil_for_user_or_404


class PupilRecordMixin(PermissionRequiredMixin):
    """Load the pupil named in the URL from the user's own school (404 otherwise), then check the rule."""

    pupil_url_kwarg = "pupil_pk"

    @cached_property
    def pupil(self) -> Pupil:
        return pupil_for_user_or_404(self.request.user, self.kwargs[self.pupil_url_kwarg])

    def get_permission_object(self):
        return self.pupil

    def get_context_data(self, **kwargs):
        return super().get_context_data(pupil=self.pupil, **kwargs)
