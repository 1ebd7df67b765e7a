"""What visitors do on the site: filter and search, download BibTeX, switch language, follow feeds."""

import datetime
import re

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from news.models import NewsItem
from portal.demo.loader import load_demo
from publications.models import Publication
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown(client, url):
    """{title: code} of the entries a list page shows."""
    soup = soup_of(client.get(url))
    return {
        item.select_one("a.title").get_text(): (
            item.select_one(".code").get_text() if item.select_one(".code") else ""
        )
        for item in soup.select("li.entry")
    }


def test_each_filter_narrows_the_lab_list(client, demo):
    everything = shown(client, "/en/publications/")
    assert len(everything) == 50  # the first page of the 52 public lab papers
    by_award = shown(client, "/en/publications/?award=best_paper")
    assert sorted(by_award) == sorted(
        t for t in Publication.objects.filter(awards__kind="best_paper").values_list("title_en", flat=True)
    )
    assert any(t.startswith("PRADA") for t in by_award)
    nominated = shown(client, "/en/publications/?award=any")
    assert any(t.startswith("DTQAtten") for t in nominated) and len(nominated) == 3
    # ISCAS is CCF-B on the current list but the lab printed C for it: the printed rank wins.
    rank_c = shown(client, "/en/publications/?ccf_rank=C")
    assert any(t.startswith("ReRAM-Sharing") for t in rank_c)
    assert not any(t.startswith("ReRAM-Sharing") for t in shown(client, "/en/publications/?ccf_rank=B"))
    journals = shown(client, "/en/publications/?kind=journal&year=2022")
    assert journals and all(code.startswith("[J") for code in journals.values())
    assert len(shown(client, "/en/publications/?author=zhuoran-song&year=2025")) == 4
    assert list(shown(client, "/en/publications/?q=宋卓然")) == ["深度神经网络专用架构与压缩技术演进"]
    assert list(shown(client, "/en/publications/?q=drq+quantization")) == [
        "DRQ: Dynamic Region-Based Quantization for Deep Neural Network Acceleration"
    ]
    venue_id = Publication.objects.get(title_en__startswith="DRQ").venue_id
    assert (
        len(shown(client, f"/en/publications/?venue={venue_id}"))
        == Publication.objects.filter(venue_id=venue_id, is_published=True, is_lab_work=True).count()
    )
    area = shown(client, "/en/publications/?area=processing-in-memory")
    assert 0 < len(area) < 50


def test_codes_stay_with_a_paper_under_filters(client, demo):
    title = "DRQ: Dynamic Region-Based Quantization for Deep Neural Network Acceleration"
    everything = shown(client, "/en/publications/?year=2020")
    filtered = shown(client, "/en/publications/?q=DRQ")
    assert filtered[title] == everything[title] != ""


def test_codes_continue_across_pages(client):
    venue = VenueFactory()
    for year in range(1960, 2020):  # 60 conference papers, one a year
        PublicationFactory(year=year, venue=venue)
    first = list(shown(client, "/en/publications/").values())
    second = list(shown(client, "/en/publications/?page=2").values())
    assert first[0] == "[C60]" and first[-1] == "[C11]"
    assert second == [f"[C{n}]" for n in range(10, 0, -1)]


def test_wrong_query_parameters_are_reported_not_crashed(client, demo):
    response = client.get(
        "/en/publications/?year=abc&kind=nope&venue=999999&author=nobody&award=x&area=zzz&ccf_rank=Q&page=999"
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    errors = soup.select_one(".form-errors").get_text()
    for label in ["Year", "Kind", "Venue", "Author", "Award", "Research area", "CCF rank"]:
        assert label in errors
    assert client.get("/en/publications/?page=-1").status_code == 404  # no page of the list
    assert client.get("/en/search/?q=" + "x" * 5000).status_code == 200


@pytest.mark.parametrize("suffix", ["", "publications.bib", "publications.ris", "publications.json"])
@pytest.mark.parametrize(
    "query", ["year=abc", "kind=nope", "author=nobody", "ccf_rank=Q", "venue=x&year=2024"]
)
def test_an_invalid_filter_never_gives_a_broader_list(client, demo, suffix, query):
    """An invalid value is an error, not "no filter": the page says so and lists nothing, an export is
    refused with the reason, and neither is kept in the page cache."""
    response = client.get(f"/en/publications/{suffix}?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert "X-Page-Cache" not in response
    if suffix:
        assert response["Content-Type"].startswith("text/plain")
        assert "nothing was exported" in text and ("Select a valid choice" in text or "Enter a" in text)
    else:
        soup = BeautifulSoup(text, "html.parser")
        assert soup.select_one(".form-errors[role=alert]") is not None
        assert soup.select("li.entry") == []


def test_a_draft_author_filters_like_an_unknown_one_on_pages(client, demo):
    draft = PersonFactory(is_published=False)
    unknown = client.get("/en/publications/?author=nobody")
    hidden = client.get(f"/en/publications/?author={draft.slug}")
    assert unknown.status_code == hidden.status_code == 400
    assert draft.slug not in hidden.content.decode().replace(f"author={draft.slug}", "")


def test_bibtex_download_holds_the_whole_filtered_selection(client, demo):
    response = client.get("/en/publications/publications.bib?author=zhuoran-song")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    expected = (
        Publication.objects.public().lab_works().filter(authorships__person__slug="zhuoran-song").count()
    )
    assert len(library.entries) == expected == 46
    everything = bibtexparser.parse_string(client.get("/en/publications/publications.bib").content.decode())
    assert len(everything.entries) == 52  # every page of the list, never the draft
    assert "Unpublished Draft" not in client.get("/en/publications/publications.bib").content.decode()


def test_one_entry_bibtex_is_served_for_the_copy_button(client, demo):
    publication = Publication.objects.get(title_en__startswith="DRQ")
    response = client.get(reverse("publications:publication-bibtex", args=[publication.slug]))
    entry = bibtexparser.parse_string(response.content.decode()).entries[0]
    assert entry.key == "song2020dynamic" and entry["year"] == "2020"
    draft = Publication.objects.get(is_published=False)
    assert client.get(reverse("publications:publication-bibtex", args=[draft.slug])).status_code == 404


def test_search_finds_people_papers_achievements_and_lists(client, demo):
    def found(q, language="en"):
        return soup_of(client.get(f"/{language}/search/", {"q": q})).get_text(" ")

    assert "Li Jiang" in found("蒋力")  # a Chinese name
    assert "Zhuoran Song" in found("Z. Song")  # an alias
    assert "MILLION" in found("million")
    assert "GCNTrain+" in found("gcntrain")
    assert "Neural networks on silicon" in found("silicon")
    assert "Unpublished Draft" not in found("unpublished draft")
    assert "0 results" in found("no-such-thing-anywhere")


def test_language_switcher_links_to_the_same_page(client, demo):
    soup = soup_of(client.get("/en/publications/?year=2024"))
    switch = soup.select_one(".languages a")
    assert switch["href"] == "/zh-hans/publications/?year=2024" and switch["lang"] == "zh-hans"
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "en": "http://testserver/en/publications/?year=2024",
        "zh-hans": "http://testserver/zh-hans/publications/?year=2024",
    }


def test_missing_translation_falls_back_with_a_note_and_its_language(client):
    person = PersonFactory(name_zh_hans="", bio_en="Works on *memory*.", bio_zh_hans="")
    soup = soup_of(client.get(f"/zh-hans/people/{person.slug}/"))
    note = soup.select_one(".bio .fallback-note")
    with translation.override("zh-hans"):
        assert note.get_text() == translation.gettext("Not yet translated: shown in English.")
    assert note.get_text() != "Not yet translated: shown in English."
    fallback = soup.select_one('.bio div[lang="en"]')
    assert fallback.select_one("em").get_text() == "memory"
    assert soup.select_one('h1 span[lang="en"]').get_text() == person.name_en
    # In the person's own language there is nothing to note.
    english = soup_of(client.get(f"/en/people/{person.slug}/"))
    assert english.select_one(".fallback-note") is None


def test_people_are_grouped_by_role_with_alumni_apart(client, demo):
    soup = soup_of(client.get("/en/people/"))
    headings = [h.get_text() for h in soup.select("main h2")]
    assert headings[0] == "Principal investigator (1)" and headings[-1] == "Alumni"
    alumni = soup.select_one(".alumni").get_text(" ")
    names = {a.get_text() for a in soup.select(".alumni .alumnus-entry .name")}
    assert "Dongyue Li" in names and "Li Jiang" not in names
    assert "A faculty post at a university" in alumni and "Supervised by" in alumni
    # a master's student who stayed for a PhD: a current PhD student, and an alumnus of the master's
    assert "Xueyuan Liu" in alumni and "Xueyuan Liu" in soup.select_one("#role-phd").parent.get_text()


def test_person_page_shows_figures_and_chart(client, demo):
    soup = soup_of(client.get("/en/people/zhuoran-song/"))
    figures = {div.dt.get_text(): div.dd.get_text() for div in soup.select(".figures div")}
    assert figures["Works"] == "46"
    assert int(figures["As first author"]) >= 20 and int(figures["CCF-A"]) >= 20
    head = soup_of(client.get("/en/people/li-jiang/"))
    head_figures = {div.dt.get_text(): div.dd.get_text() for div in head.select(".figures div")}
    assert (
        "As first author" not in head_figures and int(head_figures["As corresponding or last author"]) >= 10
    )
    assert soup.select(".collaborators a")[0]["href"].startswith("/en/people/")
    svg = soup.select_one("figure.chart svg")
    assert svg["role"] == "img" and "2024" in svg.title.get_text()
    years = set(
        Publication.objects.public()
        .filter(authorships__person__slug="zhuoran-song")
        .values_list("year", flat=True)
    )
    assert len(svg.select("rect.bar")) == len(years)  # one bar per year with papers
    own = soup.select("strong.self")
    assert len(own) == 46 and {tag.get_text() for tag in own} <= {"Zhuoran Song", "宋卓然"}


def test_feeds_list_new_public_items(client, demo):
    feed = client.get("/en/feeds/publications/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert text.count("<entry>") == 30 and "Unpublished Draft" not in text
    achievements = client.get("/zh-hans/feeds/achievements/").content.decode()
    assert "MILLION" in achievements and "<entry>" in achievements


def test_sitemap_lists_every_public_page_in_both_languages(client, demo):
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>(.*?)</loc>", index)
    assert {s.rsplit("/", 1)[1] for s in sections} >= {"sitemap-publications.xml", "sitemap-people.xml"}
    papers = client.get("/sitemap-publications.xml").content.decode()
    public = Publication.objects.public().count()
    assert papers.count("<url>") == 2 * public
    draft = Publication.objects.get(is_published=False)
    assert draft.slug not in papers
    drq = Publication.objects.get(title_en__startswith="DRQ")
    assert f'hreflang="zh-hans" href="http://testserver/zh-hans/publications/{drq.slug}/"' in papers
    assert 'hreflang="x-default"' in papers


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db(transaction=True)  # the content version moves when a change commits
def test_visitors_get_cached_pages_until_content_changes(client, demo):
    url = "/en/publications/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    # A cached page carries the headers the rendered one had.
    assert "default-src 'self'" in hit["Content-Security-Policy"] and hit["Content-Language"] == "en"
    assert hit["X-Frame-Options"] == "DENY" and hit["Content-Type"] == "text/html; charset=utf-8"
    paper = Publication.objects.get(title_en__startswith="DRQ")
    paper.title_en = "DRQ, renamed in the admin"
    paper.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "DRQ, renamed in the admin" in response.content.decode()


def test_staff_pages_are_never_served_from_the_cache(client, staff_client, demo):
    draft = Publication.objects.get(is_published=False)
    staff_client.get("/en/publications/")
    response = staff_client.get("/en/publications/")
    assert "X-Page-Cache" not in response and draft.title_en in response.content.decode()


def test_pages_rendered_for_a_session_tell_shared_caches_to_keep_out(staff_client, demo):
    """A proxy in front of the site may keep a visitor's page, never a page staff saw drafts on."""
    from django.test import Client

    draft = Publication.objects.get(is_published=False)
    for url in ["/en/publications/", "/en/", draft.get_absolute_url(), "/en/search/?q=memory"]:
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"], url
        assert "Cookie" in response["Vary"], url
    assert "private" in staff_client.get("/admin/")["Cache-Control"]
    assert "private" not in Client().get("/en/publications/").get("Cache-Control", ""), "visitors' pages"


def test_pages_carry_a_strict_content_security_policy_and_no_inline_code(client, demo):
    publication = Publication.objects.public().first()
    for url in ["/en/", "/en/people/zhuoran-song/", "/en/publications/", publication.get_absolute_url()]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert (
            "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        )
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        html = response.content.decode()
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
        assert inline_scripts == [] and " style=" not in html and " onclick=" not in html


def test_achievements_index_shows_latest_years_in_full_and_links_earlier_ones(client):
    from tests.achievements.factories import AchievementFactory

    for year in range(2019, 2026):
        AchievementFactory(year=year)
        AchievementFactory(year=year)
    AchievementFactory(year=2018, is_published=False)
    soup = soup_of(client.get("/en/achievements/"))
    assert [h.get_text() for h in soup.select("main section h2")][:3] == [
        "Achievements of 2025",
        "Achievements of 2024",
        "Achievements of 2023",
    ]
    assert len(soup.select(".cards .card")) == 6
    earlier = [a.get_text() for a in soup.select(".earlier a")]
    assert earlier == [f"{year}: 2 achievements" for year in range(2022, 2018, -1)]  # not the 2018 draft


def test_an_untitled_news_items_page_is_headed_by_what_it_says(client, demo):
    """It was headed "News · 2024.03.27" with the date repeated beneath."""
    item = NewsItem.objects.create(
        date=datetime.date(2024, 3, 27),
        body_en="Our paper on **PIM** was accepted by [MICRO](https://example.org). More soon.",
    )
    soup = soup_of(client.get(item.get_absolute_url().replace("/zh-hans/", "/en/")))
    assert soup.h1.get_text() == "Our paper on PIM was accepted by MICRO."
    assert soup.title.get_text().startswith("Our paper on PIM was accepted by MICRO.")


def test_a_search_that_finds_nothing_says_what_to_try(client, demo):
    soup = soup_of(client.get("/en/search/?q=zzqqxx"))
    empty = soup.select_one(".empty-state")
    assert empty and "the other language" in empty.get_text()
    assert {a["href"] for a in empty.find_all("a")} >= {"/en/people/", "/en/publications/"}
    assert soup_of(client.get("/en/search/?q=jiang")).select_one(".empty-state") is None


def test_a_title_that_names_the_role_is_not_preceded_by_it(client, demo):
    """The PI's page read "Principal investigator · Professor; Principal Investigator, …"."""
    person = PersonFactory(
        slug="ada-pi", name_en="Ada Pi", title_en="Professor; Principal Investigator, Example"
    )
    person.memberships.create(role="pi", start_on="2014-09-01")
    person.update_from_memberships()
    role = soup_of(client.get("/en/people/ada-pi/")).select_one(".role").get_text()
    assert role == "Professor; Principal Investigator, Example"
    other = PersonFactory(slug="bo-phd", name_en="Bo PhD", title_en="Fellow of Example")
    other.memberships.create(role="phd", start_on="2021-09-01")
    other.update_from_memberships()
    assert (
        soup_of(client.get("/en/people/bo-phd/")).select_one(".role").get_text()
        == "PhD student · Fellow of Example"
    )
