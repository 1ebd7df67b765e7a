"""Whole-page caching for visitors, keyed on the content version: a change in the admin shows on the
next request, with no invalidation written per page."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .content import current_content_version


def content_version(request) -> str:
    """A token for the current content, read at most once per request.

    The count and the time of the last change together: a database restored from a backup may
    count again from an older number, but not at the same instant.
    """
    if not hasattr(request, "_content_version"):
        version, changed_at = content_version_row(request)
        request._content_version = f"{version}.{changed_at.timestamp():.6f}" if changed_at else "0"
    return request._content_version


def content_version_row(request):
    """(version, time of the last change), read at most once per request."""
    if not hasattr(request, "_content_version_row"):
        request._content_version_row = current_content_version()
    return request._content_version_row


def is_visitor(request) -> bool:
    """No session: decided from the cookie alone, before sessions and authentication are loaded.
    Anyone with a session (staff, members) gets pages rendered for them."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request, version: str) -> str:
    # The language is in the path (/en/…, /zh-hans/…), so the path alone tells pages apart.
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return f"page:{version}:{request.get_host()}:{path}"


def cache_public_page(view):
    """Let visitors share this view's page while content has not changed (see PageCacheMiddleware).

    Only complete 200 responses are kept; logged-in users (staff see drafts) always get a fresh page.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response.cache_for_visitors = True
        return response

    return wrapped


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
        if seconds <= 0 or request.method not in ("GET", "HEAD") or not is_visitor(request):
            return self.get_response(request)
        key = page_key(request, content_version(request))
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if getattr(response, "cache_for_visitors", False) and not response.cookies:
            cache.set(key, (response.content, list(response.items())), seconds)
            response["X-Page-Cache"] = "miss"
        return response
