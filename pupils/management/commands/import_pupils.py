"""Import pupils and classes from a MIS export (CSV), as the browser import does: all rows or none."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pupils.forms import decode_csv_bytes
from pupils.models import School
from pupils.services import ImportRefused, pupil_import_apply, pupil_import_preview


class Command(BaseCommand):
    help = "Import pupils (matched by UPN) and their classes from a SIMS or Arbor CSV export."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--school", required=True, help="The school's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, saving nothing.")
        parser.add_argument("--same-child", action="append", default=[], metavar="UPN",
                            help="A likely mismatch that is the same child: update it (repeat for each UPN).")
        parser.add_argument("--not-same-child", action="append", default=[], metavar="UPN",
                            help="A likely mismatch that is another child: leave the row out (repeat).")
        parser.add_argument("--mark-leavers-on", type=datetime.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                            help="Mark pupils on roll whom the file does not list as having left on this day.")

    def handle(self, *args, csv_file: Path, school: str, dry_run: bool, same_child: list[str],
               not_same_child: list[str], mark_leavers_on, **options):
        try:
            school_record = School.objects.get(slug=school)
        except School.DoesNotExist:
            raise CommandError(f"No school has the slug '{school}'.") from None
        try:
            text = decode_csv_bytes(csv_file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {csv_file}: {error.strerror}.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        pupil_import, preview = pupil_import_preview(school=school_record, user=None, file_name=csv_file.name,
                                                     csv_text=text)
        for message in preview.file_errors:
            self.stderr.write(message)
        for row in preview.error_rows:
            self.stderr.write(f"Row {row.number} ({row.upn or 'no UPN'}): " + "; ".join(row.errors))
        for row in preview.mismatch_rows:  # ids and row numbers only: no child's name on a terminal log
            self.stderr.write(f"Row {row.number} ({row.upn}): likely mismatch, would change "
                              f"{', '.join(row.changed_identity)}; answer with --same-child or --not-same-child")
        if preview.not_in_file:
            self.stdout.write(f"{len(preview.not_in_file)} pupils on roll are not in the file"
                              + ("." if mark_leavers_on else " (kept on roll; see --mark-leavers-on)."))
        summary = (f"{preview.count_create} to add, {preview.count_update} to update, "
                   f"{preview.count_mismatch} likely mismatches, "
                   f"{preview.count_unchanged} unchanged, {preview.count_error} with errors")
        if not preview.is_valid:
            pupil_import.delete()
            raise CommandError(f"Nothing was imported: {summary}.")
        if dry_run:
            pupil_import.delete()
            self.stdout.write(f"Dry run, nothing saved: {summary}.")
            return
        try:
            pupil_import = pupil_import_apply(pupil_import=pupil_import, user=None, same_child=frozenset(same_child),
                                              not_same_child=frozenset(not_same_child),
                                              mark_leavers_on=mark_leavers_on)
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Imported: {pupil_import.created_count} added, {pupil_import.updated_count} updated, "
            f"{pupil_import.unchanged_count} unchanged."
        ))
