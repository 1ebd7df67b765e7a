"""Background work of review: the editors' morning digest (run by beat, CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .notices import review_digest


@shared_task(ignore_result=True)
def send_review_digest() -> int:
    return review_digest()
