"""Print the current two-factor code of a demo user (demo school only: real accounts have secret keys)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from privacy.demo import current_code
from pupils.demo import DEMO_SLUG
from pupils.models import User


class Command(BaseCommand):
    help = "Print the current authenticator code of a user of the demo school."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # The demo school's users, and the leader of the trust the demo school belongs to.
        demo = Q(school__slug=DEMO_SLUG) | Q(trust__isnull=False, trust__schools__slug=DEMO_SLUG)
        if not User.objects.filter(demo, username=username).exists():
            raise CommandError(f"'{username}' is not a user of the demo school.")
        self.stdout.write(current_code(username))
