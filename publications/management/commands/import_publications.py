from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.imports import JoinedFiles
from portal.management.reports import person_by_slug, read_text, run_import
from publications.importers import FORMATS, ImportFailed, guess_format, import_publications
from publications.importers.dblp import is_dblp_pid
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
            "file",
            nargs="+",
            help="the file to import, - for standard input, or with --format dblp a DBLP person id; several "
            "BibTeX files are read as one (a lab's @string macros in one file serve the entries of another)",
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
        if len(file) > 1:
            return self.several(file, format, owner, collection, dry_run, strict)
        file = file[0]
        if format == "dblp" and file != "-" and not Path(file).exists() and is_dblp_pid(file):
            text = self.fetch_dblp(file).decode()
        else:
            text = read_text(self, file)
        person = person_by_slug(owner)
        format = format or guess_format(text, file)
        run_import(
            self,
            f"{file} ({format})",
            lambda: import_publications(
                text, format, owner=person, dry_run=dry_run, collection=collection, strict=strict
            ),
        )

    def several(self, files, format, owner, collection, dry_run, strict):
        texts = [(name, read_text(self, name)) for name in files]
        formats = {format or guess_format(text, name) for name, text in texts}
        if formats != {"bibtex"}:
            raise CommandError("several files are read together only when all are BibTeX")
        joined = JoinedFiles(texts)
        person = person_by_slug(owner)

        def do_import():
            try:
                report = import_publications(
                    joined.text, "bibtex", owner=person, dry_run=dry_run, collection=collection, strict=strict
                )
            except ImportFailed as error:
                raise joined.failed(error) from error
            return joined.relabel(report)

        run_import(self, f"{' + '.join(files)} (bibtex)", do_import)

    def fetch_dblp(self, pid: str) -> bytes:
        """A person's DBLP record by their DBLP person id ("56/1234")."""
        try:
            return DblpClient().person_xml(pid).encode()
        except (ImportFailed, RemoteUnavailable) as error:
            message = error.problems[0][1] if isinstance(error, ImportFailed) else str(error)
            raise CommandError(f"cannot fetch the DBLP record {pid}: {message}") from error
