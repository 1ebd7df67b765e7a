from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from publications.exporters import EXPORT_FORMATS, export_publications
from publications.models import Publication


class Command(BaseCommand):
    help = "Export publications as BibTeX, RIS or CSL-JSON: everything, a person's, or a year's."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=EXPORT_FORMATS, default="bibtex")
        parser.add_argument("--person", metavar="SLUG", help="only this lab member's papers")
        parser.add_argument("--year", type=int, help="only papers of this year")
        parser.add_argument("--drafts", action="store_true", help="include unpublished records")
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, format, person, year, drafts, output, **options):
        publications = Publication.objects.all() if drafts else Publication.objects.public()
        if person:
            found = Person.objects.filter(slug=person).first()
            if found is None:
                raise CommandError(f"no person with the slug {person!r}")
            publications = publications.for_person(found)
        if year is not None:
            publications = publications.filter(year=year)
        text = export_publications(publications.with_authors(), format)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"{publications.count()} publications written to {output}")
        else:
            self.stdout.write(text, ending="")
