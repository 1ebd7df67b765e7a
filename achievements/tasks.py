"""Background work for achievements: the annual report's PDF, which takes seconds for a large year."""

from celery import shared_task
from django.core.cache import cache

from .documents import make_document


def pending_key(kind: str, year: int, language: str, staff: bool, version: str) -> str:
    return f"report-making:{kind}:{year}:{language}:{staff}:{version}"


@shared_task(acks_late=True, ignore_result=True)
def make_report_document(kind: str, year: int, language: str, staff: bool, version: str = "") -> str:
    """Make one report file of the current content and keep it in storage (idempotent: a file of this
    version already made is left as it is)."""

    try:
        return make_document(kind, year, language, staff)
    finally:
        if version:
            cache.delete(pending_key(kind, year, language, staff, version))
