from pathlib import Path

from django.core.management.base import BaseCommand

from portal.content import bump_content_version_on_commit
from publications.venues import CCF_TABLE, load_ccf_venues


class Command(BaseCommand):
    help = "Create or update venues and their CCF ranks from the CCF list (tab-separated)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(CCF_TABLE), help="the table (default: the shipped one)"
        )

    def handle(self, path, **options):
        created, updated = load_ccf_venues(path=Path(path))
        if created or updated:
            bump_content_version_on_commit()
        self.stdout.write(f"Venues: {created} created, {updated} updated.")
