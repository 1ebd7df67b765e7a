import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Pages use the production storage (hashed names from a manifest), so collect once per run."""
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


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
