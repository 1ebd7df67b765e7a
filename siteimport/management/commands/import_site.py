from django.core.management.base import BaseCommand

from portal.management.reports import run_import
from siteimport.save import GENERATORS, import_site


class Command(BaseCommand):
    help = (
        "Import a lab's current website whole: a checked-out Hugo Blox, al-folio or academicpages site "
        "(a folder, or a .zip of one). The lab's name, people with photos and stints, publications with "
        "teasers and PDFs, and news come in through the portal's pipelines in one transaction; prints what "
        "was created, updated, left unchanged or refused and why, file by file. Run it again after editing "
        "the old site: what is stored already is recognised."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the site's folder or a .zip archive of it")
        parser.add_argument(
            "--generator", choices=list(GENERATORS), help="recognised from the files when not given"
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")

    def handle(self, *args, path, generator, dry_run, **options):
        run_import(
            self, f"{path} (site)", lambda: import_site(path, generator=generator or "", dry_run=dry_run)
        )
