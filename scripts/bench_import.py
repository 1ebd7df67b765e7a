"""Import 10,000 generated BibTeX entries into a fresh PostgreSQL database; print time and peak memory.

    .venv/bin/python scripts/bench_import.py [--entries 10000] [--runs 3]

The database is a scratch one beside DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/
portal_bench), holding the CCF venue list and 500 lab members with aliases (make_bench_data), so
authors are matched and venues looked up as in a real lab. Each run imports the file into an emptied
publication table in a new process and reports wall time and that process's peak resident memory
(ru_maxrss, the whole Python process with Django loaded), then imports the same file again, which
must change nothing. Figures are medians over the runs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from devtools.scratch import scratch_database  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
RUNNER = """
import json, resource, sys, time
import django
django.setup()
from publications.importers import import_publications
from publications.models import Publication
text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[2] == "fresh":  # emptied without loading rows, so the peak below is the import's own
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE publications_publication CASCADE")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
report = import_publications(text, "bibtex")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "before_mb": before / 1024,
                  "counts": report.counts, "matches": len(report.matches)}))
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    with tempfile.TemporaryDirectory() as folder:
        url, drop = scratch_database("import", Path(folder))
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings",
               "PYTHONPATH": str(ROOT)}  # fmt: skip
        try:
            manage = [sys.executable, "manage.py"]
            subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
            lab_only = ["--publications", "0", "--people", "500", "--venues", "0", "--achievements", "0",
                        "--heavy-author-papers", "0"]  # fmt: skip
            subprocess.run([*manage, "make_bench_data", *lab_only], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings")
            import django

            django.setup()
            from devtools.bench import bench_bibtex

            path = Path(folder) / "bench.bib"
            path.write_text(bench_bibtex(options.entries), encoding="utf-8")
            size = path.stat().st_size / 1e6
            print(f"{options.entries:,} BibTeX entries ({size:.1f} MB) into PostgreSQL, {options.runs} runs")
            results = {"fresh": [], "again": []}
            for _run in range(options.runs):
                for mode in ("fresh", "again"):
                    out = subprocess.run([sys.executable, "-c", RUNNER, str(path), mode], cwd=ROOT, env=env,
                                         check=True, capture_output=True, text=True).stdout  # fmt: skip
                    results[mode].append(json.loads(out.strip().splitlines()[-1]))
            for mode, label in (("fresh", "first import"), ("again", "same file again")):
                rows = results[mode]
                print(
                    f"{label:16} {statistics.median(r['seconds'] for r in rows):6.2f} s  "
                    f"peak {statistics.median(r['peak_mb'] for r in rows):5.0f} MB "
                    f"(process before the import: {statistics.median(r['before_mb'] for r in rows):.0f} MB)  "
                    f"{rows[-1]['counts']}, {rows[-1]['matches']:,} authors matched to lab members"
                )
            print(person_page_plan())
        finally:
            drop()


def person_page_plan() -> str:
    """The plan of the person page's list query for the member with the most papers, after the
    imports: with the planner's statistics refreshed it finds their authorships by index, not by
    reading every authorship."""
    from django.db.models import Count

    from people.models import Person
    from publications.models import Publication

    person = Person.objects.annotate(papers=Count("authorships")).order_by("-papers").first()
    query = Publication.objects.public().for_person(person).values_list("pk", "year", "kind", "date")
    plan = query.explain()
    scans = [line.strip() for line in plan.splitlines() if "authorship" in line and "Scan" in line]
    indexed = [line for line in scans if "Index" in line]
    if not indexed:
        raise SystemExit(f"the person page reads authorships without an index:\n{plan}")
    return f"person page ({person.papers} papers): {indexed[0]}"


if __name__ == "__main__":
    main()
