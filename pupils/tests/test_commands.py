"""The command-line import and the demo school."""

import pytest
from django.core.management import CommandError, call_command

from pupils.demo import DEMO_PASSWORD, DEMO_SLUG
from pupils.models import NurtureGroup, Placement, Pupil, Role, School, SchoolClass, StaffRole, User
from pupils.tests.csv_samples import GOOD_SIMS, UPN_1, sims_csv


@pytest.mark.django_db
def test_import_command_imports_a_file_and_a_second_run_updates(tmp_path, school, capsys):
    export = tmp_path / "sims.csv"
    export.write_text(GOOD_SIMS)

    call_command("import_pupils", str(export), school="testbrook")
    call_command("import_pupils", str(export), school="testbrook")

    out = capsys.readouterr().out
    assert "Imported: 3 added, 0 updated, 0 unchanged." in out
    assert "Imported: 0 added, 0 updated, 3 unchanged." in out
    assert Pupil.objects.filter(school=school).count() == 3


@pytest.mark.django_db
def test_import_command_refuses_a_file_with_errors_and_names_the_row(tmp_path, school, capsys):
    export = tmp_path / "sims.csv"
    export.write_text(sims_csv(f"{UPN_1},Fernhollow,Ada,,14/03/2019,F,12,2T,Y,Y,N,K,N,"))

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_pupils", str(export), school="testbrook")

    assert "Row 2" in capsys.readouterr().err
    assert not Pupil.objects.exists()


@pytest.mark.django_db
def test_import_command_dry_run_saves_nothing(tmp_path, school, capsys):
    export = tmp_path / "sims.csv"
    export.write_text(GOOD_SIMS)

    call_command("import_pupils", str(export), school="testbrook", dry_run=True)

    assert "Dry run, nothing saved: 3 to add" in capsys.readouterr().out
    assert not Pupil.objects.exists()


@pytest.mark.django_db
def test_import_command_names_an_unknown_school():
    with pytest.raises(CommandError, match="No school has the slug 'nowhere'"):
        call_command("import_pupils", "x.csv", school="nowhere")


@pytest.mark.django_db
def test_seed_demo_builds_a_school_with_every_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    counts = (School.objects.count(), Pupil.objects.count(), SchoolClass.objects.count(), User.objects.count(),
              Placement.objects.count())
    call_command("seed_demo")

    assert (School.objects.count(), Pupil.objects.count(), SchoolClass.objects.count(), User.objects.count(),
            Placement.objects.count()) == counts
    demo = School.objects.get(slug=DEMO_SLUG)
    assert Pupil.objects.for_school(demo).on_roll().count() == 300
    assert SchoolClass.objects.for_school(demo).count() == 12
    assert set(StaffRole.objects.values_list("role", flat=True)) == set(Role.values)
    group = NurtureGroup.objects.for_school(demo).get()
    assert 8 <= Placement.objects.in_group_on().filter(group=group).count() <= 10
    out = capsys.readouterr().out
    for username in ("senco", "nurture", "teacher", "head", "governor", "admin"):
        assert f" {username} " in out
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_seed_demo_refuses_production_settings_unless_told_it_is_a_demo_install(settings):
    settings.PRODUCTION = True
    settings.DEMO_INSTALL = False
    with pytest.raises(CommandError, match="--demo-install"):
        call_command("seed_demo")
    assert not School.objects.exists()

    call_command("seed_demo", "--demo-install", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert School.objects.exists()


def test_production_settings_say_they_are_production():
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; print(settings.PRODUCTION)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nurture.settings.production",
           "SECRET_KEY": "x" * 60}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
