"""Whole sites from the corpus's development half (tests/data/corpus/dev/sites, sources in its README):
the shapes they showed the site importer, each on the real files."""

from pathlib import Path

import pytest

from news.models import NewsItem
from people.models import Membership, Person, Precision
from portal.models import Lab
from publications.importers.matching import with_acronym
from publications.models import Publication
from siteimport.save import import_site

pytestmark = pytest.mark.django_db
SITES = Path(__file__).resolve().parents[1] / "data" / "corpus" / "dev" / "sites"


def test_an_al_folio_labs_member_pages_are_its_people():
    """al-folio's people collection (`_members/`, one page per member: name, group, position, links,
    `alumni: true`, `now_at`) was ignored: the site's people came in as nobody."""
    report = import_site(SITES / "purdue-comma-al-folio")
    assert Person.objects.count() == 30 and not report.counts["refused"]
    head = Person.objects.get(name_en="Zachary Kingston")
    assert (head.memberships.get().role, head.title) == ("pi", "Assistant Professor of Computer Science")
    assert (head.dblp, head.homepage, head.orcid) == (
        "173/7760",
        "https://zkingston.com",
        "0000-0002-3896-5110",
    )
    assert "Open Motion Planning Library" in head.bio_en
    boes = Person.objects.get(name_en="Aaron Boes").memberships.get()
    assert (boes.role, boes.destination, boes.end_precision) == (
        "undergraduate",
        "Charles Schwab",
        Precision.UNKNOWN,
    )
    assert Person.objects.get(name_en="Akshaya Agrawal").memberships.get().role == "phd"
    assert Person.objects.get(name_en="Akshaya Agrawal").title == ""  # "Ph.D. Students" is no position
    # authors of the site's papers are the member pages' people
    assert head.authorships.count() == 20
    # the photo the page names is not in the excerpt: said, and the person kept
    assert ("_members/kingston.md", "the photo 'zachary_kingston.jpg' is not in the site: left out") in [
        (w["place"], w["message"]) for w in report.warnings
    ]
    # the members page only loops over the member pages: it names nobody itself
    assert not [row for row in report.rows if row.place.startswith("_pages/members.md")]


def test_news_written_in_html_gets_slugs_and_report_lines_of_its_words():
    """`The <a href="publications#ramsey2024">Collision-Affording Point Tree</a> …` made the slug
    `2024-07-the-a-hrefpublications-ramsey2024-…` and a report line of raw HTML."""
    report = import_site(SITES / "purdue-comma-al-folio")
    item = NewsItem.objects.get(date="2024-07-15")
    assert item.slug == "2024-07-the-collision-affording-point-tree-by-clayton-ramsey"
    assert not NewsItem.objects.filter(slug__contains="href").exists()
    labels = [row.title for row in report.rows if row.place.startswith("_news/")]
    assert len(labels) == 15 and not [label for label in labels if "<" in label]


def test_an_al_folio_site_whose_name_is_the_labs_makes_no_person_of_it_and_imports_again_unchanged():
    """`first_name: CACTI`, `last_name: Lab` is the lab's name; its `_people/` pages name members by
    initials ("L. Ye"), which a second import found no one for and created again."""
    import_site(SITES / "hmc-cacti-al-folio")
    assert Lab.load().name_en == "CACTI Lab"
    assert not Person.objects.filter(name_en__icontains="lab").exists()
    director = Person.objects.get(name_en="Kirabo")
    assert (director.memberships.get().role, director.title) == ("pi", "Lab Director")
    people, stints = Person.objects.count(), Membership.objects.count()
    again = import_site(SITES / "hmc-cacti-al-folio")
    assert again.counts["created"] == again.counts["updated"] == 0
    assert (Person.objects.count(), Membership.objects.count()) == (people, stints)


def test_the_acronym_a_lab_gives_a_venue_no_list_knows_is_kept():
    """`journal = ral` (a macro for IEEE Robotics and Automation Letters, in no CCF list) with
    `abbr = {RAL}`: the acronym was lost, and with it the badge the lab's site showed."""
    import_site(SITES / "purdue-comma-al-folio")
    paper = Publication.objects.get(title_en__startswith="Efficient Multi-Robot Motion Planning")
    assert (paper.venue, paper.venue_text) == (None, "IEEE Robotics and Automation Letters (RAL)")
    conference = "IEEE 25th International Conference on Intelligent Transportation Systems (ITSC)"
    assert (
        with_acronym(conference, "ITSC") == conference
    )  # a name that says its acronym is not given it twice
    assert with_acronym("", "ITSC") == "ITSC"
