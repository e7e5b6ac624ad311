"""Saving an import: all rows or none, matched by UPN, every change audited with old and new values."""

import pytest
from auditlog.models import LogEntry

from pupils.models import Pupil, PupilImport, SchoolClass
from pupils.services import ImportRefused, pupil_import_apply, pupil_import_preview
from pupils.tests.csv_samples import GOOD_SIMS, UPN_1, UPN_2, sims_csv


def _import(school, user, text):
    pupil_import, _ = pupil_import_preview(school=school, user=user, file_name="pupils.csv", csv_text=text)
    return pupil_import_apply(pupil_import=pupil_import, user=user)


@pytest.mark.django_db
def test_importing_creates_pupils_and_their_classes(school, school_admin):
    result = _import(school, school_admin, GOOD_SIMS)

    assert result.created_count == 3 and result.status == PupilImport.Status.APPLIED
    assert set(SchoolClass.objects.filter(school=school).values_list("name", flat=True)) == {"2T", "4T"}
    ada = Pupil.objects.get(upn=UPN_1)
    assert ada.school == school and ada.school_class.name == "2T" and ada.full_name == "Addie Fernhollow"
    assert result.csv_text == "", "the raw file is not kept once imported"


@pytest.mark.django_db
def test_importing_the_same_export_again_updates_instead_of_duplicating(school, school_admin):
    _import(school, school_admin, GOOD_SIMS)
    changed = GOOD_SIMS.replace(
        f"{UPN_2},Larkspur,Ben,,02/11/2018,M,2,2T,N", f"{UPN_2},Larkspur,Ben,,02/11/2018,M,3,3T,Y"
    )

    result = _import(school, school_admin, changed)

    assert Pupil.objects.filter(school=school).count() == 3
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 1, 2)
    ben = Pupil.objects.get(upn=UPN_2)
    assert ben.year_group == 3 and ben.school_class.name == "3T" and ben.free_school_meals
    entry = LogEntry.objects.filter(object_id=ben.pk, action=LogEntry.Action.UPDATE).get()
    assert entry.actor == school_admin
    assert entry.changes_dict["year_group"] == ["2", "3"]
    assert entry.changes_dict["school_class"] == ["2T", "3T"]


@pytest.mark.django_db
def test_a_file_with_one_bad_row_saves_nothing(school, school_admin):
    text = sims_csv(f"{UPN_1},Fernhollow,Ada,,14/03/2019,F,2,2T,Y,Y,N,K,N,", f"{UPN_2},,Ben,,bad,M,2,2T,N,N,N,N,N,")
    pupil_import, preview = pupil_import_preview(school=school, user=school_admin, file_name="x.csv", csv_text=text)

    assert not preview.is_valid
    with pytest.raises(ImportRefused, match="errors"):
        pupil_import_apply(pupil_import=pupil_import, user=school_admin)
    assert not Pupil.objects.exists() and not SchoolClass.objects.exists()


@pytest.mark.django_db
def test_an_import_cannot_be_applied_twice(school, school_admin):
    pupil_import, _ = pupil_import_preview(school=school, user=school_admin, file_name="x.csv", csv_text=GOOD_SIMS)
    pupil_import_apply(pupil_import=pupil_import, user=school_admin)

    with pytest.raises(ImportRefused, match="already"):
        pupil_import_apply(pupil_import=pupil_import, user=school_admin)


@pytest.mark.django_db
def test_each_created_pupil_has_an_audit_entry_on_their_trail(school, school_admin):
    _import(school, school_admin, GOOD_SIMS)

    ada = Pupil.objects.get(upn=UPN_1)
    entries = LogEntry.objects.filter(additional_data__pupil_id=ada.pk)
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE]
    assert entries[0].actor == school_admin
