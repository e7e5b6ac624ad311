"""The synthetic demo school: invented names, generated from a fixed seed so it is the same every time."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import (
    GroupSession,
    KeyStage,
    NurtureGroup,
    ParentContact,
    Placement,
    PlacementEvent,
    Pupil,
    Referral,
    ReferralEvent,
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
        defaults={"name": "Oakfield Primary School (demo)", "urn": "999001"},
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


NEED_MIX = [["acting_out"], ["withdrawn"], ["restless"], ["acting_out", "restless"], ["withdrawn"],
            ["restless"], ["acting_out"], ["withdrawn", "restless"], ["restless"]]
DEMO_DESCRIPTORS = {
    "acting_out": "Shouts out, throws equipment when frustrated, struggles at transitions.",
    "restless": "Cannot settle for more than a few minutes; constantly seeks an adult's attention.",
    "withdrawn": "Very quiet, rarely speaks to adults, plays alone at break.",
}


def _demo_referral(school, pupil, raised_by, needs, raised_at, **fields) -> Referral:
    referral = Referral(school=school, pupil=pupil, raised_by=raised_by, raised_at=raised_at,
                        stage_changed_at=raised_at,
                        descriptors=" ".join(DEMO_DESCRIPTORS[kind] for kind in needs),
                        tried_already="Visual timetable, a calm corner, a daily check-in with the TA.", **fields)
    referral.needs = needs
    referral.full_clean()
    referral.save()
    return referral


def _evidence(rng) -> dict:
    return {
        "class_observation": "Observed in a literacy lesson: on task for 6 of 20 minutes.",
        "attendance_percent": Decimal(str(round(rng.uniform(84, 97), 1))),
        "exclusions_so_far": rng.choice([0, 0, 1]),
        "current_attainment": "Working towards the expected standard in reading and writing.",
    }


def _consent(day: datetime.date) -> dict:
    return {"consent_given_by": "Parent (at a meeting)", "consent_given_on": day, "consent_method": "meeting"}


@transaction.atomic
def seed_referrals(school: School) -> None:
    """Add referrals at every stage to the demo school, and a referral behind each demo placement; once."""
    if Referral.objects.filter(school=school).exists():
        return
    rng = random.Random(3)
    senco = User.objects.get(school=school, username="senco")
    head = User.objects.get(school=school, username="head")
    group = NurtureGroup.objects.get(school=school, name=GROUP_NAME)
    now = timezone.now()

    def event(referral, actor, text, when):
        ReferralEvent.objects.create(school=school, pupil=referral.pupil, referral=referral, actor=actor,
                                     text=text, at=when)

    def teacher_of(pupil):
        return pupil.school_class.teachers.first() if pupil.school_class else senco

    # The group's existing members came through the panel too.
    placements = Placement.objects.filter(school=school, group=group, referral__isnull=True).select_related(
        "pupil__school_class")
    for index, placement in enumerate(placements.order_by("pk")):
        start = placement.start_date
        raised = timezone.make_aware(datetime.datetime.combine(start - datetime.timedelta(weeks=10),
                                                               datetime.time(15, 30)))
        teacher = teacher_of(placement.pupil)
        referral = _demo_referral(
            school, placement.pupil, teacher, NEED_MIX[index % len(NEED_MIX)], raised, stage=Referral.Stage.DECIDED,
            outcome=Referral.Outcome.PLACED, decided_on=start - datetime.timedelta(weeks=2), group=group,
            **_evidence(rng), **_consent(start - datetime.timedelta(weeks=4)),
        )
        event(referral, teacher, "Concern raised.", raised)
        event(referral, senco, "Panel decision: placed.", raised + datetime.timedelta(weeks=8))
        placement.referral = referral
        placement.first_review_date = placement.next_review_date = start + datetime.timedelta(weeks=8)
        placement.lessons_kept_in_class = "PE and music with the class"
        placement.save()
        PlacementEvent.objects.create(school=school, pupil=placement.pupil, placement=placement, actor=senco,
                                      kind=PlacementEvent.Kind.PLACED, text=f"Placed in {group.name}.",
                                      at=raised + datetime.timedelta(weeks=8))

    placed_ids = Placement.objects.filter(school=school).values_list("pupil_id", flat=True)
    candidates = list(Pupil.objects.filter(school=school).exclude(pk__in=placed_ids)
                      .select_related("school_class").order_by("school_class__name", "pk"))
    class_2a = [pupil for pupil in candidates if pupil.school_class and pupil.school_class.name == "2A"]
    others = [pupil for pupil in candidates if pupil not in class_2a]
    chosen = class_2a[:2] + rng.sample(others, 8)
    plan = [
        # stage, outcome, needs, days ago
        (Referral.Stage.CONCERN, "", ["withdrawn"], 3),
        (Referral.Stage.EVIDENCE, "", ["acting_out", "restless"], 12),
        (Referral.Stage.CONCERN, "", ["restless"], 1),
        (Referral.Stage.PARENTS, "", ["acting_out"], 20),
        (Referral.Stage.PANEL, "", ["withdrawn"], 30),
        (Referral.Stage.DECIDED, Referral.Outcome.WAIT_LISTED, ["acting_out"], 45),
        (Referral.Stage.DECIDED, Referral.Outcome.WAIT_LISTED, ["restless", "withdrawn"], 40),
        (Referral.Stage.DECIDED, Referral.Outcome.OTHER_SUPPORT, ["restless"], 50),
        (Referral.Stage.DECIDED, Referral.Outcome.DECLINED, ["acting_out"], 60),
        (Referral.Stage.WITHDRAWN, "", ["withdrawn"], 35),
    ]
    priority = 0
    for pupil, (stage, outcome, needs, days_ago) in zip(chosen, plan, strict=True):
        raised = now - datetime.timedelta(days=days_ago)
        teacher = teacher_of(pupil)
        fields: dict = {"stage": stage, "outcome": outcome}
        if stage != Referral.Stage.CONCERN:
            partial = {"attendance_percent": Decimal("89.0")}
            fields.update(_evidence(rng) if stage != Referral.Stage.EVIDENCE else partial)
        if stage in (Referral.Stage.PANEL, Referral.Stage.DECIDED):
            fields.update(_consent((raised + datetime.timedelta(days=7)).date()))
        if outcome:
            fields["decided_on"] = (raised + datetime.timedelta(days=21)).date()
        if outcome == Referral.Outcome.WAIT_LISTED:
            priority += 1
            fields.update(group=group, wait_list_priority=priority)
        elif outcome == Referral.Outcome.OTHER_SUPPORT:
            fields.update(other_support="Lunchtime social skills club, twice a week",
                          other_support_by="Mrs Ashdown (TA)")
        elif outcome == Referral.Outcome.DECLINED:
            fields["decline_reason"] = "Needs are being met in class with the new behaviour plan."
        elif stage == Referral.Stage.WITHDRAWN:
            fields["withdrawn_reason"] = "The family moved out of the area."
        if stage == Referral.Stage.CONCERN and pupil.school_class and pupil.school_class.name == "2A":
            fields["home_circumstances"] = "A grandparent who lived with the family died in the summer."
        referral = _demo_referral(school, pupil, teacher, needs, raised, **fields)
        event(referral, teacher, "Concern raised.", raised)
        if stage != Referral.Stage.CONCERN:
            event(referral, senco, f"Moved to {Referral.Stage(stage).label.lower()}.",
                  raised + datetime.timedelta(days=2))
        if stage in (Referral.Stage.PARENTS, Referral.Stage.PANEL, Referral.Stage.DECIDED):
            ParentContact.objects.create(school=school, pupil=pupil, referral=referral,
                                         contacted_on=(raised + datetime.timedelta(days=5)).date(),
                                         with_whom="Parent", method="meeting", leaflet_given=True,
                                         notes="Visited the group's room; questions about what the group is for.",
                                         recorded_by=senco)
        if outcome:
            event(referral, head, f"Panel decision: {Referral.Outcome(outcome).label.lower()}.",
                  raised + datetime.timedelta(days=21))
