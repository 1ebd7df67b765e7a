from django.core.management.base import BaseCommand

from devtools.corpus import report_corpus


class Command(BaseCommand):
    help = (
        "Import every file of one half of tests/data/corpus (dev or held-out) into an empty lab, one at a "
        "time and rolled back, and print per file the entries counted by hand, those imported right, "
        "refused and wrong (with why), as a Markdown table."
    )

    def add_arguments(self, parser):
        parser.add_argument("half", choices=["dev", "held-out"])
        parser.add_argument("--why", action="store_true", help="list what is wrong under the table")

    def handle(self, *args, half, why, **options):
        results = report_corpus(half)
        self.stdout.write(
            "| file | entries (by hand) | right | not stored (refused or skipped) | wrong or missing "
            "| share right | changed by a second import |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---:|")
        for result in results:
            self.stdout.write(
                f"| `{result.name.split('/', 1)[1]}` | {result.entries} | {result.right} | "
                f"{result.refused} | {len(result.wrong)} | {result.share:.0%} | {result.again} |"
            )
        if why:
            for result in results:
                for problem in ([result.error] if result.error else []) + result.wrong:
                    self.stdout.write(f"- {result.name}: {problem}")
