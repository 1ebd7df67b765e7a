"""Throwaway databases and ports for the scripts and tests that serve the site from a real server
(the browser tests, API fuzzing, benchmarks), apart from the test database."""

import os
import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process=None, seconds: float = 30) -> None:
    """Return once something accepts connections on the loopback port; fail if `process` (the
    server being started) exits first or nothing listens within `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode} before listening") from None
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {seconds:.0f} s")


def scratch_database(suffix: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """A new, empty database of the kind DATABASE_URL names, and how to drop it.

    On PostgreSQL: `<name>_<suffix>` beside the configured database, dropped first if an earlier run
    left it; otherwise an SQLite file in `folder`, which goes with the folder."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{folder / f'{suffix}.sqlite3'}", lambda: None
    parts = urlsplit(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # tests in parallel: one database per worker
    name = f"{parts.path.lstrip('/') or 'portal'}_{suffix}" + (f"_{worker}" if worker else "")

    def drop():
        run_on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    run_on_server(url, f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), drop


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database `url` names when it does not exist yet."""
    name = urlsplit(url).path.lstrip("/")
    exists = run_on_server(url, "SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if not exists:
        run_on_server(url, f'CREATE DATABASE "{name}"')


def run_on_server(url: str, statement: str, params=None):
    """One statement on the server's `postgres` database, outside any transaction; its first row."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchone() if cursor.description else None
