"""Measure the public pages against the reference points of docs (quality bars), with wrk.

    .venv/bin/python scripts/bench_pages.py [--duration 10] [--connections 16] [--growth] [--load]

On PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_bench, created when
missing) with the synthetic lab of `make_bench_data` (10,000 papers), gunicorn with 2 workers and
persistent connections, it measures side by side in one run:
- the limit: for each page, a static HTML file of its size served by WhiteNoise;
- the floor: a bare view rendering 50 rows from one query;
- the pages of `pages()` (home, lists, a person with 300 papers, the people, news, a publication, an
  achievement, a year's report) and the API lists: uncached (PAGE_CACHE_SECONDS=0) and cached for
  visitors. The cache is Redis, shared by the workers, as deployed (`--local-cache`: each worker's
  memory, the content version then read from the database).
--growth then measures the lists, the search, the API lists and the admin's publication change list at
10,000 and at 100,000 papers (a second database, `<name>_100k`, built once and kept): the growth of
their time per request, and the search's median time on one connection. --growth-only does only that.
--load runs wrk for 60 s with 64 connections on the busiest pages and reports p99 and errors.
--flood SECONDS only checks the page cache against visitors asking with made-up parameters
(`?utm_source=<unique>` on every request, as a crawler or an attacker would): the workers' memory
before and after, with the cache on. It must stay flat: such pages are served but not kept.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from devtools.scratch import ensure_database, free_port, wait_for_port  # noqa: E402

PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
DEFAULT_CACHE = "redis://127.0.0.1:6379/12"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)


def server_env(database: str, local_cache: bool = False) -> dict:
    """The settings every measured server (and scripts/profile_pages.py) runs with."""
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "false",
        "BENCH_VIEWS": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": "",
        "CONN_MAX_AGE": "600",
        # As deployed (deploy/portal.env.example): Redis shared by the workers, keeping the content version.
        "CACHE_URL": "" if local_cache else os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE),
        # wrk is one anonymous client sending thousands of requests; throttling would answer 429s.
        "API_ANON_RATE": "100000000/minute",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", "2",
             "--access-logfile", "-", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process)

    def get(self, path, cookie: str = "") -> bytes:
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request) as response:
            assert response.status == 200, path
            return response.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def wrk(url: str, duration: int, connections: int, cookie: str = "") -> dict:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *headers, url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def measure(server, paths: dict, args) -> dict:
    results = {}
    for name, path in paths.items():
        cookie = getattr(args, "cookie", "")
        server.get(path, cookie)  # warm the workers (and, when on, the page cache)
        runs = [wrk(server.base + path, args.duration, args.connections, cookie) for _ in range(args.repeat)]
        results[name] = {
            "rps": statistics.median(run["rps"] for run in runs),
            "p99_ms": statistics.median(run["p99_ms"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
        }
        print(
            f"  {name:<28} {results[name]['rps']:>9.1f} req/s   p99 {results[name]['p99_ms']:>7.1f} ms",
            flush=True,
        )
        if results[name]["errors"]:
            # A figure made of error answers (a 429, a 500) measures nothing: stop rather than report it.
            raise SystemExit(f"{name}: {results[name]['errors']} answers were not 2xx or 3xx")
    return results


FLOOD_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local paths = {"/en/publications/", "/en/", "/zh-hans/publications/", "/en/achievements/"}
  local unique = math.random(1, 1000000000) .. "-" .. counter
  return wrk.format(nil, paths[counter % 4 + 1] .. "?utm_source=" .. unique)
end
"""


def workers_rss_mb(server) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != server.process.pid:
                continue
            status = (stat.parent / "status").read_text()
        except OSError:
            continue
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sorted(sizes)


def flood(env, seconds: int) -> None:
    server = Server(env)
    script = ROOT / "staticfiles" / "bench-flood.lua"
    script.write_text(FLOOD_SCRIPT)
    try:
        for path in ("/en/publications/", "/en/", "/zh-hans/publications/", "/en/achievements/"):
            for _ in range(20):
                server.get(path)  # every worker has rendered and cached each page once
        before = workers_rss_mb(server)
        output = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(script), server.base + "/"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        requests = int(re.search(r"(\d+) requests in", output).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        after = workers_rss_mb(server)
    finally:
        script.unlink()
        server.stop()
    print(f"flood: {requests:,} requests with unique parameters in {seconds} s, "
          f"{int(errors.group(1)) if errors else 0} not 2xx")  # fmt: skip
    print(f"  workers' memory before {', '.join(f'{mb:.0f}' for mb in before)} MB, "
          f"after {', '.join(f'{mb:.0f}' for mb in after)} MB")  # fmt: skip


def pages(publication_slug: str, achievement) -> dict:
    """The pages measured, by name; `achievement` is a bench achievement (its page and its year's report)."""
    return {
        "home": "/en/",
        "publications list": "/en/publications/",
        "publications page 100": "/en/publications/?page=100",
        "person, 300 papers": "/en/people/bench-person-0/",
        "people, 500 with stints": "/en/people/",
        "news": "/en/news/",
        "publication": f"/en/publications/{publication_slug}/",
        "achievements": "/en/achievements/",
        "achievement": achievement.get_absolute_url(),
        "report": f"/en/achievements/{achievement.year}/report/",
    }


def api_pages() -> dict:
    return {
        "API floor: bare DRF, 50 rows": "/bench/api-floor/",
        "API publications, 50": "/api/v1/publications/",
        "API person's papers, 50": "/api/v1/publications/?author=bench-person-0",
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="wrk runs per page (the median is kept)")
    parser.add_argument("--growth", action="store_true", help="then from 10,000 to 100,000 papers")
    parser.add_argument("--growth-only", action="store_true", help="only from 10,000 to 100,000 papers")
    parser.add_argument("--load", action="store_true", help="60 s, 64 connections on the busiest pages")
    parser.add_argument("--reuse", action="store_true", help="keep existing bench data")
    parser.add_argument("--only", action="append", default=[], metavar="PAGE",
                        help="measure only this page (of pages() or GROWN; repeat for more)")  # fmt: skip
    parser.add_argument("--local-cache", action="store_true",
                        help="each worker's own memory as the cache (the content version then read from "
                             "the database) instead of Redis, as deployed")  # fmt: skip
    parser.add_argument("--flood", type=int, default=0, metavar="SECONDS",
                        help="only: unique query strings against the page cache for this long")  # fmt: skip
    args = parser.parse_args()

    ensure_wrk()
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    ensure_database(database)
    env = server_env(database, args.local_cache)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not (args.reuse or args.growth_only):
        manage(env, "make_bench_data")
    if args.flood:
        return flood(env, args.flood)
    if args.growth_only:
        return growth(env, args)

    import django

    os.environ.update({key: env[key] for key in ("DATABASE_URL", "DEBUG")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from achievements.models import Achievement
    from publications.models import Publication

    slug = (
        Publication.objects.filter(slug__startswith="bench-").order_by("pk").values_list("slug", flat=True)[0]
    )
    achievement = Achievement.objects.filter(slug__startswith="bench-").order_by("pk").first()
    paths = pages(slug, achievement)
    paths = {name: path for name, path in paths.items() if not args.only or name in args.only}

    print(f"uncached (PAGE_CACHE_SECONDS=0), wrk {args.duration}s × {args.connections} connections")
    server = Server({**env, "PAGE_CACHE_SECONDS": "0"})
    floor = measure(server, {"floor: bare 50-row view": "/bench/floor/"}, args)
    uncached = measure(server, paths, args)
    api = measure(server, api_pages(), args)
    sizes = {name: len(server.get(path)) for name, path in paths.items()}
    server.stop()

    # The limit for each page: a static file of that page's size, served by WhiteNoise.
    limits = {name: ROOT / "staticfiles" / f"bench-limit-{sizes[name]}.html" for name, size in sizes.items()}
    for name, file in limits.items():
        file.write_bytes(b"<!DOCTYPE html>" + b"x" * (sizes[name] - 15))
    print("cached for visitors; each page beside the limit: a static file of its size")
    server = Server(env)
    limit, cached = {}, {}
    for name, path in paths.items():
        label = f"limit: {sizes[name]:,}-byte file"
        limit[name] = measure(server, {label: f"/static/{limits[name].name}"}, args)[label]
        cached.update(measure(server, {name: path}, args))
    load = {}
    if args.load:
        print("load: 60 s × 64 connections")
        for name in ("publications list", "person, 300 papers", "home"):
            load[name] = wrk(server.base + paths[name], 60, 64)
            print(f"  {name:<28} {load[name]['rps']:>9.1f} req/s   p99 {load[name]['p99_ms']:>7.1f} ms   "
                  f"errors {load[name]['errors']} {load[name]['socket_errors']}")  # fmt: skip
    server.stop()
    for file in limits.values():
        file.unlink(missing_ok=True)

    floor_rps = floor["floor: bare 50-row view"]["rps"]
    print(f"\nsummary (cache: {env['CACHE_URL'] or 'local memory'})")
    first = next(iter(paths))
    print(f"  floor {floor_rps:.0f} req/s = {floor_rps / limit[first]['rps']:.0%} of the limit "
          f"for the size of {first}")  # fmt: skip
    for name in paths:
        u, c, most = uncached[name]["rps"], cached[name]["rps"], limit[name]["rps"]
        print(f"  {name:<28} uncached {u:>7.0f} req/s ({u / floor_rps:>5.0%} of floor)"
              f"   cached {c:>7.0f} req/s ({c / most:>4.0%} of the limit, {most:.0f} req/s)")  # fmt: skip

    api_floor = api["API floor: bare DRF, 50 rows"]["rps"]
    for name in ("API publications, 50", "API person's papers, 50"):
        share = api[name]["rps"] / api_floor
        print(f"  {name:<28} {api[name]['rps']:>7.0f} req/s ({share:>5.0%} of the DRF floor)")

    if args.growth:
        growth(env, args)


GROWN = {
    "publications list": "/en/publications/",
    "publications page 10": "/en/publications/?page=10",
    "news": "/en/news/",
    "search 存算一体": "/en/search/?q=%E5%AD%98%E7%AE%97%E4%B8%80%E4%BD%93",
    "search accel": "/en/search/?q=accel",
    "publications ?q=accel": "/en/publications/?q=accel",
    "API publications, 50": "/api/v1/publications/",
    "API publications, page 10": "/api/v1/publications/?page=10",
    "API publications ?q=accel": "/api/v1/publications/?q=accel",
    "admin publications": "/admin/publications/publication/",
    "admin publications page 10": "/admin/publications/publication/?p=10",
    "admin search accel": "/admin/publications/publication/?q=accel",
}
SEARCHES = ("search 存算一体", "search accel")
SIZES = {10_000: 500, 100_000: 5_000}  # papers: people (an institute's thousands at 100,000)


def bench_size(env) -> int:
    code = (
        "from publications.models import Publication as P;"
        "print(P.objects.filter(slug__startswith='bench-').count())"
    )
    output = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    return int(output.strip().splitlines()[-1])


def staff_cookie(env) -> str:
    """A session of a superuser of the bench (no second factor set up), as the Cookie header wrk sends."""
    code = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY;"
        "from importlib import import_module; from django.conf import settings;"
        "u, _ = get_user_model().objects.get_or_create(username='bench-admin', "
        "defaults={'is_staff': True, 'is_superuser': True});"
        "s = import_module(settings.SESSION_ENGINE).SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1];"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    output = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    return f"sessionid={output.strip().splitlines()[-1]}"


def p50_ms(url: str, cookie: str = "", seconds: int = 5) -> float:
    """The median time of one request with nothing else running: one connection, uncached."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(["wrk", "-t1", "-c1", f"-d{seconds}s", "--latency", *headers, url],
                            check=True, capture_output=True, text=True).stdout  # fmt: skip
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def growth(env, args):
    """The lists, the search, the API lists and the admin's publication change list, uncached, at 10,000
    papers (the bench database) and at 100,000 (a scratch database beside it, `<name>_100k`, built once
    and kept for later runs): time per request may grow by at most 1.3×, and a search at 100,000 papers
    takes at most 50 ms (median, one connection)."""
    from devtools.scratch import ensure_database

    grown = {name: path for name, path in GROWN.items() if not args.only or name in args.only}
    searches = [name for name in SEARCHES if name in grown]
    results, p50 = {}, {}
    for size, people in SIZES.items():
        database = env["DATABASE_URL"] if size == 10_000 else env["DATABASE_URL"] + "_100k"
        ensure_database(database)
        sized = {**env, "DATABASE_URL": database, "PAGE_CACHE_SECONDS": "0"}
        manage(sized, "migrate", "--noinput", "-v0")
        if bench_size(sized) != size:
            print(f"building the bench data at {size:,} papers (kept for later runs)", flush=True)
            manage(sized, "make_bench_data", "--publications", str(size), "--people", str(people))
        cookie = staff_cookie(sized)
        server = Server(sized)
        print(f"uncached at {size:,} papers")
        results[size] = {}
        for name, path in grown.items():
            arguments = argparse.Namespace(**{**vars(args), "cookie": cookie if "admin" in name else ""})
            results[size].update(measure(server, {name: path}, arguments))
        p50[size] = {name: p50_ms(server.base + GROWN[name]) for name in searches}
        server.stop()
    print("\ngrowth of the time per request, 10,000 → 100,000 papers (at most 1.3×)")
    for name in grown:
        ratio = results[10_000][name]["rps"] / results[100_000][name]["rps"]
        print(f"  {name:<28} {ratio:5.2f}×   ({results[10_000][name]['rps']:7.0f} → "
              f"{results[100_000][name]['rps']:7.0f} req/s)")  # fmt: skip
    for name in searches:
        print(f"  {name:<28} median, one connection: {p50[10_000][name]:5.1f} ms at 10,000 papers, "
              f"{p50[100_000][name]:5.1f} ms at 100,000 (at most 50 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
