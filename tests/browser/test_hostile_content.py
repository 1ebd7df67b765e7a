"""Hostile text in every field a lab member fills in: nothing runs in the browser, what was meant stays."""

import pytest

from tests.browser.conftest import run_on_site

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('img')>",
    "<svg onload=alert('svg')>",
    "[click me](javascript:alert('link'))",
    "<a href=\"javascript:alert('a')\">a</a>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "\"><script>alert('attr')</script>",
    "<details open ontoggle=alert('toggle')>",
]
TEXT = " ".join(PAYLOADS)

SETUP = f"""
import datetime
from people.models import Honor, Membership, Person
from publications.models import Authorship, Publication
from achievements.models import Achievement
from news.models import NewsItem
text = {TEXT!r}
person, _ = Person.objects.update_or_create(slug="hostile", defaults=dict(
    name_en="Eve " + text[:150], title_en=text[:290], bio_en="**Bold stays.** " + text))
Membership.objects.update_or_create(person=person, defaults=dict(
    role="master", end_on=datetime.date(2020, 6, 30), destination_en=text[:290],
    destination_url="https://example.org/"))
Honor.objects.update_or_create(person=person, year=2020, defaults=dict(
    title_en=text[:290], awarding_body_en=text[:290], note_en=text[:290]))
NewsItem.objects.update_or_create(slug="2024-07-hostile", defaults=dict(
    date=datetime.date(2024, 7, 1), title_en=text[:290], body_en="**News stays.** " + text))
paper, _ = Publication.objects.update_or_create(slug="hostile-paper", defaults=dict(
    title_en="Hostile " + text[:450], year=2024, abstract_en="*Kept emphasis* " + text, note_en=text[:290],
    venue_text=text[:490]))
Authorship.objects.update_or_create(
    publication=paper, position=1, defaults=dict(name=text[:190], person=person))
Achievement.objects.update_or_create(year=2024, slug="hostile", defaults=dict(
    title_en=text[:290], summary_en=text, body_en="## Heading stays\\n\\n" + text))
"""


def test_hostile_markdown_and_text_never_run(page, site):
    run_on_site(site, SETUP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in [
        "/en/people/hostile/",
        "/en/publications/hostile-paper/",
        "/en/achievements/2024/hostile/",
        "/en/publications/?q=Hostile",
        "/en/search/?q=Eve",
        "/en/people/",
        "/en/people/honours/",
        "/en/news/",
        "/en/news/2024-07-hostile/",
        "/en/achievements/2024/report/",
    ]:
        assert page.goto(url).status == 200
        for link in page.locator("a[href^='javascript:']").all():
            pytest.fail(f"a javascript: link survived on {url}: {link.get_attribute('href')}")
        page.locator("details").evaluate_all("nodes => nodes.forEach(node => node.open = true)")
        page.wait_for_timeout(200)
    assert dialogs == []
    page.goto("/en/people/hostile/")
    assert page.locator(".bio strong").first.inner_text() == "Bold stays."
    assert "<script>alert('script')</script>" in page.locator("h1").inner_text()  # shown as text
    page.goto("/en/achievements/2024/hostile/")
    assert page.get_by_role("heading", name="Heading stays").is_visible()
    page.goto("/en/news/2024-07-hostile/")
    assert page.locator(".prose strong").first.inner_text() == "News stays."
    page.goto("/en/publications/hostile-paper/")
    assert page.locator(".abstract em").first.inner_text() == "Kept emphasis"
