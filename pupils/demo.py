"""The synthetic demo school: invented names, generated from a fixed seed so it is the same every time."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from .models import (
    GroupSession,
    KeyStage,
    NurtureGroup,
    Placement,
    Pupil,
    Role,
    School,
    SchoolClass,
    SenStatus,
    StaffRole,
    User,
)
from .upn import make_upn

DEMO_SLUG = "oakfield"
DEMO_PASSWORD = "nurture-demo-2026"
DEMO_LOGINS = [
    # username, first name, last name, roles, job title
    ("senco", "Priya", "Marchbank", [Role.SENCO], "SENCO"),
    ("nurture", "Sam", "Hollowell", [Role.NURTURE_STAFF], "Nurture group teacher"),
    ("teacher", "Jo", "Fenwright", [Role.CLASS_TEACHER], "Class teacher, 2A"),
    ("head", "Dana", "Okonkwo-Reed", [Role.SENIOR_LEADER], "Headteacher"),
    ("governor", "Alex", "Pembury", [Role.GOVERNOR], "SEND governor"),
    ("admin", "Chris", "Tallis", [Role.SCHOOL_ADMIN], "School business manager"),
]
FIRST_NAMES = [
    "Ava", "Ben", "Cara", "Dev", "Ella", "Finn", "Gus", "Hana", "Isla", "Jude", "Kit", "Lena", "Milo", "Nia",
    "Ollie", "Pia", "Remy", "Sana", "Theo", "Uma", "Vic", "Wren", "Yusuf", "Zara", "Alfie", "Bea", "Cole",
    "Daisy", "Eli", "Faye", "Kai", "Lola", "Max", "Noor", "Otis", "Ruby", "Seb", "Tia", "Ezra", "Ivy",
]
# Invented surnames: no real child is named in demo data.
SURNAMES = [
    "Applewick", "Brambleton", "Cloudsley", "Dunmoor", "Elmstead", "Fernhollow", "Gorsefield", "Hazelby",
    "Ivybridge", "Juniperton", "Kestrelby", "Larkspur", "Mossley", "Nettlecombe", "Oakhurst", "Pebblebrook",
    "Quarrymoor", "Rookwood", "Sorrelton", "Thistlewood", "Underbrook", "Violetby", "Willowmere", "Yarrowfield",
]
CLASSES = [("RA", 0), ("RB", 0), ("1A", 1), ("1B", 1), ("2A", 2), ("2B", 2), ("3", 3), ("4", 4),
           ("5A", 5), ("5B", 5), ("6A", 6), ("6B", 6)]
PUPILS_PER_CLASS = 25
GROUP_NAME = "The Tree House"


def academic_year_start(today: datetime.date) -> int:
    """Return the calendar year in which the current academic year began (September)."""
    return today.year if today.month >= 9 else today.year - 1


@transaction.atomic
def seed_school() -> tuple[School, bool]:
    """Create the demo school once; return it and whether it was created now."""
    school, created = School.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={"name": "Oakfield Primary School (demo)", "urn": "999001", "trust": "Demo Learning Trust"},
    )
    if not created:
        return school, False
    rng = random.Random(2026)
    today = timezone.localdate()
    year_start = academic_year_start(today)

    users = {}
    for username, first, last, roles, title in DEMO_LOGINS:
        user = User.objects.create_user(
            username=username, email=f"{username}@oakfield.example", password=DEMO_PASSWORD,
            first_name=first, last_name=last, school=school, job_title=title,
        )
        StaffRole.objects.bulk_create([StaffRole(user=user, role=role) for role in roles])
        users[username] = user
    teaching_assistant = User.objects.create_user(
        username="ta", email="ta@oakfield.example", password=DEMO_PASSWORD, first_name="Robin", last_name="Ashdown",
        school=school, job_title="Nurture teaching assistant",
    )
    StaffRole.objects.create(user=teaching_assistant, role=Role.NURTURE_STAFF)

    classes = []
    for index, (name, year) in enumerate(CLASSES):
        school_class = SchoolClass.objects.create(school=school, name=name, year_group=year)
        if name == "2A":
            teacher = users["teacher"]
        else:
            teacher = User.objects.create_user(
                username=f"teacher{name.lower()}", email=f"teacher{name.lower()}@oakfield.example",
                password=DEMO_PASSWORD, first_name=rng.choice(FIRST_NAMES), last_name=SURNAMES[index],
                school=school, job_title=f"Class teacher, {name}",
            )
            StaffRole.objects.create(user=teacher, role=Role.CLASS_TEACHER)
        school_class.teachers.add(teacher)
        classes.append(school_class)

    pupils = []
    serial = 0
    for school_class in classes:
        born_from = datetime.date(year_start - 5 - school_class.year_group, 9, 1)
        for _ in range(PUPILS_PER_CLASS):
            serial += 1
            born = born_from + datetime.timedelta(days=rng.randrange(365))
            pupils.append(Pupil(
                school=school,
                legal_first_name=rng.choice(FIRST_NAMES),
                legal_last_name=rng.choice(SURNAMES),
                date_of_birth=born,
                upn=make_upn(999, 2001, (born.year + 4) % 100, serial),
                year_group=school_class.year_group,
                school_class=school_class,
                gender=rng.choice("FM"),
                pupil_premium=rng.random() < 0.25,
                free_school_meals=rng.random() < 0.2,
                eal=rng.random() < 0.15,
                sen_status=rng.choices([SenStatus.NONE, SenStatus.SEN_SUPPORT, SenStatus.EHC_PLAN], [80, 17, 3])[0],
                looked_after=rng.random() < 0.01,
                date_of_entry=datetime.date(year_start - school_class.year_group, 9, 1),
            ))
    Pupil.objects.bulk_create(pupils)

    group = NurtureGroup.objects.create(school=school, name=GROUP_NAME, capacity=10, key_stage=KeyStage.EYFS_KS1,
                                        room="Room 4, by the garden")
    group.staff.add(users["nurture"], teaching_assistant)
    GroupSession.objects.bulk_create([
        GroupSession(group=group, weekday=day, starts_at=datetime.time(9, 0), ends_at=datetime.time(12, 0))
        for day in range(4)
    ])
    # Nine pupils from Reception to Year 2, three of them from the demo teacher's class 2A.
    ks1 = list(Pupil.objects.filter(school=school, year_group__lte=2).exclude(school_class__name="2A").order_by("pk"))
    class_2a = list(Pupil.objects.filter(school=school, school_class__name="2A").order_by("pk"))
    members = rng.sample(ks1, 6) + class_2a[:3]
    start = datetime.date(year_start, 9, 15)
    Placement.objects.bulk_create([
        Placement(school=school, pupil=pupil, group=group, start_date=start,
                  expected_end_date=start + datetime.timedelta(weeks=36), sessions_per_week=4)
        for pupil in members
    ])
    for pupil in members:
        if pupil.sen_status == SenStatus.NONE:
            pupil.sen_status = SenStatus.SEN_SUPPORT
            pupil.save(update_fields=["sen_status"])
    return school, True


def seed_referrals(school: School) -> None:
    """Add referrals at every stage to the demo school, once."""
