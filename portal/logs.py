"""Structured logs with request ids.

Every request gets an id: the one the web server in front sent (`X-Request-ID`, nginx's
`$request_id` in deploy/nginx), or a new one. It is returned in the response's `X-Request-ID`, added to
every log record written while the request is handled (`request_id`), and written with one line per
request (`portal.requests`: method, path, status, duration). With `LOG_FORMAT=json` (the default when
DEBUG is off) each record is one JSON object per line (python-json-logger), for a log collector;
otherwise a readable line.
"""

import contextvars
import logging
import re
import time
import uuid

request_id = contextvars.ContextVar("request_id", default="")
access = logging.getLogger("portal.requests")

ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


class RequestIdFilter(logging.Filter):
    """Puts the id of the request being handled (or "-") on every record."""

    def filter(self, record):
        record.request_id = request_id.get() or "-"
        return True


class RequestIdMiddleware:
    """Near the top of MIDDLEWARE (after the health checks), so every later log record carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        current = given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        request.request_id = current
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            access.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


def logging_config(json: bool, level: str) -> dict:
    """settings.LOGGING: everything to standard error (gunicorn, systemd and containers collect it)."""
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        }
        if json
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
        "formatters": {"portal": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "portal",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own request logger repeats what portal.requests says, without the id's context
            "django.server": {"level": "WARNING"},
            # bibtexparser logs each block it cannot read; the import's report names them already
            "bibtexparser": {"level": "ERROR"},
        },
    }
