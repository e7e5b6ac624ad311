"""Create the synthetic demo school and print a login for each role. Running it twice changes nothing."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pupils.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_school

# Each later part of the product adds its demo history here, in the order a pupil lives it.
DEMO_SEEDERS: list[str] = [
    "pupils.demo.seed_referrals",
    "assessments.demo.seed",
    "targets.demo.seed",
    "reintegration.demo.seed",
    "privacy.demo.seed",
    "casework.demo.seed",
    "reports.demo.seed",
    "trusts.demo.seed",
    "staff.demo.seed",
]


class Command(BaseCommand):
    help = "Create the synthetic demo school (invented names only) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-install", action="store_true",
            help="Run with production settings anyway: this install is a demonstration, never a school's.")

    def handle(self, *args, **options):
        if settings.PRODUCTION and not (options["demo_install"] or settings.DEMO_INSTALL):
            raise CommandError(
                "seed_demo creates accounts whose password is published in the README: it does not run with "
                "production settings. If this install is only a demonstration, run it with --demo-install "
                "(or set NURTURE_DEMO_INSTALL=1).")
        school, created = seed_school()
        for dotted in DEMO_SEEDERS:
            module_name, function_name = dotted.rsplit(".", 1)
            getattr(import_module(module_name), function_name)(school)
        verb = "Created" if created else "Kept the existing"
        self.stdout.write(self.style.SUCCESS(f"{verb} demo school: {school.name}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, first, last, roles, _title in DEMO_LOGINS:
            labels = ", ".join(role.label for role in roles)
            self.stdout.write(f"  {labels:<16} {username:<10} ({first} {last})")
        for line in import_module("privacy.demo").login_lines(school):
            self.stdout.write(line)
        for line in import_module("trusts.demo").login_lines():
            self.stdout.write(line)
        for line in import_module("staff.demo").login_lines():
            self.stdout.write(line)
