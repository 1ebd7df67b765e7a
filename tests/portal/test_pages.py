"""The pages `make run` serves: they answer in both languages, and drafts stay hidden from visitors."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.demo.loader import load_demo
from publications.models import Publication
from tests.achievements.factories import AchievementFactory
from tests.news.factories import NewsItemFactory
from tests.people.factories import PersonFactory
from tests.publications.factories import CollectionFactory, PublicationFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", {}),
    ("people:person-list", {}),
    ("people:person-detail", {"slug": "zhuoran-song"}),
    ("publications:publication-list", {}),
    ("achievements:achievement-list", {}),
    ("achievements:achievement-year", {"year": 2024}),
    ("achievements:achievement-detail", {"year": 2025, "slug": "million"}),
    ("publications:collection-list", {}),
    ("publications:collection-detail", {"slug": "neural-networks-on-silicon"}),
    ("people:honor-list", {}),
    ("news:news-list", {}),
    ("news:news-year", {"year": 2024}),
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name, kwargs", PAGES)
def test_page_answers_in_both_languages(client, language, name, kwargs):
    load_demo()
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_chinese_pages_use_the_chinese_catalogue(client):
    load_demo()
    content = client.get("/zh-hans/achievements/2025/million/").content.decode()
    assert "2025年度成果" in content and "图1" in content


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 302 and response["Location"] == "/zh-hans/"


def draft_urls():
    return [
        PersonFactory(is_published=False).get_absolute_url(),
        PublicationFactory(is_published=False).get_absolute_url(),
        AchievementFactory(is_published=False).get_absolute_url(),
        CollectionFactory(is_published=False).get_absolute_url(),
        NewsItemFactory(is_published=False).get_absolute_url(),
    ]


def test_drafts_are_404_for_visitors(client, member_client):
    for url in draft_urls():
        assert client.get(url).status_code == 404, url
        assert member_client.get(url).status_code == 404, url


def test_staff_see_drafts_with_a_banner(staff_client):
    for url in draft_urls():
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert "Draft: visitors cannot see this page." in response.content.decode()


def test_drafts_stay_out_of_public_lists(client):
    load_demo()
    draft = Publication.objects.get(is_published=False)
    assert draft.title not in client.get("/en/publications/").content.decode()
    assert draft.title not in client.get("/en/people/li-jiang/").content.decode()
    for url in ["/en/", "/en/news/", "/en/news/2025/", "/en/feeds/news/"]:
        assert "must not see" not in client.get(url).content.decode(), url  # the demo's draft news


def test_reading_list_papers_stay_out_of_the_lab_list(client):
    load_demo()
    assert "DianNao" not in client.get("/en/publications/").content.decode()
