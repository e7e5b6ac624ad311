"""Audit by construction: every page that shows a pupil's record writes an access entry naming them,
without a line of audit code in its view; and no GET changes any other row."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from core.audit import audit_entries_for_pupil

from .matrix import all_cases, build_world

GET_CASES = [case for case in all_cases() if case.method == "get" and case.ok_status == 200 and case.allowed]
PREFERRED = ["senco", "nurture_staff", "class_teacher", "senior_leader", "school_admin", "governor"]
NOT_DATA = {LogEntry, Session}


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model not in NOT_DATA and not model._meta.proxy}


def _names_pupil(entry: LogEntry, pupil_id: int) -> bool:
    data = entry.additional_data or {}
    return data.get("pupil_id") == pupil_id or pupil_id in data.get("pupil_ids", [])


@pytest.mark.django_db
@pytest.mark.parametrize("case", GET_CASES, ids=str)
def test_every_page_showing_a_pupil_writes_an_access_entry_and_no_get_writes_anything_else(case, client):
    world = build_world()
    persona = next(name for name in PREFERRED if name in case.allowed)
    client.force_login(world.users[persona])
    before, last_entry = _row_counts(), LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = client.get(reverse(case.url_name, kwargs=case.kwargs(world)) + case.query)

    assert response.status_code == 200
    new_entries = list(LogEntry.objects.filter(pk__gt=last_entry))
    changed = [entry for entry in new_entries if entry.action != LogEntry.Action.ACCESS]
    assert not changed, f"{case} as {persona}: a GET changed records: {[str(entry) for entry in changed]}"
    after = _row_counts()
    grown = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert not grown, f"{case} as {persona}: a GET changed rows: {grown}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if world.pupil.legal_last_name.encode() in body:
        assert any(_names_pupil(entry, world.pupil.pk) for entry in new_entries
                   if entry.action == LogEntry.Action.ACCESS), (
            f"{case} as {persona} shows {world.pupil.full_name} but wrote no access entry naming them")


@pytest.mark.django_db
def test_a_new_pupil_page_with_no_audit_code_is_audited_once_with_its_name(client, settings, senco, pupil):
    settings.ROOT_URLCONF = "nurture.tests.audit_urls"
    client.force_login(senco)

    response = client.get(reverse("new-pupil-page", args=[pupil.pk]))

    assert pupil.full_name in response.content.decode()
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__pupil_id=pupil.pk)
    assert [(entry.actor, entry.additional_data["page"]) for entry in entries] == [(senco, "new pupil page")]
    assert list(audit_entries_for_pupil(pupil).filter(action=LogEntry.Action.ACCESS)) == list(entries)


@pytest.mark.django_db
def test_a_page_that_loads_a_pupil_another_way_is_audited_too(client, settings, senco, pupil):
    settings.ROOT_URLCONF = "nurture.tests.audit_urls"
    client.force_login(senco)

    client.get(reverse("careless-pupil-page", args=[pupil.pk]))

    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__pupil_id=pupil.pk).count() == 1


@pytest.mark.django_db
def test_a_list_page_writes_one_entry_naming_every_pupil_shown_and_it_is_on_each_trail(client, senco, school,
                                                                                       school_class):
    from pupils.tests.factories import PupilFactory

    pupils = PupilFactory.create_batch(4, school=school, school_class=school_class)
    client.force_login(senco)

    client.get(reverse("pupils:pupil-list"))

    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert sorted(entry.additional_data["pupil_ids"]) == sorted(pupil.pk for pupil in pupils)
    assert entry.additional_data["page"]
    for pupil in pupils:
        assert list(audit_entries_for_pupil(pupil).filter(action=LogEntry.Action.ACCESS)) == [entry]


@pytest.mark.django_db
def test_a_refused_page_writes_no_access_entry(client, governor, pupil):
    client.force_login(governor)

    assert client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
