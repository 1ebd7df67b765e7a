"""The site-wide content version: bumped by any change to public content, read once per request.

The database row (ContentVersion) counts changes and keeps the time of the last one. Where the cache
is shared by every process (Redis, Memcached: CONTENT_VERSION_IN_CACHE, on by default for them), the
cache also keeps a counter of its own, bumped with the row when a change commits, and pages and
fragments are keyed on that counter: a request reads it in the same round trip as the page it asks
for, with no database query. A cache emptied or restarted starts the counter again from the current
time in microseconds, above any value it held before, so no page kept under an earlier counter is
ever served again. A local-memory cache is not shared between processes: there the row is read.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import ContentVersion, MarkdownRendering
from .redis import UNREACHABLE, counter, redis_away, watched

CONTENT_APPS = ("portal", "people", "publications", "achievements", "news", "activities")


def bump_content_version() -> None:
    """Count one change now. Code that bypasses model signals (update(), bulk_create()) should call
    bump_content_version_on_commit() instead, so that a transaction counts once and only if it commits."""

    now = timezone.now()
    updated = ContentVersion.objects.filter(pk=1).update(version=models.F("version") + 1, changed_at=now)
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})
    if settings.CONTENT_VERSION_IN_CACHE:
        bump_cached_version()


CACHED_VERSION_KEY = "portal:content-version"


def bump_cached_version() -> None:
    """Count one change in the shared cache (atomically: INCR in Redis, which also announces it to the
    processes watching the counter: portal.redis.VersionWatch)."""
    if shared_cache_is_redis():
        try:
            counter(cache, CACHED_VERSION_KEY, bump=True)
        except UNREACHABLE as error:  # the change is saved and counted in the database all the same
            redis_away(error)
        return
    try:
        cache.incr(CACHED_VERSION_KEY)
    except ValueError:  # not there (emptied, evicted, never set): a new start is a change too
        cache.add(CACHED_VERSION_KEY, time.time_ns() // 1000, timeout=None)


def cached_version(value=None, *, watch: bool = False) -> str:
    """The shared cache's counter as a token; `value` is what a multi-get already read (None: absent).
    With `watch` (a visitor's request), Redis and CONTENT_VERSION_WATCH: this process's watched copy,
    when its watch vouches for it (portal.redis.VersionWatch). A user with a session is given the
    counter as Redis holds it: an editor who saved in one process sees the change in the next
    request, whichever process serves it, even before the announcement of it arrives there."""
    if value is None and watch and settings.CONTENT_VERSION_WATCH and shared_cache_is_redis():
        value = watched(cache, CACHED_VERSION_KEY)
    if value is None and shared_cache_is_redis():
        try:
            value = counter(cache, CACHED_VERSION_KEY, bump=False)
        except UNREACHABLE as error:
            # Redis is away: the database's count (no page is kept meanwhile, the cache drops writes)
            redis_away(error)
            version, changed_at = current_content_version()
            return f"d{version}.{changed_at.timestamp() if changed_at else 0:.6f}"
    if value is None:
        value = cache.get(CACHED_VERSION_KEY)
    if value is None:
        cache.add(CACHED_VERSION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(CACHED_VERSION_KEY)
    return f"c{value}"


def shared_cache_is_redis() -> bool:
    return isinstance(caches["default"], RedisCache)


def current_content_version() -> tuple[int, "timezone.datetime | None"]:
    """(version, when it last changed); (0, None) before any content exists."""

    row = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    return row or (0, None)


def is_content_model(model) -> bool:

    return (
        model._meta.app_label in CONTENT_APPS
        and model is not ContentVersion
        and getattr(model, "affects_content", True)
    )


def bump_content_version_on_commit() -> None:
    """Count the current transaction's changes once, when it commits; never if it rolls back.

    A delete that cascades to thousands of rows, or an import, then costs one UPDATE, not one per row.
    """
    connection = transaction.get_connection()
    # Django keeps pending callbacks in run_on_commit and drops them on rollback, so a pending bump
    # found there belongs to this transaction.
    if any(callback is bump_content_version for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump_content_version)


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the dump's own rows, bumped once by whoever restores
        return
    bump_content_version_on_commit()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and is_content_model(type(instance)):
        bump_content_version_on_commit()


def connect_signals() -> None:
    for model in apps.get_models():
        if is_content_model(model):
            uid = f"content-version-{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="content-version-m2m")


def rerender_all_markdown() -> int:
    """Render every stored Markdown source again (after the renderer or its allowlist changed).

    Returns how many records changed; records already up to date are not written.
    """

    changed = 0
    for model in apps.get_models():
        if not (issubclass(model, MarkdownRendering) and model.markdown_fields):
            continue
        sources, targets = model.markdown_field_names()
        stale = []
        for instance in model.objects.only("pk", *sources, *targets).iterator(chunk_size=500):
            before = [getattr(instance, name) for name in targets]
            instance.render_markdown_fields()
            if [getattr(instance, name) for name in targets] != before:
                stale.append(instance)
        model.objects.bulk_update(stale, targets, batch_size=500)
        changed += len(stale)
    if changed:
        bump_content_version_on_commit()
    return changed
