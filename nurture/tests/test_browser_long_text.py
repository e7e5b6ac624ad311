"""Long unbroken text (a pasted link, a key held down) wraps inside the page instead of making it wider
than the screen: every record page is measured with a 2,000-character word in what it shows."""

from __future__ import annotations

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = "x" * 2000
TABLET = {"width": 1024, "height": 768}


def _record_with_long_words(pupil, senco):
    from assessments.tests.factories import IncidentFactory
    from pupils.models import ParentContact
    from pupils.tests.factories import ReferralFactory
    from targets.models import TargetVersion
    from targets.tests.factories import PupilProfileFactory, TargetFactory

    referral = ReferralFactory(pupil=pupil, raised_by=senco, descriptors=WORD, tried_already=WORD,
                               class_observation=WORD)
    ParentContact.objects.create(school=pupil.school, pupil=pupil, referral=referral, recorded_by=senco,
                                 contacted_on=datetime.date(2026, 10, 1), with_whom="Mum " + "y" * 190,
                                 method="phone", notes=WORD)
    target = TargetFactory(pupil=pupil)
    TargetVersion.objects.filter(target=target).update(wording="w" * 300, strategies="s" * 1500,
                                                       how_we_will_know="h" * 1000)
    PupilProfileFactory(pupil=pupil, about_me="a" * 600, what_helps_me="b" * 1000, adult_strategies="c" * 1500)
    IncidentFactory(pupil=pupil, kind="playground", days=None, note="n" * 500)
    return referral, target


def test_pages_with_a_2000_character_word_are_no_wider_than_a_tablet(sign_in, live_server, senco, placed_pupil):
    referral, target = _record_with_long_words(placed_pupil, senco)
    page = sign_in(senco)
    page.set_viewport_size(TABLET)
    pupil = placed_pupil.pk
    pages = {
        "case page": f"/pupils/{pupil}/",
        "referral": f"/referrals/{referral.pk}/",
        "learning passport": f"/pupils/{pupil}/passport/",
        "target": f"/pupils/{pupil}/targets/{target.pk}/",
        "whole child": f"/pupils/{pupil}/whole-child/",
        "subject access export": f"/pupils/{pupil}/subject-access/",
    }
    too_wide = {}
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, path, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > TABLET["width"]:
            too_wide[name] = width
    assert not too_wide, f"pages wider than the {TABLET['width']} px screen: {too_wide}"
