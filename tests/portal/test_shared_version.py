"""The content version kept in a shared cache (Redis): a cached page costs no database query, a change
committed anywhere shows on the next request, and an emptied cache never serves an old page."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from portal.cache import content_version
from portal.content import CACHED_VERSION_KEY, bump_cached_version, cached_version
from portal.demo.loader import load_demo
from portal.redis import stop_watching, watched
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
    # The tests below check what a request reads at once; the watch (tests further down) may hear of a
    # change a few milliseconds after it is made.
    settings.CONTENT_VERSION_WATCH = False
    forget_imagekits_cache()
    cache.clear()
    yield f"{own_redis.url}/0"
    stop_watching()
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


# Each process's watched copy of the counter (portal.redis.VersionWatch).


def redis_reads():
    """How many times Redis was asked for the counter (GET) or to bump or read it (the script)."""
    stats = cache._cache.get_client(write=True).info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "evalsha", "eval"))


def until(condition, seconds=5.0):
    """Wait for `condition()` to hold, for at most `seconds`; whether it did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def watching(shared_cache, settings):
    settings.CONTENT_VERSION_WATCH = True
    watched(cache, CACHED_VERSION_KEY)  # starts this process's watch
    cached_version()  # the emptied cache's counter started (and announced)
    assert until(lambda: watched(cache, CACHED_VERSION_KEY) is not None), "the watch never subscribed"
    return shared_cache


def bump_elsewhere(url: str) -> None:
    script = (
        "import django; django.setup(); from portal.content import bump_cached_version; bump_cached_version()"
    )
    env = {**os.environ, "CACHE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


def test_a_watched_cached_page_asks_redis_nothing(client, watching, django_assert_num_queries):
    load_demo()
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    before = redis_reads()
    for _ in range(20):
        with django_assert_num_queries(0):
            assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    # The watch reads the counter once a second to check its copy; the 20 pages read nothing.
    assert redis_reads() - before <= 3


def test_a_visitor_is_told_of_a_change_made_by_another_process(client, watching):
    load_demo()
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    before = watched(cache, CACHED_VERSION_KEY)
    bump_elsewhere(watching)
    assert until(lambda: watched(cache, CACHED_VERSION_KEY) == before + 1, seconds=1.0)
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"


def test_this_processs_own_change_shows_at_once(client, watching):
    load_demo()
    client.get("/en/news/")
    before = watched(cache, CACHED_VERSION_KEY)
    bump_cached_version()  # no wait for the announcement to come back
    assert watched(cache, CACHED_VERSION_KEY) == before + 1
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"


def test_a_user_with_a_session_reads_the_counter_from_redis(rf, watching, settings):
    """An editor who saved in another process sees the change at once, even before the announcement
    arrives here: requests with a session do not take the watched copy."""
    from portal.redis import known

    watch = next(watch for _cache, watch in known.values())
    bump_elsewhere(watching)
    now = cached_version()
    assert until(lambda: watch.value == int(now[1:]))
    watch.value -= 1  # as if the announcement of that change had not arrived yet
    visitor, editor = rf.get("/en/"), rf.get("/en/")
    editor.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert content_version(visitor) == f"c{int(now[1:]) - 1}"  # a visitor: a few milliseconds behind
    assert content_version(editor) == now


def test_the_watch_stops_vouching_while_redis_is_away(client, watching, own_redis):
    load_demo()
    assert client.get("/en/").status_code == 200
    own_redis.stop()
    assert until(lambda: watched(cache, CACHED_VERSION_KEY) is None), "still vouching with Redis gone"
    own_redis.start()  # empty: the pages and the counter are gone
    assert client.get("/en/")["X-Page-Cache"] == "miss"  # the counter started again, and announced
    assert until(lambda: watched(cache, CACHED_VERSION_KEY) is not None, seconds=10.0)
    assert client.get("/en/")["X-Page-Cache"] == "hit"


def test_shared_fragments_are_read_from_process_memory_once_read(client, watching, settings):
    """A page rendered afresh (page cache off, or a signed-in user) takes its shared fragments (a
    person's papers, the roster) from this process's copy, not from Redis, while the version holds;
    a change renders them again."""
    from people.models import Person

    settings.PAGE_CACHE_SECONDS = 0
    load_demo()
    person = Person.objects.filter(authorships__isnull=False).distinct().first()
    path = f"/en/people/{person.slug}/"
    first = client.get(path).content.decode()
    before = redis_reads()
    for _ in range(10):
        assert client.get(path).content.decode() == first
    assert redis_reads() - before <= 3  # the watch's own checks, once a second
    Person.objects.filter(pk=person.pk).update(name_en="A Name Changed")
    bump_cached_version()
    assert "A Name Changed" in client.get(path).content.decode()
