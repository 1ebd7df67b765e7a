"""The pages of projects, software, talks, teaching and openings, a person's CV, and where they show
elsewhere (home, a person's page, search, the sitemap, feeds)."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from activities.models import Course, Opening, Project, Software, Talk
from portal.demo.loader import load_demo
from tests.activities.factories import OpeningFactory, ProjectFactory, TalkFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
PAGES = [
    "/projects/", "/projects/pim-architectures-for-ai/", "/software/", "/software/million/", "/talks/",
    "/talks/ndpbridge-isca-2024/", "/teaching/", "/teaching/computer-architecture-2025-autumn/", "/openings/",
    "/openings/phd-positions/", "/people/li-jiang/cv/",
]  # fmt: skip


@pytest.fixture
def demo():
    load_demo()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_every_page_answers_in_both_languages_with_its_own_words(client, demo):
    for path in PAGES:
        english, chinese = soup_of(client, f"/en{path}"), soup_of(client, f"/zh-hans{path}")
        assert english.html["lang"] == "en" and chinese.html["lang"] == "zh-hans"
        assert english.h1.get_text(strip=True) and chinese.h1.get_text(strip=True), path
        assert english.select_one("main").get_text() != chinese.select_one("main").get_text(), path


def test_the_projects_page_parts_current_from_completed_with_funder_programme_and_years(client, demo):
    Project.objects.filter(slug="pim-architectures-for-ai").update(end_on=None)  # runs on any later day
    running = sum(project.is_running for project in Project.objects.all())
    soup = soup_of(client, "/zh-hans/projects/")
    current, completed = soup.select("ul.activities")
    assert "面向人工智能负载的存算一体架构" in current.get_text()
    assert "国家自然科学基金委员会 · 面上项目" in current.get_text() and "2023–" in current.get_text()
    assert "三维堆叠芯片的测试访问" in completed.get_text() and "2014–2018" in completed.get_text()
    headings = [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    assert headings == [f"在研项目（{running}）", f"已结题项目（{4 - running}）"]


def test_a_projects_page_shows_its_facts_papers_and_achievements_and_keeps_the_amount_unless_shown(
    client, demo
):
    project = Project.objects.get(slug="pim-architectures-for-ai")
    Project.objects.filter(pk=project.pk).update(amount_en="¥580,000", show_amount=False)
    soup = soup_of(client, "/en/projects/pim-architectures-for-ai/")
    facts = soup.select_one("dl.facts").get_text(" ", strip=True)
    assert "General Program" in facts and "Principal investigator" in facts and "Li Jiang" in facts
    assert "¥580,000" not in soup.get_text()
    assert soup.select("ul.publications li") and soup.select_one("a[href='/en/achievements/2024/ndpbridge/']")
    Project.objects.filter(pk=project.pk).update(show_amount=True)
    cache.clear()
    assert "¥580,000" in soup_of(client, "/en/projects/pim-architectures-for-ai/").get_text()


def test_software_shows_as_repository_cards_with_their_figures(client, demo):
    Software.objects.filter(slug="million").update(
        stars=1234, forks=56, last_release="v1.2", last_release_on=datetime.date(2025, 5, 1), licence="MIT"
    )
    card = soup_of(client, "/en/software/").select_one(".repo-card")
    text = card.get_text(" ", strip=True)
    assert "MILLION" in text and "1234 stars" in text and "56 forks" in text and "v1.2 · 2025-05-01" in text
    assert card.select_one("a[href='https://github.com/ZongwuWang/MILLION']")


def test_talks_are_grouped_by_year_with_their_speakers(client, demo):
    soup = soup_of(client, "/en/talks/")
    assert [h2.get_text() for h2 in soup.select("main h2")] == ["2024"]
    assert (
        "Conference talk · ISCA 2024 · Buenos Aires, Argentina" in soup.select_one(".talk .meta").get_text()
    )
    assert soup.select_one(".talk .people-line a")


def test_an_opening_leaves_the_site_the_day_after_its_deadline(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    opening = Opening.objects.get(slug="phd-positions")
    assert "We are recruiting" in client.get("/en/").content.decode()
    Opening.objects.filter(pk=opening.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    cache.clear()
    assert client.get("/en/openings/phd-positions/").status_code == 404
    assert "PhD positions" not in client.get("/en/openings/").content.decode()
    assert "We are recruiting" not in client.get("/en/").content.decode()
    assert "phd-positions" not in client.get("/sitemap-openings.xml").content.decode()
    Opening.objects.filter(pk=opening.pk).update(deadline=timezone.localdate())  # the deadline day itself
    cache.clear()
    assert client.get("/en/openings/phd-positions/").status_code == 200


@pytest.mark.parametrize("model_path", [
    ("project", "/en/projects/{}/"), ("talk", "/en/talks/{}/"), ("opening", "/en/openings/{}/"),
])  # fmt: skip
def test_a_draft_is_not_found_by_visitors_and_shown_to_editors(client, staff_client, model_path):
    kind, path = model_path
    factory = {"project": ProjectFactory, "talk": TalkFactory, "opening": OpeningFactory}[kind]
    draft = factory(is_published=False)
    from django.test import Client

    assert Client().get(path.format(draft.slug)).status_code == 404
    page = staff_client.get(path.format(draft.slug))
    assert page.status_code == 200 and "Draft: visitors cannot see this page." in page.content.decode()


def test_a_persons_page_lists_their_projects_software_talks_and_teaching_and_links_the_cv(client, demo):
    soup = soup_of(client, "/en/people/li-jiang/")
    headings = [h2.get_text() for h2 in soup.select("main h2")]
    assert {"Projects", "Software", "Talks", "Teaching"} <= set(headings)
    assert soup.select_one("a[href='/en/people/li-jiang/cv/']")


def test_the_cv_is_assembled_from_what_the_portal_holds(client, demo):
    soup = soup_of(client, "/zh-hans/people/li-jiang/cv/")
    sections = [h2.get_text() for h2 in soup.select(".cv h2")]
    assert sections[:1] == ["职位"] and {"荣誉", "科研项目", "学术报告", "教学", "论文"} <= set(sections)
    assert soup.select(".cv ul.publications li") and soup.select_one(
        "a[href='/zh-hans/people/li-jiang/cv.pdf']"
    )


def test_the_cv_as_a_pdf_holds_the_same_sections(client, demo):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF back (locked in requirements)")
    response = client.get("/en/people/li-jiang/cv.pdf")
    if response.status_code == 503:
        pytest.skip("no Pango here for WeasyPrint: scripts/install-pdf installs it (make test runs it)")
    assert response["Content-Type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(page.extract_text() for page in pages).replace("\x00", "")
    for words in (
        "Li Jiang",
        "Projects",
        "Talks",
        "Teaching",
        "Publications",
        "Processing-in-memory architectures",
    ):
        assert words in text, words


def test_search_finds_projects_software_talks_and_courses(client, demo):
    soup = soup_of(client, "/en/search/?q=architecture")
    found = {section["aria-labelledby"] for section in soup.select("section[aria-labelledby]")}
    assert {"found-projects", "found-talks", "found-courses"} <= found
    assert (
        "MILLION"
        in soup_of(client, "/en/search/?q=quantization").select_one("#found-software").parent.get_text()
    )


def test_the_sitemap_and_feeds_carry_the_new_pages(client, demo):
    index = client.get("/sitemap.xml").content.decode()
    for section in ("projects", "software", "talks", "teaching", "openings"):
        assert f"/sitemap-{section}.xml" in index
    assert "/en/projects/pim-architectures-for-ai/" in client.get("/sitemap-projects.xml").content.decode()
    feed = client.get("/en/feeds/talks/").content.decode()
    assert "<entry>" in feed and "ISCA 2024" in feed
    assert "PhD positions" in client.get("/en/feeds/openings/").content.decode()


def test_a_course_page_links_its_other_terms(client):
    teacher = PersonFactory()
    first = Course.objects.create(title_en="Computer Architecture", code="CS2305", year=2024, season="autumn")
    second = Course.objects.create(
        title_en="Computer Architecture", code="CS2305", year=2025, season="autumn"
    )
    second.teachers.add(teacher)
    soup = soup_of(client, second.get_absolute_url())
    assert [a["href"] for a in soup.select("ul.tags a")] == [first.get_absolute_url()]
    assert "Autumn 2025" in soup.select_one("dl.facts").get_text()
    assert (
        "2025 年秋季"
        in soup_of(client, f"/zh-hans/teaching/{second.slug}/").select_one("dl.facts").get_text()
    )


def test_user_markdown_never_runs_script(client):
    hostile = "Hi <img src=x onerror=alert(1)> [x](javascript:alert(1))"
    talk = Talk.objects.create(
        title_en="<script>alert(1)</script>Talk", date=datetime.date(2024, 1, 1), abstract_en=hostile
    )
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "onerror" not in page and "javascript:alert" not in page
