from django.core.management.base import BaseCommand

from people.honors import import_honors
from portal.management.reports import person_by_slug, read_text, run_import


class Command(BaseCommand):
    help = (
        "Import an honours list ('* 2024 Best Paper Award, DATE 2024 (1 out of 1000 submissions)', "
        "'2023年,入选…') for a person (--person SLUG) or for the lab, in one transaction. A best-paper "
        "honour is linked to its paper's award when one paper fits it. Lines with an error are refused and "
        "the others imported (--strict: all or nothing); importing the same list again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the honours list, or - for standard input")
        parser.add_argument("--person", metavar="SLUG", help="whose honours they are (left out: the lab's)")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
        parser.add_argument("--strict", action="store_true", help="import nothing if any line has an error")

    def handle(self, *args, file, person, dry_run, strict, **options):
        owner = person_by_slug(person)
        run_import(
            self, f"{file} (honours)",
            lambda: import_honors(read_text(self, file), person=owner, dry_run=dry_run, strict=strict),
        )  # fmt: skip
