"""The nightly citation refresh: cited-by counts from OpenAlex, run as a job (jobs.tasks)."""

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobs.models import ImportJob, JobKind, JobState
from jobs.tasks import MAX_RETRIES, backoff, finish
from portal.content import bump_content_version_on_commit

from .importers import ImportFailed
from .importers.openalex import short_id
from .models import Publication
from .remote import OpenAlexClient, RemoteUnavailable


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def refresh_citation_counts(self) -> dict:
    """Cited-by counts (and counts by year) from OpenAlex for every paper with a DOI or an OpenAlex id.

    Batches of 50 ids per request; papers OpenAlex does not know are left as they are.
    """
    job = ImportJob.objects.create(kind=JobKind.REFRESH_CITATIONS, state=JobState.RUNNING,
                                   started_at=timezone.now(), attempts=self.request.retries + 1)  # fmt: skip
    client = OpenAlexClient()
    rows = list(
        Publication.objects.filter(~Q(doi="") | ~Q(openalex_id=""))
        .order_by("pk")
        .values_list("pk", "doi", "openalex_id", "cited_by_count", "citations_by_year")
    )
    updated, now = [], timezone.now()
    try:
        for start in range(0, len(rows), client.BATCH):
            batch = rows[start : start + client.BATCH]
            by_id = {openalex: pk for pk, _doi, openalex, *_rest in batch if openalex}
            by_doi = {doi.lower(): pk for pk, doi, openalex, *_rest in batch if doi and not openalex}
            for work in client.works_by_ids(list(by_id), list(by_doi)):
                work_id = short_id(work.get("id") or "")
                doi = (work.get("doi") or "").lower().removeprefix("https://doi.org/")
                pk = by_id.get(work_id) or by_doi.get(doi)
                if pk is None or not isinstance(work.get("cited_by_count"), int):
                    continue
                counts = {
                    str(row["year"]): row.get("cited_by_count", 0)
                    for row in work.get("counts_by_year") or []
                    if isinstance(row, dict) and isinstance(row.get("year"), int)
                }
                updated.append(
                    Publication(pk=pk, openalex_id=work_id, cited_by_count=work["cited_by_count"],
                                citations_by_year=dict(sorted(counts.items())), citations_refreshed_at=now)
                )  # fmt: skip
    except RemoteUnavailable as error:
        if self.request.retries < MAX_RETRIES:
            finish(job, JobState.FAILED, error=f"{error}; trying again")
            raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
        finish(job, JobState.FAILED, error=f"{error} (gave up)")
        return {"state": "failed"}
    except ImportFailed as error:
        finish(job, JobState.FAILED, error=str(error))
        return {"state": "failed"}
    with transaction.atomic():
        Publication.objects.bulk_update(
            updated, ["openalex_id", "cited_by_count", "citations_by_year", "citations_refreshed_at"],
            batch_size=500,
        )  # fmt: skip
        if updated:
            bump_content_version_on_commit()
        summary = {"papers": len(rows), "refreshed": len(updated)}
        finish(job, JobState.SUCCEEDED, report={"notes": [f"{len(updated)} of {len(rows)} papers refreshed"],
                                                **summary}, done=len(updated), total=len(rows))  # fmt: skip
    return summary
