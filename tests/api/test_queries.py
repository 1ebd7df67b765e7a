"""Every API list and detail runs a fixed number of SQL queries, with 10 or 1,000 publications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achievements.models import Achievement
from devtools.bench import BenchSize, make_bench_data
from news.models import NewsItem
from people.models import Honor, Person
from publications.models import Publication

pytestmark = pytest.mark.django_db

SMALL = BenchSize(publications=10, people=6, venues=5, achievements=3, heavy_author_papers=8)
LARGE = BenchSize(publications=1000, people=120, venues=60, achievements=30, heavy_author_papers=300)

EXPECTED = {
    # Each: the content version, then (lists) a count and the page's rows, then one query per
    # prefetched relation. A page of 100 costs what a page of 1 does.
    # + the page's ids, then the rows of papers not serialised since the last change: authors (with their
    # people), awards, research areas
    "publications": 7,
    "publications as BibTeX": 6,
    "publication": 5,
    "people": 7,  # + research areas, name variants, stints and their supervisors
    "person": 6,
    "achievements": 8,  # + people, papers, research areas, links, figures
    "achievement": 7,
    "collections": 4,  # + entries (with their papers and venues)
    "collection": 3,
    "honors": 3,  # (with their people and papers)
    "news": 6,  # + papers, people, achievements
    "news item": 5,  # + the item, its papers, people, achievements
    "memberships": 4,  # + supervisors
    "membership counts": 1,  # the stints' roles and dates
    "venues": 3,
    "research-areas": 3,
    "report": 22,  # the page's queries (the report page's less the page's lab), the lab's codes included
}
# Asked again with nothing changed: the publications list's whole page is kept per content version (the
# version, for its ETag, is the one query).
EXPECTED_AGAIN = {**EXPECTED, "publications": 1, "report": 21}  # the lab's codes cached


def urls():
    publication = Publication.objects.filter(slug__startswith="bench-").order_by("pk").first()
    achievement = Achievement.objects.order_by("pk").first()
    return {
        "publications": "/api/v1/publications/?page_size=100",
        "publications as BibTeX": "/api/v1/publications/?page_size=100&format=bibtex",
        "publication": f"/api/v1/publications/{publication.slug}/",
        "people": "/api/v1/people/?page_size=100",
        "person": "/api/v1/people/bench-person-0/",
        "achievements": "/api/v1/achievements/?page_size=100",
        "achievement": f"/api/v1/achievements/{achievement.pk}/",
        "collections": "/api/v1/collections/",
        "collection": "/api/v1/collections/bench-reading-list/",
        "honors": "/api/v1/honors/",
        "news": "/api/v1/news/?page_size=100",
        "news item": f"/api/v1/news/{NewsItem.objects.public().order_by('pk').first().pk}/",
        "memberships": "/api/v1/memberships/?page_size=100",
        "membership counts": "/api/v1/memberships/counts/",
        "venues": "/api/v1/venues/?page_size=100",
        "research-areas": "/api/v1/research-areas/",
        "report": f"/api/v1/reports/{achievement.year}/",
    }


def count(client):
    counts = {}
    for name, url in urls().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.content[:200])
        counts[name] = len(queries)
    return counts


def build(size):
    from django.core.cache import cache

    make_bench_data(size)
    cache.clear()  # the bench data is written in bulk, without moving the content version
    person = Person.objects.get(slug="bench-person-0")
    for year in (2023, 2024):
        Honor.objects.create(person=person, year=year, title_en=f"Award {year}")


def test_api_reads_run_the_same_queries_for_10_and_1000_publications(client):
    build(SMALL)
    small, small_again = count(client), count(client)
    build(LARGE)
    large, large_again = count(client), count(client)
    assert small == large == EXPECTED
    assert small_again == large_again == EXPECTED_AGAIN
