"""Every page runs a fixed number of SQL queries, whatever the size of the lab's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achievements.models import Achievement
from devtools.bench import BenchSize, make_bench_data
from news.models import NewsItem
from portal.models import Lab
from publications.models import Publication

pytestmark = pytest.mark.django_db

SMALL = BenchSize(publications=10, people=6, venues=5, achievements=3, heavy_author_papers=8)
LARGE = BenchSize(publications=1000, people=120, venues=60, achievements=30, heavy_author_papers=300)

# Queries per page for a visitor with the page cache off and nothing else cached. "lab": the lab's
# profile, which every page shows, kept per content version (so a page that reads nothing else of the
# version reads it for the profile).
EXPECTED = {
    # lab, version, 10 rows, achievements + figures, codes; papers + authors + awards; news; research
    # areas; selected papers + their awards; whether a position is open (kept per version and day)
    "home": 14,
    "people": 6,  # version, lab, stints + people, research areas, supervisors, people without a stint
    # person, version, lab, honours + their papers, areas, aliases, stints + supervisors, students, rows;
    # papers + authors + awards; projects, software, talks, courses
    "person": 17,
    # lab, version, count, 50 rows, codes, venue/author/area choices; papers, authors, awards
    "publications": 11,
    "publications filtered": 13,  # the same, the chosen author looked up, the search synonyms
    # its title, version, lab, the paper, authors, awards, areas, achievements citing it, news mentioning
    # it (the formatted references are kept per content version)
    "publication": 9,
    "achievements": 6,  # version, lab, latest years, their achievements, figures, earlier years counted
    "achievement year": 5,  # version, lab, achievements, figures, years
    # its title, version, lab, the achievement, links, figures, areas, people, papers, authors, awards
    "achievement": 11,
    "collections": 3,
    "collection": 4,
    # lab, version, codes, people + areas, rows, achievements + figures, lists, news + links (4); papers +
    # authors + awards
    # … and projects, software, talks, courses, openings
    "search": 22,  # (the search synonyms of this content version: cached in the warm run)
    "feed": 3,
    "news": 8,  # version, lab, count, items, their papers, people, achievements, years
    "news year": 8,
    "news item": 6,  # version, lab, item, papers, people, achievements
    "news feed": 1,
    "honours": 3,  # version, lab, honours with their people and papers
    "sitemap index": 22,  # version, a count per section (11) and the latest change of each dated one (10)
    "sitemap section": 3,
    # lab, version, achievements, figures, links, people, papers (+ authors, awards), codes, the year's
    # papers (+ authors, awards), their awards, citations by year, honours, news, stints, the lab's name,
    # the year's projects, software, talks + their speakers
    "report": 23,
    "lab figures": 5,  # version, lab, papers by year and rank with their venues, co-authors' institutions,
    # citations
    "projects": 4,  # version, lab, projects + their lead, people
    "project": 8,  # version, lab, project + lead, people, papers, authors, awards, achievements
    "software": 3,  # version, lab, software
    "software item": 7,  # version, lab, the item, people, papers, authors, awards
    "talks": 4,  # version, lab, talks, speakers
    "talk": 7,  # version, lab, talk, speakers, papers, authors, awards
    "teaching": 4,  # version, lab, courses, teachers
    "course": 5,  # version, lab, course, teachers, its other terms
    "openings": 4,  # (not page-cached: an opening leaves the day after its deadline) version, lab, openings,
    "opening": 4,  # supervisors
    "talks feed": 1,
    # person, version, lab, stints + supervisors, honours + their papers, projects, software, talks,
    # courses, students, the person's rows, papers + authors + awards
    "cv": 15,
}
# With the profile, fragments, figures, codes and filter options of this content version cached, lists
# load no paper rows beyond their (id, year) pairs, and pages whose content is one fragment ({% fragment
# %}: home, people, a person, the lab's list, a paper, achievements, an achievement, news, a year's
# report) read only the content version and what tells whether the page exists.
EXPECTED_WARM = {
    **EXPECTED,
    "home": 1,  # version
    "people": 1,
    "person": 2,  # person, version
    "publications": 1,  # version (the lab's list is one fragment per page)
    "publications filtered": 3,
    "publication": 2,  # its title, version
    "achievements": 1,
    "achievement year": 4,
    "achievement": 2,  # its title, version
    "collections": 2,
    "collection": 3,
    "search": 16,
    "news": 1,
    "news year": 7,
    "news item": 5,
    "honours": 2,
    "sitemap index": 21,
    "sitemap section": 2,
    "report": 1,  # the year's report is rendered once per content version
    "lab figures": 4,
    # the lab's profile is kept per content version: one query less on each page without a fragment
    **{
        name: EXPECTED[name] - 1
        for name in (
            "projects",
            "project",
            "software",
            "software item",
            "talks",
            "talk",
            "teaching",
            "course",
            "openings",
            "opening",
        )
    },
    "cv": 11,  # the papers' entries kept
}


def page_urls():
    person = "bench-person-0"
    publication = Publication.objects.filter(slug__startswith="bench-").order_by("pk").first()
    achievement = Achievement.objects.order_by("pk").first()
    news = NewsItem.objects.public().order_by("pk").first()
    # A filter that matches something at both sizes: one of the PI's own papers, by every criterion.
    own = Publication.objects.filter(authorships__person__slug=person).with_authors().order_by("pk").first()
    word = own.title_en.split()[-1]
    filtered = f"/en/publications/?year={own.year}&kind={own.kind}&ccf_rank={own.ccf_rank or 'none'}&q={word}"
    return {
        "home": "/en/",
        "people": "/en/people/",
        "person": f"/en/people/{person}/",
        "publications": "/en/publications/",
        "publications filtered": filtered + f"&author={person}",
        "publication": publication.get_absolute_url(),
        "achievements": "/en/achievements/",
        "achievement year": f"/en/achievements/{achievement.year}/",
        "achievement": achievement.get_absolute_url(),
        "collections": "/en/collections/",
        "collection": "/en/collections/bench-reading-list/",
        "search": "/zh-hans/search/?q=a",
        "feed": "/en/feeds/publications/",
        "news": "/en/news/",
        "news year": f"/en/news/{news.date.year}/",
        "news item": news.get_absolute_url(),
        "news feed": "/en/feeds/news/",
        "honours": "/en/people/honours/",
        "sitemap index": "/sitemap.xml",
        "sitemap section": "/sitemap-publications.xml",
        "report": f"/zh-hans/achievements/{achievement.year}/report/",
        "lab figures": "/en/lab/figures/",
        "projects": "/en/projects/",
        "project": "/en/projects/bench-project-0/",
        "software": "/en/software/",
        "software item": "/en/software/bench-software-0/",
        "talks": "/en/talks/",
        "talk": "/en/talks/bench-talk-0/",
        "teaching": "/en/teaching/",
        "course": "/en/teaching/bench-course-0/",
        "openings": "/en/openings/",
        "opening": "/en/openings/bench-opening-0/",
        "talks feed": "/en/feeds/talks/",
        "cv": f"/en/people/{person}/cv/",
    }


def count_queries(client, settings, warm=False):
    """Queries per page with the page cache off: on a cold cache, or warm (entry fragments, figures
    and list codes of this content version already cached by an earlier request)."""
    from django.core.cache import cache

    from portal.cache import forget_local_copies

    settings.PAGE_CACHE_SECONDS = 0
    counts = {}
    for name, url in page_urls().items():
        cache.clear()
        forget_local_copies()
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.fixture
def lab():
    return Lab.objects.create(name_en="Bench Lab", name_zh_hans="基准实验室")


def test_every_page_runs_the_same_queries_for_10_and_1000_publications(client, settings, lab):
    make_bench_data(SMALL)
    small = count_queries(client, settings), count_queries(client, settings, warm=True)
    make_bench_data(LARGE)
    large = count_queries(client, settings), count_queries(client, settings, warm=True)
    assert small == large == (EXPECTED, EXPECTED_WARM)


def test_a_cached_page_costs_one_query(client, lab):
    make_bench_data(SMALL)
    client.get("/en/publications/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/publications/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 1  # the content version (kept in the shared cache where there is one)
