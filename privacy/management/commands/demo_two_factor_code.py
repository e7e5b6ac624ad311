"""Print the current two-factor code of a demo user (demo school only: real accounts have secret keys)."""

from django.core.management.base import BaseCommand, CommandError

from privacy.demo import current_code
from pupils.demo import DEMO_SLUG
from pupils.models import User


class Command(BaseCommand):
    help = "Print the current authenticator code of a user of the demo school."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not User.objects.filter(username=username, school__slug=DEMO_SLUG).exists():
            raise CommandError(f"'{username}' is not a user of the demo school.")
        self.stdout.write(current_code(username))
