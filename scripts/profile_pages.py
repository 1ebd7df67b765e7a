"""Where a page's time goes: cProfile and the query log over repeated requests, in one process.

    .venv/bin/python scripts/profile_pages.py [--requests 200] [--cached] [--top 25] [PAGE ...]

It reads the benchmark database that scripts/bench_pages.py builds (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/portal_bench; run the benchmark once first). Each page is asked
once to warm the caches, then `--requests` times under cProfile with Django's test client (as a
visitor: no session). It prints the time per request, the SQL queries of one request with their
time, and the functions where the time went (own time and cumulative). `--cached` turns the page
cache on (PAGE_CACHE_SECONDS), as visitors get it.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pages", nargs="*", help="names from bench_pages.pages(); all when none")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cached", action="store_true")
    parser.add_argument("--local-cache", action="store_true", help="as bench_pages.py --local-cache")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    args = parser.parse_args()

    from bench_pages import DEFAULT_DATABASE, server_env

    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    os.environ.update(server_env(database, args.local_cache))
    os.environ.update(
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="600" if args.cached else "0",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    import django

    django.setup()
    from bench_pages import api_pages, pages
    from django.db import connection
    from django.test import Client

    from achievements.models import Achievement
    from publications.models import Publication

    bench = Publication.objects.filter(slug__startswith="bench-").order_by("pk")
    slug = bench.values_list("slug", flat=True)[0]
    achievement = Achievement.objects.filter(slug__startswith="bench-").order_by("pk").first()
    every = {"floor": "/bench/floor/", **pages(slug, achievement), **api_pages()}
    chosen = {name: path for name, path in every.items() if not args.pages or name in args.pages}
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in chosen.items():
        assert client.get(path).status_code == 200, path
        queries = []

        def timed(execute, sql, params, many, context, queries=queries):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append({"sql": sql, "time": time.perf_counter() - start})

        # Django empties connection.queries when a request starts: a wrapper sees the whole request.
        with connection.execute_wrapper(timed):
            client.get(path)
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        per_request = (time.perf_counter() - start) / args.requests * 1000
        sql = sum(query["time"] for query in queries) * 1000
        print(f"\n=== {name} {path}: {per_request:.2f} ms per request (under the profiler), "
              f"{len(queries)} queries, {sql:.2f} ms in SQL")  # fmt: skip
        for query in queries:
            print(f"  {query['time'] * 1000:6.2f} ms  {query['sql'][:150]}")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(args.sort).print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
