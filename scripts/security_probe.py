"""A probe of the site as an attacker and a careless user would try it, through the whole middleware stack
(Django's test client) on a scratch database with the demo lab: drafts hunted anonymously over every
page, feed, export and API answer; a member's token against everyone else's records; script payloads in
every text field shown on the site; made-up addresses against the shared cache; foreign login
redirects. Prints what it tried, with counts, and every finding; exits 1 when something was found.

    .venv/bin/python scripts/security_probe.py            # on a scratch SQLite database
"""

import os
import sys
import tempfile
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="portal-probe-"))
os.environ.update(
    DATABASE_URL=f"sqlite:///{SCRATCH / 'probe.sqlite3'}", CELERY_BROKER_URL="", MEDIA_ROOT=str(SCRATCH / "media"),
    PORTAL_DEMO="true", DJANGO_SETTINGS_MODULE="portal.settings", ALLOWED_HOSTS="testserver",
)  # fmt: skip

import django  # noqa: E402

django.setup()

import warnings  # noqa: E402

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

tried: Counter = Counter()
found: list[str] = []
MARK = "ZQXDRAFT"
# (a search for the mark shows the mark itself, as what was searched for: the titles must never show)
DRAFT_TITLES = [
    f"{MARK} {word}" for word in ("Person", "paper", "Author", "news", "result", "list", "honour")
]
PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "<svg onload=alert(3)>",
    "javascript:alert(4)", "<a href=\"javascript:alert(5)\">x</a>", "[x](javascript:alert(6))",
    "<iframe src=//evil.example></iframe>", "{{7*7}}{% debug %}", "</title><script>alert(8)</script>",
    "<details open ontoggle=alert(9)>", "![x](x\" onerror=\"alert(10))", "<style>@import 'x'</style>",
]  # fmt: skip


def valid_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def check(condition: bool, what: str) -> None:
    if not condition:
        found.append(what)


warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # sitemaps and feeds: links are read alike


def set_up():
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def drafts():
    """One unpublished record of every kind, each titled with MARK."""
    from achievements.models import Achievement
    from news.models import NewsItem
    from people.models import Honor, Person
    from publications.models import Authorship, Collection, Publication

    person = Person.objects.create(slug="zqx-draft-person", name_en=f"{MARK} Person", is_published=False)
    paper = Publication.objects.create(
        title_en=f"{MARK} paper", year=2024, kind="conference", is_published=False
    )
    Authorship.objects.create(publication=paper, person=person, position=1, name=f"{MARK} Author")
    NewsItem.objects.create(date=date(2024, 5, 1), title_en=f"{MARK} news", body_en=MARK, is_published=False)
    Achievement.objects.create(year=2024, slug="zqx-draft", title_en=f"{MARK} result", is_published=False)
    Collection.objects.create(slug="zqx-draft-list", title_en=f"{MARK} list", is_published=False)
    Honor.objects.create(person=person, year=2024, title_en=f"{MARK} honour")


def anonymous_hunt():
    client, api = Client(), APIClient()
    seen = set()
    queue = ["/sitemap.xml", "/en/", "/zh-hans/", "/robots.txt"]
    for language in ("en", "zh-hans"):
        for path in ("people/", "publications/", "news/", "achievements/", "collections/", "people/honours/",
                     "search/?q=ZQXDRAFT", "publications.bib", "publications.ris", "publications.json",
                     "feeds/news/", "feeds/publications/", "feeds/achievements/", "lab/figures/", "achievements/2024/report/",
                     "achievements/2024/report.docx", "news/2024/", "achievements/2024/"):  # fmt: skip
            queue.append(f"/{language}/{path}")
    while queue and len(seen) < 1500:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        tried["anonymous page, feed or export"] += 1
        check(response.status_code < 500, f"{path} answered {response.status_code}")
        body = response.content.decode(errors="replace") if not response.streaming else ""
        check(not any(title in body for title in DRAFT_TITLES), f"a draft shows at {path}")
        if response.get("Content-Type", "").startswith(("text/html", "application/xml", "application/rss")):
            soup = BeautifulSoup(body, "html.parser")
            for tag in soup.find_all(["a", "loc"]):
                link = tag.get("href") or tag.get_text()
                link = link.replace("http://testserver", "")
                if link.startswith("/") and not link.startswith(("/static/", "/media/", "/admin/")):
                    queue.append(link.split("#")[0])
    for endpoint in ("publications", "people", "news", "achievements", "collections", "honors", "memberships",
                     "venues", "research-areas"):  # fmt: skip
        for query in ("", "?page_size=200", "?search=ZQXDRAFT", "?format=bibtex", "?format=csljson"):
            response = api.get(f"/api/v1/{endpoint}/{query}")
            tried["anonymous API read"] += 1
            check(
                not any(title in response.content.decode(errors="replace") for title in DRAFT_TITLES),
                f"a draft in /api/v1/{endpoint}/{query}",
            )
    for path in ("publications/zqx-draft-paper-2024/", "people/zqx-draft-person/", "collections/zqx-draft-list/",
                 "achievements/2024/zqx-draft/"):  # fmt: skip
        for prefix in ("/en/", "/api/v1/"):
            response = client.get(prefix + path)
            tried["anonymous request for a draft by its address"] += 1
            check(response.status_code == 404, f"{prefix}{path} answered {response.status_code}")
    return len(seen)


def member_against_others():
    from accounts.roles import MEMBER
    from people.models import Person

    user = User.objects.create_user("probe-member", password="probe-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name=MEMBER))
    Person.objects.filter(slug="zongwu-wang").update(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    for endpoint, key in (("publications", "slug"), ("people", "slug"), ("news", "id"), ("achievements", "id"),
                          ("collections", "slug"), ("honors", "id"), ("memberships", "id")):  # fmt: skip
        records = APIClient().get(f"/api/v1/{endpoint}/", {"page_size": 200}).json()["results"]
        for record in records:
            url = f"/api/v1/{endpoint}/{record[key]}/"
            if endpoint == "people" and record["slug"] == "zongwu-wang":
                continue
            if endpoint == "publications" and "zongwu-wang" in str(record.get("authors")):
                continue
            for method in ("patch", "delete"):
                response = getattr(api, method)(url, {"is_published": False}, format="json")
                tried[f"member {method.upper()} of another's record"] += 1
                check(response.status_code in (403, 404), f"member {method} {url}: {response.status_code}")
    for aliases in (["Li Jiang"], ["Zhuoran Song"], ["蒋力"]):
        response = api.patch("/api/v1/people/zongwu-wang/", {"aliases": aliases}, format="json")
        tried["member taking another person's name"] += 1
        check(response.status_code == 400, f"member took {aliases}: {response.status_code}")
    for page in ("/admin/auth/user/", "/admin/authtoken/tokenproxy/", "/admin/portal/lab/1/change/"):
        client = Client()
        client.force_login(user)
        tried["member at an admin page of accounts or the lab"] += 1
        check(client.get(page).status_code in (302, 403, 404), f"member reached {page}")


def payloads_everywhere():
    from accounts.roles import EDITOR

    editor = User.objects.create_user("probe-editor", password="probe-pass-123", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    pages = []
    for number, payload in enumerate(PAYLOADS):
        text = {"en": payload, "zh-hans": payload}
        made = [
            api.post("/api/v1/publications/", {"title": text, "abstract": text, "year": 2024, "kind": "journal",
                                               "is_published": True, "note": text}, format="json"),
            api.post("/api/v1/people/", {"slug": f"probe-{number}", "name": text, "bio": text, "title": text,
                                         "is_published": True, "homepage": "https://example.org"}, format="json"),
            api.post("/api/v1/news/", {"date": "2024-06-01", "date_precision": "day", "title": text, "body": text,
                                       "is_published": True}, format="json"),
        ]  # fmt: skip
        for response in made:
            tried["script payload written through the API"] += 1
            check(response.status_code in (201, 400), f"payload write answered {response.status_code}")
            if response.status_code == 201:
                page = response.json().get("page")
                if page:
                    pages.append(page.replace("http://testserver", ""))
    pages += ["/en/", "/en/news/", "/en/people/", "/en/publications/", "/zh-hans/publications/"]
    client = Client()
    for page in pages:
        response = client.get(page)
        tried["page read after the payloads"] += 1
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, not run: it must still parse as JSON
                check(valid_json(script.get_text()), f"structured data broken open on {page}")
                continue
            check("alert(" not in script.get_text() and "alert(" not in (script.get("src") or ""),
                  f"a script runs a payload on {page}")  # fmt: skip
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                check(not (name.startswith("on") and "alert(" in value), f"an event handler runs on {page}")
                check(not (name in ("href", "src") and value.strip().lower().startswith("javascript:")),
                      f"a javascript: link on {page}")  # fmt: skip
            check(
                tag.name not in ("iframe", "style") or "evil" not in str(tag),
                f"{tag.name} injected on {page}",
            )


def made_up_addresses():
    client = Client()
    local = caches["default"]
    client.get("/en/publications/")
    before = len(getattr(local, "_cache", {}))
    for number in range(300):
        for path in (f"/en/?utm_source={uuid.uuid4().hex}", f"/en/publications/?page={10_000 + number}",
                     f"/api/v1/publications/?x={uuid.uuid4().hex}", f"/en/news/{number * 97 % 20000}/",
                     f"/en/achievements/{number * 131 % 20000}/report/", f"/en/publications/?page=0{number}"):  # fmt: skip
            response = client.get(path)
            tried["made-up address"] += 1
            check(response.status_code < 500, f"{path} answered {response.status_code}")
    after = len(getattr(local, "_cache", {}))
    check(after - before < 60, f"made-up addresses added {after - before} cache entries")


def logins():
    client = Client()
    User.objects.create_user("probe-login", password="probe-pass-123", is_staff=True)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        response = client.post(f"/admin/login/?next={target}", {"username": "probe-login",
                                                                 "password": "probe-pass-123", "next": target})  # fmt: skip
        tried["login with a foreign next"] += 1
        location = response.get("Location", "")
        check(response.status_code == 302 and location.startswith("/") and not location.startswith("//"),
              f"login sent to {location!r}")  # fmt: skip
        client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post("/admin/login/", {"username": "probe-login", "password": "wrong"}, REMOTE_ADDR="10.9.9.9")
        tried["wrong password"] += 1
    locked = client.post("/admin/login/", {"username": "probe-login", "password": "probe-pass-123"},
                         REMOTE_ADDR="10.9.9.9")  # fmt: skip
    check(locked.status_code in (403, 429) or "locked" in locked.content.decode().lower(),
          "the right password still logs in after the failure limit")  # fmt: skip


if __name__ == "__main__":
    set_up()
    drafts()
    crawled = anonymous_hunt()
    member_against_others()
    payloads_everywhere()
    made_up_addresses()
    logins()
    print(f"crawled {crawled} addresses")
    for what, count in sorted(tried.items()):
        print(f"{count:6d}  {what}")
    print(f"{sum(tried.values())} attempts, {len(found)} findings")
    for finding in found:
        print("  FOUND:", finding)
    sys.exit(1 if found else 0)
