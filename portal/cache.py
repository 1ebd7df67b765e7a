"""Whole-page caching for visitors, keyed on the content version: a change in the admin shows on the
next request, with no invalidation written per page."""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode

from .content import cached_version, current_content_version
from .models import Lab

FRAGMENT_SECONDS = 24 * 3600  # a rendered part of a page (an entry, a person's list) in the shared cache


def content_version(request) -> str:
    """A token for the current content, read at most once per request (see portal.content): the
    shared cache's counter, or the database's count and the time of the last change together (a
    database restored from a backup may count again from an older number, but not at the same
    instant)."""
    if not hasattr(request, "_content_version"):
        if settings.CONTENT_VERSION_IN_CACHE:
            request._content_version = cached_version(watch=is_visitor(request))
        else:
            request._content_version = version_token(*content_version_row(request))
    return request._content_version


def version_token(version=None, changed_at=None) -> str:
    """content_version's token, outside a request (a background job): read now when not given."""
    if version is None:
        if settings.CONTENT_VERSION_IN_CACHE:
            return cached_version()
        version, changed_at = current_content_version()
    return f"{version}.{changed_at.timestamp():.6f}" if changed_at else "0"


def content_version_row(request):
    """(version, time of the last change), read at most once per request."""
    if not hasattr(request, "_content_version_row"):
        request._content_version_row = current_content_version()
    return request._content_version_row


def is_visitor(request) -> bool:
    """No session: decided from the cookie alone, before sessions and authentication are loaded.
    Anyone with a session (staff, members) gets pages rendered for them."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request, query: str) -> str:
    # The language is in the path (/en/…, /zh-hans/…), so the path and the parameters the view reads
    # tell pages apart. The content version is kept with the page, not in its key: a page rendered
    # again after a change takes the place of the old one.
    address = hashlib.blake2b(f"{request.path}?{query}".encode(), digest_size=16).hexdigest()
    return f"page:{request.get_host()}:{address}"


class LocalPages:
    """The pages this process served last, with their content version, bounded in bytes: a page read
    again costs the small round trip for the version only, not the transfer of the page from Redis.
    A copy is dropped when the shared cache's would expire (PAGE_CACHE_SECONDS)."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size, self.pages = max_bytes, 0, OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, version: str):
        kept = self.pages.get(key)
        if kept is None or kept[0][0] != version or kept[1] < time.monotonic():
            return None
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)
        return kept[0]

    def put(self, key: str, kept: tuple, seconds: int) -> None:
        with self.lock:
            self.forget(key)
            if len(kept[1]) > self.max_bytes:
                return
            self.pages[key] = (kept, time.monotonic() + seconds)
            self.size += len(kept[1])
            while self.size > self.max_bytes:
                self.forget(next(iter(self.pages)))

    def forget(self, key: str) -> None:
        old = self.pages.pop(key, None)
        if old is not None:
            self.size -= len(old[0][1])


local_pages = LocalPages(settings.PAGE_CACHE_LOCAL_BYTES)
local_fragments = LocalPages(settings.FRAGMENT_CACHE_LOCAL_BYTES)  # kept (version, html): {% fragment %}


class LocalChrome(OrderedDict):
    """The site's chrome (head links, menu, footer) per language and section, kept in this process by
    `{% fragment … local %}` under keys that carry the content version; least recently used first out."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get_html(self, key: str) -> str | None:
        html = self.get(key)
        if html is not None:
            self.move_to_end(key)
        return html

    def keep(self, key: str, html: str) -> None:
        self[key] = html
        while len(self) > self.size:
            self.popitem(last=False)


local_chrome = LocalChrome(512)
_lab_kept: dict = {}  # {content version: (profile,)}: the last one this process read


def lab_profile(request) -> Lab | None:
    """The lab's profile, read once per request however many templates and views ask for it, and from
    the database once per content version (every page shows it)."""
    global _lab_kept
    if not hasattr(request, "_lab"):
        version = content_version(request)
        kept = _lab_kept.get(version)  # this process's copy for this version, if it has one
        if kept is None:
            key = f"lab:{version}"
            kept = cache.get(key)
            if kept is None:
                kept = (Lab.load(),)  # in a tuple: a site without a profile is kept too
                cache.set(key, kept, 24 * 3600)
            _lab_kept = {version: kept}
        request._lab = kept[0]
    return request._lab


def forget_local_copies() -> None:
    """Drop what this process keeps of the shared cache per content version (pages, fragments, the lab
    profile): for tests, whose databases each start the version again."""
    global _lab_kept
    for kept in (local_pages, local_fragments):
        with kept.lock:
            kept.pages.clear()
            kept.size = 0
    local_chrome.clear()
    _lab_kept = {}


def cached_page(request, key: str):
    """(content, headers) kept for this address at the current content version, or None.

    Where the shared cache keeps the version, it is read first (a few bytes), and the page comes from
    this process's own copy when that is of the same version, else from the shared cache."""
    if settings.CONTENT_VERSION_IN_CACHE:
        version = content_version(request)
        kept = local_pages.get(key, version)
        if kept is None:
            kept = cache.get(key)
            if kept is not None and kept[0] == version:
                local_pages.put(key, kept, settings.PAGE_CACHE_SECONDS)
    else:
        kept = cache.get(key)
    if kept is None or kept[0] != content_version(request):
        return None
    return kept[1:]


def cache_public_page(view=None, *, params=()):
    """Let visitors share this view's page while content has not changed (see PageCacheMiddleware).

    `params` are the query parameters the view reads: a page asked with any other parameter
    (`?utm_source=…`) is served but not kept, so unique query strings cannot fill the cache. Only
    complete 200 responses are kept; logged-in users (staff see drafts) always get a fresh page.
    """
    if view is None:
        return lambda view: cache_public_page(view, params=params)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response.cache_for_visitors = True
        return response

    wrapped.page_cache_params = frozenset(params)
    return wrapped


def cached_view(request):
    """The view function the path leads to, when it is one whose pages visitors share; else None."""
    return view_for_path(request.path_info, getattr(request, "urlconf", None))


@functools.lru_cache(maxsize=4096)
def view_for_path(path: str, urlconf):
    """Kept per path (resolving is a fifth of a cached page's time); addresses do not change while the
    site runs."""
    # i18n_patterns match only the active language's prefix, and the locale middleware has not run yet.
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.func if hasattr(match.func, "page_cache_params") else None


def normalised_query(request, params: frozenset) -> str | None:
    """The query string as the cache knows it: the view's own parameters by name, empty ones left out
    (a submitted filter form sends every field), values in the order given (the last one counts).
    None when it holds a parameter the view does not read."""
    if not set(request.GET) <= params:
        return None
    return urlencode(
        [(name, value) for name in sorted(request.GET) for value in request.GET.getlist(name) if value]
    )


def asked_page(request) -> int:
    """The page of a list an address asks for: 1 when it names none. Any other spelling of a number
    ("01", "x", "0", two of them) is no page (404), so a page is kept in the cache under one address; a
    number past the last page is refused where the page is made (`page_of`)."""
    values = request.GET.getlist("page")
    if not values or values == [""]:
        return 1
    raw = values[0]
    digits = raw.isascii() and raw.isdigit() and len(raw) <= 9
    canonical = len(values) == 1 and digits and raw == str(int(raw))
    if not canonical or int(raw) < 1:
        raise Http404
    return int(raw)


def page_of(paginator, number: int):
    """The page `number` of `paginator`; past the last page is not found (and so never kept)."""
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404 from None


def rendered_for_one(response):
    """A response rendered for a session (staff see drafts, members their own records) is theirs alone:
    no shared cache (a proxy, a CDN) may keep it for the next visitor."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class PageCacheMiddleware:
    """Serves a visitor a page rendered earlier for the same address and content version.

    It sits just inside WhiteNoise, so a cached page skips sessions, authentication, locale and CSRF
    processing: one read of the content version and one cache read. The stored headers are those the
    inner middleware set (Content-Security-Policy, Content-Language, Vary…); the outer security
    middleware adds its own on every response, cached or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not is_visitor(request):
            return rendered_for_one(self.get_response(request))
        if seconds <= 0 or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        view = cached_view(request)
        query = normalised_query(request, view.page_cache_params) if view else None
        if query is None:
            return self.get_response(request)
        key = page_key(request, query)
        cached = cached_page(request, key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if getattr(response, "cache_for_visitors", False) and not response.cookies:
            kept = (content_version(request), response.content, list(response.items()))
            cache.set(key, kept, seconds)
            if settings.CONTENT_VERSION_IN_CACHE:
                local_pages.put(key, kept, seconds)
            response["X-Page-Cache"] = "miss"
        return response


def deferred(compute):
    """A value computed on first use, for what a page reads only inside a `{% fragment %}`: its queries
    then run only when the fragment is rendered, not when it is read from the cache. Templates call a
    callable they are given; this one computes once and keeps the result."""
    return functools.cache(compute)
