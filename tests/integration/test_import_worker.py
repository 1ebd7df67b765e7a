"""Import and fetch jobs on a real Celery worker over the configured broker (Redis in CI).

The remote source is the local replay server; the database is the test's PostgreSQL database.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.urls import reverse

from devtools.bench import bench_bibtex
from jobs.models import ImportJob, JobHeartbeat, JobKind, JobState
from jobs.tasks import run_import_job
from publications.models import Publication
from tests.replay import RECORDED, ReplayServer

from .conftest import child_processes

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_for(condition, workers, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if worker.poll() is not None and worker.returncode not in (-signal.SIGKILL,):
                pytest.fail(f"a worker stopped: {worker.stdout.read()}")
        time.sleep(0.2)
    pytest.fail("timed out waiting for the worker")


def state(job):
    job.refresh_from_db()
    return job.state


def test_worker_runs_an_import_and_a_remote_fetch_end_to_end(start_worker):
    with ReplayServer(RECORDED) as replay:
        worker = start_worker(OPENALEX_URL=replay.url, REMOTE_CONTACT_EMAIL="lab@example.org")
        fetch = ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source="10.5555/portal.test.1")
        upload = ImportJob.objects.create(kind=JobKind.IMPORT, format="bibtex", source=bench_bibtex(40))

        assert not run_import_job.app.conf.task_always_eager  # the work must cross the broker
        run_import_job.delay(fetch.pk)
        run_import_job.delay(upload.pk)

        wait_for(lambda: state(fetch) in {"succeeded", "failed"} and state(upload) in {"succeeded", "failed"},
                 [worker])  # fmt: skip
        assert (fetch.state, fetch.error) == ("succeeded", "")
        assert (upload.state, upload.error) == ("succeeded", "")
        assert Publication.objects.filter(doi="10.5555/portal.test.1", cited_by_count=12).exists()
        assert Publication.objects.count() == 41
        assert upload.report["counts"]["created"] == 40
        assert any("mailto=lab%40example.org" in request for request in replay.requests)


def test_a_worker_killed_mid_import_loses_nothing_and_doubles_nothing(start_worker):
    entries = 6000
    job = ImportJob.objects.create(kind=JobKind.IMPORT, format="bibtex", source=bench_bibtex(entries))
    quick_redelivery = {"CELERY_VISIBILITY_TIMEOUT": "5"}
    first = start_worker(**quick_redelivery)
    run_import_job.delay(job.pk)

    wait_for(lambda: state(job) == JobState.RUNNING, [first])
    time.sleep(1.5)  # well inside the import: parsing and writing 6,000 entries takes several seconds
    assert first.poll() is None and state(job) == JobState.RUNNING, "the kill must land mid-task"
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    assert Publication.objects.count() == 0, "nothing half-written"
    assert state(job) == JobState.RUNNING and job.attempts == 1

    second = start_worker(**quick_redelivery)
    wait_for(lambda: state(job) in {"succeeded", "failed"}, [second], seconds=120)

    assert (job.state, job.error) == ("succeeded", "")
    assert job.attempts == 2, "the broker handed the unacknowledged task to the next worker"
    assert Publication.objects.count() == entries, "nothing lost, nothing doubled"
    assert Publication.objects.values("title_en", "title_zh_hans").distinct().count() == entries
    time.sleep(8)  # a late second delivery of the same message must change nothing
    assert Publication.objects.count() == entries and state(job) == JobState.SUCCEEDED


def test_a_job_whose_whole_worker_died_is_marked_stalled_within_a_minute_and_reruns_from_the_admin(
    start_worker, staff_client, tmp_path
):
    """Worker and pool child killed at once: no process is left to fail the job, and Redis would hand its
    task to another worker only after the visibility timeout (an hour). The heartbeat tells instead."""
    entries = 6000
    job = ImportJob.objects.create(kind=JobKind.IMPORT, format="bibtex", source=bench_bibtex(entries))
    first = start_worker(pool="prefork")
    run_import_job.delay(job.pk)

    wait_for(lambda: JobHeartbeat.objects.filter(job=job).exists(), [first])
    pool = child_processes(first.pid)
    assert pool and state(job) == JobState.RUNNING, "the kill must land mid-task, on a worker with a child"
    for pid in [first.pid, *pool]:
        os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic()
    first.wait(timeout=10)

    # A second worker, with the beat that looks for stalled jobs (the production schedule and timings).
    second = start_worker(args=["-B", "-s", str(tmp_path / "beat-schedule")])
    wait_for(lambda: state(job) == JobState.STALLED, [second], seconds=70)
    assert time.monotonic() - killed_at < 60, "marked stalled within a minute"
    assert job.attempts == 1 and "no heartbeat" in job.error and Publication.objects.count() == 0

    changelist = reverse("admin:jobs_importjob_changelist")
    assert "Stalled" in staff_client.get(changelist).content.decode()
    staff_client.post(changelist, {"action": "run_again", "_selected_action": [job.pk]})
    wait_for(lambda: state(job) in {"succeeded", "failed"}, [second], seconds=120)

    assert (job.state, job.error, job.attempts) == ("succeeded", "", 2)
    assert Publication.objects.count() == entries, "finished once: nothing lost, nothing doubled"
    assert job.report["counts"]["created"] == entries


def test_a_worker_checks_then_imports_an_uploaded_site(start_worker, media_root):
    """The admin keeps the zipped site in the job's file (the storage all processes share); the worker
    reads it from there for the preview and again for the import."""
    from django.core.files.base import ContentFile

    from people.models import Person
    from tests.siteimport.test_real_sites import SITES, zipped

    worker = start_worker(MEDIA_ROOT=str(media_root))
    job = ImportJob(kind=JobKind.SITE, dry_run=True, source_name="nkdailab.zip")
    job.source_file.save("nkdailab.zip", ContentFile(zipped(SITES / "hugo-blox-nkdailab")), save=False)
    job.save()
    run_import_job.delay(job.pk)
    wait_for(lambda: state(job) in {"preview", "failed"}, [worker])
    assert (job.state, job.error, job.report["counts"]["created"]) == ("preview", "", 9)
    assert Publication.objects.count() == 0

    archive = Path(media_root) / job.source_file.name
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, dry_run=False)
    run_import_job.delay(job.pk)
    wait_for(lambda: state(job) in {"succeeded", "failed"}, [worker])
    assert (job.state, job.error) == ("succeeded", "")
    assert Publication.objects.count() == 3 and Person.objects.get(name_zh_hans="何志海").photo
    assert not job.source_file, "the job lets go of the archive in the commit that says it succeeded"
    wait_for(lambda: not archive.exists(), [worker])  # and the file goes once that commit is made
