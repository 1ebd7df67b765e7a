"""A reading list links every entry out and marks the few highlighted ones distinctly."""

import pytest
from bs4 import BeautifulSoup

from portal.demo.loader import load_demo
from publications.models import Collection

pytestmark = pytest.mark.django_db


def test_the_demo_reading_list_links_out_with_few_highlights_and_few_sections(client):
    load_demo()
    collection = Collection.objects.get(slug="neural-networks-on-silicon")
    entries = collection.entries.count()
    soup = BeautifulSoup(client.get(f"/en/collections/{collection.slug}/").content.decode(), "html.parser")
    items = soup.select(".reading-list li")
    assert len(items) == entries == 12
    assert all(item.select_one("a.title")["href"].startswith(("https://", "/en/")) for item in items)
    highlighted = soup.select(".reading-list li.highlight")
    assert 0 < len(highlighted) <= entries // 3
    assert all(item.select_one(".badge.highlight") for item in highlighted)
    assert len(soup.select("section h2")) <= entries // 3
