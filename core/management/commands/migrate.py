"""`migrate`, first recording the ground floor's state-only move on databases made before it."""

from django.core.management.commands.migrate import Command as DjangoMigrate

from core.migrations_adoption import record_adoption


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if record_adoption(options["database"]) and options["verbosity"] >= 1:
            self.stdout.write("Recorded core.0001_initial (school and staff moved to the ground floor) as applied.")
        return super().handle(*args, **options)
