"""Create the synthetic demo school and print a login for each role. Running it twice changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand

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
]


class Command(BaseCommand):
    help = "Create the synthetic demo school (invented names only) and print the demo logins."

    def handle(self, *args, **options):
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
