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
