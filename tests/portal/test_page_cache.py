"""The visitors' page cache cannot be filled from outside, and the local cache is bounded in bytes."""

import uuid

import pytest
from django.core.cache import caches

from portal.demo.loader import load_demo
from portal.locmem import BoundedLocMemCache

pytestmark = pytest.mark.django_db


def held():
    """(entries, bytes) the test's local-memory cache holds."""
    local = caches["default"]
    assert isinstance(local, BoundedLocMemCache)
    return len(local._cache), local.size_in_bytes


PAGES = ["/en/", "/zh-hans/publications/", "/en/search/?q=memory", "/en/collections/", "/sitemap.xml"]


def test_unique_unknown_parameters_leave_the_cache_as_it_was(client):
    """Visitors asking for pages with made-up parameters (`?utm=<random>`) get them, uncached."""
    for url in PAGES:
        assert client.get(url)["X-Page-Cache"] == "miss"
    before = held()
    for number in range(1000):
        url = PAGES[number % len(PAGES)]
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}utm_source={uuid.uuid4().hex}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert held() == before
    for url in PAGES:
        assert client.get(url)["X-Page-Cache"] == "hit", "the pages without extra parameters are still shared"


def test_a_page_is_kept_once_whatever_the_order_or_empty_parameters(client):
    load_demo()
    assert client.get("/en/publications/?kind=conference&year=2024")["X-Page-Cache"] == "miss"
    again = client.get("/en/publications/?year=2024&q=&kind=conference&ccf_rank=")
    assert again["X-Page-Cache"] == "hit"
    assert client.get("/en/publications/?year=2023&kind=conference")["X-Page-Cache"] == "miss"
    # The view reads the last of repeated values: their order is part of the address.
    assert client.get("/en/publications/?year=2023&year=2024")["X-Page-Cache"] == "miss"
    assert client.get("/en/publications/?year=2024&year=2023")["X-Page-Cache"] == "miss"
    assert client.get("/en/search/?q=song")["X-Page-Cache"] == "miss"
    assert client.get("/en/search/?q=song")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/en/search/?q=song&ref=mail")


def test_the_local_cache_keeps_under_its_byte_bound_dropping_the_least_recent():
    local = BoundedLocMemCache("bound-test", {"OPTIONS": {"MAX_ENTRIES": 10_000, "MAX_BYTES": 1_000_000}})
    local.clear()
    for number in range(200):
        local.set(f"page-{number}", b"x" * 100_000)
        assert local.size_in_bytes <= 1_000_000
    assert local.get("page-199") is not None and local.get("page-0") is None
    local.get("page-191")  # read recently: outlives those written after it
    for number in range(200, 208):
        local.set(f"page-{number}", b"x" * 100_000)
    assert local.get("page-191") is not None
    local.set("too-large", b"x" * 2_000_000)
    assert local.get("too-large") is None and local.size_in_bytes <= 1_000_000
    local.delete("page-207")
    local.set("count", 1)
    local.incr("count", 10**50)
    assert local.get("count") == 10**50 + 1
    assert local.size_in_bytes == sum(len(value) for value in local._cache.values())
    local.clear()
    assert local.size_in_bytes == 0


def test_pages_past_the_end_or_spelled_otherwise_are_not_found_and_not_kept(client):
    load_demo()
    assert client.get("/en/publications/")["X-Page-Cache"] == "miss"
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    before = held()
    for number in range(200):
        for url in ("/en/publications/", "/en/news/", "/en/news/2024/"):
            asked = [f"{1000 + number}", f"0{number}", "x", "0", "1&page=1"][number % 5]
            assert client.get(f"{url}?page={asked}").status_code == 404
    assert held() == before
    assert client.get("/en/publications/?page=2").status_code == 200
    assert client.get("/en/publications/?page=1")["X-Page-Cache"] == "miss"


def test_the_api_list_answers_unknown_parameters_without_keeping_them(client):
    load_demo()
    assert client.get("/api/v1/publications/?page_size=5").status_code == 200
    before = set(caches["default"]._cache)
    for _ in range(100):
        response = client.get(f"/api/v1/publications/?page_size=5&utm_source={uuid.uuid4().hex}")
        assert response.status_code == 200 and len(response.json()["results"]) == 5
    # the same entries (the anonymous throttle's own entry keeps its recent requests)
    assert set(caches["default"]._cache) == before
