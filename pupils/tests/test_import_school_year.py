"""Re-importing the MIS export: a new school year's moves, and a wrong UPN that must not overwrite a child."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.models import Role
from pupils.imports import read_pupil_csv
from pupils.models import Placement, Pupil, PupilImport, Referral
from pupils.services import ImportRefused, pupil_import_apply, pupil_import_preview
from pupils.tests.csv_samples import UPN_1, UPN_2, UPN_3
from pupils.tests.factories import PlacementFactory, PupilFactory, ReferralFactory, SchoolClassFactory, UserFactory
from pupils.upn import make_upn

pytestmark = pytest.mark.django_db

HEADER = "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,Class Teacher,FSM Eligible,SEN Status"
UPN_4 = make_upn(999, 4001, 19, 4)


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _preview(school, user, text):
    return pupil_import_preview(school=school, user=user, file_name="september.csv", csv_text=text)


@pytest.fixture
def ada(school, school_class):
    return PupilFactory(school=school, upn=UPN_1, legal_first_name="Ada", legal_last_name="Fernhollow",
                        date_of_birth=datetime.date(2019, 3, 14), gender="F", year_group=2, school_class=school_class)


def test_changes_are_shown_in_words(school, ada, class_teacher):
    preview = read_pupil_csv(_csv(f"{UPN_1},Fernhollow,Ada,14/03/2019,F,2,2T,,Y,K"), school)

    row = preview.rows[0]
    assert row.action == "update"
    assert row.change_texts == ["Free school meals: no → yes", "SEN: none → SEN support"]


def test_a_upn_that_would_change_name_birth_date_and_gender_is_a_likely_mismatch(school, ada):
    preview = read_pupil_csv(_csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N"), school)

    [row] = preview.mismatch_rows
    assert row.action == "mismatch" and preview.count_update == 0
    assert row.changed_identity == ["name", "date of birth", "gender"]
    assert "Legal first name: Ada → Zed" in row.change_texts
    assert "Date of birth: 14 Mar 2019 → 2 Nov 2017" in row.change_texts
    assert "Gender: female → male" in row.change_texts


def test_a_name_change_alone_is_an_ordinary_update(school, ada):
    preview = read_pupil_csv(_csv(f"{UPN_1},Fernhollow-Reed,Ada,14/03/2019,F,2,2T,,N,N"), school)
    assert preview.rows[0].action == "update" and not preview.mismatch_rows


def test_a_likely_mismatch_needs_a_decision_per_row(school, school_admin, ada):
    pupil_import, _ = _preview(school, school_admin, _csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N",
                                                          f"{UPN_2},Larkspur,Ben,02/11/2018,M,2,2T,,N,N"))
    with pytest.raises(ImportRefused, match="may be a different child"):
        pupil_import_apply(pupil_import=pupil_import, user=school_admin)
    assert Pupil.objects.get(pk=ada.pk).legal_first_name == "Ada"

    pupil_import_apply(pupil_import=pupil_import, user=school_admin, not_same_child=frozenset({UPN_1}))

    assert Pupil.objects.get(pk=ada.pk).legal_first_name == "Ada"  # left out: not overwritten
    assert Pupil.objects.filter(upn=UPN_2).exists()  # the rest of the file is imported


def test_a_confirmed_mismatch_is_applied(school, school_admin, ada):
    pupil_import, _ = _preview(school, school_admin, _csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N"))
    pupil_import_apply(pupil_import=pupil_import, user=school_admin, same_child=frozenset({UPN_1}))
    assert Pupil.objects.get(pk=ada.pk).legal_first_name == "Zed"


def test_the_preview_sets_mismatches_apart_and_the_form_carries_each_decision(client, school, school_admin, ada):
    client.force_login(school_admin)
    pupil_import, _ = _preview(school, school_admin, _csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N"))
    url = reverse("pupils:import-preview", args=[pupil_import.pk])

    page = client.get(url).content.decode()
    assert 'id="import-mismatches"' in page and "Gender: female → male" in page

    refused = client.post(url, follow=True).content.decode()
    assert "may be a different child" in refused
    client.post(url, {f"same-{UPN_1}": "no"})
    assert PupilImport.objects.get(pk=pupil_import.pk).status == PupilImport.Status.APPLIED
    assert Pupil.objects.get(pk=ada.pk).legal_first_name == "Ada"


def test_a_new_school_year_moves_classes_and_years_keeps_case_records_and_marks_leavers(
        client, school, school_admin, school_class, class_teacher, senco, group, ada):
    """September: 2T's pupils go up to 3T with a new teacher; one pupil has left; one joins."""
    placement = PlacementFactory(pupil=ada, group=group)
    ReferralFactory(pupil=ada, raised_by=senco)
    leaver = PupilFactory(school=school, upn=UPN_3, legal_first_name="Cara", legal_last_name="Mossley",
                          school_class=school_class)
    new_teacher = UserFactory(school=school, username="new_teacher", email="new.teacher@school.example",
                              roles=[Role.CLASS_TEACHER])
    old_3t = SchoolClassFactory(school=school, name="3T", year_group=3)
    old_3t.teachers.add(class_teacher)
    text = _csv(f"{UPN_1},Fernhollow,Ada,14/03/2019,F,3,3T,new.teacher@school.example,N,N",
                f"{UPN_4},Newby,Dara,01/05/2019,F,3,3T,new.teacher@school.example,N,N")
    pupil_import, preview = _preview(school, school_admin, text)

    assert [row.upn for row in preview.move_rows] == [UPN_1]
    assert preview.move_rows[0].change_texts == ["Year group: Year 2 → Year 3", "Class: 2T → 3T"]
    assert [row.upn for row in preview.joiner_rows] == [UPN_4]
    assert preview.not_in_file == [leaver]
    [change] = preview.class_changes
    assert (change.name, change.new_teachers) == ("3T", [str(new_teacher)])
    client.force_login(school_admin)
    page = client.get(reverse("pupils:import-preview", args=[pupil_import.pk])).content.decode()
    assert "on roll here but not in this file" in page and "Class: 2T → 3T" in page

    client.post(reverse("pupils:import-preview", args=[pupil_import.pk]),
                {"mark_leavers": "on", "left_on": "2027-08-31"})

    ada.refresh_from_db()
    assert (ada.school_class.name, ada.year_group) == ("3T", 3)
    assert Placement.objects.get(pk=placement.pk).pupil_id == ada.pk  # the case record is whole
    assert Referral.objects.filter(pupil=ada).count() == 1
    assert Pupil.objects.get(pk=leaver.pk).date_of_leaving == datetime.date(2027, 8, 31)
    assert list(old_3t.teachers.all()) == [new_teacher]

    # The new class teacher sees her class's nurture pupil on her first day; last year's teacher does not.
    client.force_login(new_teacher)
    assert "Ada" in client.get(reverse("dashboard", args=[Role.CLASS_TEACHER])).content.decode()
    client.force_login(class_teacher)
    assert "Ada Fernhollow" not in client.get(reverse("dashboard", args=[Role.CLASS_TEACHER])).content.decode()


def test_pupils_not_in_the_file_stay_on_roll_unless_the_admin_says_so(school, school_admin, ada):
    pupil_import, preview = _preview(school, school_admin, _csv(f"{UPN_2},Larkspur,Ben,02/11/2018,M,2,2T,,N,N"))
    assert preview.not_in_file == [ada]
    pupil_import_apply(pupil_import=pupil_import, user=school_admin)
    assert Pupil.objects.get(pk=ada.pk).date_of_leaving is None


def test_the_command_line_import_asks_for_an_answer_per_likely_mismatch(tmp_path, school, ada):
    from django.core.management import CommandError, call_command

    export = tmp_path / "september.csv"
    export.write_text(_csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N"))
    with pytest.raises(CommandError, match="may be a different child"):
        call_command("import_pupils", str(export), school=school.slug)
    call_command("import_pupils", str(export), school=school.slug, not_same_child=[UPN_1])
    assert Pupil.objects.get(pk=ada.pk).legal_first_name == "Ada"


def test_the_preview_query_count_does_not_grow_with_pupils_not_in_the_file(client, school, school_admin, ada,
                                                                           assert_flat_queries):
    pupil_import, _ = _preview(school, school_admin, _csv(f"{UPN_1},Bramble,Zed,02/11/2017,M,4,4T,,N,N"))
    client.force_login(school_admin)

    def grow():
        for _ in range(20):
            PupilFactory(school=school, school_class=SchoolClassFactory(school=school))

    assert_flat_queries(reverse("pupils:import-preview", args=[pupil_import.pk]), grow)
