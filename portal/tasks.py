from celery import shared_task
from django.db import OperationalError

from .content import rerender_all_markdown


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def rerender_markdown() -> int:
    """Re-render all stored Markdown; idempotent, so a retry or a second delivery is harmless."""
    return rerender_all_markdown()
