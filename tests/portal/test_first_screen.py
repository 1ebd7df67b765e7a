"""The first screen as the best lab sites have it: the home page opens with the lab's picture, its
research areas with images, one-line news and selected papers with teasers; a paper's page reads title,
authors, venue, buttons, figure, abstract, with one "Cite" block; news items point at their records by
short name."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import NewsItem
from people.models import ResearchArea
from portal.demo.loader import load_demo
from portal.models import Lab
from publications.models import Publication
from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db
DRQ = "drq-dynamic-region-based-quantization-for-deep-neural-network-acceleration-2020"


@pytest.fixture
def demo():
    load_demo()  # not committed: pages name image variants without opening them


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_home_page_opens_with_the_labs_picture_and_its_areas_with_images(client, demo):
    soup = soup_of(client, "/en/")
    lab = Lab.load()
    picture = soup.select_one(".hero .hero-picture img")
    assert picture["src"] == lab.banner_wide.url and picture["alt"] == lab.banner_caption_en
    assert (picture["width"], picture["height"]) == ("600", "400") and "loading" not in picture.attrs
    areas = soup.select(".areas-grid li")
    assert [li.h3.get_text() for li in areas] == [area.name_en for area in ResearchArea.objects.all()]
    assert all(li.img and li.img["src"].startswith("/media/variants/") for li in areas)
    assert areas[0].select_one("a")["href"] == "/en/publications/?area=processing-in-memory"
    chinese = soup_of(client, "/zh-hans/").select_one(".hero-picture img")
    assert chinese["alt"] == lab.banner_caption_zh_hans


def test_a_lab_without_a_picture_has_a_home_page_of_words(client, demo):
    Lab.objects.update(banner="")
    soup = soup_of(client, "/en/")
    assert soup.select_one(".hero:not(.with-picture) h1") and not soup.select(".hero img")


def test_a_picture_the_lab_uploads_is_on_the_home_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lab = Lab.objects.create(name_en="Bench Lab", banner_caption_en="The group in 2024")
        lab.banner = SimpleUploadedFile("group.png", png_bytes(1500, 1000), content_type="image/png")
        lab.save()
    picture = soup_of(client, "/en/").select_one(".hero-picture img")
    assert picture["src"] == lab.banner_wide.url and picture["alt"] == "The group in 2024"
    assert client.get(lab.banner_wide.url).status_code == 200  # made when the upload was saved


def test_news_on_the_home_page_is_one_line_each_without_repeating_its_records(client, demo):
    soup = soup_of(client, "/en/")
    lines = soup.select(".news-lines li")
    assert len(lines) == 5
    for line in lines:
        date = line.select_one("a.date")
        assert date["href"].startswith("/en/news/") and date.time
        assert line.get_text().count("#") == 0 and not line.select(".news-links")
    million = next(line for line in lines if "MILLION" in line.get_text())
    assert "Mastering Long-Context" not in million.get_text()  # the record's full title is not repeated


def test_selected_papers_on_the_home_page_show_their_teasers(client, demo):
    soup = soup_of(client, "/en/")
    cards = soup.select(".paper-cards li")
    selected = Publication.objects.public().lab_works().filter(featured=True)[:4]
    assert [card.select_one("a.title").get_text() for card in cards] == [paper.title_en for paper in selected]
    assert all(card.select_one(".teaser img")["src"] == paper.teaser_thumbnail.url for card, paper in zip(
        cards, selected, strict=True))  # fmt: skip
    assert cards[0].select_one(".badge.ccf")


def test_every_featured_achievement_card_has_a_picture_or_a_tile_of_its_name(client, demo):
    cards = soup_of(client, "/en/").select("#featured ~ ul.cards li.card, ul.cards.even li.card")
    assert len(cards) == 3
    assert all(card.select_one("img") or card.select_one(".tile") for card in cards)
    assert [card.select_one(".tile").get_text() for card in cards if card.select_one(".tile")] == ["INSPIRE"]


def test_a_papers_page_reads_title_authors_venue_buttons_figure_abstract(client, demo):
    ndpbridge = Publication.objects.get(title_en__startswith="NDPBridge")  # a teaser and an abstract
    article = soup_of(client, ndpbridge.get_absolute_url()).select_one("article.publication")
    expected = ["h1", "author-list", "venue-line", "pills", "teaser", "abstract", "cite"]
    order = [
        name
        for element in article.find_all(True, recursive=False)
        for name in [element.name, *element.get("class", [])]
        if name in expected
    ]
    assert order == expected
    pills = [a.get_text() for a in article.select(".pills a")]
    assert pills[-2:] == ["BibTeX", "Cite"]
    drq = soup_of(client, f"/en/publications/{DRQ}/")
    assert [a.get_text() for a in drq.select(".pills a")] == ["Paper", "BibTeX", "Cite"]
    cite = drq.select_one("section.cite")
    assert (
        len(cite.select("input[type=radio]")) == 5 and cite.select_one("input[checked]")["id"] == "style-ieee"
    )
    assert len(cite.select(".cite-panel")) == 5 and len(cite.select("button.copy")) == 5


def test_a_chinese_author_list_is_separated_by_full_width_commas(client, demo):
    soup = soup_of(client, "/en/publications/")
    chinese = next(entry for entry in soup.select("li.entry") if "宋卓然" in entry.get_text())
    assert "宋卓然，蒋力" in chinese.select_one(".authors").get_text()
    paper = Publication.objects.get(title_zh_hans="深度神经网络专用架构与压缩技术演进")
    authors = soup_of(client, paper.get_absolute_url()).select_one(".author-list").get_text("")
    assert "宋卓然，" in authors and "," not in authors


def test_a_news_item_points_at_its_records_by_short_name(client, demo):
    item = NewsItem.objects.filter(publications__title_en__startswith="MILLION").first()
    soup = soup_of(client, "/en/news/")
    entry = next(
        li for li in soup.select("li.news-item") if li.select_one(f"a[href='{item.get_absolute_url()}']")
    )
    chips = [a.get_text() for a in entry.select("ul.news-links a")]
    assert "MILLION" in chips and all(":" not in chip for chip in chips)
    assert entry.select_one("ul.news-links a.paper")["title"].startswith("MILLION: Mastering")
    assert "#" not in entry.get_text()


def test_a_persons_card_in_the_grid_links_their_pages(client, demo):
    from people.models import Person

    Person.objects.filter(slug="zhuoran-song").update(
        homepage="https://example.org/zs", github="zsong", email="zs@example.org", show_email=False
    )
    card = next(
        li
        for li in soup_of(client, "/en/people/").select("li.person-card")
        if "Zhuoran Song" in li.get_text()
    )
    links = {a.get_text(): a["href"] for a in card.select("ul.card-links a")}
    assert links["Homepage"] == "https://example.org/zs" and links["GitHub"] == "https://github.com/zsong"
    assert (
        links["ORCID"].startswith("https://orcid.org/") and "E-mail" not in links
    )  # not shown unless allowed
    assert card.select_one("ul.card-links")["aria-label"] == "Pages of Zhuoran Song"
