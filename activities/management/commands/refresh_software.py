from django.core.management.base import BaseCommand

from activities.tasks import refresh_software_figures


class Command(BaseCommand):
    help = (
        "Refresh the stars, forks, licence, language and latest release of every piece of software whose "
        "repository is on GitHub (what the nightly job does). A repository that fails keeps its last figures."
    )

    def handle(self, *args, **options):
        summary = refresh_software_figures.apply().get()
        self.stdout.write(f"{summary['refreshed']} refreshed, {len(summary['failed'])} failed")
        for line in summary["failed"]:
            self.stdout.write(f"failed    {line}")
