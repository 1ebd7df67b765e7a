from django.core.management.base import BaseCommand

from people.roster import import_roster
from portal.management.reports import person_by_slug, read_text, run_import


class Command(BaseCommand):
    help = (
        "Import a roster in Markdown (role headings in English or Chinese: ## PhD, ## 硕士研究生, ## Alumni; "
        "items such as '* Name (co-supervised, 2024-)' or '* Name (2023, Destination)') into people and "
        "their stints, in one transaction. Names are matched to people as authors are; unknown names become "
        "new people. Entries with an error are refused and the others imported (--strict: all or nothing); "
        "importing the same roster again changes nothing. Exits non-zero when any entry was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the roster, or - for standard input")
        parser.add_argument(
            "--supervisor",
            metavar="SLUG",
            help="whose roster it is: recorded on the entries marked (co-)supervised",
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
        parser.add_argument("--strict", action="store_true", help="import nothing if any entry has an error")

    def handle(self, *args, file, supervisor, dry_run, strict, **options):

        text = read_text(self, file)
        person = person_by_slug(supervisor)
        run_import(
            self, f"{file} (roster)",
            lambda: import_roster(text, supervisor=person, dry_run=dry_run, strict=strict),
        )  # fmt: skip
