"""Every view x every role x own school / other school gets exactly what the rules say."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import OTHER_SCHOOL_PERSONA, SAME_SCHOOL_PERSONAS, all_cases, build_world

# Views that are public or belong to Django itself (sign-in, password reset, the superuser admin).
NOT_IN_MATRIX_NAMESPACES = {"admin"}
PUBLIC_URL_NAMES = {
    "login", "logout", "password_change", "password_change_done", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete", "health",
    "staff:invitation-accept",  # the emailed link: its token is the permission (staff/tests/test_views.py)
}


def _url_names(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in NOT_IN_MATRIX_NAMESPACES:
                continue
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_of_the_project_has_a_permission_case():
    covered = {case.url_name for case in all_cases()}
    uncovered = sorted(set(_url_names(get_resolver().url_patterns)) - covered - PUBLIC_URL_NAMES)
    assert not uncovered, f"URLs without a permission case in a permission_matrix.py: {uncovered}"


def _text_of(response) -> str:
    """Return what a person would read in the response: a page's HTML, or a PDF's text."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        import subprocess

        return subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()
    return body.decode()


def _request(client, case, kwargs):
    url = reverse(case.url_name, kwargs=kwargs) + case.query
    if case.method == "post":
        return client.post(url, case.data(client.world) if case.data else {})
    return client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize("case", all_cases(), ids=str)
def test_permission_matrix(case, client):
    world = build_world()
    client.world = world
    wrong = []
    for name in SAME_SCHOOL_PERSONAS:
        client.force_login(world.users[name])
        expected = case.ok_status if name in case.allowed else 403
        status = _request(client, case, case.kwargs(world)).status_code
        if status != expected:
            wrong.append(f"{name}: got {status}, expected {expected}")
        if case.names_a_record:
            status = _request(client, case, case.other_school_kwargs(world)).status_code
            if status != 404:
                wrong.append(f"{name} asking for the other school's record: got {status}, expected 404")
    client.force_login(world.users[OTHER_SCHOOL_PERSONA])
    response = _request(client, case, case.kwargs(world))
    if case.names_a_record:
        if response.status_code != 404:
            wrong.append(f"other school's SENCO: got {response.status_code}, expected 404")
    elif response.status_code == 200 and world.pupil.legal_last_name in _text_of(response):
        wrong.append("other school's SENCO sees this school's pupil")
    assert not wrong, f"{case}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("case", [case for case in all_cases() if "governor" in case.allowed], ids=str)
def test_governors_never_see_a_childs_name(case, client):
    world = build_world()
    client.world = world
    client.force_login(world.users["governor"])
    response = _request(client, case, case.kwargs(world))
    body = _text_of(response)
    for pupil in (world.pupil, world.other_class_pupil):
        assert pupil.legal_last_name not in body and pupil.legal_first_name not in body
