"""A list's codes kept in pieces (publications.services.ListCodes): the same codes as numbering the whole
list, read a piece at a time."""

import pytest
from django.core.cache import cache

from publications import services
from publications.models import Publication
from publications.services import ListCodes, list_codes, publication_codes
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_codes_read_in_pieces_are_the_whole_list_s(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(services, "CODE_BUCKET", 4)  # pieces of four ids: these papers span several
    cache.clear()
    papers = [
        PublicationFactory(year=2010 + i % 7, kind="journal" if i % 3 else "conference") for i in range(15)
    ]
    lab = Publication.objects.lab_works()
    whole = publication_codes(lab.values_list("id", "kind", "year", "date"))

    with django_assert_num_queries(1):  # numbered once, kept in pieces
        assert list_codes(lab, "lab", "v1")[papers[0].pk] == whole[papers[0].pk]
    fresh = ListCodes(lab, "lab", "v1")
    with django_assert_num_queries(0):
        fresh.load([papers[5].pk, papers[6].pk])
        assert fresh.get(papers[5].pk) == whole[papers[5].pk]
        assert fresh.get(papers[6].pk) == whole[papers[6].pk]
    assert set(fresh.loaded) == {papers[5].pk // 4, papers[6].pk // 4}  # only the pieces asked for
    assert dict(ListCodes(lab, "lab", "v1")) == whole

    cache.delete(f"codes:lab:v1:{papers[9].pk // 4}")  # a piece evicted: the list is numbered again
    with django_assert_num_queries(1):
        assert ListCodes(lab, "lab", "v1")[papers[9].pk] == whole[papers[9].pk]
    assert ListCodes(lab, "lab", "v1").get(10**9, "none") == "none"
