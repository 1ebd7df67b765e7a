import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url_for_worker() -> str:
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def start_worker():
    """Starts real Celery workers on the configured broker against the test database: a solo pool, or
    with `pool="prefork"` a main process and its pool child as in production; extra `args` (`-B`)."""
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker for a worker (CI's PostgreSQL pass sets it)")
    if connection.vendor != "postgresql":
        pytest.skip(
            "the worker needs a database it can share with the test; SQLite's test database is in memory"
        )
    processes = []

    def start(pool="solo", args=(), **env):
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", f"--pool={pool}", "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat", *args],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": database_url_for_worker(), **env},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def worker(start_worker):
    return start_worker()


def child_processes(pid: int) -> list[int]:
    """The processes whose parent is `pid` (a prefork worker's pool), from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children
