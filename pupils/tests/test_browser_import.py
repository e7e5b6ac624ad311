"""The school admin imports the MIS export in the browser: preview, fix, confirm."""

import pytest

from pupils.models import Pupil
from pupils.tests.csv_samples import GOOD_SIMS, UPN_1, sims_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_school_admin_fixes_a_bad_row_and_imports_the_whole_file(sign_in, live_server, school_admin, tmp_path,
                                                                  check_accessibility):
    bad = tmp_path / "bad.csv"
    bad.write_text(sims_csv(f"{UPN_1},Fernhollow,Ada,,31/02/2019,F,2,2T,Y,Y,N,K,N,"))
    good = tmp_path / "good.csv"
    good.write_text(GOOD_SIMS)
    page = sign_in(school_admin)

    page.get_by_role("link", name="Import pupils").first.click()
    page.get_by_label("MIS export (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Preview the import").click()
    assert "Nothing has been saved" in page.content()
    assert page.locator("#import-errors").get_by_text("'31/02/2019' is not a date").is_visible()
    check_accessibility()
    assert not Pupil.objects.exists()

    page.goto(f"{live_server.url}/import/")
    page.get_by_label("MIS export (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Preview the import").click()
    assert "3 to add" in page.locator("#import-summary").inner_text()
    check_accessibility()
    page.get_by_role("button", name="Import 3 pupils").click()

    assert "Import complete: 3 pupils added" in page.content()
    assert Pupil.objects.filter(school=school_admin.school).count() == 3


def test_september_import_shows_the_moves_and_a_wrong_upn_needs_an_answer(sign_in, live_server, school_admin,
                                                                         school, school_class, tmp_path,
                                                                         check_accessibility):
    import datetime

    from pupils.tests.csv_samples import UPN_2, UPN_3
    from pupils.tests.factories import PupilFactory

    ada = PupilFactory(school=school, upn=UPN_1, legal_first_name="Ada", legal_last_name="Fernhollow",
                       date_of_birth=datetime.date(2019, 3, 14), gender="F", year_group=2, school_class=school_class)
    ben = PupilFactory(school=school, upn=UPN_2, legal_first_name="Ben", legal_last_name="Larkspur",
                       date_of_birth=datetime.date(2018, 11, 2), gender="M", year_group=2, school_class=school_class)
    leaver = PupilFactory(school=school, upn=UPN_3, legal_first_name="Cara", legal_last_name="Mossley",
                          school_class=school_class)
    september = tmp_path / "september.csv"
    september.write_text(
        "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,FSM Eligible\n"
        f"{UPN_1},Fernhollow,Ada,14/03/2019,F,3,3T,Y\n"
        f"{UPN_2},Quarry,Zeb,05/05/2016,F,3,3T,N\n")
    page = sign_in(school_admin)

    page.goto(f"{live_server.url}/import/")
    page.get_by_label("MIS export (CSV)").set_input_files(str(september))
    page.get_by_role("button", name="Preview the import").click()
    mismatches = page.locator("#import-mismatches")
    assert "Gender: male → female" in mismatches.inner_text()
    assert "Class: 2T → 3T" in page.locator("#import-moves").inner_text()
    assert "Free school meals: no → yes" in page.content()
    assert "Cara Mossley" in page.locator("#import-not-in-file").inner_text()
    check_accessibility()

    page.get_by_role("button", name="Import 2 pupils").click()  # no answer yet: the browser asks for one
    assert page.url.endswith("/import/") is False and mismatches.is_visible()
    page.get_by_label("Not the same child: leave this row out").check()
    page.get_by_label("Mark them as having left on").check()
    page.get_by_role("button", name="Import 2 pupils").click()
    assert "Import complete" in page.content()

    ada.refresh_from_db()
    ben.refresh_from_db()
    leaver.refresh_from_db()
    assert (ada.school_class.name, ada.year_group, ada.free_school_meals) == ("3T", 3, True)
    assert ben.legal_first_name == "Ben"
    assert leaver.date_of_leaving == datetime.date.today()
