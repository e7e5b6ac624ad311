"""Generate a synthetic multi-academy trust at benchmark scale, fast (bulk inserts; COPY on PostgreSQL).

Run through `bench/run.py` (make bench). Every name is invented; nothing here is real data.
Each part of the case record has its own generator below, called in the order a pupil lives it.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from core.models import Trust as TrustRecord
from pupils.demo import FIRST_NAMES, SURNAMES
from pupils.models import (
    GroupSession,
    NurtureGroup,
    Placement,
    Pupil,
    Role,
    School,
    SchoolClass,
    StaffRole,
    User,
)
from pupils.upn import make_upn

BENCH_PASSWORD = "bench-password-2026"
TRUST_LEADER_USERNAME = "bench-trust-leader"
ROLES = [Role.SENCO, Role.NURTURE_STAFF, Role.CLASS_TEACHER, Role.SENIOR_LEADER, Role.GOVERNOR, Role.SCHOOL_ADMIN]


@dataclass
class Trust:
    schools: list = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def copy_rows(model, columns: list[str], rows) -> int:
    """Insert rows with PostgreSQL's COPY; return how many."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    count = 0
    table = model._meta.db_table
    names = ", ".join(f'"{model._meta.get_field(column).column}"' for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _timed(trust: Trust, name: str):
    class Timer:
        def __enter__(self):
            self.started = time.perf_counter()

        def __exit__(self, *exc):
            trust.timings[name] = round(time.perf_counter() - self.started, 2)

    return Timer()


@transaction.atomic
def generate_trust(*, schools: int, pupils: int, years: int, placements: int, seed: int = 7) -> Trust:
    """Create the schools, staff, classes, pupils, groups and placements of a trust."""
    rng = random.Random(seed)
    trust = Trust()
    today = datetime.date.today()
    year_start = today.year if today.month >= 9 else today.year - 1
    password = make_password(BENCH_PASSWORD)
    per_school = pupils // schools
    with _timed(trust, "schools, staff, classes"):
        bench_trust, _ = TrustRecord.objects.get_or_create(slug="bench-trust", defaults={"name": "Bench Trust"})
        school_rows = School.objects.bulk_create(
            [School(name=f"Bench Primary {n:03d}", slug=f"bench-{n:03d}", trust=bench_trust) for n in range(schools)]
        )
        users, classes = [], []
        for school in school_rows:
            for role in ROLES:
                users.append(User(username=f"{school.slug}-{role}", password=password, school=school,
                                  first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(SURNAMES)))
            for year in range(0, 7):
                for form in "AB":
                    classes.append(SchoolClass(school=school, name=f"{year or 'R'}{form}", year_group=year))
        User.objects.bulk_create(users, batch_size=2000)
        SchoolClass.objects.bulk_create(classes, batch_size=2000)
        users = {user.username: user for user in User.objects.filter(school__in=school_rows)}
        StaffRole.objects.bulk_create(
            [StaffRole(user=users[f"{school.slug}-{role}"], role=role) for school in school_rows for role in ROLES]
        )
        leader, _ = User.objects.get_or_create(username=TRUST_LEADER_USERNAME,
                                               defaults={"password": password, "trust": bench_trust})
        StaffRole.objects.get_or_create(user=leader, role=Role.TRUST_LEADER)
        teacher_links = []
        taught_class: dict[int, int] = {}
        classes_by_school: dict[int, list] = {}
        for school_class in SchoolClass.objects.filter(school__in=school_rows):
            classes_by_school.setdefault(school_class.school_id, []).append(school_class)
        for school in school_rows:
            first = sorted(classes_by_school[school.pk], key=lambda c: (c.year_group, c.name))[4]  # a Year 2 class
            taught_class[school.pk] = first.pk
            teacher_links.append(SchoolClass.teachers.through(schoolclass_id=first.pk,
                                                              user_id=users[f"{school.slug}-class_teacher"].pk))
        SchoolClass.teachers.through.objects.bulk_create(teacher_links)
    with _timed(trust, "pupils"):
        serial = 0
        rows = []
        for school in school_rows:
            school_classes = classes_by_school[school.pk]
            for n in range(per_school):
                serial += 1
                school_class = school_classes[n % len(school_classes)]
                born = datetime.date(year_start - 5 - school_class.year_group, 9, 1) + datetime.timedelta(
                    days=rng.randrange(365))
                rows.append((school.pk, rng.choice(FIRST_NAMES), rng.choice(SURNAMES), "", "", born,
                             make_upn(900 + serial // 1_000_000, (serial // 1000) % 10000, born.year % 100,
                                      serial % 1000),
                             school_class.year_group, school_class.pk, rng.choice("FM"), rng.random() < .25,
                             rng.random() < .2, rng.random() < .15, "K" if rng.random() < .2 else "N",
                             rng.random() < .01, datetime.date(year_start - school_class.year_group, 9, 1),
                             datetime.datetime.now(datetime.UTC), datetime.datetime.now(datetime.UTC)))
        trust.counts["pupils"] = copy_rows(Pupil, [
            "school", "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
            "date_of_birth", "upn", "year_group", "school_class", "gender", "pupil_premium", "free_school_meals",
            "eal", "sen_status", "looked_after", "date_of_entry", "created_at", "updated_at"], rows)
    with _timed(trust, "groups, placements"):
        groups = NurtureGroup.objects.bulk_create(
            [NurtureGroup(school=school, name="The Tree House", capacity=10) for school in school_rows])
        GroupSession.objects.bulk_create([
            GroupSession(group=group, weekday=day, starts_at=datetime.time(9), ends_at=datetime.time(12))
            for group in groups for day in range(4)
        ])
        NurtureGroup.staff.through.objects.bulk_create([
            NurtureGroup.staff.through(nurturegroup_id=group.pk, user_id=users[f"{group.school.slug}-nurture_staff"].pk)
            for group in groups
        ])
        per_group = placements // len(groups)
        pupil_ids: dict[int, list[int]] = {}
        in_taught_class: dict[int, list[int]] = {}
        for school_id, pupil_id, class_id in Pupil.objects.filter(school__in=school_rows, year_group__lte=4
                                                                  ).values_list("school_id", "pk", "school_class_id"):
            if class_id == taught_class[school_id]:
                in_taught_class.setdefault(school_id, []).append(pupil_id)
            else:
                pupil_ids.setdefault(school_id, []).append(pupil_id)
        rows = []
        for group in groups:
            # The current members (the last nine) include three of the bench class teacher's pupils.
            chosen = rng.sample(pupil_ids[group.school_id], per_group - 3) + in_taught_class[group.school_id][:3]
            for index, pupil_id in enumerate(chosen):
                # Spread placements over the years: about ten a year; the last ten are current.
                term_start = datetime.date(year_start, 9, 15) - datetime.timedelta(
                    days=int(365 * years * (per_group - 1 - index) / per_group))
                current = index >= per_group - 9
                # Three terms (39 school weeks) in the group, as most placements run.
                ended = None if current else term_start + datetime.timedelta(weeks=39)
                rows.append((group.school_id, pupil_id, group.pk, term_start,
                             term_start + datetime.timedelta(weeks=39), ended, 4, datetime.datetime.now(datetime.UTC),
                             "active" if current else "ended", "" if current else "Returned to class full time",
                             "PE and assembly"))
        trust.counts["placements"] = copy_rows(Placement, [
            "school", "pupil", "group", "start_date", "expected_end_date", "end_date", "sessions_per_week",
            "created_at", "status", "end_reason", "lessons_kept_in_class"], rows)
    with _timed(trust, "referrals"):
        trust.counts["referrals"] = _referrals(school_rows, users, rng)
    trust.schools = school_rows
    return trust


def _referrals(schools, users, rng) -> int:
    """Give every placement the decided referral behind it (raised about six weeks before), and link them."""
    from pupils.models import Referral

    placements = list(Placement.objects.filter(school__in=schools).values_list("pk", "school_id", "pupil_id",
                                                                                "group_id", "start_date"))
    slug = {school.pk: school.slug for school in schools}
    rows = []
    for _pk, school_id, pupil_id, group_id, start in placements:
        raised = datetime.datetime.combine(start - datetime.timedelta(weeks=6), datetime.time(10),
                                           tzinfo=datetime.UTC)
        rows.append((school_id, pupil_id, users[f"{slug[school_id]}-class_teacher"].pk, raised, "decided", raised, 3,
                     rng.random() < .5, rng.random() < .4, rng.random() < .3, "Finds the start of lessons hard.",
                     "A visual timetable.", "", "", "Observed in class.", 92.5, 0, "Working towards.", "Parent",
                     start - datetime.timedelta(weeks=3), "meeting", None, "", "placed",
                     start - datetime.timedelta(weeks=2), group_id, None, "", "", "", "", ""))
    count = copy_rows(Referral, [
        "school", "pupil", "raised_by", "raised_at", "stage", "stage_changed_at", "version", "need_acting_out",
        "need_restless", "need_withdrawn", "descriptors", "tried_already", "academic_concerns",
        "home_circumstances", "class_observation", "attendance_percent", "exclusions_so_far", "current_attainment",
        "consent_given_by", "consent_given_on", "consent_method", "consent_withdrawn_on", "consent_withdrawn_reason",
        "outcome", "decided_on", "group", "wait_list_priority", "other_support", "other_support_by",
        "decline_reason", "over_capacity_reason", "withdrawn_reason"], rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pupils_placement p SET referral_id = r.id FROM pupils_referral r "
            "WHERE r.pupil_id = p.pupil_id AND r.group_id = p.group_id AND p.referral_id IS NULL "
            "AND r.school_id = ANY(%s)", [[school.pk for school in schools]])
    return count


def mis_export_csv(school: School, count: int, seed: int = 11) -> str:
    """Return a SIMS-style export of `count` new pupils for the school (for timing the import)."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,FSM Eligible,SEN Status\n")
    for n in range(count):
        out.write(f"{make_upn(998, 7000 + n // 1000, 19, n % 1000)},{rng.choice(SURNAMES)},{rng.choice(FIRST_NAMES)},"
                  f"14/03/2019,{rng.choice('FM')},2,2I,N,N\n")
    return out.getvalue()
