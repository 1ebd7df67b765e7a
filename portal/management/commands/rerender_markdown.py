from django.core.management.base import BaseCommand

from portal.tasks import rerender_markdown


class Command(BaseCommand):
    help = "Render every stored Markdown text again, e.g. after the sanitiser's allowlist changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="hand the work to a Celery worker instead of doing it here"
        )

    def handle(self, queue, **options):
        if queue:
            result = rerender_markdown.delay()
            self.stdout.write(f"Queued as task {result.id}.")
        else:
            self.stdout.write(f"{rerender_markdown()} records re-rendered.")
