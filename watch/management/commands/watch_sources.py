"""manage.py watch_sources [--person SLUG] [--dry-run]: what beat runs each night, on demand."""

from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from watch.tasks import run_watch


class Command(BaseCommand):
    help = (
        "Ask ORCID, DBLP, OpenAlex and arXiv for the works of every current member (and the PI) with an id "
        "there, and file what the lab does not hold as suggestions (admin: Found papers). One source that "
        "fails is reported and stops no other."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", default="", help="one member's slug")
        parser.add_argument("--dry-run", action="store_true", help="report what would be filed; file nothing")

    def handle(self, *args, person="", dry_run=False, **options):
        if person and not Person.objects.filter(slug=person).exists():
            raise CommandError(f"no person with the slug {person!r}")
        job = run_watch(person, dry_run=dry_run, log=lambda line: self.stdout.write(line))
        self.stdout.write(f"job #{job.pk}: {job.get_state_display()}{f' ({job.error})' if job.error else ''}")
        if dry_run:
            self.stdout.write("a dry run: nothing was filed")
