"""The narrative is printed in an anonymous report: a text naming a pupil is refused, with the words named."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.terms import Term
from pupils.names import names_in_text
from pupils.tests.factories import PupilFactory
from reports.models import GovernorReport, ReportStatus, TermNarrative
from reports.services import narrative_save, report_build

TERM = Term.parse("2026-autumn")


@pytest.fixture
def named_pupils(school):
    PupilFactory(school=school, legal_first_name="Oluwaseun", legal_last_name="Featherstone",
                 preferred_first_name="Seun", preferred_last_name="")
    PupilFactory(school=school, legal_first_name="Maisie-Rose", legal_last_name="O'Donnell")
    return school


@pytest.mark.django_db
def test_legal_and_preferred_names_and_surnames_alone_are_found_whole_words_only(named_pupils, other_school):
    PupilFactory(school=other_school, legal_first_name="Tobias", legal_last_name="Quint")
    text = ("Seun settled well; featherstone family came in. Maisie-Rose and O'Donnell too. "
            "Tobias is at another school. Seunagain is not a name.")
    assert names_in_text(named_pupils.pk, text) == ["Seun", "featherstone", "Maisie-Rose", "O'Donnell"]
    assert names_in_text(named_pupils.pk, "Maisie and Rose came in.") == ["Maisie", "Rose"]
    assert names_in_text(named_pupils.pk, "A settled term for the group.") == []
    PupilFactory(school=named_pupils, legal_first_name="Pupil7")  # a name with a digit is matched whole
    assert names_in_text(named_pupils.pk, "Each pupil did well; Pupil7 too.") == ["Pupil7"]


@pytest.mark.django_db
def test_a_narrative_naming_pupils_is_refused_and_not_saved(named_pupils, senco):
    with pytest.raises(ValidationError) as refused:
        narrative_save(school=named_pupils, term=TERM, text="Featherstone and Seun went back to class.", user=senco)
    message = refused.value.message_dict["text"][0]
    assert "“Featherstone”" in message and "“Seun”" in message
    assert not TermNarrative.objects.exists()


@pytest.mark.django_db
def test_the_narrative_page_names_the_words_to_remove_and_keeps_the_text(client, named_pupils, senco):
    client.force_login(senco)
    url = reverse("reports:narrative", args=[TERM.code])

    response = client.post(url, {"text": "Seun had a good term."})

    page = response.content.decode()
    assert response.status_code == 200 and "“Seun”" in page and "Seun had a good term." in page
    assert not TermNarrative.objects.exists()
    assert client.post(url, {"text": "One pupil had a good term."}).status_code == 302
    assert TermNarrative.objects.get().text == "One pupil had a good term."


@pytest.mark.django_db
def test_a_report_is_not_built_while_its_narrative_names_a_pupil_who_joined_after_it_was_saved(school, senco):
    narrative_save(school=school, term=TERM, text="Quillan did well this term.", user=senco)
    PupilFactory(school=school, legal_first_name="Quillan", legal_last_name="Marsh")
    report = GovernorReport.objects.create(school=school, term=TERM.code)

    from reports.tasks import build_governor_report

    build_governor_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and not report.file
    assert "names a pupil" in report.error and "Quillan" not in report.error, "governors read the error"


@pytest.mark.django_db
def test_the_narrative_page_warns_when_a_saved_narrative_now_names_a_pupil(client, school, senco):
    narrative_save(school=school, term=TERM, text="Quillan did well this term.", user=senco)
    PupilFactory(school=school, legal_first_name="Quillan", legal_last_name="Marsh")
    client.force_login(senco)

    page = client.get(reverse("reports:narrative", args=[TERM.code])).content.decode()

    assert "remove “Quillan”" in page


@pytest.mark.django_db
def test_a_clean_narrative_is_built_into_the_report(school, senco):
    narrative_save(school=school, term=TERM, text="A settled term.", user=senco)
    report = report_build(report_id=GovernorReport.objects.create(school=school, term=TERM.code).pk)
    assert report.status == ReportStatus.READY
