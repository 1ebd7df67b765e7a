"""How long the annual report takes to make for a large year: 300 papers and 20 achievements.

    .venv/bin/python scripts/bench_report.py [--runs 3]

Builds the synthetic lab (make_bench_data: 10,000 papers over 25 years, 300 achievements with figures)
in a scratch PostgreSQL database beside DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/
portal_bench), moves 20 achievements into the year with the most papers and trims that year to 300
papers, then times, with nothing cached, the report's data (its queries), the page's HTML, the PDF
(WeasyPrint, both languages) and the Word file (both languages). Figures are medians over the runs;
the page figures are for one request through the test client (no page cache), the files as
downloaded. Each is asked once first, untimed, as a worker that has made a report before (its PDF
helper started, WeasyPrint and the fonts loaded); then every timed run is of a new content version.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from devtools.scratch import scratch_database  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    with tempfile.TemporaryDirectory() as folder:
        url, drop = scratch_database("report", Path(folder))
        os.environ.update(
            DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings", PAGE_CACHE_SECONDS="0",
            MEDIA_ROOT=str(Path(folder) / "media"), ALLOWED_HOSTS="127.0.0.1",
        )  # fmt: skip
        try:
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            run(options.runs)
        finally:
            drop()


def run(runs: int) -> None:
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client

    from achievements.models import Achievement
    from devtools.bench import make_bench_data
    from portal.content import bump_content_version
    from portal.models import Lab
    from publications.models import Publication

    make_bench_data()
    Lab.objects.get_or_create(pk=1, defaults={"name_en": "Bench Lab", "name_zh_hans": "基准实验室"})
    lab = Publication.objects.public().lab_works()
    year = lab.values("year").annotate(n=Count("id")).order_by("-n").first()["year"]
    # Exactly 300 of the lab's papers in that year: the rest moved out of every report year, or more in.
    extra = lab.filter(year=year).order_by("pk").values_list("pk", flat=True)[300:]
    Publication.objects.filter(pk__in=list(extra)).update(year=year - 30)
    short = 300 - lab.filter(year=year).count()
    if short > 0:
        more = lab.filter(year=year - 1).order_by("pk").values_list("pk", flat=True)[:short]
        Publication.objects.filter(pk__in=list(more)).update(year=year)
    moved = list(Achievement.objects.order_by("pk").values_list("pk", flat=True)[:20])
    Achievement.objects.filter(year=year).exclude(pk__in=moved).update(year=year - 30)
    Achievement.objects.filter(pk__in=moved).update(year=year, in_report=True, is_published=True)
    bump_content_version()
    papers = Publication.objects.public().lab_works().filter(year=year).count()
    print(f"year {year}: {papers} papers, {Achievement.objects.filter(year=year).count()} achievements "
          f"({Publication.objects.count():,} papers in the lab), {runs} runs, nothing cached")  # fmt: skip
    client = Client(HTTP_HOST="127.0.0.1")
    urls = {
        "page (zh)": f"/zh-hans/achievements/{year}/report/",
        "API": f"/api/v1/reports/{year}/",
        "Word (en)": f"/en/achievements/{year}/report.docx",
        "Word (zh)": f"/zh-hans/achievements/{year}/report.docx",
        "PDF (en)": f"/en/achievements/{year}/report.pdf",
        "PDF (zh)": f"/zh-hans/achievements/{year}/report.pdf",
    }
    for url in urls.values():  # untimed: the process has made a file before, as a worker has
        cache.clear()
        bump_content_version()
        client.get(url)
    for name, url in urls.items():
        times, size = [], 0
        for _run in range(runs):
            cache.clear()
            bump_content_version()  # nothing made or cached for this version yet
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            size = len(response.content)
        again = []
        for _run in range(runs):
            start = time.perf_counter()
            client.get(url)
            again.append(time.perf_counter() - start)
        kept = "file kept in storage" if "." in url.rsplit("/", 1)[-1] else "made again (no page cache)"
        print(f"{name:10} {statistics.median(times):6.2f} s  ({size / 1024:,.0f} KB); asked again, "
              f"{kept}: {statistics.median(again) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
