"""Django's Redis cache, with one client per connection pool instead of one per call; the content
version's counter bumped and announced in one step, and watched by each process (VersionWatch).

Django's RedisCacheClient builds a new `redis.Redis` for every cache call: each one copies redis-py's
table of some 170 response callbacks into a case-insensitive dict, about a tenth of a millisecond, as
much as the round trip to Redis itself. A Redis client over a connection pool is safe to share
between threads, so one per pool is kept.
"""

import contextlib
import logging
import os
import threading
import time
import weakref

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    """The cache is an optimisation: while Redis is away, reads miss and writes are dropped (logged at
    most once a minute per process), so pages are served uncached and the API answers, instead of every
    request failing. /readyz reports the outage (it asks Redis itself)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def get(self, key, default=None, version=None):
        return forgiving(super().get, default)(key, default, version)

    def get_many(self, keys, version=None):
        return forgiving(super().get_many, {})(keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return forgiving(super().set, None)(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return forgiving(super().add, False)(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return forgiving(super().set_many, list(data))(data, timeout, version)

    def delete(self, key, version=None):
        return forgiving(super().delete, False)(key, version)

    def delete_many(self, keys, version=None):
        return forgiving(super().delete_many, None)(keys, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return forgiving(super().touch, False)(key, timeout, version)


UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
last_warned = [0.0]


def redis_away(error) -> None:
    """Note that Redis did not answer (once a minute per process: an outage is not a log flood)."""
    now = time.monotonic()
    if now - last_warned[0] > 60:
        last_warned[0] = now
        logger.warning("Redis is not answering; serving without the shared cache: %s", error)


def forgiving(call, fallback):
    def run(*args):
        try:
            return call(*args)
        except UNREACHABLE as error:
            redis_away(error)
            return fallback

    return run


# The content version's counter (portal.content), bumped and announced in one step: INCR, or a new
# start from the clock where the counter is missing, then PUBLISH of the value on the counter's channel.
# With ARGV[2] "read", an existing counter is only read (a missing one is started and announced).
BUMP = """
local value = redis.call('GET', KEYS[1])
if value and ARGV[2] == 'read' then return tonumber(value) end
if value then
  value = redis.call('INCR', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'NX')
  value = tonumber(redis.call('GET', KEYS[1]))
end
redis.call('PUBLISH', ARGV[3], value)
return value
"""


def counter(cache, key: str, *, bump: bool) -> int:
    """Bump (or read, starting it if missing) the counter under `key` in a Redis cache, announcing any
    change to the processes watching it."""
    client = cache._cache.get_client(write=True)
    full_key = cache.make_and_validate_key(key)
    name = channel(client, full_key)
    global script
    if script is None:
        script = client.register_script(BUMP)  # run by its digest (EVALSHA): the text is sent once
    arguments = [time.time_ns() // 1000, "bump" if bump else "read", name]
    value = int(script(keys=[full_key], args=arguments, client=client))
    watch = watches.get((os.getpid(), name))
    if watch is not None:
        watch.raise_to(value)  # this process's own change shows in its next request, whatever the thread
    return value


script = None


def channel(client, full_key: str) -> str:
    # Channels are server-wide, keys are per database: two sites on one Redis must not hear each other.
    return f"{client.connection_pool.connection_kwargs.get('db', 0)}:{full_key}"


class VersionWatch:
    """This process's copy of the content version counter, kept by a thread that hears each change
    announced on Redis (pub/sub) as it happens, so that a visitor's cached page costs no round trip
    to Redis for the version. The copy is given only while the thread is subscribed and Redis answers
    its pings (each second, when it also reads the counter again: an emptied cache or a lost message
    is caught within a second); otherwise `current` is None and the caller reads Redis itself.

    A change committed by another process shows here as soon as its announcement arrives (well under a
    millisecond on one host), a change committed by this process at once."""

    PING_SECONDS = 1.0

    def __init__(self, client, full_key: str, name: str):
        self.client, self.full_key, self.name = client, full_key, name
        self.value: int | None = None
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"version watch {name}", daemon=True)
        self.thread.start()

    def raise_to(self, value: int, heard: bool = False) -> None:
        """Take a newer value: one `heard` on the channel, or this process's own change (taken only
        while the thread vouches for the copy)."""
        with self.lock:
            if self.value is not None or heard:
                self.value = max(value, self.value or 0)

    def reset(self, raw) -> None:
        with self.lock:
            self.value = None if raw is None else max(int(raw), self.value or 0)

    def run(self) -> None:
        delay = 0.1
        while not self.stopped.is_set():
            pubsub = self.client.pubsub()
            try:
                pubsub.subscribe(self.name)
                answered = checked = time.monotonic()
                while not self.stopped.is_set():
                    message = pubsub.get_message(timeout=self.PING_SECONDS)
                    now = time.monotonic()
                    if message and message["type"] == "subscribe":
                        self.reset(self.client.get(self.full_key))  # subscribed first: nothing is missed
                        delay = 0.1
                    elif message and message["type"] == "message":
                        self.raise_to(int(message["data"]), heard=True)
                    elif message and message["type"] == "pong":
                        answered = now
                    if now - checked >= self.PING_SECONDS:
                        if now - answered > 3 * self.PING_SECONDS:
                            raise ConnectionError("Redis did not answer the version watch's pings")
                        checked = now
                        pubsub.ping()
                        self.reset(self.client.get(self.full_key))
            except Exception as error:  # noqa: BLE001 - any failure: stop vouching, try again
                if not self.stopped.is_set():
                    logger.warning("content version watch: %s; reading Redis until it is back", error)
            finally:
                with self.lock:
                    self.value = None
                with contextlib.suppress(Exception):  # the connection is being dropped anyway
                    pubsub.close()
            self.stopped.wait(delay)
            delay = min(delay * 2, 5.0)

    def stop(self) -> None:
        self.stopped.set()


watches: dict[tuple[int, str], VersionWatch] = {}
watches_lock = threading.Lock()


def watched(cache, key: str) -> int | None:
    """The counter under `key` as this process's watch holds it (started on first use in a process),
    or None when the watch cannot vouch for it (starting, reconnecting)."""
    found = known.get((os.getpid(), id(cache), key))
    if found is None or found[0]() is not cache:
        client = cache._cache.get_client(write=True)
        full_key = cache.make_and_validate_key(key)
        name = channel(client, full_key)
        with watches_lock:
            watch = watches.get((os.getpid(), name))
            if watch is None:
                watch = watches[(os.getpid(), name)] = VersionWatch(client, full_key, name)
        found = known[(os.getpid(), id(cache), key)] = (weakref.ref(cache), watch)
    return found[1].value


known: dict[tuple, tuple] = {}  # (the cache backend, the watch its key leads to), found once


def stop_watching() -> None:
    """Stop this process's watches (tests that change the cache's server)."""
    with watches_lock:
        for watch in watches.values():
            watch.stop()
        watches.clear()
        known.clear()
