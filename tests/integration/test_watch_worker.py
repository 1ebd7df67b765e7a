"""The nightly watch on a real Celery worker over the configured broker: beat's task crosses the broker,
the worker asks the four sources (replayed on loopback) and files the suggestions in the test database."""

import time

import pytest

from jobs.models import ImportJob, JobKind, JobState
from tests.replay import ReplayServer
from tests.watch.conftest import ROUTES, lab  # noqa: F401 (the fixture)
from watch.models import Suggestion, SuggestionKind
from watch.tasks import watch_sources

from .test_import_worker import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_runs_the_nightly_watch_end_to_end(start_worker, lab):  # noqa: F811
    with ReplayServer(ROUTES) as replay:
        urls = dict.fromkeys(("ORCID_URL", "DBLP_URL", "OPENALEX_URL", "ARXIV_URL"), replay.url)
        worker = start_worker(**urls, WATCH_REQUEST_INTERVAL="0", ARXIV_REQUEST_INTERVAL="0")
        assert not watch_sources.app.conf.task_always_eager  # the work must cross the broker
        watch_sources.delay()
        jobs = ImportJob.objects.filter(kind=JobKind.WATCH_SOURCES, state=JobState.SUCCEEDED)
        wait_for(jobs.exists, [worker])
        assert jobs.get().error == ""
        kinds = sorted(Suggestion.objects.values_list("kind", flat=True))
        assert kinds == sorted([SuggestionKind.NEW, SuggestionKind.NEW, SuggestionKind.PUBLISHED_VERSION,
                                SuggestionKind.BETTER_RECORD])  # fmt: skip
        assert len(replay.requests) == 5  # ORCID twice, DBLP, OpenAlex, arXiv: each once


def test_a_long_watch_beats_and_is_not_taken_for_stalled(start_worker, lab, settings):  # noqa: F811
    from jobs.tasks import mark_stalled_jobs
    from tests.watch.conftest import ARXIV

    settings.JOB_STALL_SECONDS = 1
    with ReplayServer({**ROUTES, ARXIV: [(200, "sleep:4")]}) as replay:
        urls = dict.fromkeys(("ORCID_URL", "DBLP_URL", "OPENALEX_URL", "ARXIV_URL"), replay.url)
        quick = {"WATCH_REQUEST_INTERVAL": "0", "ARXIV_REQUEST_INTERVAL": "0", "WATCH_RETRIES": "0"}
        worker = start_worker(**urls, **quick, REMOTE_TIMEOUT_SECONDS="10", JOB_HEARTBEAT_SECONDS="0.2")
        watch_sources.delay()
        jobs = ImportJob.objects.filter(kind=JobKind.WATCH_SOURCES)
        wait_for(lambda: jobs.filter(state=JobState.RUNNING).exists(), [worker])
        time.sleep(2.5)  # waiting on arXiv, past JOB_STALL_SECONDS
        assert mark_stalled_jobs() == [] and jobs.get().state == JobState.RUNNING
        wait_for(lambda: jobs.filter(state=JobState.SUCCEEDED).exists(), [worker])
