"""Every form of the product applies the date rule of its kind of date and caps every text's length:
walks every form class of every app's forms module (and the forms of its formsets)."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from core.dates import RuleDateField

# Every app of the project (not the libraries'): a new app's forms are walked without a line here.
APPS = [config.name for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(config.path).parts]


def _form_classes():
    found = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found[f"{app}.{name}"] = value
            elif inspect.isclass(value) and issubclass(value, forms.BaseFormSet) and hasattr(value, "form"):
                found[f"{app}.{name}.form"] = value.form
    return found


FORMS = _form_classes()


def test_the_walk_finds_the_forms():
    assert {"pupils.PupilForm", "pupils.ParentContactForm", "targets.TargetForm", "assessments.IncidentForm",
            "reintegration.FollowUpForm"} <= set(FORMS)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_date_field_applies_the_rule_of_its_kind(name):
    plain_dates = [field_name for field_name, field in FORMS[name].base_fields.items()
                   if isinstance(field, forms.DateField) and not isinstance(field, RuleDateField)]
    assert not plain_dates, f"{name}: date fields without a rule (use core.dates.RuleDateField): {plain_dates}"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_text_field_has_a_maximum_length(name):
    unlimited = [field_name for field_name, field in FORMS[name].base_fields.items()
                 if isinstance(field, forms.CharField) and field.max_length is None]
    assert not unlimited, f"{name}: text fields with no max_length: {unlimited}"
