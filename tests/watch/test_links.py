"""Link health: each of a paper's links asked at most once a week (HEAD, then GET where HEAD is refused),
broken ones listed in the admin, nothing hidden from visitors."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobs.models import ImportJob, JobKind, JobState
from tests.publications.factories import PublicationFactory
from tests.replay import ReplayServer
from watch.models import LinkCheck
from watch.tasks import check_paper_links, run_link_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(settings):
    routes = {
        "HEAD /paper.pdf": [(200, "")],
        "HEAD /code": [(404, "")],
        "/slides": [(200, "slides")],  # HEAD not recorded: refused with 501, then asked by GET
        "HEAD /video": [(405, "")],
        "/video": [(404, "gone")],
        "HEAD /10.5555/links.1": [(200, "")],
    }
    with ReplayServer(routes) as server:
        settings.DOI_URL = server.url
        settings.WATCH_REQUEST_INTERVAL = 0
        yield server


@pytest.fixture
def paper(web):
    return PublicationFactory(
        slug="linked",
        doi="10.5555/links.1",
        pdf_url=f"{web.url}/paper.pdf",
        code_url=f"{web.url}/code",
        slides_url=f"{web.url}/slides",
        video_url=f"{web.url}/video",
    )


def test_each_link_is_asked_and_the_broken_ones_kept(paper, web):
    job = run_link_check()
    assert job.kind == JobKind.CHECK_LINKS and job.state == JobState.SUCCEEDED
    assert job.report["counts"] == {"checked": 5, "broken": 2, "due": 5}
    checks = {check.field: check for check in LinkCheck.objects.all()}
    assert {name for name, check in checks.items() if not check.ok} == {"code_url", "video_url"}
    assert checks["code_url"].status_code == 404 and checks["video_url"].status_code == 404
    assert checks["slides_url"].ok and checks["doi"].ok and checks["code_url"].broken_since
    assert "HEAD /slides" in web.requests and "/slides" in web.requests  # HEAD refused, then GET
    assert "/paper.pdf" not in web.requests  # HEAD was enough


def test_a_link_is_asked_at_most_once_a_week_unless_it_changed(paper, web):
    run_link_check()
    asked = len(web.requests)
    assert run_link_check().report["counts"]["checked"] == 0 and len(web.requests) == asked
    paper.code_url = f"{web.url}/paper.pdf"
    paper.save()
    assert run_link_check().report["counts"] == {"checked": 1, "broken": 0, "due": 1}
    LinkCheck.objects.update(checked_at=timezone.now() - datetime.timedelta(days=8))
    assert run_link_check().report["counts"]["checked"] == 5


def test_a_link_taken_off_its_paper_is_forgotten(paper, web):
    run_link_check()
    paper.video_url = ""
    paper.save()
    run_link_check()
    assert not LinkCheck.objects.filter(field="video_url").exists()


def test_a_server_that_does_not_answer_is_a_broken_link(web, settings):
    settings.REMOTE_TIMEOUT_SECONDS = 0.3
    web.answer("HEAD /slow", (200, "sleep:1"))
    PublicationFactory(slug="slow", code_url=f"{web.url}/slow")
    run_link_check()
    check = LinkCheck.objects.get()
    assert not check.ok and check.status_code is None and "no answer in 0.3 s" in check.error


def test_editors_see_the_broken_links_and_visitors_still_see_them(client, admin_client, paper, web):
    check_paper_links.apply()
    assert ImportJob.objects.filter(kind=JobKind.CHECK_LINKS).count() == 1
    listing = admin_client.get(reverse("admin:watch_linkcheck_changelist") + "?ok__exact=0").content.decode()
    assert f"{web.url}/code" in listing and f"{web.url}/video" in listing and "/paper.pdf" not in listing
    page = client.get(f"/en/publications/{paper.slug}/").content.decode()
    assert f"{web.url}/code" in page  # nothing hidden automatically


def test_the_command_checks_at_most_the_limit(paper, web, capsys):
    call_command("check_links", "--limit", "2")
    assert "2 links checked (5 were due)" in capsys.readouterr().out
