"""Running jobs: imports of every kind and remote fetches, with their heartbeats and their queue.

Each job's input is stored in its ImportJob row before the task is queued, and a job's writes commit in
the same transaction that marks it succeeded: a worker that dies mid-task leaves nothing half-written,
the broker hands the unacknowledged task to another worker (acks_late), and a finished job is never run
twice.

A worker on a job beats (JobHeartbeat) every JOB_HEARTBEAT_SECONDS; `mark_stalled_jobs` (every 15 s
from beat, and whenever staff open the job list) marks a job whose heartbeat stopped for
JOB_STALL_SECONDS as stalled, so staff see it at once and can run it again rather than wait for the
broker's visibility timeout.
"""

import logging
import threading
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.validators import normalise_doi
from publications.importers import ImportFailed, save_publications
from publications.importers.dblp import parse_dblp
from publications.importers.openalex import crossref_work, openalex_work, short_id
from publications.remote import CrossrefClient, DblpClient, OpenAlexClient, RemoteUnavailable
from siteimport.save import import_site

from .imports import run_import
from .models import WORKING_STATES, ImportJob, JobHeartbeat, JobKind, JobState

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


def progress_key(job_id: int) -> str:
    return f"import-job-progress:{job_id}"


def job_progress(job: ImportJob) -> tuple[int, int]:
    """(done, total): live while the job runs (from this process's cache, else from the worker's last
    heartbeat), from its row once it has finished."""
    if job.state in WORKING_STATES:
        live = cache.get(progress_key(job.pk))
        if live is None:
            live = JobHeartbeat.objects.filter(job=job).values_list("done", "total").first()
        return tuple(live or (0, 0))
    return job.progress_done, job.progress_total


class Heartbeat:
    """Beats for a job from a thread with its own database connection while the work runs, so other
    processes see that the worker lives and how far it has got. The first beat is written before the
    job's transaction takes its row lock; later beats update only the heartbeat's own row."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.progress = (0, 0)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"job-{job_id}-heartbeat", daemon=True)

    def __enter__(self):
        self.beat()
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()

    def beat(self) -> None:
        done, total = self.progress
        try:
            JobHeartbeat.objects.update_or_create(
                job_id=self.job_id, defaults={"beat_at": timezone.now(), "done": done, "total": total}
            )
        except DatabaseError:
            # The database is away for a moment: the next beat tries again. Were it away for good,
            # the job would be marked stalled, which it then is.
            logger.warning("job %s: could not write its heartbeat", self.job_id, exc_info=True)

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT_SECONDS):
                self.beat()
        finally:
            connection.close()  # this thread's own connection


def backoff(retries: int) -> int:
    return min(600, 10 * 2**retries)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_import_job(self, job_id: int) -> str:
    """Run one job (or, for a dry-run job, check it); idempotent: a finished job is left as it is.

    A stalled job is taken up again too: the broker hands the task of a worker that died to another.
    """
    claimable = [JobState.QUEUED, *WORKING_STATES, JobState.STALLED]
    job = ImportJob.objects.filter(pk=job_id, state__in=claimable).only("dry_run").first()
    if job is None:
        return "done already"
    working = JobState.CHECKING if job.dry_run else JobState.RUNNING
    updated = ImportJob.objects.filter(pk=job_id, state__in=claimable).update(
        state=working, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not updated:
        return "done already"
    job = ImportJob.objects.select_related("owner", "created_by").get(pk=job_id)
    if self.request.is_eager:
        # In the caller's own process (no broker): nothing can die apart from it, and a second
        # connection would not see the caller's uncommitted job.
        return run_job(job, working, self)
    with Heartbeat(job_id) as heartbeat:
        return run_job(job, working, self, heartbeat)


def run_job(job: ImportJob, working: str, task, heartbeat: Heartbeat | None = None) -> str:
    job_id = job.pk

    def progress(done, total):
        cache.set(progress_key(job_id), (done, total), 3600)
        if heartbeat:
            heartbeat.progress = (done, total)

    try:
        if job.kind == JobKind.SITE:
            return run_site_job(job, working, progress)
        if job.dry_run:
            report = run_import(
                job.source, job.format, owner=job.owner, collection=job.collection_slug, dry_run=True,
                progress=progress, by=job.created_by,
            )  # fmt: skip
            total = len(report.rows)
            finish(job, JobState.PREVIEW, report=report.as_dict(), done=total, total=total, error="")
            return ImportJob.objects.values_list("state", flat=True).get(pk=job_id)
        entries = fetch(job)
        with transaction.atomic():
            # A second delivery of the same task (a worker presumed dead, a short visibility timeout)
            # waits here for the first to commit, then finds the job finished.
            if ImportJob.objects.select_for_update().get(pk=job_id).state != working:
                return "done already"
            if entries is None:
                report = run_import(
                    job.source, job.format, owner=job.owner, collection=job.collection_slug,
                    progress=progress, by=job.created_by,
                )  # fmt: skip
            else:
                report, _ids = save_publications(
                    entries, format=job.format, owner=job.owner, progress=progress, by=job.created_by
                )
            total = len(report.rows)
            finish(job, JobState.SUCCEEDED, report=report.as_dict(), done=total, total=total, error="")
    except RemoteUnavailable as error:
        if task.request.retries < MAX_RETRIES:
            ImportJob.objects.filter(pk=job_id).update(
                state=JobState.QUEUED, error=f"attempt {job.attempts}: {error}; trying again"
            )
            raise task.retry(exc=error, countdown=backoff(task.request.retries)) from error
        finish(job, JobState.FAILED, error=f"{error} (gave up after {job.attempts} attempts)")
    except ImportFailed as error:
        finish(job, JobState.FAILED, error=str(error))
    except Exception as error:
        finish(job, JobState.FAILED, error=f"unexpected error: {error.__class__.__name__}: {error}")
        raise
    finally:
        cache.delete(progress_key(job_id))
    return ImportJob.objects.values_list("state", flat=True).get(pk=job_id)


def run_site_job(job: ImportJob, working: str, progress) -> str:
    """A whole site from its uploaded archive: a dry run for the preview, then the import."""
    with transaction.atomic():
        if ImportJob.objects.select_for_update().get(pk=job.pk).state != working:
            return "done already"
        with job.source_file.open("rb") as archive:
            report = import_site(archive, generator=job.format, dry_run=job.dry_run, progress=progress)
        total = len(report.rows)
        state = JobState.PREVIEW if job.dry_run else JobState.SUCCEEDED
        finish(job, state, report=report.as_dict(), done=total, total=total, error="")
        if state == JobState.SUCCEEDED:
            # The archive was kept so nothing was lost while the job ran; once imported it is not needed.
            # The job lets go of it in the same commit as it says it succeeded (anyone who sees one sees
            # the other), and the file goes once that commit is made.
            ImportJob.objects.filter(pk=job.pk).update(source_file="")
            transaction.on_commit(partial(job.source_file.storage.delete, job.source_file.name))
    return ImportJob.objects.values_list("state", flat=True).get(pk=job.pk)


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
    if job.kind == JobKind.DBLP_PERSON:
        job.format = "dblp"
        parsed, _skipped = parse_dblp(DblpClient().person_xml(source))
        return parsed
    if job.kind == JobKind.REFRESH_CITATIONS:
        raise ImportFailed([("", "citation refreshes run as refresh_citation_counts")])
    return None


@shared_task
def mark_stalled_jobs() -> list[int]:
    """Mark as stalled the jobs whose worker has not beaten for JOB_STALL_SECONDS; their ids.

    A job whose row is locked is being written by a live worker (a dead one's lock goes with its
    connection) and is skipped, so this never waits on an import.
    """
    now = timezone.now()
    limit = now - timedelta(seconds=settings.JOB_STALL_SECONDS)
    silent = Q(heartbeat__beat_at__lt=limit) | Q(heartbeat__isnull=True, started_at__lt=limit)
    untaken = now - timedelta(seconds=settings.JOB_QUEUE_SECONDS)
    with transaction.atomic():
        found = list(
            ImportJob.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(Q(silent, state__in=WORKING_STATES) | Q(state=JobState.QUEUED, queued_at__lt=untaken))
            .values_list("pk", "state")
        )
        stalled = [pk for pk, state in found if state != JobState.QUEUED]
        lost = [pk for pk, state in found if state == JobState.QUEUED]
        ImportJob.objects.filter(pk__in=stalled).update(
            state=JobState.STALLED,
            error=f"its worker stopped: no heartbeat for {settings.JOB_STALL_SECONDS} seconds. Nothing of it "
            "was saved; run it again from the list of jobs.",
        )
        # A second message of a job is harmless: a worker takes a job only in a state it may run.
        ImportJob.objects.filter(pk__in=lost).update(
            state=JobState.STALLED,
            error=f"no worker took it within {settings.JOB_QUEUE_SECONDS} seconds of being queued (its "
            "message may have been lost when the broker restarted). Nothing of it was saved; run it again.",
        )
    if stalled or lost:
        logger.warning("jobs marked stalled: %s", stalled + lost)
    return stalled + lost


@shared_task
def expire_import_previews() -> int:
    """Delete import previews (and failed or stalled checks) no one confirmed in IMPORT_PREVIEW_DAYS:
    each keeps the whole file it was given. Returns how many went."""
    limit = timezone.now() - timedelta(days=settings.IMPORT_PREVIEW_DAYS)
    abandoned = Q(state=JobState.PREVIEW) | Q(dry_run=True, state__in=[JobState.FAILED, JobState.STALLED])
    _deleted, by_model = ImportJob.objects.filter(abandoned, created_at__lt=limit).delete()
    return by_model.get(ImportJob._meta.label, 0)


def queue_job(job: ImportJob) -> None:
    """Queue the job once the transaction that created it commits (so a worker finds its row)."""
    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
    transaction.on_commit(lambda: start_job(job.pk))


def start_job(job_id: int) -> None:
    if run_import_job.app.conf.task_always_eager:
        # No broker: run here; retries run in-process, and every outcome lands in the job's row.
        run_import_job.apply(args=[job_id], throw=False)
        return
    try:
        run_import_job.delay(job_id)
    except Exception as error:  # noqa: BLE001 - the broker did not take the message, whatever the cause
        logger.error("job %s could not be queued: %s", job_id, error)
        ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.FAILED, finished_at=timezone.now(),
            error="the task queue (the broker) did not answer, so nothing was run; run it again once it is "
            f"back. ({type(error).__name__}: {error})",
        )  # fmt: skip
