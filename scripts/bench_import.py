"""Import 10,000 generated BibTeX entries into a fresh PostgreSQL database; print time and peak memory,
side by side with django-publications 1.2.0's own admin import of the same file.

    .venv/bin/python scripts/bench_import.py [--entries 10000] [--runs 3] [--no-peer]

The database is a scratch one beside DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/
portal_bench), holding the CCF venue list and 500 lab members with aliases (make_bench_data), so
authors are matched and venues looked up as in a real lab. Each run imports the file into an emptied
publication table in a new process and reports wall time and that process's peak resident memory
(VmHWM, the whole Python process with Django loaded; ru_maxrss would report the parent's), then
imports the same file again, which must change nothing (entries as last imported are not read again:
publications.importers.unchanged), then a copy of it with 1% of the entries changed (a keyword
added), which must update exactly those. Figures are medians over the runs.

The peer: django-publications 1.2.0 (PyPI), installed with the portal's Django and psycopg into a
virtual environment of its own (kept in the temporary folder between runs), in the bare project of
scripts/peer/ on a scratch database of the same server. Its admin import view is sent the same file as
a form post, by Django's test client, in a new process per run, between ours; the same figures are
taken (the form is encoded before the clock starts). It stores authors as one text field and matches
no venue: the lighter job.
"""

import argparse
import importlib.metadata
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
import json, sys, time
import django
django.setup()
from publications.importers import import_publications
from publications.models import Publication
text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[2] == "fresh":  # emptied without loading rows, so the peak below is the import's own
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE publications_publication CASCADE")
def peak_kb():  # the process's own peak (ru_maxrss keeps the parent's across exec)
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0])
before = peak_kb()
start = time.perf_counter()
report = import_publications(text, "bibtex")
seconds = time.perf_counter() - start
peak = peak_kb()
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "before_mb": before / 1024,
                  "counts": report.counts, "matches": len(report.matches)}))
"""
PEER = "django-publications==1.2.0"
PEER_RUNNER = """
import json, sys, time
import django
django.setup()
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse
from publications.models import Publication
text = open(sys.argv[1], encoding="utf-8").read()
with connection.cursor() as cursor:
    cursor.execute("TRUNCATE publications_publication CASCADE")
user = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", "", "bench")
client = Client()
client.force_login(user)
url = reverse("admin:publications_publication_import_bibtex")
body = encode_multipart(BOUNDARY, {"bibliography": text})
def peak_kb():
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0])
before = peak_kb()
start = time.perf_counter()
response = client.post(url, body, content_type="multipart/form-data; boundary=" + BOUNDARY)  # sent as is
seconds = time.perf_counter() - start
peak = peak_kb()
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "before_mb": before / 1024,
                  "status": response.status_code, "created": Publication.objects.count()}))
"""


def peer_python() -> str:
    """The peer's virtual environment (made once, then reused): django-publications with our Django."""
    venv = Path(tempfile.gettempdir()) / "portal-bench-peer"
    python = venv / "bin" / "python"
    pins = [PEER, f"Django=={importlib.metadata.version('django')}",
            f"psycopg[binary]=={importlib.metadata.version('psycopg')}", "Pillow"]  # fmt: skip
    marker = venv / "pins.txt"
    if not (python.exists() and marker.exists() and marker.read_text() == "\n".join(pins)):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *pins], check=True)
        marker.write_text("\n".join(pins))
    return str(python)


PEER_DIR = ROOT / "scripts" / "peer"  # the peer's project; run there, where our packages are not found


def peer_env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "settings",
            "PYTHONPATH": str(PEER_DIR)}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="ours only")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    with tempfile.TemporaryDirectory() as folder:
        url, drop = scratch_database("import", Path(folder))
        peer_url, drop_peer = (
            (None, lambda: None) if options.no_peer else scratch_database("peer", Path(folder))
        )
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

            if peer_url:
                python = peer_python()
                migrate = [python, "-m", "django", "migrate", "-v0"]
                subprocess.run(migrate, cwd=PEER_DIR, env=peer_env(peer_url), check=True)
            path = Path(folder) / "bench.bib"
            # The peer's parser cannot read titles in double braces ({{…}}) and then imports nothing:
            # the file both import is without them.
            path.write_text(bench_bibtex(options.entries, braced_titles=not peer_url), encoding="utf-8")
            size = path.stat().st_size / 1e6
            print(f"{options.entries:,} BibTeX entries ({size:.1f} MB) into PostgreSQL, {options.runs} runs")
            results = {"fresh": [], "again": [], "peer": []}
            changed = Path(folder) / "bench-1pc.bib"
            changed.write_text(one_in_a_hundred_changed(path.read_text(encoding="utf-8")), encoding="utf-8")
            results["changed"] = []
            for _run in range(options.runs):
                for mode, file in (("fresh", path), ("again", path), ("changed", changed)):
                    out = subprocess.run([sys.executable, "-c", RUNNER, str(file), mode], cwd=ROOT, env=env,
                                         check=True, capture_output=True, text=True).stdout  # fmt: skip
                    results[mode].append(json.loads(out.strip().splitlines()[-1]))
                if peer_url:
                    run = subprocess.run([python, "-c", PEER_RUNNER, str(path)], cwd=PEER_DIR,
                                         env=peer_env(peer_url), capture_output=True, text=True)  # fmt: skip
                    if run.returncode:
                        raise SystemExit(f"the peer's import failed:\n{run.stderr}")
                    out = run.stdout
                    results["peer"].append(json.loads(out.strip().splitlines()[-1]))
            labels = (("fresh", "first import"), ("again", "same file again"), ("changed", "1% changed"))
            for mode, label in labels:
                rows = results[mode]
                print(
                    f"{label:16} {statistics.median(r['seconds'] for r in rows):6.2f} s  "
                    f"peak {statistics.median(r['peak_mb'] for r in rows):5.0f} MB "
                    f"(process before the import: {statistics.median(r['before_mb'] for r in rows):.0f} MB)  "
                    f"{rows[-1]['counts']}, {rows[-1]['matches']:,} authors matched to lab members"
                )
            first = statistics.median(r["seconds"] for r in results["fresh"])
            again = statistics.median(r["seconds"] for r in results["again"])
            print(f"same file again: {again / first:.2f}× the first import's time")
            if peer_url:
                rows = results["peer"]
                seconds = statistics.median(r["seconds"] for r in rows)
                peak = statistics.median(r["peak_mb"] for r in rows)
                print(
                    f"{'the peer':16} {seconds:6.2f} s  peak {peak:5.0f} MB "
                    f"(process before the import: {statistics.median(r['before_mb'] for r in rows):.0f} MB)  "
                    f"{PEER}'s admin import: answered {rows[-1]['status']}, "
                    f"{rows[-1]['created']:,} publications"
                )
                ours = results["fresh"]
                our_seconds = statistics.median(r["seconds"] for r in ours)
                our_peak = statistics.median(r["peak_mb"] for r in ours)
                ratios = f"time {our_seconds / seconds:.2f}×, peak memory {our_peak / peak:.2f}×"
                print(f"ours against the peer: {ratios}")
            print(person_page_plan())
        finally:
            drop()
            drop_peer()


def one_in_a_hundred_changed(text: str) -> str:
    """The file with every hundredth entry given a keyword (a lab adding what it learnt)."""
    blocks = text.split("\n@")
    for number in range(0, len(blocks), 100):
        blocks[number] = blocks[number].replace("  year = {", "  keywords = {revised},\n  year = {", 1)
    return "\n@".join(blocks)


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
