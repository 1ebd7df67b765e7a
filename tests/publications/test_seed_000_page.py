"""The faculty member of seed 000: the person page numbers, marks and awards papers as the seed does."""

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from portal.demo.loader import load_demo

pytestmark = pytest.mark.django_db

ENTRY = re.compile(r"^\[(?P<code>[CJ]\d+)\]\s*(?P<text>.+)$")
OWNER = re.compile(r"\*\*(?P<name>[^*\\=]+)(?P<marks>(?:\\\*|\*|=)*)\*\*(?P<after>\*?)")


def title_key(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def seed_entries(seeds_dir):
    """Entries of seed 000, read from the file on their own terms: code, owner's marks, awards."""
    path = next(seeds_dir.glob("000_*.txt"))
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line.strip())
        if not match:
            continue
        text = match["text"]
        owner = OWNER.search(text)
        marks = (owner["marks"].replace("\\", "") + owner["after"]) if owner else ""
        awards = sorted(re.findall(r"Best Paper (?:Award|Nomination)", text))
        entries.append(
            {"code": match["code"], "line": title_key(text), "marks": set(marks), "awards": awards}
        )
    return entries


def page_entries(html: str):
    soup = BeautifulSoup(html, "html.parser")
    entries = []
    for item in soup.select("li.entry"):
        code = item.select_one(".code")
        self_name = item.select_one("strong.self")
        marks = set()
        for sibling in self_name.next_siblings if self_name else []:
            if getattr(sibling, "name", None) != "sup":
                break
            marks.add(sibling.get_text())
        entries.append(
            {
                "code": code.get_text().strip("[]") if code else "",
                "title": title_key(item.select_one("a.title").get_text()),
                "marks": marks,
                "awards": sorted(badge.get_text() for badge in item.select(".badge.award")),
            }
        )
    return entries


def test_person_page_codes_marks_and_awards_agree_with_seed_000(client, seeds_dir):
    seed = seed_entries(seeds_dir)
    assert len(seed) == 45  # [C1]–[C33] and [J1]–[J12]
    assert sum(1 for entry in seed if entry["awards"]) == 3

    load_demo()
    shown = page_entries(client.get("/en/people/zhuoran-song/").content.decode())
    numbered = [entry for entry in shown if entry["code"][:1] in {"C", "J"}]
    assert len(numbered) == len(seed)
    for entry in numbered:
        matches = [s for s in seed if entry["title"] and entry["title"] in s["line"]]
        assert len(matches) == 1, entry["title"]
        expected = matches[0]
        assert entry["code"] == expected["code"], entry["title"]
        assert entry["marks"] == expected["marks"], entry["title"]
        assert entry["awards"] == expected["awards"], entry["title"]
    assert {s["code"] for s in seed} == {entry["code"] for entry in numbered}


def test_chinese_page_keeps_the_codes(client):
    load_demo()
    english = [e["code"] for e in page_entries(client.get("/en/people/zhuoran-song/").content.decode())]
    chinese = [e["code"] for e in page_entries(client.get("/zh-hans/people/zhuoran-song/").content.decode())]
    assert english == chinese and english[:2] == ["J12", "C33"]
