import time

from django.core.management.base import BaseCommand

from devtools.bench import BenchSize, clear_bench_data, make_bench_data


class Command(BaseCommand):
    help = "Build (or rebuild) the deterministic synthetic lab used by benchmarks; --clear removes it."

    def add_arguments(self, parser):
        defaults = BenchSize()
        parser.add_argument("--publications", type=int, default=defaults.publications)
        parser.add_argument("--people", type=int, default=defaults.people)
        parser.add_argument("--venues", type=int, default=defaults.venues)
        parser.add_argument("--achievements", type=int, default=defaults.achievements)
        parser.add_argument("--heavy-author-papers", type=int, default=defaults.heavy_author_papers)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--clear", action="store_true", help="only remove earlier bench data")

    def handle(self, **options):
        if options["clear"]:
            clear_bench_data()
            self.stdout.write("Bench data removed.")
            return
        size = BenchSize(
            publications=options["publications"],
            people=options["people"],
            venues=options["venues"],
            achievements=options["achievements"],
            heavy_author_papers=options["heavy_author_papers"],
        )
        started = time.perf_counter()
        counts = make_bench_data(size, seed=options["seed"])
        elapsed = time.perf_counter() - started
        self.stdout.write(
            ", ".join(f"{value} {name}" for name, value in counts.items()) + f" in {elapsed:.1f} s"
        )
