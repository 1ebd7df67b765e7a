"""Django's local-memory cache, bounded in bytes as well as in entries.

LocMemCache counts entries only: 20,000 pages of 100 KB are 2 GB in every worker. This one also keeps
the pickled size of what it holds under MAX_BYTES (OPTIONS), dropping the least recently used first.
A shared cache (Redis) is bounded by its own `maxmemory` and eviction policy instead.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 128 * 1024 * 1024
# What each named cache holds, in bytes: kept beside Django's own per-name stores, like them.
_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def size_in_bytes(self) -> int:
        return self._total[0]

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._forget(key)
        if len(value) > self._max_bytes:
            self._cache.pop(key, None)
            self._expire_info.pop(key, None)
            return  # larger than the whole cache: not kept
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        self._total[0] += len(value)
        while self._total[0] > self._max_bytes and len(self._cache) > 1:
            oldest, _value = self._cache.popitem()  # most recent first, see LocMemCache.get
            self._expire_info.pop(oldest, None)
            self._forget(oldest)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        with self._lock:
            stored = self.make_and_validate_key(key, version=version)
            self._forget(stored)
            self._sizes[stored] = len(self._cache[stored])
            self._total[0] += self._sizes[stored]
        return value

    def _forget(self, key):
        self._total[0] -= self._sizes.pop(key, 0)

    def _cull(self):
        super()._cull()
        for key in [key for key in self._sizes if key not in self._cache]:
            self._forget(key)

    def _delete(self, key):
        self._forget(key)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0
