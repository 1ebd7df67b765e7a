"""References in IEEE, ACM, APA and GB/T 7714-2015 (citeproc-py with the official CSL styles): on the
paper's page, and as a downloadable list of the filtered selection."""

import pytest

from publications.models import Venue
from publications.styles import STYLES, reference
from tests.publications.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    venue, _created = Venue.objects.get_or_create(
        kind="conference", name="Design Automation Conference", defaults={"acronym": "DAC"}
    )
    paper = PublicationFactory(
        title_en="Processing-in-Memory Accelerators for Long-Context Inference", year=2024, kind="conference",
        venue=venue, pages="1-6", doi="10.1145/3649329.3655000", language="en", slug="pim-long-context",
    )  # fmt: skip
    for position, name in enumerate(["Zongwu Wang", "Fangxin Liu", "Zhuoran Song", "Li Jiang"], start=1):
        AuthorshipFactory(publication=paper, position=position, name=name, person=None)
    return paper


@pytest.fixture
def chinese():
    venue, _created = Venue.objects.get_or_create(
        kind="journal", name="计算机研究与发展", defaults={"acronym": "JCRD"}
    )
    paper = PublicationFactory(
        title_en="", title_zh_hans="面向深度神经网络的存内计算加速器综述", year=2023, kind="journal",
        venue=venue, volume="60", issue="6", pages="1201-1215", language="zh", slug="pim-survey-zh",
    )  # fmt: skip
    for position, name in enumerate(["宋卓然", "王宗武", "刘方鑫", "蒋力"], start=1):
        AuthorshipFactory(publication=paper, position=position, name=name, person=None)
    return paper


def formatted(paper, style):
    from publications.models import Publication

    return reference(Publication.objects.with_authors().get(pk=paper.pk), style)


# Checked by hand against GB/T 7714-2015: surnames in capitals with initials, three authors then
# "et al." (English) or "等" (Chinese), the type code [C] or [J] (/OL when online: a DOI), "//" before
# the proceedings, year: pages for a conference, year, volume(issue): pages for a journal.
def test_gb_t_7714_for_an_english_conference_paper(english):
    assert formatted(english, "gb7714") == (
        "WANG Z, LIU F, SONG Z, et al. Processing-in-Memory Accelerators for Long-Context Inference[C/OL]"
        "//Design Automation Conference. 2024: 1-6. DOI:10.1145/3649329.3655000."
    )


def test_gb_t_7714_for_a_chinese_journal_paper(chinese):
    assert formatted(chinese, "gb7714") == (
        "宋卓然, 王宗武, 刘方鑫, 等. 面向深度神经网络的存内计算加速器综述[J]. "
        "计算机研究与发展, 2023, 60(6): 1201-1215."
    )


def test_the_international_styles(english):
    assert formatted(english, "ieee") == (
        "Z. Wang, F. Liu, Z. Song, and L. Jiang, “Processing-in-Memory Accelerators for Long-Context "
        "Inference”, in Design Automation Conference, 2024, pp. 1–6. doi: 10.1145/3649329.3655000."
    )
    assert formatted(english, "apa").startswith("Wang, Z., Liu, F., Song, Z., & Jiang, L. (2024).")
    assert formatted(english, "acm").startswith("Zongwu Wang, Fangxin Liu, Zhuoran Song, and Li Jiang. 2024.")


def test_a_reference_list_downloads_in_each_style_with_the_lists_filters(client, english, chinese):
    for key in STYLES:
        response = client.get("/en/publications/references.txt", {"style": key, "year": 2024})
        assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert len(lines) == 1 and "Long-Context" in lines[0]
        assert lines[0].startswith("[1] ") == STYLES[key][2]
    page = client.get("/zh-hans/publications/references.html", {"style": "gb7714"}).content.decode()
    assert page.count("<p>") == 2 and "[J]" in page and 'lang="zh-hans"' in page
    assert client.get("/en/publications/references.txt", {"style": "mla"}).status_code == 400
    assert client.get("/en/publications/references.txt", {"year": "abc"}).status_code == 400


def test_markup_in_a_title_is_text_in_the_html_reference(english):
    english.title_en = "<script>alert(1)</script> & more"
    english.save()
    from publications.models import Publication

    html = reference(Publication.objects.with_authors().get(pk=english.pk), "ieee", html_output=True)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_a_conference_paper_without_pages_reads_cleanly_in_every_style(english):
    english.pages, english.doi, english.url = "", "", "https://ieeexplore.ieee.org/abstract/document/9138970/"
    english.save()
    for key in STYLES:
        text = formatted(english, key)
        assert ". ." not in text and ",." not in text, (key, text)
    acm = formatted(english, "acm")
    assert "Design Automation Conference, 2024. Retrieved from https://ieeexplore" in acm
