"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call: each one copies redis-py's
table of some 170 response callbacks into a case-insensitive dict, about a tenth of a millisecond, as
much as the round trip to Redis itself. A Redis client over a connection pool is safe to share
between threads, so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
