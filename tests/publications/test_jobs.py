"""Background jobs and remote clients, eagerly in-process, against a local server replaying recordings.

The same tasks cross a real broker to a real worker in tests/integration/test_import_worker.py.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from devtools.bench import bench_bibtex
from jobs.models import ImportJob, JobHeartbeat, JobKind, JobState
from jobs.tasks import expire_import_previews, job_progress, mark_stalled_jobs, run_import_job
from publications.importers import import_publications
from publications.models import Publication
from publications.tasks import refresh_citation_counts
from tests.people.factories import PersonFactory
from tests.replay import OPENALEX_AUTHOR, RECORDED, ReplayServer

pytestmark = pytest.mark.django_db

DOI = "10.5555/portal.test.1"


@pytest.fixture(autouse=True)
def in_process(tasks_in_process):
    """Tasks run here, eagerly, even where a broker is configured (CI's PostgreSQL pass)."""


@pytest.fixture
def replay(settings):
    with ReplayServer(RECORDED) as server:
        settings.OPENALEX_URL = settings.CROSSREF_URL = server.url
        settings.REMOTE_CONTACT_EMAIL = "lab@example.org"
        yield server


def run(job: ImportJob) -> ImportJob:
    run_import_job.apply(args=[job.pk], throw=False)
    job.refresh_from_db()
    return job


def test_openalex_work_by_doi_is_fetched_and_imported(replay):
    mei = PersonFactory(slug="mei-lin", name_en="M. Lin", orcid="0000-0003-1234-5674")
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source=f"https://doi.org/{DOI}"))

    assert job.state == JobState.SUCCEEDED, job.error
    assert job.report["counts"]["created"] == 1 and job.attempts == 1
    paper = Publication.objects.get(doi=DOI)
    assert paper.openalex_id == "W4000000001" and paper.cited_by_count == 12
    assert (
        paper.venue_text == "2024 ACM/IEEE Design Automation Conference (DAC)" or paper.venue.acronym == "DAC"
    )
    assert paper.authorships.get(position=1).person == mei, "matched by ORCID although printed differently"
    assert all("mailto=lab%40example.org" in request for request in replay.requests), "the polite pool"


def test_an_authors_works_are_fetched_page_by_page(replay):
    owner = PersonFactory(slug="mei-lin", name_en="Mei Lin", openalex_id=OPENALEX_AUTHOR)
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_AUTHOR, source=OPENALEX_AUTHOR, owner=owner))

    assert job.state == JobState.SUCCEEDED, job.error
    assert Publication.objects.for_person(owner).count() == 3
    cursors = [r.split("cursor=")[1].split("&")[0] for r in replay.requests]
    assert cursors == ["%2A", "page2cursor", "page3cursor"]


def test_crossref_work_by_doi(replay):
    job = run(ImportJob.objects.create(kind=JobKind.CROSSREF_DOI, source="10.5555/portal.test.4"))

    assert job.state == JobState.SUCCEEDED, job.error
    paper = Publication.objects.get(doi="10.5555/portal.test.4")
    assert paper.year == 2024 and str(paper.date) == "2024-06-29" and paper.kind == "conference"
    assert [a.name for a in paper.authorships.order_by("position")] == ["Mei Lin", "Søren Kierkegård"]
    assert paper.abstract_en == "Graphs, replayed near data." and paper.cited_by_count == 4


def test_a_remote_failure_is_retried_with_backoff_then_succeeds(replay):
    replay.answer(f"/works/doi:{DOI}", (503, "{}"), (502, "{}"), (200, "openalex/work-test-1.json"))
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source=DOI))

    assert job.state == JobState.SUCCEEDED and job.attempts == 3
    assert Publication.objects.filter(doi=DOI).count() == 1


def test_a_remote_that_keeps_failing_leaves_a_visible_failed_job(replay, staff_client):
    replay.answer(f"/works/doi:{DOI}", (503, "{}"))
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source=DOI))

    assert job.state == JobState.FAILED and job.attempts == 6
    assert "answered 503" in job.error and "gave up" in job.error
    assert Publication.objects.count() == 0
    page = staff_client.get(reverse("admin:jobs_importjob_change", args=[job.pk])).content.decode()
    assert "answered 503" in page


def test_an_unknown_doi_fails_at_once_with_a_clear_message(replay):
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source="10.5555/unknown"))
    assert job.state == JobState.FAILED and job.attempts == 1
    assert "OpenAlex has no record" in job.error


def test_a_finished_job_delivered_again_does_nothing(replay):
    job = run(ImportJob.objects.create(kind=JobKind.OPENALEX_DOI, source=DOI))
    requests = len(replay.requests)
    assert run(job).attempts == 1 and len(replay.requests) == requests


def test_citation_counts_are_refreshed_from_openalex(replay):
    import_publications(
        "@article{a, title={Known by id}, journal={J}, year=2024}\n"
        "@article{b, title={No ids}, journal={J}, year=2024}",
        "bibtex",
    )
    paper = Publication.objects.get(title_en="Known by id")
    Publication.objects.filter(pk=paper.pk).update(openalex_id="W4000000001", cited_by_count=1)
    replay.answer(
        "/works?filter=openalex:W4000000001&per-page=50&select=id,doi,cited_by_count,counts_by_year",
        (200, '{"results": [' + (replay_file("openalex/work-test-1.json")) + "]}"),
    )

    summary = refresh_citation_counts.apply(throw=False).get()

    paper.refresh_from_db()
    assert summary == {"papers": 1, "refreshed": 1}
    assert paper.cited_by_count == 12 and paper.citations_by_year == {"2024": 3, "2025": 9}
    assert paper.citations_refreshed_at is not None
    job = ImportJob.objects.get(kind=JobKind.REFRESH_CITATIONS)
    assert job.state == JobState.SUCCEEDED and job.progress_done == 1


def replay_file(name):
    from tests.replay import DATA

    return (DATA / name).read_text(encoding="utf-8")


def test_progress_is_reported_in_batches():
    calls = []
    import_publications(
        bench_bibtex(2100), "bibtex", progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(1000, 2100), (2000, 2100), (2100, 2100)]


# -- the admin: upload or paste → preview → confirm -------------------------------------------------

BIBTEX = "@inproceedings{x, title={Previewed Paper}, booktitle={DAC}, year=2024, author={Ann Lee and Bo Li}}"


def test_admin_import_previews_then_imports_on_confirmation(staff_client, django_capture_on_commit_callbacks):
    url = reverse("admin:jobs_importjob_import")
    assert staff_client.get(url).status_code == 200

    preview = staff_client.post(url, {"text": BIBTEX, "format": ""})

    content = preview.content.decode()
    assert "1 created" in content and "dry run" in content and "Previewed Paper" in content
    assert Publication.objects.count() == 0
    job = ImportJob.objects.get(state=JobState.PREVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = staff_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    assert confirmed.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and Publication.objects.get().title_en == "Previewed Paper"
    page = staff_client.get(confirmed["Location"]).content.decode()
    assert "Previewed Paper" in page and "created" in page


def test_admin_import_of_a_bad_file_shows_the_place_and_saves_nothing(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("list.bib", b"@article{a,\n title = {Unclosed\n")
    response = staff_client.post(reverse("admin:jobs_importjob_import"), {"file": upload})

    assert "line 1" in response.content.decode() and "errornote" in response.content.decode()
    assert Publication.objects.count() == 0 and ImportJob.objects.count() == 0


def test_a_large_admin_import_is_checked_then_run_by_background_jobs(
    staff_client, settings, django_capture_on_commit_callbacks
):
    """The preview of a large file is a dry-run job too: the request only stores the file."""
    settings.IMPORT_INLINE_LIMIT = 10
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(reverse("admin:jobs_importjob_import"), {"text": bench_bibtex(25)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert (job.state, job.dry_run, len(callbacks)) == (JobState.QUEUED, True, 1), "checked by a worker"
    assert 'http-equiv="refresh"' in staff_client.get(response["Location"]).content.decode()

    callbacks[0]()  # what the broker would deliver; eager here
    job.refresh_from_db()
    assert job.state == JobState.PREVIEW and job.report["counts"]["created"] == 25
    assert Publication.objects.count() == 0, "a check saves nothing"
    page = staff_client.get(response["Location"]).content.decode()
    assert "Confirm the import" in page and 'http-equiv="refresh"' not in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, job.dry_run, len(callbacks)) == (JobState.QUEUED, False, 1), "queued, not run here"
    callbacks[0]()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and Publication.objects.count() == 25 and job.attempts == 2


def test_a_large_file_with_a_bad_entry_is_checked_and_its_good_entries_offered(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_LIMIT = 10
    text = bench_bibtex(20) + "\n@article{late, title={No year}, journal={J}}\n"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("admin:jobs_importjob_import"), {"text": text})
    job = ImportJob.objects.get()
    assert job.state == JobState.PREVIEW and job.dry_run
    assert job.report["counts"]["created"] == 20 and job.report["counts"]["refused"] == 1
    page = staff_client.get(reverse("admin:jobs_importjob_change", args=[job.pk])).content.decode()
    assert "entry late" in page and "1 entry has errors" in page
    assert "Import the 20 entries without errors" in page
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and Publication.objects.count() == 20


def test_a_job_whose_worker_stopped_beating_is_marked_stalled_and_can_run_again(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.JOB_STALL_SECONDS = 45
    now = timezone.now()
    silent = ImportJob.objects.create(kind=JobKind.IMPORT, format="bibtex", source=BIBTEX,
                                      state=JobState.RUNNING, started_at=now, attempts=1)  # fmt: skip
    JobHeartbeat.objects.create(job=silent, beat_at=now - timedelta(seconds=50), done=3, total=9)
    alive = ImportJob.objects.create(kind=JobKind.IMPORT, state=JobState.RUNNING, started_at=now)
    JobHeartbeat.objects.create(job=alive, beat_at=now - timedelta(seconds=5))
    never = ImportJob.objects.create(kind=JobKind.IMPORT, state=JobState.CHECKING, dry_run=True,
                                     started_at=now - timedelta(minutes=5))  # fmt: skip
    assert job_progress(silent) == (3, 9), "progress from the worker's heartbeat, seen by any process"

    assert sorted(mark_stalled_jobs()) == sorted([silent.pk, never.pk])
    silent.refresh_from_db()
    assert silent.state == JobState.STALLED and "no heartbeat for 45 seconds" in silent.error
    assert ImportJob.objects.get(pk=alive.pk).state == JobState.RUNNING

    changelist = reverse("admin:jobs_importjob_changelist")
    assert "Stalled" in staff_client.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(changelist, {"action": "run_again", "_selected_action": [silent.pk, alive.pk]})
    silent.refresh_from_db()
    assert silent.state == JobState.SUCCEEDED and silent.attempts == 2
    assert Publication.objects.get().title_en == "Previewed Paper"
    assert ImportJob.objects.get(pk=alive.pk).state == JobState.RUNNING, "a running job is left alone"


def test_import_previews_no_one_confirmed_expire_with_their_files(settings):
    settings.IMPORT_PREVIEW_DAYS = 7

    def job(state, dry_run=False, days=8):
        created = ImportJob.objects.create(kind=JobKind.IMPORT, source=BIBTEX, state=state, dry_run=dry_run)
        ImportJob.objects.filter(pk=created.pk).update(created_at=timezone.now() - timedelta(days=days))
        return created.pk

    abandoned = [
        job(JobState.PREVIEW),
        job(JobState.FAILED, dry_run=True),
        job(JobState.STALLED, dry_run=True),
    ]
    kept = [
        job(JobState.PREVIEW, days=6),
        job(JobState.FAILED),
        job(JobState.STALLED),
        job(JobState.SUCCEEDED),
    ]

    assert expire_import_previews() == len(abandoned)
    assert sorted(ImportJob.objects.values_list("pk", flat=True)) == sorted(kept), (
        "only old previews and checks go; failed or stalled imports stay, to be run again"
    )


def test_admin_fetch_queues_a_remote_job(staff_client, replay, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:jobs_importjob_fetch"), {"kind": "openalex_doi", "identifier": DOI}
        )
    assert response.status_code == 302
    assert ImportJob.objects.get().state == JobState.SUCCEEDED
    bad = staff_client.post(
        reverse("admin:jobs_importjob_fetch"), {"kind": "openalex_author", "identifier": "nobody"}
    )
    assert "A5067161373" in bad.content.decode()


def test_non_staff_cannot_import(member_client):
    response = member_client.get(reverse("admin:jobs_importjob_import"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_schedule_names_registered_tasks(settings):
    from portal.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert all(entry["task"] in app.tasks for entry in schedule.values())
    assert schedule["refresh-citation-counts"]["task"] == refresh_citation_counts.name
    assert schedule["refresh-citation-counts"]["schedule"] == 24 * 3600
    # A job whose worker died is seen as stalled within a minute of its last heartbeat going stale.
    assert schedule["mark-stalled-jobs"]["task"] == mark_stalled_jobs.name
    assert settings.JOB_STALL_SECONDS + schedule["mark-stalled-jobs"]["schedule"] <= 60
    assert schedule["expire-import-previews"]["task"] == expire_import_previews.name


def test_a_job_no_worker_took_is_marked_stalled_through_the_api_and_runs_again(
    staff_client, settings, django_capture_on_commit_callbacks
):
    """A queued job whose message was lost (a broker restarted without persistence) does not stay
    queued for ever: the API's read marks it stalled (no beat, no admin needed) and it runs again."""
    from rest_framework.test import APIClient

    settings.JOB_QUEUE_SECONDS = 600
    long_ago = timezone.now() - timedelta(minutes=11)
    lost = ImportJob.objects.create(kind=JobKind.IMPORT, format="bibtex", source=BIBTEX,
                                    state=JobState.QUEUED, queued_at=long_ago)  # fmt: skip
    waiting = ImportJob.objects.create(kind=JobKind.IMPORT, state=JobState.QUEUED, queued_at=timezone.now())
    staff = staff_client.get("/admin/").wsgi_request.user
    api = APIClient()
    api.force_authenticate(staff)
    answer = api.get(f"/api/v1/imports/{lost.pk}/").json()
    assert answer["state"] == "stalled" and "no worker took it within 600 seconds" in answer["error"]
    assert ImportJob.objects.get(pk=waiting.pk).state == JobState.QUEUED, "a job queued just now waits"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:jobs_importjob_changelist"),
            {"action": "run_again", "_selected_action": [lost.pk]},
        )
    assert ImportJob.objects.get(pk=lost.pk).state == JobState.SUCCEEDED


def test_a_job_the_broker_does_not_take_fails_saying_why_and_nothing_is_left_queued(
    staff_client, settings, own_redis, django_capture_on_commit_callbacks, monkeypatch
):
    from rest_framework.test import APIClient

    from portal.celery import app

    settings.IMPORT_INLINE_LIMIT = 1  # two entries: a background job
    staff = staff_client.get("/admin/").wsgi_request.user
    api = APIClient()
    api.force_authenticate(staff)
    own_redis.stop()
    before = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    monkeypatch.setenv("CELERY_BROKER_URL", f"{own_redis.url}/0")  # Celery reads it before its settings
    app.conf.broker_url, app.conf.task_always_eager = f"{own_redis.url}/0", False
    app._pool = app.amqp._producer_pool = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            text = BIBTEX + "\n" + BIBTEX.replace("{x,", "{y,").replace("Previewed", "Other")
            response = api.post("/api/v1/imports/", {"text": text}, format="json")
    finally:
        app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool = before
    assert response.status_code in (202, 503)
    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED and "the task queue (the broker) did not answer" in job.error
    assert Publication.objects.count() == 0
