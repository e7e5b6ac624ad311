"""Build a governors' report from the command line, as the Celery job does, and write the PDF to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.terms import Term
from pupils.models import School
from reports.models import GovernorReport
from reports.services import report_build


class Command(BaseCommand):
    help = "Build the governors' impact and value-for-money report for a school (or every school of a trust)."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--school", help="The school's slug.")
        scope.add_argument("--trust", help="Build one report for each school of this trust.")
        parser.add_argument("--term", required=True, help="For example 2026-autumn.")
        parser.add_argument("--output", type=Path, required=True,
                            help="The PDF to write (for a trust: a folder, one PDF per school).")

    def handle(self, *args, school: str | None, trust: str | None, term: str, output: Path, **options):
        output = Path(output)
        try:
            report_term = Term.parse(term)
        except ValueError as error:
            raise CommandError(str(error)) from None
        schools = School.objects.filter(slug=school) if school else School.objects.filter(trust__name=trust)
        if not schools:
            raise CommandError(f"No school has the slug '{school}'." if school else f"No school belongs to '{trust}'.")
        if trust:
            output.mkdir(parents=True, exist_ok=True)
        for each in schools:
            report = GovernorReport.objects.create(school=each, term=report_term.code)
            report = report_build(report_id=report.pk)
            target = output / report.file_name if trust else output
            with report.file.open("rb") as pdf:
                target.write_bytes(pdf.read())
            self.stdout.write(f"{each.name}: {target} ({report.size_bytes} bytes, {report.build_seconds} s, "
                              f"SHA-256 {report.checksum})")
