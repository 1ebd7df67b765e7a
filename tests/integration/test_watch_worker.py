"""The nightly watch on a real Celery worker over the configured broker: beat's task crosses the broker,
the worker asks the four sources (replayed on loopback) and files the suggestions in the test database."""

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
