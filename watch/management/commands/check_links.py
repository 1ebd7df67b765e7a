"""manage.py check_links [--limit N]: the nightly check of the papers' links, on demand."""

from django.core.management.base import BaseCommand

from watch.tasks import run_link_check


class Command(BaseCommand):
    help = (
        "Check the papers' PDF, code, slides, video, DOI and page links not checked this week (HEAD, then "
        "GET where HEAD is refused); broken ones are listed in the admin (Found papers and links → Link "
        "checks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="at most this many links")

    def handle(self, *args, limit=None, **options):
        job = run_link_check(limit, log=lambda line: self.stdout.write(line))
        for note in job.report.get("notes", []):
            self.stdout.write(note)
