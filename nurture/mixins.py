"""View mixins that apply the permission rules: every view of the product uses one of these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from pupils.models import Pupil
from pupils.selectors import pupil_for_user_or_404


class PermissionRequiredMixin:
    """Refuse (403) a signed-in user who lacks `permission_required` for the view's object, if any."""

    permission_required: str = ""

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)  # LoginRequiredMiddleware handles it
        if not self.permission_required:
            raise PermissionDenied("This page has no permission rule.")
        self.request, self.args, self.kwargs = request, args, kwargs
        if not request.user.has_perm(self.permission_required, self.get_permission_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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
