"""The content version kept in a shared cache (Redis): a cached page costs no database query, a change
committed anywhere shows on the next request, and an emptied cache never serves an old page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from portal.cache import content_version
from portal.content import CACHED_VERSION_KEY, bump_cached_version, cached_version
from portal.demo.loader import load_demo
from publications.models import Publication

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_cache(own_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{own_redis.url}/0",
        }
    }
    settings.CONTENT_VERSION_IN_CACHE = True
    forget_imagekits_cache()
    cache.clear()
    yield f"{own_redis.url}/0"
    forget_imagekits_cache()


def forget_imagekits_cache():
    """imagekit keeps the cache it first used (which variants exist): let it take the configured one."""
    from imagekit.cachefiles.backends import get_default_cachefile_backend

    get_default_cachefile_backend()._cache = None


def test_a_cached_page_is_served_without_a_database_query(client, shared_cache, django_assert_num_queries):
    load_demo()
    for path in ("/en/", "/zh-hans/publications/", "/en/people/"):
        assert client.get(path)["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            response = client.get(path)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_shows_on_the_next_request(client, shared_cache):
    load_demo()
    paper = Publication.objects.public().lab_works().order_by("-year", "-id").first()
    assert client.get("/en/publications/")["X-Page-Cache"] == "miss"
    assert client.get("/en/publications/")["X-Page-Cache"] == "hit"
    paper.title_en = "A Title Changed in the Admin"
    paper.save()  # committed at once: no transaction around it
    response = client.get("/en/publications/")
    assert response["X-Page-Cache"] == "miss"
    assert "A Title Changed in the Admin" in response.content.decode()


def test_a_change_made_by_another_process_shows_at_once(client, shared_cache):
    load_demo()
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    before = cached_version()
    script = (
        "import django; django.setup(); from portal.content import bump_cached_version; bump_cached_version()"
    )
    env = {**os.environ, "CACHE_URL": shared_cache, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    assert cached_version() != before
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"


def test_an_emptied_cache_counts_on_from_above_every_earlier_value(client, shared_cache):
    load_demo()
    first = int(cached_version()[1:])
    for _ in range(5):
        bump_cached_version()
    assert int(cached_version()[1:]) == first + 5
    client.get("/en/")
    cache.clear()  # Redis restarted without its data, or the counter evicted
    assert int(cached_version()[1:]) > first + 5
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    cache.delete(CACHED_VERSION_KEY)
    bump_cached_version()  # a change while the counter is missing starts it again, above the old
    assert int(cache.get(CACHED_VERSION_KEY)) > first + 5


def test_views_and_background_jobs_read_the_same_token(rf, shared_cache):
    from portal.cache import version_token

    request = rf.get("/en/")
    assert content_version(request) == version_token() == cached_version()
