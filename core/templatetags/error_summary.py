"""The error summary at the top of every page after a failed submit (the GOV.UK pattern).

`{% error_summary %}` in base.html finds every bound form and formset in the page's context that has
errors and lists each error, linked to its field, in one box titled "There is a problem"
(templates/includes/error_summary.html); static/js/error-summary.js moves focus to it. Forms render
only their field errors in place: crispy's own box of non-field errors is switched off
(templates/bootstrap5/errors.html), so nothing shows twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str  # the id of the field to jump to ("" when there is none)


def _anchor(bound_field) -> str:
    """Return the id of the element that takes focus for a field (a radio group's first option)."""
    field_id = bound_field.id_for_label or bound_field.auto_id
    if not field_id:
        return ""
    choices = (forms.RadioSelect, forms.CheckboxSelectMultiple)
    if not bound_field.id_for_label and isinstance(bound_field.field.widget, choices):
        return f"{field_id}_0"
    return field_id


def _first_anchor(form: forms.BaseForm) -> str:
    for bound_field in form.visible_fields():
        return _anchor(bound_field)
    return ""


def form_errors(form: forms.BaseForm, row: str = "") -> list[SummaryError]:
    """Return the form's errors in the order of its fields, its non-field errors first."""
    if not form.is_bound or not form.errors:
        return []
    prefix = f"{row}: " if row else ""
    found = [SummaryError(f"{prefix}{message}", _first_anchor(form)) for message in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        bound_field = form[name]
        label = bound_field.label or name.replace("_", " ").capitalize()
        anchor = "" if bound_field.is_hidden else _anchor(bound_field)
        found += [SummaryError(f"{prefix}{label}: {message}", anchor) for message in form.errors[name]]
    return found


def formset_errors(formset: BaseFormSet) -> list[SummaryError]:
    if not formset.is_bound:
        return []
    first = formset.forms[0] if formset.forms else None
    found = [SummaryError(str(message), _first_anchor(first) if first else "")
             for message in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        found += form_errors(form, row=f"Line {number}")
    return found


def errors_in_context(context) -> list[SummaryError]:
    """Return the errors of every bound form and formset of a template context, each once."""
    seen: set[int] = set()
    found: list[SummaryError] = []
    for value in context.flatten().values():
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, BaseFormSet):
            found += formset_errors(value)
            seen.update(id(form) for form in value.forms)
        elif isinstance(value, forms.BaseForm):
            found += form_errors(value)
    return found


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context, lead: str = "Nothing was saved.") -> dict:
    """Render the summary; `lead` says what did not happen ("Nothing was erased.")."""
    return {"errors": errors_in_context(context), "lead": lead}
