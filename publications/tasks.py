"""Background jobs: imports, remote fetches and the nightly citation refresh.

Each job's input is stored in its ImportJob row before the task is queued, and a job's writes commit in
the same transaction that marks it succeeded: a worker that dies mid-task leaves nothing half-written,
the broker hands the unacknowledged task to another worker (acks_late), and a finished job is never run
twice.
"""

import logging

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.content import bump_content_version_on_commit
from portal.validators import normalise_doi

from .importers import ImportFailed, import_publications, save_publications
from .importers.openalex import crossref_work, openalex_work, short_id
from .models import ImportJob, JobKind, JobState, Publication
from .remote import CrossrefClient, OpenAlexClient, RemoteUnavailable

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


def progress_key(job_id: int) -> str:
    return f"import-job-progress:{job_id}"


def job_progress(job: ImportJob) -> tuple[int, int]:
    """(done, total): live from the cache while the job runs, from its row once it has finished."""
    if job.state == JobState.RUNNING:
        return tuple(cache.get(progress_key(job.pk)) or (0, 0))
    return job.progress_done, job.progress_total


def backoff(retries: int) -> int:
    return min(600, 10 * 2**retries)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_import_job(self, job_id: int) -> str:
    """Run one job; idempotent: a job that already finished is left as it is."""
    updated = ImportJob.objects.filter(pk=job_id, state__in=[JobState.QUEUED, JobState.RUNNING]).update(
        state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not updated:
        return "done already"
    job = ImportJob.objects.select_related("owner").get(pk=job_id)

    def progress(done, total):
        cache.set(progress_key(job_id), (done, total), 3600)

    try:
        entries = fetch(job)
        with transaction.atomic():
            # A second delivery of the same task (a worker presumed dead, a short visibility timeout)
            # waits here for the first to commit, then finds the job finished.
            if ImportJob.objects.select_for_update().get(pk=job_id).state != JobState.RUNNING:
                return "done already"
            if entries is None:
                report = import_publications(
                    job.source, job.format, owner=job.owner, collection=job.collection_slug, progress=progress
                )
            else:
                report, _ids = save_publications(
                    entries, format=job.format, owner=job.owner, progress=progress
                )
            total = len(report.rows)
            finish(job, JobState.SUCCEEDED, report=report.as_dict(), done=total, total=total, error="")
    except RemoteUnavailable as error:
        if self.request.retries < MAX_RETRIES:
            ImportJob.objects.filter(pk=job_id).update(
                state=JobState.QUEUED, error=f"attempt {job.attempts}: {error}; trying again"
            )
            raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
        finish(job, JobState.FAILED, error=f"{error} (gave up after {job.attempts} attempts)")
    except ImportFailed as error:
        finish(job, JobState.FAILED, error=str(error))
    except Exception as error:
        finish(job, JobState.FAILED, error=f"unexpected error: {error.__class__.__name__}: {error}")
        raise
    finally:
        cache.delete(progress_key(job_id))
    return ImportJob.objects.values_list("state", flat=True).get(pk=job_id)


def finish(job: ImportJob, state: str, **values) -> None:
    fields = {"state": state, "finished_at": timezone.now(), "error": values.pop("error", "")}
    if "report" in values:
        fields["report"] = values["report"]
        fields["progress_done"], fields["progress_total"] = values["done"], values["total"]
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def fetch(job: ImportJob):
    """Entries fetched from a remote source for the job, or None when the job imports its own text."""
    source = job.source.strip()
    if job.kind in {JobKind.OPENALEX_DOI, JobKind.CROSSREF_DOI}:
        source = normalise_doi(source)
    if job.kind == JobKind.OPENALEX_DOI:
        job.format = "openalex"
        return [openalex_work(OpenAlexClient().work_by_doi(source), "work 1")]
    if job.kind == JobKind.OPENALEX_AUTHOR:
        job.format = "openalex"
        works = OpenAlexClient().works_by_author(short_id(source))
        return [openalex_work(work, f"work {number}") for number, work in enumerate(works, start=1)]
    if job.kind == JobKind.CROSSREF_DOI:
        job.format = "crossref"
        return [crossref_work(CrossrefClient().work_by_doi(source).get("message"), "work 1")]
    if job.kind == JobKind.REFRESH_CITATIONS:
        raise ImportFailed([("", "citation refreshes run as refresh_citation_counts")])
    return None


def queue_job(job: ImportJob) -> None:
    """Queue the job once the transaction that created it commits (so a worker finds its row)."""
    transaction.on_commit(lambda: start_job(job.pk))


def start_job(job_id: int) -> None:
    if run_import_job.app.conf.task_always_eager:
        # No broker: run here; retries run in-process, and every outcome lands in the job's row.
        run_import_job.apply(args=[job_id], throw=False)
    else:
        run_import_job.delay(job_id)


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
