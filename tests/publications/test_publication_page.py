"""A publication page describes the paper to Google Scholar, to schema.org readers and to OpenGraph."""

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.people.factories import PersonFactory
from tests.publications.factories import AuthorshipFactory, AwardFactory, PublicationFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper():
    venue = VenueFactory(
        name="Transactions on Graph Hardware",
        acronym="TGH",
        kind="journal",
        publisher="IEEE",
    )
    paper = PublicationFactory(
        title_en="Janus: A Flexible Processing-in-Memory Graph Accelerator <Towards> Sparsity",
        kind="journal",
        venue=venue,
        year=2024,
        date=date(2024, 5, 28),
        volume="43",
        issue="12",
        pages="4567-4580",
        doi="10.1109/TCAD.2024.3406432",
        arxiv_id="2405.01234",
        pdf_url="https://example.org/janus.pdf",
        abstract_en="Graph workloads are **sparse**.\n\nJanus keeps them in memory.",
        keywords=["processing-in-memory", "graph"],
    )
    member = PersonFactory(slug="zhuoran-song", name_en="Zhuoran Song", orcid="0000-0002-1825-0097")
    AuthorshipFactory(publication=paper, position=1, name="Xing Li", person=None, affiliation="SJTU")
    AuthorshipFactory(
        publication=paper, position=2, name="Zhuoran Song", person=member, is_corresponding=True
    )
    AwardFactory(publication=paper, kind="best_paper")
    return paper


def parse(client, paper, language="en"):
    response = client.get(f"/{language}/publications/{paper.slug}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(soup, name):
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def test_google_scholar_citation_tags(client, paper):
    soup = parse(client, paper)
    assert meta(soup, "citation_title") == [paper.title_en]
    assert meta(soup, "citation_author") == ["Xing Li", "Zhuoran Song"]
    assert meta(soup, "citation_author_institution") == ["SJTU"]
    assert meta(soup, "citation_publication_date") == ["2024/05/28"]
    assert meta(soup, "citation_journal_title") == [paper.venue.name]
    assert meta(soup, "citation_journal_abbrev") == ["TGH"]
    assert meta(soup, "citation_conference_title") == []
    assert meta(soup, "citation_volume") == ["43"] and meta(soup, "citation_issue") == ["12"]
    assert meta(soup, "citation_firstpage") == ["4567"] and meta(soup, "citation_lastpage") == ["4580"]
    assert meta(soup, "citation_publisher") == ["IEEE"]
    assert meta(soup, "citation_doi") == ["10.1109/tcad.2024.3406432"]
    assert meta(soup, "citation_arxiv_id") == ["2405.01234"]
    assert meta(soup, "citation_pdf_url") == ["https://example.org/janus.pdf"]
    assert meta(soup, "citation_abstract_html_url") == [f"http://testserver/en/publications/{paper.slug}/"]
    assert meta(soup, "citation_keywords") == ["processing-in-memory; graph"]
    # Scholar reads the author tags in order, between the title and the date.
    names = [tag["name"] for tag in soup.find_all("meta") if tag.get("name", "").startswith("citation_")]
    assert (
        names.index("citation_title")
        < names.index("citation_author")
        < names.index("citation_publication_date")
    )


def test_conference_papers_name_the_conference_and_undated_ones_give_the_year(client):
    paper = PublicationFactory(kind="conference", year=2023, venue__name="Symposium on Dataflow Machines")
    soup = parse(client, paper)
    assert meta(soup, "citation_conference_title") == ["Symposium on Dataflow Machines"]
    assert meta(soup, "citation_journal_title") == []
    assert meta(soup, "citation_publication_date") == ["2023"]


def test_json_ld_describes_a_scholarly_article(client, paper):
    soup = parse(client, paper)
    scripts = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    url = f"http://testserver/en/publications/{paper.slug}/"
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["@id"] == data["url"] == url
    assert data["name"] == paper.title_en and data["headline"] == paper.title_en[:110]
    assert data["author"] == [
        {"@type": "Person", "name": "Xing Li", "affiliation": {"@type": "Organization", "name": "SJTU"}},
        {
            "@type": "Person",
            "name": "Zhuoran Song",
            "url": "http://testserver/en/people/zhuoran-song/",
            "sameAs": "https://orcid.org/0000-0002-1825-0097",
        },
    ]
    assert data["datePublished"] == "2024-05-28"
    assert data["inLanguage"] == "en"
    assert data["isPartOf"] == {"@type": "Periodical", "name": paper.venue.name, "alternateName": "TGH"}
    assert data["publisher"] == {"@type": "Organization", "name": "IEEE"}
    assert data["pagination"] == "4567-4580"
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": paper.doi}
    assert data["sameAs"] == [f"https://doi.org/{paper.doi}", "https://arxiv.org/abs/2405.01234"]
    assert data["abstract"] == "Graph workloads are sparse. Janus keeps them in memory."
    assert data["keywords"] == "processing-in-memory, graph"
    assert data["award"] == ["Best Paper Award"]
    # The title's "<Towards>" cannot close the script element early.
    assert "<Towards>" not in scripts[0].string and "\\u003CTowards\\u003E" in scripts[0].string


def test_open_graph_tags_follow_the_page_language(client, paper):
    soup = parse(client, paper, "zh-hans")
    og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", attrs={"property": True})}
    assert og["og:type"] == "article" and og["og:title"] == paper.title_en
    assert og["og:url"] == f"http://testserver/zh-hans/publications/{paper.slug}/"
    assert og["og:locale"] == "zh_CN" and og["og:locale:alternate"] == "en_US"
    assert og["og:description"].startswith("Graph workloads are sparse.")
    assert og["article:published_time"] == "2024-05-28"


def test_page_offers_citation_text_and_bibtex(client, paper):
    soup = parse(client, paper)
    ieee = soup.select_one("#citation-ieee").get_text()
    assert ieee.startswith("X. Li and Z. Song, “Janus:") and ieee.endswith("doi: 10.1109/tcad.2024.3406432.")
    assert "vol. 43, no. 12, pp. 4567–4580, May 2024" in ieee
    assert [label.get_text() for label in soup.select(".cite-switch label")] == [
        "IEEE",
        "ACM",
        "APA",
        "GB/T 7714-2015",
        "BibTeX",
    ]
    gb = soup.select_one("#citation-gb7714").get_text()
    assert gb.startswith("LI X, SONG Z. Janus:") and "[J/OL]" in gb and "2024, 43(12): 4567-4580" in gb
    assert soup.select_one("button[data-copy=citation-gb7714]") is not None
    bibtex = soup.select_one("#bibtex-text").get_text()
    assert bibtex.startswith("@article{li2024janus,") and "journal = {" in bibtex
    assert soup.select_one("button[data-copy=bibtex-text]") is not None


def test_numeric_address_redirects_to_the_slug(client, paper):
    response = client.get(f"/en/publications/{paper.pk}/")
    assert response.status_code == 301 and response["Location"] == paper.get_absolute_url()


def test_the_legend_explains_only_what_the_page_shows(client, paper):
    from publications.models import Authorship

    Authorship.objects.filter(publication=paper).update(is_corresponding=False, is_equal_contribution=False)
    assert parse(client, paper).select_one(".legend") is None  # no marks, and a paper's page has no codes
    Authorship.objects.filter(publication=paper, position=1).update(is_corresponding=True)
    from django.core.cache import cache

    cache.clear()
    legend = parse(client, paper).select_one(".legend").get_text()
    assert "corresponding author" in legend and "[C]" not in legend


def test_a_papers_teaser_shows_in_the_list_in_a_fixed_box(client, paper, commit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import png_bytes

    paper.is_lab_work = True
    paper.teaser = SimpleUploadedFile("teaser.png", png_bytes(64, 40), content_type="image/png")
    with commit():
        paper.save()
    soup = BeautifulSoup(client.get("/en/publications/").content.decode(), "html.parser")
    image = soup.select_one(f"#paper-{paper.pk} .entry-teaser img")
    assert image is not None and image["src"] == paper.teaser_thumbnail.url
    assert (image["width"], image["height"], image["loading"]) == ("160", "100", "lazy")
    assert client.get(paper.teaser_thumbnail.url).status_code == 200
    page = parse(client, paper)
    shown = page.select_one("figure.teaser img")
    assert shown["src"] == paper.teaser_large.url and (shown["width"], shown["height"]) == ("64", "40")


def test_the_page_reads_like_a_papers_page(client):
    import datetime

    from django.utils import timezone

    from publications.models import Venue
    from tests.publications.factories import PublicationFactory

    arxiv, _created = Venue.objects.get_or_create(
        kind="preprint", name="arXiv", defaults={"acronym": "arXiv"}
    )
    preprint = PublicationFactory(
        title_en="A Preprint", kind="preprint", status="preprint", venue=arxiv, year=2025, cited_by_count=6,
        citations_refreshed_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 8)),
    )  # fmt: skip
    soup = parse(client, preprint)
    assert soup.select_one(".kicker").get_text(strip=True) == "Preprint · 2025"
    assert "arXiv (arXiv)" not in soup.select_one(".venue-line").get_text()
    assert soup.select_one(".citations").get_text() == "Cited by 6 works (OpenAlex), counted on 2026-11-30"
