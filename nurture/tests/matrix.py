"""The permission matrix: every URL of the product x every role x own school / another school.

Each app lists its URLs in `<app>/tests/permission_matrix.py` as `CASES` (and may add records to
the shared `World` with `extend_world(world)`). `test_permission_matrix.py` runs every case for
every persona, and fails when a URL of the project has no case, so a new view without a rule
cannot slip in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from pupils.models import Role
from pupils.tests.factories import (
    NurtureGroupFactory,
    PlacementFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    UserFactory,
)

MATRIX_APPS = ["nurture", "pupils", "assessments", "targets", "reintegration", "reports", "privacy", "casework",
               "transfers", "trusts", "notices", "staff"]
SAME_SCHOOL_PERSONAS = {
    "senco": Role.SENCO,
    "nurture_staff": Role.NURTURE_STAFF,
    "class_teacher": Role.CLASS_TEACHER,
    "senior_leader": Role.SENIOR_LEADER,
    "governor": Role.GOVERNOR,
    "school_admin": Role.SCHOOL_ADMIN,
}
OTHER_SCHOOL_PERSONA = "other_school_senco"
PERSONAS = [*SAME_SCHOOL_PERSONAS, OTHER_SCHOOL_PERSONA]
CASE_TEAM = frozenset({"senco", "senior_leader", "nurture_staff"})
EVERYONE = frozenset(SAME_SCHOOL_PERSONAS)


@dataclass
class World:
    """One school with a person in every role, a placed pupil in the class teacher's class, a pupil of
    another class, and a second school with its own SENCO, pupil and group."""

    school: object
    other_school: object
    users: dict
    school_class: object
    pupil: object
    other_class_pupil: object
    group: object
    other_school_pupil: object
    other_school_group: object
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    school = SchoolFactory(name="Matrix Primary", slug="matrix")
    other_school = SchoolFactory(name="Faraway Primary", slug="faraway")
    users = {
        name: UserFactory(school=school, username=name, roles=[role]) for name, role in SAME_SCHOOL_PERSONAS.items()
    }
    users[OTHER_SCHOOL_PERSONA] = UserFactory(school=other_school, username=OTHER_SCHOOL_PERSONA, roles=[Role.SENCO])
    school_class = SchoolClassFactory(school=school, name="2M")
    school_class.teachers.add(users["class_teacher"])
    group = NurtureGroupFactory(school=school, name="The Burrow")
    group.staff.add(users["nurture_staff"])
    pupil = PupilFactory(
        school=school, school_class=school_class, legal_first_name="Marnie", legal_last_name="Quillfeather"
    )
    PlacementFactory(pupil=pupil, group=group)
    other_class_pupil = PupilFactory(school=school, legal_first_name="Otto", legal_last_name="Brackenridge")
    other_school_group = NurtureGroupFactory(school=other_school, name="Far Nest")
    other_school_pupil = PupilFactory(school=other_school, legal_first_name="Faye", legal_last_name="Distantly")
    PlacementFactory(pupil=other_school_pupil, group=other_school_group)
    world = World(school, other_school, users, school_class, pupil, other_class_pupil, group, other_school_pupil,
                  other_school_group)
    for module in matrix_modules():
        extend = getattr(module, "extend_world", None)
        if extend:
            extend(world)
    return world


@dataclass(frozen=True)
class Case:
    """One URL and who may use it.

    `allowed`: the same-school personas that get the page (`ok_status`); the others get 403.
    `kwargs(world)`: the URL's arguments for a record of the first school. When the URL names a
    record, `other_school_kwargs(world)` names the other school's equivalent, which every persona
    of the first school must get as 404; the other school's SENCO, asking for the first school's
    record, also gets 404.
    """

    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict] = lambda world: {}
    other_school_kwargs: Callable[[World], dict] | None = None
    method: str = "get"
    data: Callable[[World], dict] | None = None
    ok_status: int = 200
    query: str = ""
    label: str = ""

    @property
    def names_a_record(self) -> bool:
        return self.other_school_kwargs is not None

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.url_name}{' ' + self.label if self.label else ''}"


def matrix_modules():
    for app in MATRIX_APPS:
        name = f"{app}.tests.permission_matrix"
        if find_spec(app) is not None and find_spec(f"{app}.tests") is not None and find_spec(name) is not None:
            yield import_module(name)


def all_cases() -> list[Case]:
    return [case for module in matrix_modules() for case in module.CASES]
