"""The nightly refresh of the software's figures against a local server replaying GitHub's answers:
stars, forks, licence, language and the latest release arrive; a failure keeps the last figures and
says why; the job records it."""

import datetime

import pytest

from activities.models import Software
from activities.tasks import refresh_software_figures
from jobs.models import ImportJob, JobKind, JobState
from tests.replay import ReplayServer

pytestmark = pytest.mark.django_db
REPO = "/repos/ZongwuWang/MILLION"


@pytest.fixture
def million():
    return Software.objects.create(name="MILLION", repository="https://github.com/ZongwuWang/MILLION")


@pytest.fixture
def github(settings):
    routes = {
        REPO: [(200, "github/repo-million.json")],
        f"{REPO}/releases/latest": [(200, "github/release-million.json")],
    }
    with ReplayServer(routes) as server:
        settings.GITHUB_API_URL = server.url
        yield server


def test_the_figures_of_a_repository_arrive_and_the_job_says_so(million, github):
    summary = refresh_software_figures.apply().get()
    million.refresh_from_db()
    assert (million.stars, million.forks, million.licence, million.language) == (87, 12, "MIT", "Python")
    assert (million.last_release, million.last_release_on) == ("v1.0.0", datetime.date(2025, 4, 8))
    assert million.figures_checked_at and million.figures_problem == ""
    assert summary["refreshed"] == 1 and summary["failed"] == []
    job = ImportJob.objects.get(kind=JobKind.REFRESH_SOFTWARE)
    assert job.state == JobState.SUCCEEDED and job.report["notes"][0] == "1 of 1 repositories refreshed"
    assert github.requests == [REPO, f"{REPO}/releases/latest"]


def test_a_token_is_sent_when_set(million, github, settings):
    settings.GITHUB_TOKEN = "ghp_test"
    refresh_software_figures.apply().get()
    sent = github.headers[0]
    assert sent["Authorization"] == "Bearer ghp_test" and sent["Accept"] == "application/vnd.github+json"


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ((500, '{"message": "Server Error"}'), "GitHub answered 500"),
        ((403, '{"message": "API rate limit exceeded"}'), "GitHub refused"),
        ((404, '{"message": "Not Found"}'), "GitHub has no record"),
        ((200, "<html>not json</html>"), "not JSON"),
        ((200, '{"stargazers_count": "many", "forks_count": 1}'), "no number for stargazers_count"),
    ],
)
def test_a_failed_refresh_keeps_the_last_figures_and_says_why(million, github, answer, why):
    Software.objects.filter(pk=million.pk).update(stars=40, forks=5, last_release="v0.9")
    github.answer(REPO, answer)
    summary = refresh_software_figures.apply().get()
    million.refresh_from_db()
    assert (million.stars, million.forks, million.last_release) == (40, 5, "v0.9")
    assert why in million.figures_problem and summary["failed"] and why in summary["failed"][0]
    assert ImportJob.objects.get(kind=JobKind.REFRESH_SOFTWARE).state == JobState.FAILED


def test_a_repository_without_releases_keeps_what_the_lab_wrote(github):
    tool = Software.objects.create(
        name="tool", repository="https://github.com/lab/tool", licence="BSD-3-Clause"
    )
    github.answer("/repos/lab/tool", (200, "github/repo-norelease.json"))
    github.answer("/repos/lab/tool/releases/latest", (404, '{"message": "Not Found"}'))
    refresh_software_figures.apply().get()
    tool.refresh_from_db()
    assert (tool.stars, tool.forks, tool.language, tool.licence) == (3, 0, "C++", "BSD-3-Clause")
    assert tool.last_release == "" and tool.figures_problem == ""


def test_software_elsewhere_than_github_is_left_alone(github):
    Software.objects.create(name="Elsewhere", repository="https://gitlab.com/lab/elsewhere")
    assert refresh_software_figures.apply().get()["refreshed"] == 0
    assert github.requests == []


def test_the_refresh_is_in_the_nightly_schedule(settings):
    assert (
        settings.CELERY_BEAT_SCHEDULE["refresh-software-figures"]["task"]
        == "activities.tasks.refresh_software_figures"
    )


def test_the_command_refreshes_and_says_what_failed(million, github, capsys):
    from django.core.management import call_command

    Software.objects.create(name="Gone", repository="https://github.com/lab/gone")
    call_command("refresh_software")
    out = capsys.readouterr().out
    assert "1 refreshed, 1 failed" in out and "failed    lab/gone: GitHub has no record" in out
