"""Create a school (if it is new) and its first school admin: the first step after installing.

    python manage.py create_school_admin --school "Oakfield Primary" --slug oakfield \
        --trust "Demo Learning Trust" --username j.smith --email j.smith@oakfield.example

The password is asked for twice (or read from NURTURE_ADMIN_PASSWORD, for scripted installs) and must
pass the password rules. The admin sets up their second factor at first sign-in, then adds the staff.
A trust's data team signs in to Django's admin with `createsuperuser` instead.
"""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import Role, School, StaffRole


class Command(BaseCommand):
    help = "Create a school (if new) and its first school admin account."

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="The school's name")
        parser.add_argument("--slug", required=True, help="A short name for the school in addresses, e.g. oakfield")
        parser.add_argument("--trust", default="", help="The multi-academy trust, if any")
        parser.add_argument("--urn", default="", help="The school's unique reference number")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def _password(self, user) -> str:
        password = os.environ.get("NURTURE_ADMIN_PASSWORD")
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords did not match.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"There is already a user called {options['username']}.")
        with transaction.atomic():
            school, created = School.objects.get_or_create(
                slug=options["slug"], defaults={"name": options["school"], "trust": options["trust"],
                                                "urn": options["urn"]})
            user = User(username=options["username"], email=options["email"], school=school,
                        first_name=options["first_name"], last_name=options["last_name"], job_title="School admin")
            user.set_password(self._password(user))
            user.full_clean()
            user.save()
            StaffRole.objects.create(user=user, role=Role.SCHOOL_ADMIN)
        verb = "Created school" if created else "Added to the existing school"
        self.stdout.write(self.style.SUCCESS(f"{verb} {school.name} ({school.slug}); school admin {user.username} "
                                             "can sign in and will set up a second factor first."))
