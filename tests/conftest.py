import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


# The suite runs in parallel (pytest-xdist, `-n`): each worker has its own test database (pytest-django
# names it), its own broker database in Redis, and its own scratch databases (devtools.scratch). The
# tests that share a resource no worker can have twice run in one worker: the browser tests (one site,
# one Chromium) and the integration tests (Celery workers, the deployment trial).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
GROUPS = {"browser": "browser", "integration": "services"}


def pytest_configure(config):
    """Static files are collected once per run, before any worker starts (the production storage reads
    hashed names from a manifest, which two workers writing at once would tear)."""
    if not WORKER:
        from django.core.management import call_command

        call_command("collectstatic", "--noinput", verbosity=0)
    if WORKER and os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        own_broker_database(int(WORKER.removeprefix("gw")))


def own_broker_database(number: int) -> None:
    """Queue messages on a Redis database of this worker's (1, 2, …; the trial keeps 14 and 15): a
    Celery worker one test starts must never take a task another worker's test queued."""
    from urllib.parse import urlsplit, urlunsplit

    from django.conf import settings

    url = urlunsplit(urlsplit(os.environ["CELERY_BROKER_URL"])._replace(path=f"/{1 + number}"))
    os.environ["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL = url  # workers it starts inherit it
    from portal.celery import app

    app.conf.broker_url = url


def pytest_collection_modifyitems(config, items):
    for item in items:
        group = next((GROUPS[m.name] for m in item.iter_markers() if m.name in GROUPS), None)
        if group is None and "/integration/" in str(item.path):
            group = GROUPS["integration"]
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Accounts made in the tests' own process hash their passwords with a quick hasher: PBKDF2 at its
    production strength costs about a third of a second a password, which was a sixth of the suite. The
    site the browser tests drive, the trial and the API fuzzing keep the production hasher."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    before = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear(), get_hashers_by_algorithm.cache_clear()
    yield
    settings.PASSWORD_HASHERS = before
    get_hashers.cache_clear(), get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier request left active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and list codes are keyed on the content version, which restarts with each test's
    database: a test must not see what an earlier one cached."""
    from django.core.cache import cache

    from portal.cache import forget_local_copies

    cache.clear()
    forget_local_copies()
    yield
    cache.clear()
    forget_local_copies()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of a test land in its own folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): …` runs, at the block's end, what committing its writes would run (image
    variants are made on commit): a test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def tasks_in_process():
    """Background tasks run here, eagerly, even where a broker is configured (CI's PostgreSQL pass)."""
    from portal.celery import app

    before, app.conf.task_always_eager = app.conf.task_always_eager, True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "editor", password="editor-pass-123", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def member_client(client, django_user_model):
    user = django_user_model.objects.create_user("member", password="member-pass-123")
    client.force_login(user)
    return client


def png_bytes(width=8, height=8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not beside the project ({SEEDS} is missing)")
    return SEEDS


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of the test's own on a free port, which the test may stop and start again."""
    from devtools.scratch import free_port, wait_for_port

    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    port = free_port()
    processes = []

    def start():
        processes.append(
            subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        )
        wait_for_port(port, processes[-1])

    def stop():
        processes[-1].terminate()
        processes[-1].wait(timeout=10)

    start()
    yield type("Redis", (), {"url": f"redis://127.0.0.1:{port}", "start": start, "stop": stop})
    for process in processes:
        process.kill()
