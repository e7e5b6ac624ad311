"""The pupils pages as their users meet them."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pupils.models import Pupil, PupilImport
from pupils.tests.csv_samples import GOOD_SIMS, UPN_1, sims_csv
from pupils.tests.factories import PlacementFactory, PupilFactory, SchoolClassFactory


def _upload(client, text: str, name: str = "export.csv"):
    return client.post(reverse("pupils:import-upload"), {"file": SimpleUploadedFile(name, text.encode())})


@pytest.mark.django_db
def test_school_admin_previews_then_confirms_an_import(client, school_admin):
    client.force_login(school_admin)

    response = _upload(client, GOOD_SIMS)
    preview_url = response.url
    page = client.get(preview_url).content.decode()

    assert "3 to add" in page and "Import 3 pupils" in page
    assert not Pupil.objects.exists(), "nothing is saved before confirming"
    response = client.post(preview_url, follow=True)
    assert "Import complete: 3 pupils added, 0 updated, 0 unchanged." in response.content.decode()
    assert Pupil.objects.filter(school=school_admin.school).count() == 3


@pytest.mark.django_db
def test_a_preview_with_errors_lists_rows_and_offers_no_confirm_button(client, school_admin):
    client.force_login(school_admin)
    text = sims_csv(f"{UPN_1},Fernhollow,Ada,,14/13/2019,F,2,2T,Y,Y,N,K,N,")

    page = client.get(_upload(client, text).url).content.decode()

    assert "Nothing has been saved" in page and "&#x27;14/13/2019&#x27; is not a date" in page
    assert "Import 1 pupils" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("pupils.xlsx", b"UPN\n", "Please choose a .csv file"),
    ("pupils.csv", b"\x00\x01binary", "not a CSV text file"),
])
def test_uploads_that_are_not_csv_are_refused_with_a_reason(client, school_admin, name, content, message):
    client.force_login(school_admin)

    response = client.post(reverse("pupils:import-upload"), {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200 and message in response.content.decode()
    assert not PupilImport.objects.exists()


@pytest.mark.django_db
def test_an_oversized_upload_is_refused(client, school_admin, settings):
    settings.IMPORT_MAX_BYTES = 100
    client.force_login(school_admin)

    response = _upload(client, GOOD_SIMS)

    assert "larger than 2 MB" in response.content.decode()


@pytest.mark.django_db
def test_the_import_preview_runs_the_same_number_of_queries_for_3_or_300_rows(
    client, school_admin, django_assert_max_num_queries
):
    client.force_login(school_admin)
    small_url = _upload(client, GOOD_SIMS).url
    many = sims_csv(*[
        f"{PupilFactory.build().upn},Name{n},Pupil,,14/03/2019,F,2,2T,N,N,N,N,N," for n in range(300)
    ])
    large_url = _upload(client, many).url
    with django_assert_max_num_queries(12):
        client.get(small_url)
    with django_assert_max_num_queries(12):
        client.get(large_url)


@pytest.mark.django_db
def test_class_teacher_lists_only_pupils_of_their_own_class(client, class_teacher, pupil, school):
    stranger = PupilFactory(school=school, school_class=SchoolClassFactory(school=school), legal_last_name="Stranger")
    client.force_login(class_teacher)

    page = client.get(reverse("pupils:pupil-list")).content.decode()

    assert pupil.legal_last_name in page and stranger.legal_last_name not in page


@pytest.mark.django_db
def test_pupil_list_is_searchable_by_name_and_upn_and_paged(client, senco, school, school_class):
    PupilFactory.create_batch(60, school=school, school_class=school_class)
    findable = PupilFactory(
        school=school, school_class=school_class, legal_first_name="Wren", legal_last_name="Zebedee"
    )
    client.force_login(senco)

    first_page = client.get(reverse("pupils:pupil-list")).content.decode()
    by_name = client.get(reverse("pupils:pupil-list"), {"q": "wren zeb"}).content.decode()
    by_upn = client.get(reverse("pupils:pupil-list"), {"q": findable.upn.lower()}).content.decode()

    assert "61 pupils" in first_page and "Page 1 of 2" in first_page
    assert "1 pupil." in by_name and "Zebedee" in by_name
    assert "Zebedee" in by_upn


@pytest.mark.django_db
def test_pupil_list_query_count_does_not_grow_with_pupils(client, senco, school, school_class, group,
                                                         django_assert_max_num_queries):
    client.force_login(senco)
    PlacementFactory(pupil=PupilFactory(school=school, school_class=school_class), group=group)
    with django_assert_max_num_queries(11):  # 10 to read, 1 to write the audit entry naming the pupils shown
        client.get(reverse("pupils:pupil-list"))
    for pupil in PupilFactory.create_batch(40, school=school, school_class=school_class):
        PlacementFactory(pupil=pupil, group=group)
    with django_assert_max_num_queries(11):
        client.get(reverse("pupils:pupil-list"))


@pytest.mark.django_db
def test_viewing_a_pupil_is_recorded_on_their_audit_trail(client, senco, placed_pupil):
    client.force_login(senco)

    page = client.get(reverse("pupils:pupil-detail", args=[placed_pupil.pk])).content.decode()

    assert "The Tree House" in page
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, additional_data__pupil_id=placed_pupil.pk)
    assert entry.actor == senco and entry.additional_data["page"] == "case page"


@pytest.mark.django_db
def test_the_audit_trail_shows_who_changed_what_from_old_to_new(client, senco, senior_leader, pupil):
    client.force_login(senco)
    form = {
        "legal_first_name": "Ada", "legal_last_name": "Quill", "preferred_first_name": "Addie",
        "date_of_birth": "2019-03-14", "upn": pupil.upn, "year_group": 2, "school_class": pupil.school_class_id,
        "gender": "F", "sen_status": "K",
    }
    response = client.post(reverse("pupils:pupil-edit", args=[pupil.pk]), form)
    assert response.status_code == 302
    client.force_login(senior_leader)

    trail = client.get(reverse("pupils:pupil-audit", args=[pupil.pk])).content.decode()

    assert "<strong>Preferred first name</strong>: – → Addie" in trail
    assert "<strong>SEN status</strong>: No SEN → SEN support" in trail
    assert "Senco" in trail  # the senco persona's name, as the one who changed it


@pytest.mark.django_db
def test_a_mistyped_upn_is_refused_with_the_right_check_letter_and_the_form_keeps_the_input(client, senco, pupil):
    client.force_login(senco)
    wrong = ("A" if pupil.upn[0] != "A" else "B") + pupil.upn[1:]
    form = {
        "legal_first_name": "Adelaide", "legal_last_name": "Quill", "date_of_birth": "2019-03-14", "upn": wrong,
        "year_group": 2, "gender": "F", "sen_status": "N",
    }

    response = client.post(reverse("pupils:pupil-edit", args=[pupil.pk]), form)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"The check letter should be {pupil.upn[0]}, not {wrong[0]}" in page
    assert 'value="Adelaide"' in page
    pupil.refresh_from_db()
    assert pupil.legal_first_name == "Ada"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["pupils:pupil-detail", "pupils:pupil-audit", "pupils:group-detail",
                                  "pupils:group-list"])
def test_pupil_and_group_pages_run_as_many_queries_for_thirty_pupils_as_for_one(
    client, senco, school, school_class, group, page, assert_flat_queries
):
    first = PupilFactory(school=school, school_class=school_class)
    PlacementFactory(pupil=first, group=group)
    client.force_login(senco)
    kwargs = {"pupil_pk": first.pk} if page.startswith("pupils:pupil") else {"pk": group.pk}
    if page == "pupils:group-list":
        kwargs = {}

    def grow():
        for pupil in PupilFactory.create_batch(30, school=school, school_class=school_class):
            PlacementFactory(pupil=pupil, group=group)
        for _ in range(30):  # thirty more views, and so thirty more entries on the audit trail
            client.get(reverse("pupils:pupil-detail", args=[first.pk]))

    assert_flat_queries(reverse(page, kwargs=kwargs), grow)
