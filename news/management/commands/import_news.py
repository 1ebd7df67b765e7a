from django.core.management.base import BaseCommand

from news.importers import import_news
from portal.management.reports import read_text, run_import


class Command(BaseCommand):
    help = (
        "Import a news list ('* 2024.07. Our paper … [[paper]](url)'; dates as 2024.07., 2024-07-15 or "
        "2024年7月) in one transaction, linking the papers, people and achievements each item mentions. "
        "Items with an error are refused and the others imported (--strict: all or nothing); importing the "
        "same list again changes nothing. Exits non-zero when any item was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the news list, or - for standard input")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
        parser.add_argument("--strict", action="store_true", help="import nothing if any item has an error")

    def handle(self, *args, file, dry_run, strict, **options):

        text = read_text(self, file)
        run_import(self, f"{file} (news)", lambda: import_news(text, dry_run=dry_run, strict=strict))
