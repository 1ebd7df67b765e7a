"""A real Celery worker on the configured broker, against the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from people.models import Person
from portal.tasks import rerender_markdown
from tests.people.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def database_url_for_worker() -> str:
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker for a worker (CI's PostgreSQL pass sets it)")
    if connection.vendor != "postgresql":
        pytest.skip(
            "the worker needs a database it can share with the test; SQLite's test database is in memory"
        )
    env = {**os.environ, "DATABASE_URL": database_url_for_worker()}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_worker_runs_a_queued_task_against_the_database(worker):
    person = PersonFactory(bio_en="Rendered by a *worker*")
    Person.objects.filter(pk=person.pk).update(bio_html_en="")

    assert not rerender_markdown.app.conf.task_always_eager  # the work must cross the broker
    rerender_markdown.delay()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        person.refresh_from_db()
        if person.bio_html_en:
            break
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
    assert person.bio_html_en == "<p>Rendered by a <em>worker</em></p>"
