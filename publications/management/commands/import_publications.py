import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from publications.importers import FORMATS, ImportFailed, guess_format, import_publications


class Command(BaseCommand):
    help = (
        "Import publications from a BibTeX file, a Markdown publication list, OpenAlex or Crossref JSON, "
        "or a curated reading list (into a collection). All or nothing; prints what was created, updated, "
        "left unchanged or skipped, and every author matched to a lab member."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import, or - for standard input")
        parser.add_argument("--format", choices=FORMATS, help="guessed from the file when not given")
        parser.add_argument("--owner", metavar="SLUG", help="the lab member whose list this is")
        parser.add_argument(
            "--collection", metavar="SLUG", default="", help="collection to fill (curated lists)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")

    def handle(self, *args, file, format, owner, collection, dry_run, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        person = None
        if owner:
            person = Person.objects.filter(slug=owner).first()
            if person is None:
                raise CommandError(f"no person with the slug {owner!r}")
        format = format or guess_format(text, file)
        try:
            report = import_publications(text, format, owner=person, dry_run=dry_run, collection=collection)
        except ImportFailed as error:
            lines = "\n".join(f"  {place or file}: {message}" for place, message in error.problems)
            raise CommandError(f"nothing was imported from {file} ({format}):\n{lines}") from error
        for row in report.rows:
            reason = f" — {row.reason}" if row.reason else ""
            self.stdout.write(f"{row.action:9} {row.place}: {row.title[:80]}{reason}")
        for match in report.matches:
            self.stdout.write(
                f"matched   {match['place']}: {match['name']} → {match['person']} ({match['how']})"
            )
        for note in report.notes:
            self.stdout.write(f"note      {note}")
        self.stdout.write(self.style.SUCCESS(f"{file} ({format}): {report.summary()}"))
