"""The one way a view shows a service's refusal: beside the field it names, or above the form."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def show_refusal(form, error: Exception) -> None:
    """Add a service's refusal (a ValidationError, a TransitionRefused) to the form, so the page says why."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
