from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo.data import DEMO_PASSWORD
from portal.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo lab (people, papers, achievements, a reading list). Safe to run again."

    def handle(self, **options):
        counts = load_demo()
        self.stdout.write(", ".join(f"{value} {name}" for name, value in counts.items()))
        if settings.DEMO_MODE:
            self.stdout.write(
                f"Demo accounts (password {DEMO_PASSWORD}): {settings.DEMO_USERNAME} (lab admin), "
                f"{settings.DEMO_EDITOR_USERNAME} (editor), "
                f"{settings.DEMO_MEMBER_USERNAME} (member: Zongwu Wang)"
            )
        else:
            self.stdout.write("No demo account was created: set PORTAL_DEMO=true for one.")
