"""Search in both languages: substrings (Chinese has no spaces), research areas, abstracts, and the
synonyms the lab lists (ReRAM/RRAM, PIM/processing-in-memory/存内计算)."""

import pytest

from people.models import ResearchArea
from portal.models import SearchSynonyms
from portal.search import query_parts
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_a_query_becomes_parts_with_their_synonyms():
    groups = [["PIM", "processing-in-memory", "存内计算"], ["ReRAM", "RRAM"]]
    assert query_parts("ReRAM accelerator", groups) == [["ReRAM", "RRAM"], ["accelerator"]]
    assert query_parts("Processing in Memory for LLM", groups) == [
        ["PIM", "processing-in-memory", "存内计算"], ["for"], ["llm"],
    ]  # fmt: skip


@pytest.fixture
def lab():
    area = ResearchArea.objects.create(slug="pim", name_en="Processing in memory", name_zh_hans="存算一体")
    person = PersonFactory(name_en="Zongwu Wang", name_zh_hans="王宗武")
    person.research_areas.add(area)
    rram = PublicationFactory(title_en="An RRAM Crossbar Accelerator for Sparse Attention", is_lab_work=True)
    rram.research_areas.add(area)
    PublicationFactory(title_en="A Study of Cache Replacement", is_lab_work=True,
                       abstract_en="We look at caches, not at memory devices.")  # fmt: skip
    return {"area": area, "person": person, "rram": rram}


def found(client, query, language="en"):
    return client.get(f"/{language}/search/", {"q": query}).content.decode()


def test_reram_finds_the_papers_that_write_rram(client, lab):
    page = found(client, "ReRAM")
    assert "RRAM Crossbar" in page and "Cache Replacement" not in page


@pytest.mark.parametrize("query", ["存算一体", "加速器", "存内计算"])
def test_chinese_words_find_english_papers_and_people_by_their_research_area(client, lab, query):
    page = found(client, query, "zh-hans")
    assert "RRAM Crossbar" in page
    if query != "加速器":
        assert "王宗武" in page  # through the research area 存算一体 (存内计算 is its synonym)


def test_abstracts_are_searched_and_every_part_must_match(client, lab):
    assert "Cache Replacement" in found(client, "devices")
    assert "RRAM Crossbar" not in found(client, "RRAM devices")


def test_the_lab_edits_its_synonyms(client, lab, transactional_db):
    assert "Cache Replacement" not in found(client, "LRU")
    SearchSynonyms.objects.create(terms="LRU, cache replacement")
    assert "Cache Replacement" in found(client, "LRU")  # the content version moved: a fresh page


def test_the_publication_list_search_uses_the_synonyms_too(client, lab):
    page = client.get("/en/publications/", {"q": "PIM"}).content.decode()
    assert "RRAM Crossbar" in page and "Cache Replacement" not in page


def test_synonyms_are_matched_as_written_not_as_patterns(client, lab, transactional_db):
    """A part with synonyms is one regular expression (portal.filters.part_matches): the lab's terms
    are escaped, so `C++` finds C++ and not every C, in each kind of record the site searches."""
    from tests.activities.factories import TalkFactory
    from tests.publications.factories import CollectionFactory

    SearchSynonyms.objects.create(terms="C++, CPP, (HLS)")
    PublicationFactory(title_en="Fast C++ Kernels for Sparse Attention", is_lab_work=True)
    PublicationFactory(title_en="A C Compiler for Crossbars", is_lab_work=True)
    TalkFactory(title_en="Modern C++ on accelerators")
    TalkFactory(title_en="C compilers, again")
    CollectionFactory(title_en="Reading (HLS) papers")
    CollectionFactory(title_en="Reading on Linux HLS")
    for query in ["CPP", "c++"]:
        page = found(client, query)
        assert "Fast C++ Kernels" in page and "Modern C++ on accelerators" in page
        assert "A C Compiler" not in page and "C compilers, again" not in page
        assert "Reading (HLS) papers" in page  # `(HLS)` as written
        assert "Reading on Linux HLS" not in page
    listed = client.get("/en/publications/", {"q": "cpp"}).content.decode()
    assert "Fast C++ Kernels" in listed and "A C Compiler" not in listed
