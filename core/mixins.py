"""View mixins that apply the permission rules: every view of the product uses one of these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


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
