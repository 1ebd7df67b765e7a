import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from publications.importers import FORMATS, ImportFailed, guess_format, import_publications
from publications.importers.dblp import is_dblp_pid
from publications.importers.encoding import decode
from publications.remote import DblpClient, RemoteUnavailable


class Command(BaseCommand):
    help = (
        "Import publications from a BibTeX file, a Markdown publication list, OpenAlex or Crossref JSON, "
        "DBLP XML or a person's DBLP record (--format dblp PID), "
        "or a curated reading list (into a collection), in one transaction. Entries with an error are "
        "refused and the others imported (--strict: all or nothing); prints what was created, updated, left "
        "unchanged, skipped or refused and why, warnings, and every author matched to a lab member. Exits "
        "non-zero when any entry was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="the file to import, - for standard input, or with --format dblp a DBLP person id"
        )
        parser.add_argument("--format", choices=FORMATS, help="guessed from the file when not given")
        parser.add_argument("--owner", metavar="SLUG", help="the lab member whose list this is")
        parser.add_argument(
            "--collection", metavar="SLUG", default="", help="collection to fill (curated lists)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
        parser.add_argument(
            "--strict", action="store_true", help="all or nothing: import nothing if any entry has an error"
        )

    def handle(self, *args, file, format, owner, collection, dry_run, strict, **options):
        if format == "dblp" and file != "-" and not Path(file).exists() and is_dblp_pid(file):
            data = self.fetch_dblp(file)
        else:
            try:
                data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
            except OSError as error:
                raise CommandError(f"cannot read {file}: {error}") from error
        try:
            text, encoding = decode(data)
        except ImportFailed as error:
            place, message = error.problems[0]
            raise CommandError(f"cannot read {file}: {place}: {message}") from error
        if encoding not in {"utf-8", "utf-8-sig", "ascii"}:
            self.stdout.write(f"note      {file} read as {encoding}")
        person = None
        if owner:
            person = Person.objects.filter(slug=owner).first()
            if person is None:
                raise CommandError(f"no person with the slug {owner!r}")
        format = format or guess_format(text, file)
        try:
            report = import_publications(
                text, format, owner=person, dry_run=dry_run, collection=collection, strict=strict
            )
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
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning   {warning['place']}: {warning['message']}"))
        refused = report.counts["refused"]
        if refused:
            raise CommandError(
                f"{file} ({format}): {report.summary()}; {refused} entries with errors were not imported "
                "(see 'refused' above)"
            )
        self.stdout.write(self.style.SUCCESS(f"{file} ({format}): {report.summary()}"))

    def fetch_dblp(self, pid: str) -> bytes:
        """A person's DBLP record by their DBLP person id ("56/1234")."""
        try:
            return DblpClient().person_xml(pid).encode()
        except (ImportFailed, RemoteUnavailable) as error:
            message = error.problems[0][1] if isinstance(error, ImportFailed) else str(error)
            raise CommandError(f"cannot fetch the DBLP record {pid}: {message}") from error
