"""Every list page downloads as CSV and XLSX with the page's rows and filters, audited as a download."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from pupils.models import Referral
from pupils.tests.factories import PlacementFactory, PupilFactory, ReferralFactory
from reintegration.tests.factories import GraduationFactory


def _rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _download_entry(user) -> LogEntry:
    return LogEntry.objects.filter(actor=user, additional_data__event="download").latest("pk")


@pytest.mark.django_db
def test_pupil_list_exports_the_filtered_rows_and_names_them_in_one_download_entry(
        client, senco, school, school_class, other_class, group):
    ada = PupilFactory(school=school, school_class=school_class, legal_first_name="Ada", legal_last_name="Quill")
    PlacementFactory(pupil=ada, group=group)
    PupilFactory(school=school, school_class=other_class, legal_last_name="Elsewhere")
    client.force_login(senco)
    page = client.get(reverse("pupils:pupil-list"), {"school_class": school_class.pk})
    assert "Download XLSX" in page.content.decode()
    before = LogEntry.objects.count()
    rows = _rows(client.get(reverse("pupils:pupil-list"), {"school_class": school_class.pk, "export": "xlsx"}))
    assert rows[0] == ("Surname", "First name", "UPN", "Year", "Class", "SEN", "Nurture group")
    assert [row[0] for row in rows[1:]] == ["Quill"] and rows[1][6] == "The Tree House"
    assert LogEntry.objects.count() == before + 1  # the download entry, and no separate 'viewed in a list'
    entry = _download_entry(senco)
    assert entry.additional_data["pupil_ids"] == [ada.pk] and entry.additional_data["format"] == "XLSX"
    assert entry.additional_data["file"].startswith("pupils-") and entry.additional_data["file"].endswith(".xlsx")
    # On the pupil's own audit trail, as an export.
    trail = client.get(reverse("pupils:pupil-audit", args=[ada.pk])).content.decode()
    assert "exported in a list" in trail


@pytest.mark.django_db
def test_pupil_list_export_holds_every_row_not_only_the_first_page(client, senco, school, school_class):
    PupilFactory.create_batch(55, school=school, school_class=school_class)
    client.force_login(senco)
    assert len(_rows(client.get(reverse("pupils:pupil-list"), {"export": "xlsx"}))) == 56


@pytest.mark.django_db
def test_pupil_list_export_query_count_is_flat(client, senco, school, school_class, assert_flat_queries):
    PupilFactory.create_batch(3, school=school, school_class=school_class)
    client.force_login(senco)
    assert_flat_queries(reverse("pupils:pupil-list") + "?export=csv",
                        lambda: PupilFactory.create_batch(30, school=school, school_class=school_class))


@pytest.mark.django_db
def test_referral_board_exports_its_stages_and_wait_lists(client, senco, school, pupil, group):
    ReferralFactory(pupil=pupil, stage=Referral.Stage.EVIDENCE)
    waiting = PupilFactory(school=school, legal_last_name="Waiting")
    ReferralFactory(pupil=waiting, stage=Referral.Stage.DECIDED, outcome=Referral.Outcome.WAIT_LISTED, group=group,
                    wait_list_priority=1)
    client.force_login(senco)
    rows = _rows(client.get(reverse("pupils:referral-board"), {"export": "xlsx"}))
    assert [(row[0], row[1]) for row in rows[1:]] == [("Evidence gathering", "Ada Quill"),
                                                      ("Wait list", waiting.full_name)]
    assert rows[2][7:] == ("The Tree House", 1)


@pytest.mark.django_db
def test_group_page_exports_its_members(client, senco, placed_pupil, group):
    client.force_login(senco)
    rows = _rows(client.get(reverse("pupils:group-detail", args=[group.pk]), {"export": "xlsx"}))
    assert rows[1][:3] == ("In the group", "Ada Quill", "2T")


@pytest.mark.django_db
def test_audit_trail_exports_its_entries(client, senco, pupil):
    client.force_login(senco)
    client.get(reverse("pupils:pupil-detail", args=[pupil.pk]))
    rows = _rows(client.get(reverse("pupils:pupil-audit", args=[pupil.pk]), {"export": "xlsx"}))
    assert rows[0][:3] == ("When", "Who", "What")
    assert any(row[2] == "viewed case page" for row in rows[1:])
    assert _download_entry(senco).additional_data["pupil_ids"] == [pupil.pk]


@pytest.mark.django_db
def test_due_list_and_cohort_export(client, senco, school, placed_pupil, group):
    former = PupilFactory(school=school, legal_last_name="Formerly")
    GraduationFactory(placement__pupil=former, placement__group=group)
    client.force_login(senco)
    due = _rows(client.get(reverse("reintegration:due"), {"export": "xlsx"}))
    assert due[0] == ("Kind", "Pupil", "Group or leaving date", "Last assessed", "Due", "State")
    assert ("Readiness assessment", "Ada Quill") in [row[:2] for row in due[1:]]
    cohort = _rows(client.get(reverse("reintegration:cohort"), {"export": "xlsx", "q": "Formerly"}))
    assert [row[1] for row in cohort[1:]] == [former.full_name]


@pytest.mark.django_db
def test_a_refused_page_refuses_its_export_too(client, governor):
    client.force_login(governor)
    assert client.get(reverse("pupils:pupil-list"), {"export": "xlsx"}).status_code == 403
    assert not LogEntry.objects.filter(actor=governor).exists()


@pytest.mark.django_db
def test_dashboard_lists_export_overdue_target_reviews_and_assessments_due(client, senco, placed_pupil):
    from targets.tests.factories import TargetFactory

    today = datetime.date.today()
    TargetFactory(pupil=placed_pupil, wording="I will hang up my coat.", start_date=today - datetime.timedelta(weeks=9),
                  review_date=today - datetime.timedelta(days=3))
    client.force_login(senco)
    url = reverse("dashboard", args=["senco"])
    body = client.get(url).content.decode()
    assert "?list=overdue-targets&amp;export=xlsx" in body and "?list=assessments-due&amp;export=csv" in body
    targets = _rows(client.get(url, {"list": "overdue-targets", "export": "xlsx"}))
    assert targets[1][:2] == ("Ada Quill", "I will hang up my coat.")
    due = _rows(client.get(url, {"list": "assessments-due", "export": "xlsx"}))
    assert due[0][:3] == ("Pupil", "Group", "Assessment") and due[1][0] == "Ada Quill"
    assert _download_entry(senco).additional_data["pupil_ids"] == [placed_pupil.pk]
    assert client.get(url, {"list": "nothing", "export": "xlsx"}).status_code == 404


@pytest.mark.django_db
def test_group_assessments_export_their_rows(client, nurture_staff, placed_pupil, group):
    from assessments.tests.factories import SdqAssessmentFactory

    SdqAssessmentFactory(pupil=placed_pupil)
    client.force_login(nurture_staff)
    rows = _rows(client.get(reverse("assessments:group-assessments", args=[group.pk]), {"export": "xlsx"}))
    assert rows[0][:4] == ("Pupil", "Class", "Latest SDQ (teacher)", "Total difficulties")
    assert rows[1][0] == "Ada Quill" and rows[1][3] is not None
