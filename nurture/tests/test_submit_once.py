"""Every create form of the product submits once: a double submit, Back and resubmit, or the same page sent
from two places answers "already saved" and shows the saved record, and nothing is saved twice.

Forms whose record has a unique rule of its own are tested beside them (the group's observation session in
targets, one open referral per pupil in pupils). Every other create form carries a submission token
(`core.submission.SubmitOnceMixin`); each is listed here with the record it creates.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import AttainmentRecord, AttendanceRecord, BoxallProfile, Incident, SdqAssessment
from core.models import SubmissionToken
from nurture.tests.matrix import build_world
from privacy.models import SubjectAccessExport
from pupils.models import ParentContact, Placement, PlacementReview, PupilImport
from reintegration.models import FollowUp, ReadinessAssessment, ReadinessCriterion
from targets.models import Target, TargetReview


class FormDefaults(HTMLParser):
    """The values a browser would send from each of the page's POST forms untouched."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select, self._textarea, self._first = None, None, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method", "").lower() == "post":
            self.forms.append({})
        if not self.forms:
            return
        values, name = self.forms[-1], attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    values[name] = attributes.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                values[name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first = name, True
        elif tag == "option" and self._select and (self._first or "selected" in attributes):
            values[self._select] = attributes.get("value", "")  # the first option, unless one is selected
            self._first = False
        elif tag == "textarea" and name:
            self._textarea = name
            values[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def create_form(self) -> dict[str, str]:
        """Return the one form on the page that carries a submission token."""
        forms = [values for values in self.forms if "submission_token" in values]
        assert len(forms) == 1, "expected one create form with a submission token"
        return forms[0]


@dataclass(frozen=True)
class CreateForm:
    url_name: str
    kwargs: object  # world -> URL kwargs
    model: type
    data: object = lambda world: {}  # world -> fields to fill in
    persona: str = "senco"
    files: object = None  # () -> {name: file}

    def __str__(self):
        return self.url_name


PUPIL = lambda w: {"pupil_pk": w.pupil.pk}  # noqa: E731
CSV = "UPN,Legal first name,Legal last name,Date of birth,Gender,Class\n"


def _csv_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("pupils.csv", (CSV + "A123456789012,Ann,Example,2019-01-02,F,2M\n").encode())}


CREATE_FORMS = [
    CreateForm("targets:target-create", PUPIL, Target, lambda w: {
        "wording": "I will say hello.", "how_we_will_know": "Every morning.", "strategies": "A wave."}),
    CreateForm("targets:target-review", lambda w: {"pupil_pk": w.pupil.pk, "pk": w.target.pk}, TargetReview,
               lambda w: {"outcome": "partly_achieved", "evidence": "Most days.", "next_step": "carry_on"}),
    CreateForm("assessments:sdq-new", PUPIL, SdqAssessment, lambda w: {
        "informant": "teacher", "completed_by_role": "Class teacher", **{f"item_{n}": "1" for n in range(1, 26)}}),
    CreateForm("assessments:boxall-new", PUPIL, BoxallProfile, lambda w: {
        "completed_by_role": "Class teacher", **{f"item_{n}": "2" for n in range(1, 69)}}),
    CreateForm("assessments:attainment-new", PUPIL, AttainmentRecord, lambda w: {"reading": "exs"}),
    CreateForm("assessments:attendance-new", PUPIL, AttendanceRecord, lambda w: {"percent": "93.5"}),
    CreateForm("assessments:incident-new", PUPIL, Incident, lambda w: {"kind": "exclusion", "days": "1",
                                                                       "note": "x"}),
    CreateForm("pupils:referral-contact", lambda w: {"pk": w.referral.pk}, ParentContact, lambda w: {
        "contacted_on": "2026-11-02", "with_whom": "Mum", "method": "phone"}),
    CreateForm("pupils:placement-review", lambda w: {"pk": Placement.objects.get(pupil=w.pupil).pk},
               PlacementReview, lambda w: {"reviewed_on": "2026-11-02", "notes": "Settling well."}),
    CreateForm("pupils:import-upload", lambda w: {}, PupilImport, persona="school_admin", files=_csv_file),
    CreateForm("privacy:pupil-export", PUPIL, SubjectAccessExport),
    CreateForm("reintegration:readiness-create", PUPIL, ReadinessAssessment, lambda w: {
        "setting": "group", f"rating_{w.criterion.pk}": "2"}),
    CreateForm("reintegration:follow-up-create", lambda w: {"pupil_pk": w.former_pupil.pk, "pk": w.graduation.pk},
               FollowUp, lambda w: {"coping": "well"}),
    CreateForm("reintegration:scale", lambda w: {}, ReadinessCriterion, lambda w: {
        "add-new_category": "Play", "add-wording": "Takes turns in a game."}),
]


@pytest.fixture
def world(db):
    return build_world()


def _fill(client, world, case: CreateForm) -> tuple[str, dict]:
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    page = client.get(url)
    assert page.status_code == 200, case
    reader = FormDefaults()
    reader.feed(page.content.decode())
    data = {**reader.create_form(), **case.data(world)}
    assert re.fullmatch(r"[0-9a-f-]{36}", data.get("submission_token", "")), f"{case} carries no token"
    return url, data


def _errors(response) -> list[str]:
    """Return the error texts a refused form shows (for a failing test's message)."""
    body = response.content.decode()
    found = re.findall(r'(?:invalid-feedback|alert-danger|errorlist)[^>]*>(.*?)</(?:div|ul|p)>', body, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", text).strip() for text in found]


def _send(client, url, data, case):
    return client.post(url, {**data, **(case.files() if case.files else {})})


@pytest.mark.parametrize("case", CREATE_FORMS, ids=str)
def test_a_double_submit_saves_once_and_answers_already_saved(world, case):
    client = Client()
    client.force_login(world.users[case.persona])
    url, data = _fill(client, world, case)
    before = case.model.objects.count()

    first = _send(client, url, data, case)
    assert first.status_code == 302, f"{case}: {_errors(first)}"
    second = _send(client, url, data, case)  # the second click

    assert case.model.objects.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]  # the saved record
    shown = client.get(second["Location"]).content.decode()
    assert "This was already saved (the form was sent twice)" in shown


@pytest.mark.parametrize("case", CREATE_FORMS, ids=str)
def test_back_and_resubmit_saves_once(world, case):
    client = Client()
    client.force_login(world.users[case.persona])
    url, data = _fill(client, world, case)
    before = case.model.objects.count()
    saved = _send(client, url, data, case)
    client.get(saved["Location"])  # the saved record is shown; the person presses Back and Save again
    again = _send(client, url, data, case)
    assert case.model.objects.count() == before + 1 and again["Location"] == saved["Location"]
    # A fresh visit to the form is a new record, as it should be.
    url, fresh = _fill(client, world, case)
    assert fresh["submission_token"] != data["submission_token"]


def test_a_form_sent_with_errors_keeps_its_token_and_saves_once_corrected(world):
    client = Client()
    client.force_login(world.users["senco"])
    case = CREATE_FORMS[0]
    url, data = _fill(client, world, case)
    refused = client.post(url, {**data, "wording": ""})
    assert refused.status_code == 200 and data["submission_token"] in refused.content.decode()
    assert client.post(url, data).status_code == 302 and client.post(url, data).status_code == 302
    assert Target.objects.filter(versions__wording="I will say hello.").count() == 1


def test_a_token_is_one_persons(world):
    client, other = Client(), Client()
    client.force_login(world.users["senco"])
    other.force_login(world.users["nurture_staff"])
    case = CREATE_FORMS[0]
    url, data = _fill(client, world, case)
    assert client.post(url, data).status_code == 302
    assert other.post(url, data).status_code == 400
    assert Target.objects.filter(versions__wording="I will say hello.").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", [CREATE_FORMS[0], CREATE_FORMS[6]], ids=str)
def test_the_same_form_sent_twice_at_the_same_moment_saves_once(case):
    if connection.vendor != "postgresql":
        pytest.skip("Two requests at once need a database with concurrent transactions.")
    world = build_world()
    client = Client()
    client.force_login(world.users[case.persona])
    url, data = _fill(client, world, case)
    before = case.model.objects.count()
    barrier, answers = threading.Barrier(2), []

    def send():
        barrier.wait()
        answers.append(_send(client, url, data, case))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert case.model.objects.count() == before + 1
    assert [answer.status_code for answer in answers] == [302, 302]
    assert len({answer["Location"] for answer in answers}) == 1
    assert SubmissionToken.objects.filter(token=data["submission_token"]).count() == 1


def _at_once(*sends) -> list:
    barrier, answers = threading.Barrier(len(sends)), []

    def run(send):
        barrier.wait()
        answers.append(send())
        connection.close()

    threads = [threading.Thread(target=run, args=(send,)) for send in sends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_two_adults_raising_a_concern_about_one_pupil_at_once_make_one_referral():
    if connection.vendor != "postgresql":
        pytest.skip("Two requests at once need a database with concurrent transactions.")
    from pupils.models import Referral

    world = build_world()
    Referral.objects.filter(pupil=world.pupil).update(stage=Referral.Stage.WITHDRAWN)  # none open
    clients = []
    for persona in ("senco", "class_teacher"):
        client = Client()
        client.force_login(world.users[persona])
        clients.append(client)
    url = reverse("pupils:referral-create", args=[world.pupil.pk])
    concern = {"needs": ["restless"], "descriptors": "Cannot settle."}

    answers = _at_once(*[lambda client=client: client.post(url, concern) for client in clients])

    assert Referral.objects.open().filter(pupil=world.pupil).count() == 1
    assert sorted(answer.status_code for answer in answers) == [302, 302]  # both shown the one referral


@pytest.mark.django_db(transaction=True)
def test_two_adults_saving_the_groups_session_at_once_make_one_session():
    if connection.vendor != "postgresql":
        pytest.skip("Two requests at once need a database with concurrent transactions.")
    from targets.models import ObservationSession, PupilObservation

    world = build_world()
    clients = []
    for persona in ("nurture_staff", "senco"):
        client = Client()
        client.force_login(world.users[persona])
        clients.append(client)
    url = reverse("targets:observation-log", args=[world.group.pk])
    reader = FormDefaults()
    reader.feed(clients[0].get(url).content.decode())
    data = next(values for values in reader.forms if "obs-TOTAL_FORMS" in values)
    data = {**data, **{name.replace("-pupil", "-settled"): "3" for name in data if name.endswith("-pupil")}}

    answers = _at_once(*[lambda client=client: client.post(url, data) for client in clients])

    assert [answer.status_code for answer in answers] == [302, 302]  # saved, and 'already saved as shown'
    assert ObservationSession.objects.filter(group=world.group).count() == 1
    assert PupilObservation.objects.filter(session__group=world.group).count() == 1
