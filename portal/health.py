"""Health checks for a load balancer or an orchestrator, answered before any other middleware.

- `/healthz`: the process is up and serving (touches nothing else): restart it when this fails.
- `/readyz`: the database, the cache and the broker answer: stop sending it requests while this
  fails, send them again when it passes. Each check has a short timeout, so a server whose Redis or
  PostgreSQL stopped says so at once rather than hanging with the requests it is given.

Both answer JSON, are never cached, and accept any Host (a load balancer asks by address, which
ALLOWED_HOSTS would refuse). They reveal only which dependency fails, not why: the reason is logged.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

from portal.celery import app

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


def check_database():
    for alias in connections:
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:
            # a connection that failed is dropped, so the next check connects afresh
            connection.close()
            raise


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def check_broker():
    if not settings.CELERY_BROKER_URL:
        return "not used"  # tasks run in the web process

    with app.connection_for_write(connect_timeout=TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT_SECONDS
        )
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def readiness():
    """(ready, {check: "ok" | "not used" | "failing"})."""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            results[name] = check() or "ok"
        except Exception as error:
            results[name] = "failing"
            logger.warning(
                "readiness check %s failed after %.2fs: %s: %s",
                name, time.monotonic() - started, type(error).__name__, error,
            )  # fmt: skip
    return all(value != "failing" for value in results.values()), results


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the two health paths before host checks, sessions or the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return no_store(JsonResponse({"status": "up"}))
        if request.path == "/readyz":
            ready, checks = readiness()
            return no_store(
                JsonResponse(
                    {"status": "ready" if ready else "unready", "checks": checks},
                    status=200 if ready else 503,
                )
            )
        return self.get_response(request)
