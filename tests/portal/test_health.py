"""Health checks and request ids: /healthz and /readyz for a load balancer, and a request id on every
response and log record. The readiness of a real server is checked against a PostgreSQL and a Redis of
the test's own, stopped and started again."""

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from devtools.scratch import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_without_touching_anything(client):
    # no django_db mark: any database access would fail this test
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")  # a load balancer asks by address
    assert response.status_code == 200 and response.json() == {"status": "up"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client, settings):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    broker = "ok" if settings.CELERY_BROKER_URL else "not used"  # CI's PostgreSQL pass has Redis
    assert response.status_code == 200
    checks = {"database": "ok", "cache": "ok", "broker": broker}
    assert response.json() == {"status": "ready", "checks": checks}


@pytest.mark.django_db
def test_every_response_and_log_record_carries_the_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    given = client.get("/robots.txt", HTTP_X_REQUEST_ID="nginx-4f2a9c1e")
    assert given["X-Request-ID"] == "nginx-4f2a9c1e"
    made = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>")  # not an id: a new one is made
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"].isalnum()
    lines = [r for r in caplog.records if r.name == "portal.requests"]
    assert [(r.request_id, r.status, r.path) for r in lines] == [
        ("nginx-4f2a9c1e", 200, "/robots.txt"),
        (made["X-Request-ID"], 200, "/robots.txt"),
    ]


def test_logs_are_json_lines_with_the_request_id_when_debug_is_off(tmp_path):
    code = (
        "import logging, django; django.setup();"
        "from portal.logs import request_id; request_id.set('abc12345');"
        "logging.getLogger('portal.test').warning('stored %s', 3)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "false"}
    env.pop("LOG_FORMAT", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    record = json.loads(done.stderr.strip().splitlines()[-1])
    assert {k: record[k] for k in ("level", "logger", "message", "request_id")} == {
        "level": "WARNING", "logger": "portal.test", "message": "stored 3", "request_id": "abc12345"
    }  # fmt: skip


# --- readiness of a real server whose PostgreSQL and Redis stop and come back -------------------------

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def as_postgres(*command):
    return subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True)


@pytest.fixture
def own_postgres():
    """A PostgreSQL cluster of the test's own (the machine's serves the other tests)."""
    if PG_BIN is None or shutil.which("runuser") is None or os.geteuid() != 0:
        pytest.skip("needs PostgreSQL's server binaries and root to start a cluster as the postgres user")
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))  # pytest's own folders are closed to postgres
    shutil.chown(folder, "postgres")
    port = free_port()
    as_postgres(str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
    control = [str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log")]
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"

    def start():
        as_postgres(*control, "-o", options, "-w", "start")

    def stop():
        as_postgres(*control, "-m", "fast", "-w", "stop")

    start()
    yield type("Postgres", (), {"url": f"postgres://postgres@127.0.0.1:{port}/postgres", "start": start,
                                "stop": stop})  # fmt: skip
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *control, "-m", "immediate", "stop"], capture_output=True
    )
    shutil.rmtree(folder, ignore_errors=True)


def readiness(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=15) as response:
            return response.status, json.load(response)["checks"]
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)["checks"]


def test_readyz_follows_postgresql_and_redis_stopping_and_returning(own_postgres, own_redis, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": own_postgres.url,
        "CACHE_URL": f"{own_redis.url}/0",
        "CELERY_BROKER_URL": f"{own_redis.url}/1",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "lab.example.org",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "server.log").open("w"),
    )  # fmt: skip
    try:
        wait_for_port(port, server)
        ready = {"database": "ok", "cache": "ok", "broker": "ok"}
        assert readiness(port) == (200, ready)

        own_redis.stop()
        started = time.monotonic()
        assert readiness(port) == (503, {"database": "ok", "cache": "failing", "broker": "failing"})
        assert time.monotonic() - started < 10, "a stopped Redis is reported at once"
        own_redis.start()
        assert readiness(port) == (200, ready)

        own_postgres.stop()
        assert readiness(port) == (503, {"database": "failing", "cache": "ok", "broker": "ok"})
        own_postgres.start()
        assert readiness(port) == (200, ready)
    finally:
        server.terminate()
        server.wait(timeout=20)


def answer(port, path):
    """(status, content type) of a GET to the server on `port`."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "lab.example.org"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"]


def test_pages_and_the_api_answer_while_redis_is_away_and_the_api_in_json_without_postgresql(
    own_postgres, own_redis, tmp_path
):
    """The shared cache is an optimisation: with Redis stopped, pages and the API are served uncached.
    With PostgreSQL stopped, API clients get JSON (503 for the database), never an HTML error page."""
    port = free_port()
    env = {
        **os.environ, "DATABASE_URL": own_postgres.url, "CACHE_URL": f"{own_redis.url}/0",
        "CELERY_BROKER_URL": "", "DEBUG": "false", "ALLOWED_HOSTS": "lab.example.org",
        "PORTAL_DEMO": "false", "MEDIA_ROOT": str(tmp_path / "media"),
    }  # fmt: skip
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "server.log").open("w"),
    )  # fmt: skip
    pages = ["/en/", "/zh-hans/publications/", "/en/people/li-jiang/", "/en/achievements/2024/report/"]
    api = ["/api/v1/publications/?page_size=5", "/api/v1/people/li-jiang/"]
    try:
        wait_for_port(port, server)
        for path in pages + api:
            assert answer(port, path)[0] == 200, path
        own_redis.stop()
        for path in pages + api + ["/en/news/", "/api/v1/news/"]:
            status, kind = answer(port, path)
            assert status == 200, f"{path} answered {status} while Redis was away"
            assert kind.startswith("application/json" if path.startswith("/api/") else "text/html")
        own_redis.start()
        assert answer(port, "/en/")[0] == 200
        own_postgres.stop()
        for path in ["/api/v1/publications/no-such-paper/", "/api/v1/people/?role=phd"]:
            status, kind = answer(port, path)
            assert status in (500, 503) and kind.startswith("application/json"), (path, status, kind)
        own_postgres.start()
        assert answer(port, "/api/v1/people/li-jiang/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
