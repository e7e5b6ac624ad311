"""Pieces shared by the targets app's views."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property

from nurture.mixins import PupilRecordMixin
from pupils.models import Pupil, User

from ..models import Target
from ..selectors import target_for_user_or_404


class TargetRecordMixin(PupilRecordMixin):
    """Load the pupil, then one of their targets (404 for another pupil's or school's), then check the rule."""

    @cached_property
    def target(self) -> Target:
        return target_for_user_or_404(self.request.user, self.pupil, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, **kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def audit_pupils_viewed(*, user: User, pupils: list[Pupil], page: str) -> None:
    """Record that the user viewed several pupils' records on one page, in one query."""
    if not pupils:
        return
    content_type = ContentType.objects.get_for_model(Pupil)
    now = timezone.now()
    LogEntry.objects.bulk_create([
        LogEntry(content_type=content_type, object_pk=str(pupil.pk), object_id=pupil.pk,
                 object_repr=str(pupil)[:200], action=LogEntry.Action.ACCESS, changes={}, actor=user,
                 timestamp=now, additional_data={"pupil_id": pupil.pk, "page": page, "event": "view"})
        for pupil in pupils
    ])
