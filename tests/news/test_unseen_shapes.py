"""News lists as labs the importers were not written against write them (tests/data/corpus; each test
names its shape)."""

import datetime

import pytest

from news.importers import import_news
from news.models import NewsItem, news_slug
from publications.importers import import_publications

pytestmark = pytest.mark.django_db


def test_a_pinned_section_a_label_before_the_date_and_a_date_in_emphasis():
    """`##Top` with no space and undated pinned items; `**置顶:** Mar 2025,`; `- *2025.08*: …`."""
    text = (
        "##Top\n- **置顶:** Mar 2025, We are hiring PhD students!\n- Our lab is recruiting interns.\n"
        "## 2025\n- *2025.08*: 我作为第一作者的论文被EMNLP 2025 Findings接收。\n"
    )
    report = import_news(text)
    assert report.counts["created"] == 3 and not report.counts["refused"] and not report.counts["skipped"]
    hiring = NewsItem.objects.get(body_en__startswith="We are hiring")
    assert (hiring.date.year, hiring.date.month) == (2025, 3)
    pinned = NewsItem.objects.get(body_en__startswith="Our lab is recruiting")
    assert pinned.date_precision == "none" and pinned.date_label == "Pinned"
    assert NewsItem.objects.get(date__month=8).body_zh_hans.startswith("我作为第一作者")
    again = import_news(text)
    assert (again.counts["created"], again.counts["updated"]) == (0, 0)


def test_the_language_of_an_item_is_the_script_that_carries_it_and_latex_is_read():
    """An English item with a Chinese aside was stored wholly as Chinese; `E$^2$SR` in a news line was
    neither rendered nor matched to the paper titled E²SR; `((https://…))` was warned about twice as
    pointing into the old site."""
    import_publications(
        "@inproceedings{e, title={E²SR: Efficient Super-Resolution on PIM}, author={Ann Lee},"
        " booktitle={DAC}, year={2025}}",
        "bibtex",
    )
    text = (
        "- 2025.03 Our paper E$^2$SR was accepted by DAC 2025 (祝贺!)\n"
        "- 2025.02 See the [slides]((https://example.org/old/slides.pdf)).\n"
    )
    report = import_news(text)
    item = NewsItem.objects.get(date__month=3)
    assert item.body_en == "Our paper E²SR was accepted by DAC 2025 (祝贺!)" and not item.body_zh_hans
    assert item.publications.get().title_en.startswith("E²SR")
    assert not report.warnings


def test_a_slug_is_made_of_the_words_not_of_the_html_around_them():
    """al-folio news written in HTML made slugs like `2024-09-a-href-menga-wil`."""
    text = '<!-- draft --><a href="https://example.org/qm/">Qingxi Meng</a> will present an abstract'
    assert (
        news_slug(datetime.date(2024, 9, 23), text, set()) == "2024-09-qingxi-meng-will-present-an-abstract"
    )
