"""Written Chinese uses full-width punctuation (：，、；) and never slants Han characters: on every
page type in zh-hans, and in the translations."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from portal.demo.loader import load_demo
from tests.browser.test_pages import PAGES

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
HAN_THEN_ASCII = re.compile(
    r"[\u3400-\u9fff][:,;](?!\d)"  # "研究方向: ", "蒋力, 宋卓然" (not "第1,2")
    r"|[\u3400-\u9fff]\s?\("  # "博士生 (9)": （9）
)


@pytest.fixture
def demo():
    load_demo()  # not committed: pages name image variants without opening them


def visible_text(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "code", "pre", "textarea"]):
        hidden.decompose()
    for reference in soup.select(".citation"):  # a reference style prints its own marks (GB/T 7714's too)
        reference.decompose()
    texts = [soup.title.get_text()] if soup.title else []
    texts += [element.get("aria-label", "") for element in soup.find_all(attrs={"aria-label": True})]
    # each block's text as a reader sees it, the marks between inline elements included ("蒋力, 宋卓然"
    # is "<a>蒋力</a>, <a>宋卓然</a>"; "博士生 (9)" is "博士生 <span>(9)</span>")
    blocks = soup.find_all(["p", "li", "h1", "h2", "h3", "dt", "dd", "td", "th", "figcaption", "caption"])
    texts += [" ".join(block.get_text("").split()) for block in blocks]
    return texts + [line.strip() for line in soup.get_text("\n").splitlines() if line.strip()]


@pytest.mark.parametrize("name", PAGES)
def test_no_ascii_colon_or_comma_after_a_han_character(client, demo, name):
    response = client.get(f"/zh-hans/{PAGES[name]}")
    assert response.status_code == 200
    found = [text[:80] for text in visible_text(response.content) if HAN_THEN_ASCII.search(text)]
    assert found == []


def test_the_translations_use_full_width_punctuation():
    with (ROOT / "locale/zh_Hans/LC_MESSAGES/django.po").open("rb") as file:
        catalogue = read_po(file)
    found = []
    for message in catalogue:
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if text and HAN_THEN_ASCII.search(text):
                found.append(text)
    assert found == []
