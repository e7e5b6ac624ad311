"""Personas and browser fixtures shared by every app's tests.

Personas are the people of one school ("Testbrook"), plus a SENCO of another school for the
tenancy checks: `senco`, `nurture_staff`, `class_teacher`, `senior_leader`, `governor`,
`school_admin`, `other_school_senco`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pupils.models import Role
from pupils.tests.factories import (
    NurtureGroupFactory,
    PlacementFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    UserFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Property tests judge correctness, not speed: a busy machine (CI beside a browser test) must not fail them.
settings.register_profile("nurture", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nurture")
AXE_PATH = Path(__file__).parent / "static" / "vendor" / "axe" / "axe.min.js"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def school(db):
    return SchoolFactory(name="Testbrook Primary", slug="testbrook")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Elsewhere Primary", slug="elsewhere")


@pytest.fixture
def school_class(school):
    return SchoolClassFactory(school=school, name="2T", year_group=2)


@pytest.fixture
def other_class(school):
    return SchoolClassFactory(school=school, name="4T", year_group=4)


def _persona(school, username: str, role: str, **extra):
    return UserFactory(school=school, username=username, first_name=username.replace("_", " ").title(),
                       roles=[role], **extra)


@pytest.fixture
def senco(school):
    return _persona(school, "senco", Role.SENCO)


@pytest.fixture
def nurture_staff(school):
    return _persona(school, "nurture_staff", Role.NURTURE_STAFF)


@pytest.fixture
def class_teacher(school, school_class):
    user = _persona(school, "class_teacher", Role.CLASS_TEACHER)
    school_class.teachers.add(user)
    return user


@pytest.fixture
def senior_leader(school):
    return _persona(school, "senior_leader", Role.SENIOR_LEADER)


@pytest.fixture
def governor(school):
    return _persona(school, "governor", Role.GOVERNOR)


@pytest.fixture
def school_admin(school):
    return _persona(school, "school_admin", Role.SCHOOL_ADMIN)


@pytest.fixture
def other_school_senco(other_school):
    return _persona(other_school, "other_senco", Role.SENCO)


PERSONAS = ["senco", "nurture_staff", "class_teacher", "senior_leader", "governor", "school_admin",
            "other_school_senco"]


@pytest.fixture
def persona(request):
    """Return the persona named by an indirect parametrisation."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def pupil(school, school_class):
    return PupilFactory(school=school, school_class=school_class, legal_first_name="Ada", legal_last_name="Quill")


@pytest.fixture
def group(school, nurture_staff):
    group = NurtureGroupFactory(school=school, name="The Tree House", capacity=8)
    group.staff.add(nurture_staff)
    return group


@pytest.fixture
def placed_pupil(pupil, group):
    PlacementFactory(pupil=pupil, group=group)
    return pupil


# Browser tests -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def sign_in(live_server, page, settings):
    """Sign in through the login form as the given user, with the two-factor gate on; return the page.

    A user whose role needs two factors gets an authenticator device (if they have none) and the
    fixture types the code it shows now, as the person would (privacy.tests.two_factor)."""
    from privacy.tests.two_factor import give_authenticator, totp_code

    settings.TWO_FACTOR_ENFORCED = True

    def _sign_in(user, password: str = PASSWORD, second_factor: bool = True):
        device = give_authenticator(user) if second_factor else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if device is not None and "/account/two-factor/verify/" in page.url:
            page.get_by_label("Code").fill(totp_code(device))
            page.get_by_role("button", name="Verify").click()
            page.wait_for_load_state()
        return page

    return _sign_in


@pytest.fixture
def check_accessibility(page, live_server):
    """Run axe-core on the current page and fail on serious or critical violations."""

    def _check():
        # Loaded from our own origin: the Content-Security-Policy refuses inline script, axe's included.
        assert AXE_PATH.exists()
        page.add_script_tag(url=f"{live_server.url}/static/vendor/axe/axe.min.js")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, "Accessibility problems:\n" + "\n".join(serious)

    return _check


# Query counts ------------------------------------------------------------------------------------

QUERY_BUDGET = 25  # no page runs more queries than this (issue 8's budget)


@pytest.fixture
def assert_flat_queries(client, django_assert_max_num_queries):
    """Request a page, add rows with `grow()`, request it again: the second count may not be larger.

    Both requests must also stay within the product's budget of 25 queries a page.
    """

    def check(url: str, grow, *, method: str = "get", data=None, budget: int = QUERY_BUDGET):
        def request():
            return client.post(url, data) if method == "post" else client.get(url)

        with django_assert_max_num_queries(budget) as before:
            first = request()
        count = len(before)  # read now: a request made by grow() clears Django's query log
        assert first.status_code in (200, 302), first.status_code
        grow()
        with django_assert_max_num_queries(count):
            second = request()
        assert second.status_code == first.status_code

    return check
