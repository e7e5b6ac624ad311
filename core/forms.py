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


class TableRowMixin:
    """A form shown as one row of a table (templates/includes/formset_table.html): small Bootstrap inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "DELETE":
                continue
            select = getattr(field.widget, "input_type", "") == "select"
            kind = "form-select form-select-sm" if select else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", kind)
