"""Reading a school MIS export (SIMS or Arbor column names) into checked pupil rows.

Nothing here writes to the database: `read_pupil_csv` returns a preview that says, row by row,
what would be created or updated and what is wrong; `services.pupil_import_apply` saves it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from core.dates import BIRTH, STARTS, format_date

from .models import Gender, Pupil, School, SchoolClass, SenStatus, User, YearGroup
from .upn import validate_upn

# Header spellings seen in SIMS and Arbor exports, compared after lower-casing and removing
# everything but letters and digits ("Legal Surname" -> "legalsurname").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "upn": ("upn", "uniquepupilnumber"),
    "legal_last_name": ("legalsurname", "surname", "lastname", "legallastname", "familyname"),
    "legal_first_name": ("legalforename", "forename", "firstname", "legalfirstname", "givenname"),
    "preferred_first_name": ("preferredforename", "preferredfirstname", "knownas", "chosenforename"),
    "preferred_last_name": ("preferredsurname", "preferredlastname", "chosensurname"),
    "date_of_birth": ("dob", "dateofbirth", "birthdate"),
    "gender": ("gender", "sex"),
    "year_group": ("year", "yeargroup", "ncyear", "ncyearactual", "curriculumyear", "yeartaughtin"),
    "school_class": ("reggroup", "registrationgroup", "regform", "registrationform", "form", "class", "tutorgroup",
                     "classname", "formgroup"),
    "class_teacher": ("classteacher", "classteacheremail", "regteacher", "formtutor", "tutor", "teacheremail"),
    "pupil_premium": ("pupilpremium", "pp", "pupilpremiumindicator", "ppeligible", "pupilpremiumeligible"),
    "free_school_meals": ("fsm", "fsmeligible", "freeschoolmeals", "fsmindicator", "eligibleforfsm"),
    "eal": ("eal", "englishasanadditionallanguage", "englishadditionallanguage"),
    "first_language": ("firstlanguage", "homelanguage"),
    "sen_status": ("senstatus", "senprovision", "sen", "senneed", "sendstatus"),
    "looked_after": ("inlacare", "lookedafter", "incare", "lac", "cla", "childlookedafter", "lookedafterchild"),
    "date_of_entry": ("admissiondate", "dateofadmission", "entrydate", "startdate", "dateofentry", "enrolmentdate"),
    "date_of_leaving": ("leavingdate", "dateofleaving", "enddate", "leavedate"),
}
REQUIRED_COLUMNS = ("upn", "legal_first_name", "legal_last_name", "date_of_birth", "year_group", "gender")
COLUMN_LABELS = {
    "upn": "UPN", "legal_first_name": "Legal Forename", "legal_last_name": "Legal Surname",
    "date_of_birth": "DOB", "year_group": "Year", "gender": "Gender",
}
MAX_ROWS = 5000
TRUE_WORDS = {"y", "yes", "true", "t", "1"}
FALSE_WORDS = {"n", "no", "false", "f", "0", ""}
YEAR_WORDS = {"n": YearGroup.NURSERY, "n1": YearGroup.NURSERY, "n2": YearGroup.NURSERY, "nursery": YearGroup.NURSERY,
              "r": YearGroup.RECEPTION, "rec": YearGroup.RECEPTION, "reception": YearGroup.RECEPTION,
              "yr": YearGroup.RECEPTION}
GENDER_WORDS = {"m": Gender.MALE, "male": Gender.MALE, "boy": Gender.MALE, "f": Gender.FEMALE,
                "female": Gender.FEMALE, "girl": Gender.FEMALE, "x": Gender.OTHER, "u": Gender.OTHER,
                "other": Gender.OTHER, "not stated": Gender.OTHER, "unknown": Gender.OTHER}
SEN_WORDS = {"n": SenStatus.NONE, "": SenStatus.NONE, "none": SenStatus.NONE, "no sen": SenStatus.NONE,
             "no special educational need": SenStatus.NONE, "k": SenStatus.SEN_SUPPORT,
             "sen support": SenStatus.SEN_SUPPORT, "e": SenStatus.EHC_PLAN, "s": SenStatus.EHC_PLAN,
             "ehc plan": SenStatus.EHC_PLAN, "ehcp": SenStatus.EHC_PLAN, "statement": SenStatus.EHC_PLAN,
             "education, health and care plan": SenStatus.EHC_PLAN}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y")
# A UPN match that would change two of these at once is probably a different child under a wrong UPN.
IDENTITY_PARTS = {"name": ("legal_first_name", "legal_last_name"), "date of birth": ("date_of_birth",),
                  "gender": ("gender",)}
CHANGE_LABELS = {
    "legal_first_name": "Legal first name", "legal_last_name": "Legal surname",
    "preferred_first_name": "Preferred first name", "preferred_last_name": "Preferred surname",
    "date_of_birth": "Date of birth", "gender": "Gender", "year_group": "Year group",
    "pupil_premium": "Pupil Premium", "free_school_meals": "Free school meals",
    "eal": "English as an additional language", "sen_status": "SEN", "looked_after": "Looked after",
    "date_of_entry": "Admission date", "date_of_leaving": "Leaving date", "school_class": "Class",
}
SEN_WORDS_SHOWN = {SenStatus.NONE: "none", SenStatus.SEN_SUPPORT: "SEN support", SenStatus.EHC_PLAN: "EHC plan"}
# The pupil fields a re-import may change.
PUPIL_FIELDS = ("legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
                "date_of_birth", "gender", "year_group", "pupil_premium", "free_school_meals", "eal",
                "sen_status", "looked_after", "date_of_entry", "date_of_leaving")


@dataclass
class ImportRow:
    number: int  # the row number a spreadsheet shows (the header is row 1)
    upn: str = ""
    name: str = ""
    values: dict = field(default_factory=dict)
    class_name: str = ""
    class_teacher: User | None = None
    errors: list[str] = field(default_factory=list)
    existing: Pupil | None = None
    changes: dict[str, tuple] = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
        if self.existing is None:
            return "create"
        if self.is_likely_mismatch:
            return "mismatch"
        return "update" if self.changes else "unchanged"

    @property
    def changed_identity(self) -> list[str]:
        """Return which of the child's name, date of birth and gender this row would change."""
        return [part for part, names in IDENTITY_PARTS.items() if any(name in self.changes for name in names)]

    @property
    def is_likely_mismatch(self) -> bool:
        """Two of name, date of birth and gender changing under one UPN: probably another child's UPN."""
        return self.existing is not None and not self.errors and len(self.changed_identity) >= 2

    @property
    def change_texts(self) -> list[str]:
        """Return the changes in words ("Free school meals: no → yes")."""
        return [describe_change(name, old, new) for name, (old, new) in self.changes.items()]

    @property
    def is_move(self) -> bool:
        moved = {"school_class", "year_group"} & set(self.changes)
        return self.existing is not None and not self.errors and bool(moved)

    @property
    def is_new_leaver(self) -> bool:
        return "date_of_leaving" in self.changes and self.changes["date_of_leaving"][1] is not None


@dataclass
class ClassChange:
    """A class whose teachers (as the file names them) or year group would change."""

    name: str
    old_teachers: list[str]
    new_teachers: list[str]
    old_year: str = ""
    new_year: str = ""


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    new_class_names: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    # Pupils on roll here whom the file does not list: leavers, if the file is the whole school.
    not_in_file: list[Pupil] = field(default_factory=list)
    class_changes: list[ClassChange] = field(default_factory=list)

    @property
    def mismatch_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action == "mismatch"]

    @property
    def move_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.is_move and row.action == "update"]

    @property
    def leaver_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.is_new_leaver and row.action == "update"]

    @property
    def joiner_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action == "create"]

    @property
    def count_mismatch(self) -> int:
        return self.count("mismatch")

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def count_error(self) -> int:
        return self.count("error")


def _shown(name: str, value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return format_date(value)
    if name == "gender":
        return Gender(value).label.lower()
    if name == "year_group":
        return YearGroup(value).label
    if name == "sen_status":
        return SEN_WORDS_SHOWN.get(value, str(value))
    return str(value)


def describe_change(name: str, old, new) -> str:
    """Return one change in words: "SEN: none → SEN support", "Class: 2T → 3T"."""
    return f"{CHANGE_LABELS.get(name, name.replace('_', ' ').capitalize())}: {_shown(name, old)} → {_shown(name, new)}"


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _match_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    lookup = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
    columns: dict[str, int] = {}
    unknown = []
    for index, header in enumerate(headers):
        name = lookup.get(_key(header))
        if name and name not in columns:
            columns[name] = index
        elif header.strip():
            unknown.append(header.strip())
    return columns, unknown


def parse_date(text: str) -> datetime.date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date: use DD/MM/YYYY")


def parse_bool(text: str, label: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{label} '{text}' should be Y or N")


def parse_year_group(text: str) -> int:
    word = text.strip().lower()
    if word in YEAR_WORDS:
        return YEAR_WORDS[word]
    digits = re.fullmatch(r"(?:year|yr|y)?\s*(\d{1,2})", word)
    if digits and 1 <= int(digits.group(1)) <= 6:
        return int(digits.group(1))
    raise ValueError(f"year group '{text}' is not a primary year (Nursery, Reception or 1 to 6)")


def _lookup(words: dict, text: str, label: str):
    word = text.strip().lower()
    if word in words:
        return words[word]
    raise ValueError(f"{label} '{text}' is not recognised")


def _read_values(raw: dict[str, str], row: ImportRow, teachers: dict[str, User]) -> None:
    """Fill the row's values from the raw cells, adding a message for every bad cell."""
    values: dict = {}
    for name in ("legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name"):
        text = raw.get(name, "")
        if len(text) > 100:
            row.errors.append(f"{name.replace('_', ' ')} is longer than 100 characters")
        values[name] = text[:100]
    for name in ("legal_first_name", "legal_last_name"):
        if not values[name]:
            row.errors.append(f"{COLUMN_LABELS[name]} is empty")
    parsers = {
        "date_of_birth": parse_date,
        "year_group": parse_year_group,
        "gender": lambda text: _lookup(GENDER_WORDS, text, "gender"),
        "sen_status": lambda text: _lookup(SEN_WORDS, text, "SEN status"),
    }
    for name, parse in parsers.items():
        if name not in raw:
            continue
        try:
            values[name] = parse(raw[name])
        except ValueError as error:
            row.errors.append(str(error))
    for name in ("date_of_entry", "date_of_leaving"):
        if raw.get(name):
            try:
                values[name] = parse_date(raw[name])
            except ValueError as error:
                row.errors.append(f"{name.replace('_', ' ')}: {error}")
        elif name in raw:
            values[name] = None
    for name, label in (("pupil_premium", "Pupil Premium"), ("free_school_meals", "FSM"), ("eal", "EAL"),
                        ("looked_after", "looked after")):
        if name in raw:
            try:
                values[name] = parse_bool(raw[name], label)
            except ValueError as error:
                row.errors.append(str(error))
    if "eal" not in raw and raw.get("first_language"):
        values["eal"] = not raw["first_language"].strip().lower().startswith("english")
    born, entered, left = values.get("date_of_birth"), values.get("date_of_entry"), values.get("date_of_leaving")
    # The same rules as every form (core.dates): a believable pupil's birth, admission and leaving dates.
    for day, rule, label in ((born, BIRTH, "date of birth"), (entered, STARTS, "admission date"),
                             (left, STARTS, "leaving date")):
        if day and (problem := rule.problem(day)):
            row.errors.append(f"{label} {format_date(day)}: {problem}")
    if entered and left and left < entered:
        row.errors.append("the leaving date is before the admission date")
    row.class_name = raw.get("school_class", "")[:50]
    teacher_key = raw.get("class_teacher", "").lower()
    if teacher_key:
        row.class_teacher = teachers.get(teacher_key)
        if row.class_teacher is None:
            row.errors.append(f"no member of staff at this school has the email or username '{raw['class_teacher']}'")
    row.values = values


def read_pupil_csv(text: str, school: School) -> ImportPreview:
    """Return a row-by-row preview of importing the CSV text into the school; nothing is saved."""
    preview = ImportPreview()
    reader = csv.reader(io.StringIO(text))
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        preview.file_errors.append("The file is empty: it needs a header row and one row per pupil.")
        return preview
    columns, preview.unknown_columns = _match_columns(headers)
    missing = [COLUMN_LABELS[name] for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        preview.file_errors.append(
            "These columns are missing: " + ", ".join(missing)
            + ". Export them from your MIS (SIMS and Arbor names are both understood)."
        )
        return preview

    existing = {pupil.upn: pupil for pupil in Pupil.objects.filter(school=school).select_related("school_class")}
    school_classes = {school_class.name: school_class
                      for school_class in SchoolClass.objects.filter(school=school).prefetch_related("teachers")}
    class_names = set(school_classes)
    teachers = {}
    for user in User.objects.filter(school=school, is_active=True):
        teachers[user.username.lower()] = user
        if user.email:
            teachers[user.email.lower()] = user
    seen_upns: dict[str, int] = {}
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(preview.rows) >= MAX_ROWS:
                preview.file_errors.append(f"The file has more than {MAX_ROWS} pupils: split it into smaller files.")
                break
            raw = {name: (cells[index].strip() if index < len(cells) else "") for name, index in columns.items()}
            row = ImportRow(number=number, name=f"{raw.get('legal_first_name', '')} {raw.get('legal_last_name', '')}")
            try:
                row.upn = validate_upn(raw["upn"])
            except ValueError as error:
                row.upn = raw["upn"]
                row.errors.append(str(error))
            if row.upn in seen_upns:
                row.errors.append(f"UPN {row.upn} is also on row {seen_upns[row.upn]}")
            elif row.upn:
                seen_upns[row.upn] = number
            _read_values(raw, row, teachers)
            row.existing = existing.get(row.upn)
            if row.existing is not None and not row.errors:
                row.changes = _changes(row.existing, row.values, row.class_name)
            if row.class_name and row.class_name not in class_names and row.class_name not in preview.new_class_names:
                preview.new_class_names.append(row.class_name)
            preview.rows.append(row)
    except csv.Error as error:
        preview.file_errors.append(f"The file could not be read as CSV near row {reader.line_num}: {error}.")
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append("The file has a header row but no pupils.")
    if preview.rows and not preview.file_errors:
        listed = {row.upn for row in preview.rows}
        today = datetime.date.today()
        preview.not_in_file = sorted(
            (pupil for upn, pupil in existing.items()
             if upn not in listed and (pupil.date_of_leaving is None or pupil.date_of_leaving > today)),
            key=lambda pupil: (pupil.legal_last_name, pupil.legal_first_name))
        preview.class_changes = _class_changes(preview.rows, school_classes)
    return preview


def _class_changes(rows: list[ImportRow], school_classes: dict[str, SchoolClass]) -> list[ClassChange]:
    """Return the existing classes whose teachers (where the file names any) or year group would change."""
    named: dict[str, dict[int, User]] = {}
    years: dict[str, set[int]] = {}
    for row in rows:
        if row.class_name:
            years.setdefault(row.class_name, set()).add(row.values.get("year_group"))
            if row.class_teacher is not None:
                named.setdefault(row.class_name, {})[row.class_teacher.pk] = row.class_teacher
    changes = []
    for name, school_class in sorted(school_classes.items()):
        old = {teacher.pk: teacher for teacher in school_class.teachers.all()}
        new = named.get(name)
        year = years.get(name, set())
        new_year = next(iter(year)) if len(year) == 1 and None not in year else school_class.year_group
        teachers_change = new is not None and set(new) != set(old)
        if teachers_change or new_year != school_class.year_group:
            changes.append(ClassChange(
                name=name, old_teachers=sorted(str(t) for t in old.values()),
                new_teachers=sorted(str(t) for t in (new if new is not None else old).values()),
                old_year=_shown("year_group", school_class.year_group) if new_year != school_class.year_group else "",
                new_year=_shown("year_group", new_year) if new_year != school_class.year_group else "",
            ))
    return changes


def _changes(pupil: Pupil, values: dict, class_name: str) -> dict[str, tuple]:
    changes = {}
    for name in PUPIL_FIELDS:
        if name in values and getattr(pupil, name) != values[name]:
            changes[name] = (getattr(pupil, name), values[name])
    current_class = pupil.school_class.name if pupil.school_class_id else ""
    if class_name and class_name != current_class:
        changes["school_class"] = (current_class, class_name)
    return changes
