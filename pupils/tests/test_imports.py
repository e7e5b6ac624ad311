"""Reading MIS exports: what the preview says, row by row, before anything is saved."""

import pytest

from pupils.imports import read_pupil_csv
from pupils.models import Gender, SenStatus, YearGroup
from pupils.tests.csv_samples import ARBOR_CSV, GOOD_SIMS, UPN_1, UPN_2, sims_csv
from pupils.tests.factories import PupilFactory


@pytest.mark.django_db
def test_a_sims_export_is_read_into_pupils_to_create(school):
    preview = read_pupil_csv(GOOD_SIMS, school)

    assert preview.is_valid
    assert [row.action for row in preview.rows] == ["create", "create", "create"]
    first = preview.rows[0].values
    assert first["legal_first_name"] == "Ada" and first["preferred_first_name"] == "Addie"
    assert first["year_group"] == YearGroup.Y2 and first["gender"] == Gender.FEMALE
    assert first["free_school_meals"] is True and first["sen_status"] == SenStatus.SEN_SUPPORT
    assert preview.rows[2].values["looked_after"] is True
    assert preview.rows[2].values["sen_status"] == SenStatus.EHC_PLAN
    assert preview.new_class_names == ["2T", "4T"]


@pytest.mark.django_db
def test_an_arbor_export_with_its_own_column_names_is_understood(school):
    preview = read_pupil_csv(ARBOR_CSV, school)

    assert preview.is_valid, preview.rows[0].errors
    row = preview.rows[0]
    assert row.upn == UPN_1 and row.values["date_of_birth"].isoformat() == "2019-03-14"
    assert row.values["pupil_premium"] is True and row.class_name == "2T"


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_row_number_and_what_is_wrong(school):
    bad_upn = "Z" + UPN_2[1:]
    text = sims_csv(
        f"{UPN_1},Fernhollow,Ada,,14/03/2019,F,2,2T,Y,Y,N,K,N,",
        f"{bad_upn},Larkspur,Ben,,31/02/2018,M,9,2T,maybe,N,N,N,N,",
        f"{UPN_1},,Cara,,20/06/2016,F,4,4T,N,N,N,N,N,",
    )

    preview = read_pupil_csv(text, school)

    assert not preview.is_valid
    assert [row.number for row in preview.error_rows] == [3, 4]
    row3 = " ".join(preview.rows[1].errors)
    assert f"check letter should be {UPN_2[0]}, not Z" in row3
    assert "'31/02/2018' is not a date" in row3
    assert "year group '9'" in row3
    assert "FSM 'maybe' should be Y or N" in row3
    row4 = " ".join(preview.rows[2].errors)
    assert f"UPN {UPN_1} is also on row 2" in row4 and "Legal Surname is empty" in row4


@pytest.mark.django_db
def test_missing_required_columns_are_named(school):
    preview = read_pupil_csv("UPN,Surname\nX,Y\n", school)

    assert not preview.is_valid
    assert "Legal Forename" in preview.file_errors[0] and "DOB" in preview.file_errors[0]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "UPN,Legal Surname,Legal Forename,DOB,Year,Gender\n"])
def test_an_empty_file_is_refused_with_a_reason(school, text):
    preview = read_pupil_csv(text, school)

    assert not preview.is_valid and preview.file_errors


@pytest.mark.django_db
def test_a_pupil_already_on_the_system_is_matched_by_upn_and_shows_what_changes(school, school_class):
    PupilFactory(school=school, upn=UPN_1, legal_first_name="Ada", legal_last_name="Fernhollow",
                 date_of_birth="2019-03-14", year_group=1, school_class=school_class, gender="F")

    preview = read_pupil_csv(GOOD_SIMS, school)

    row = preview.rows[0]
    assert row.action == "update"
    assert row.changes["year_group"] == (1, 2)
    assert "legal_first_name" not in row.changes


@pytest.mark.django_db
def test_the_same_upn_in_another_school_does_not_count_as_a_match(school, other_school):
    PupilFactory(school=other_school, upn=UPN_1)

    preview = read_pupil_csv(GOOD_SIMS, school)

    assert preview.rows[0].action == "create"


@pytest.mark.django_db
def test_a_class_teacher_column_must_name_a_member_of_staff(school, class_teacher):
    text = (
        "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,Class Teacher\n"
        f"{UPN_1},Fernhollow,Ada,14/03/2019,F,2,2T,{class_teacher.email}\n"
        f"{UPN_2},Larkspur,Ben,02/11/2018,M,2,2T,nobody@nowhere.example\n"
    )

    preview = read_pupil_csv(text, school)

    assert preview.rows[0].class_teacher == class_teacher
    assert "nobody@nowhere.example" in preview.rows[1].errors[0]
