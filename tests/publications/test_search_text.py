"""The paper's search text PostgreSQL keeps (publications.search), the search through its trigram index,
and the admin's change list that stays flat as the table grows (portal.admin_lists)."""

import pytest
from django.db import connection, transaction

from people.models import ResearchArea
from portal.admin_lists import EstimatedCountPaginator, estimated_rows
from publications.filters import text_search
from publications.importers import import_publications
from publications.models import Authorship, Publication, Venue
from tests.publications.factories import AuthorshipFactory, PublicationFactory, VenueFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="triggers and pg_trgm are PostgreSQL's; SQLite searches the fields themselves (tested there)",
)


def text_of(paper) -> str:
    return Publication.objects.values_list("search_text", flat=True).get(pk=paper.pk)


def found(query) -> set[str]:
    return set(text_search(Publication.objects.all(), query).values_list("slug", flat=True))


@postgres_only
def test_every_way_of_writing_a_paper_keeps_its_search_text():
    venue = VenueFactory(name="Workshop on Memory-Centric Computing", acronym="WMCC")
    paper = PublicationFactory(slug="million", title_en="MILLION: Mixed-Precision", venue=venue, doi="10.1/x")
    assert text_of(paper) == "MILLION: MIXED-PRECISION\n10.1/X\nWORKSHOP ON MEMORY-CENTRIC COMPUTING\nWMCC"

    # authors: one by one (the admin's inline), in bulk (the API, the importers), renamed, removed
    first = AuthorshipFactory(publication=paper, position=1, name="Zongwu Wang", person=None)
    Authorship.objects.bulk_create([Authorship(publication=paper, position=2, name="Li Jiang")])
    assert text_of(paper).endswith("ZONGWU WANG\nLI JIANG")
    Authorship.objects.filter(pk=first.pk).update(name="Z. Wang")
    assert "Z. WANG" in text_of(paper) and "ZONGWU" not in text_of(paper)
    Authorship.objects.filter(name="Li Jiang").delete()
    assert "LI JIANG" not in text_of(paper)

    # the paper's own fields, saved or updated in bulk; its research areas, added, renamed, removed
    Publication.objects.filter(pk=paper.pk).update(title_zh_hans="面向存算一体的混合精度")
    assert "面向存算一体的混合精度" in text_of(paper)
    area = ResearchArea.objects.create(slug="pim", name_en="Processing in memory", name_zh_hans="存内计算")
    paper.research_areas.add(area)
    assert "PROCESSING IN MEMORY\n存内计算" in text_of(paper)
    ResearchArea.objects.filter(pk=area.pk).update(name_en="Near-data processing")
    assert "NEAR-DATA PROCESSING" in text_of(paper)
    paper.research_areas.remove(area)
    assert "存内计算" not in text_of(paper)

    # the venue renamed; another venue; none
    Venue.objects.filter(pk=venue.pk).update(acronym="WMCC-X")
    assert "WMCC-X" in text_of(paper)
    paper.refresh_from_db()
    paper.venue = VenueFactory(name="Forum on Accelerator Design", acronym="FAD")
    paper.save()
    assert "FORUM ON ACCELERATOR DESIGN\nFAD" in text_of(paper) and "WMCC" not in text_of(paper)
    Publication.objects.filter(pk=paper.pk).update(venue=None)
    assert "FAD" not in text_of(paper)

    assert found("mixed 存算一体 wang") == {"million"}
    assert found("jiang") == set()


@postgres_only
def test_papers_imported_in_bulk_are_found_by_author_venue_and_title():
    bibtex = """
    @inproceedings{ndp, title={NDPBridge: Enabling Cross-Bank Coordination}, author={Tian, Boyu and
      Wang, Yiwei}, booktitle={ISCA}, year={2024}}
    @article{inspire, title={INSPIRE: In-Storage Private Information Retrieval}, author={Li, Jilan},
      journal={IEEE Transactions on Computers}, year={2025}}
    """
    report = import_publications(bibtex, "bibtex")
    assert report.counts["created"] == 2
    assert found("boyu") == {Publication.objects.get(title_en__startswith="NDPBridge").slug}
    assert found("transactions inspire") == {Publication.objects.get(title_en__startswith="INSPIRE").slug}
    for paper in Publication.objects.all():
        assert paper.title_en.upper() in paper.search_text


@postgres_only
def test_a_search_reads_the_trigram_index_not_the_table():
    PublicationFactory(title_en="Accelerating graph analytics")
    plans = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the tables of a test are too small to prefer it
        for query in ("accel", "存算一体", "accel 存算一体"):
            plans.append(text_search(Publication.objects.all(), query).order_by().explain())
    for plan in plans:
        assert "publication_search_trgm" in plan, plan


@postgres_only
def test_the_database_does_not_compile_a_page_s_queries():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@postgres_only
def test_the_admin_searches_and_counts_without_reading_every_row(staff_client, django_assert_num_queries):
    PublicationFactory(title_en="MILLION: Mixed-Precision", year=2024)
    paper = PublicationFactory(title_en="Something else", year=2021)
    AuthorshipFactory(publication=paper, name="Xingyi Zhou", person=None)
    response = staff_client.get("/admin/publications/publication/", {"q": "zhou"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [paper]

    # the year filter: the years there are, newest first, one index probe each
    response = staff_client.get("/admin/publications/publication/")
    years = [
        choice["display"] for choice in response.context["cl"].filter_specs[0].choices(response.context["cl"])
    ]
    assert years[1:] == ["2024", "2021"]
    assert (
        staff_client.get("/admin/publications/publication/", {"year": "2021"}).context["cl"].result_count == 1
    )
    assert staff_client.get("/admin/publications/publication/", {"year": "x"}).context["cl"].result_count == 0


@postgres_only
def test_a_large_unfiltered_list_is_counted_from_the_planner_s_estimate(monkeypatch):
    from portal import admin_lists

    PublicationFactory.create_batch(5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publications_publication")
    everything = Publication.objects.all()
    assert estimated_rows(everything) is None  # five rows: counted
    monkeypatch.setattr(admin_lists, "ESTIMATE_FROM", 1)
    assert estimated_rows(everything) == 5  # what ANALYZE saw
    assert estimated_rows(everything.filter(year=2024)) is None  # a filtered list is counted exactly
    PublicationFactory.create_batch(2)  # not analysed yet: the estimate lags, as it may on a large table
    assert EstimatedCountPaginator(everything, 100).count == 5
    assert EstimatedCountPaginator(everything.filter(year=2024), 100).count == 7
