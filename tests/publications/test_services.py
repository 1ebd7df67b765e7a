"""List codes, year groups and a person's figures, computed from rows already loaded."""

from datetime import date

import bibtexparser
import pytest

from portal.demo.loader import load_demo
from publications.exporters.bibtex import publications_bibtex
from publications.models import Publication
from publications.services import codes_for_objects, person_figures, publication_codes, year_chart
from tests.people.factories import PersonFactory
from tests.publications.factories import AuthorshipFactory, PublicationFactory


def test_codes_count_each_kind_from_the_oldest():
    rows = [
        (1, "conference", 2020, None),
        (2, "journal", 2020, None),
        (3, "conference", 2021, None),
        (4, "magazine", 2021, None),
        (5, "patent", 2022, None),
        (6, "conference", 2019, None),
    ]
    assert publication_codes(rows) == {6: "C1", 1: "C2", 3: "C3", 2: "J1", 4: "J2"}


def test_codes_within_a_year_follow_dates_then_entry_order():
    rows = [
        (10, "conference", 2024, date(2024, 6, 1)),
        (11, "conference", 2024, None),
        (12, "conference", 2024, date(2024, 2, 1)),
        (13, "conference", 2024, None),
    ]
    assert publication_codes(rows) == {11: "C1", 13: "C2", 12: "C3", 10: "C4"}


@pytest.mark.django_db
def test_display_order_is_the_exact_reverse_of_numbering():
    """The database sorts lists; Python numbers them: the two must agree on every database."""
    for on in [None, date(2024, 3, 1), None, date(2024, 1, 5), date(2024, 3, 1)]:
        PublicationFactory(year=2024, date=on)
    PublicationFactory(year=2023)
    shown = list(Publication.objects.all())
    codes = codes_for_objects(shown)
    numbers = [int(codes[p.pk][1:]) for p in shown]
    assert numbers == sorted(numbers, reverse=True) == [6, 5, 4, 3, 2, 1]


def test_year_chart_spans_every_year_and_scales_to_the_highest():
    chart = year_chart({2018: 2, 2021: 4})
    assert [bar.year for bar in chart.bars] == [2018, 2019, 2020, 2021]
    assert [bar.count for bar in chart.bars] == [2, 0, 0, 4]
    tallest = chart.bars[-1]
    assert tallest.height == pytest.approx(2 * chart.bars[0].height)
    assert tallest.y + tallest.height == pytest.approx(chart.baseline)
    assert year_chart({}) is None


@pytest.mark.django_db
def test_person_figures_count_first_authored_ccf_a_citations_and_collaborators():
    me, friend, hidden = PersonFactory(), PersonFactory(name_en="Friend"), PersonFactory(is_published=False)
    first = PublicationFactory(cited_by_count=10)  # CCF-A venue from the factory
    AuthorshipFactory(publication=first, position=1, person=me)
    AuthorshipFactory(publication=first, position=2, person=friend)
    co_first = PublicationFactory(venue__ccf_rank="B")
    AuthorshipFactory(publication=co_first, position=1, person=friend, is_equal_contribution=True)
    AuthorshipFactory(publication=co_first, position=2, person=me, is_equal_contribution=True)
    AuthorshipFactory(publication=co_first, position=3, person=hidden)
    later = PublicationFactory(venue__ccf_rank="B", cited_by_count=5)
    AuthorshipFactory(publication=later, position=1, person=friend)
    AuthorshipFactory(publication=later, position=2, person=me, is_equal_contribution=True)

    publications = Publication.objects.for_person(me).with_authors()
    figures = person_figures(me, publications)
    assert (figures.works, figures.first_authored, figures.ccf_a) == (3, 2, 1)
    assert (figures.citations, figures.citations_known) == (15, 2)
    assert figures.collaborators == [(friend, 3)]  # the unpublished member is not offered to visitors
    assert figures.corresponding == 1 and not figures.leads_as_senior  # last of two on `later`
    assert figures.citations_shown  # counted for 2 of 3 works


@pytest.mark.django_db
def test_a_lab_heads_figures_count_papers_signed_last_or_corresponding_and_hide_thin_citation_sums():
    head, student = PersonFactory(), PersonFactory(name_en="Student")
    for index in range(4):
        paper = PublicationFactory(cited_by_count=6 if index == 0 else None)
        AuthorshipFactory(publication=paper, position=1, person=student)
        AuthorshipFactory(publication=paper, position=2, person=head, is_corresponding=index == 3)
    solo = PublicationFactory()
    AuthorshipFactory(publication=solo, position=1, person=head)

    figures = person_figures(head, Publication.objects.for_person(head).with_authors())
    assert (figures.works, figures.first_authored, figures.corresponding) == (5, 1, 4)
    assert figures.leads_as_senior  # shown as "As corresponding or last author 4", not "First-authored 1"
    assert (figures.citations, figures.citations_known) == (6, 1) and not figures.citations_shown


@pytest.mark.django_db
def test_bibtex_of_the_demo_parses_back_to_the_same_entries():
    load_demo()
    publications = list(Publication.objects.public().lab_works().with_authors())
    library = bibtexparser.parse_string(publications_bibtex(publications))
    assert not library.failed_blocks
    assert len(library.entries) == len(publications)
    assert len({entry.key for entry in library.entries}) == len(publications)
    by_title = {entry["title"]: entry for entry in library.entries}
    drq = by_title["DRQ: Dynamic Region-Based Quantization for Deep Neural Network Acceleration"]
    assert drq.entry_type == "inproceedings" and drq["year"] == "2020"
    assert drq["author"].split(" and ")[0] == "Zhuoran Song"
    assert "(ISCA)" in drq["booktitle"]
    chinese = by_title["深度神经网络专用架构与压缩技术演进"]
    assert chinese.entry_type == "article" and chinese["author"] == "宋卓然 and 蒋力"
    prada = next(entry for title, entry in by_title.items() if title.startswith("PRADA"))
    assert prada["note"] == "Best Paper Award"
