"""Link health: the papers' PDF, code, slides, video, DOI and page links, each asked at most once a
week (HEAD, then GET where HEAD is refused), spaced per host; broken ones are listed in the admin, and
nothing is hidden from visitors because of it."""

import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils import timezone

from publications.models import Publication

from .models import LinkCheck

FIELDS = ("pdf_url", "code_url", "slides_url", "video_url", "url", "doi")
# Answers that say "not by HEAD" rather than "not here": asked again with GET.
HEAD_REFUSED = {403, 405, 406, 429, 501}


def links_of(publication: dict) -> list[tuple[str, str]]:
    found = []
    for name in FIELDS:
        value = (publication.get(name) or "").strip()
        if value:
            found.append((name, f"{settings.DOI_URL.rstrip('/')}/{value}" if name == "doi" else value))
    return found


class Spacer:
    """At most one request per WATCH_REQUEST_INTERVAL to any one host."""

    def __init__(self):
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self.lock:
            wait = self.last.get(host, 0) + settings.WATCH_REQUEST_INTERVAL - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.last[host] = time.monotonic()


def ask(session: requests.Session, spacer: Spacer, url: str) -> tuple[int | None, str]:
    """(status, problem): the final status after redirects, or the problem that stopped the request."""
    timeout = settings.REMOTE_TIMEOUT_SECONDS
    try:
        spacer.wait(url)
        response = session.head(url, allow_redirects=True, timeout=timeout)
        if response.status_code in HEAD_REFUSED:
            spacer.wait(url)
            with session.get(url, allow_redirects=True, timeout=timeout, stream=True) as response:
                pass
        return response.status_code, ""
    except requests.Timeout:
        return None, f"no answer in {timeout:g} s"
    except requests.RequestException as error:
        return None, f"{error.__class__.__name__}: {str(error)[:200]}"


def check_links(limit: int | None = None, log=lambda line: None) -> dict:
    """Check the links not checked in the last WATCH_LINK_DAYS days (or changed since): at most
    `limit` (WATCH_LINKS_PER_RUN) in one run, the longest unchecked first."""
    limit = limit or settings.WATCH_LINKS_PER_RUN
    now = timezone.now()
    recent = now - timedelta(days=settings.WATCH_LINK_DAYS)
    checks = {(c.publication_id, c.field): c for c in LinkCheck.objects.all()}
    due, present = [], set()
    for row in Publication.objects.values("pk", *FIELDS).order_by("pk"):
        for name, url in links_of(row):
            present.add((row["pk"], name))
            check = checks.get((row["pk"], name))
            if check is None or check.url != url or check.checked_at < recent:
                due.append((check.checked_at if check else None, row["pk"], name, url, check))
    gone = [check.pk for key, check in checks.items() if key not in present]
    LinkCheck.objects.filter(pk__in=gone).delete()  # a link taken off its paper
    due.sort(key=lambda item: (item[0] is not None, item[0] or now))
    session, spacer = requests.Session(), Spacer()
    contact = settings.REMOTE_CONTACT_EMAIL
    session.headers["User-Agent"] = f"lab-portal/1.0 (link check{f'; mailto:{contact}' if contact else ''})"
    counts = {"checked": 0, "broken": 0, "due": len(due)}
    for _when, pk, name, url, check in due[:limit]:
        status, problem = ask(session, spacer, url)
        ok = not problem and status is not None and status < 400
        check = check or LinkCheck(publication_id=pk, field=name)
        if not ok and (check.ok or check.pk is None or check.url != url):
            check.broken_since = now
        elif ok:
            check.broken_since = None
        check.url, check.ok, check.status_code, check.error, check.checked_at = url, ok, status, problem, now
        check.save()
        counts["checked"] += 1
        if not ok:
            counts["broken"] += 1
            log(f"broken: {url} ({status or problem})")
    return counts
