"""Database constraints and model validation: each holds, and each has a case that breaks it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from achievements.models import Achievement
from people.models import Person
from portal.models import Lab
from publications.models import Authorship, Publication, Venue
from tests.achievements.factories import AchievementFactory
from tests.people.factories import PersonFactory
from tests.publications.factories import (
    AuthorshipFactory,
    CollectionEntryFactory,
    PublicationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_doi_is_unique_once_normalised():
    PublicationFactory(doi="10.1145/3620665.3640393")
    refused(lambda: PublicationFactory(doi="https://doi.org/10.1145/3620665.3640393"))


def test_many_publications_may_have_no_doi():
    PublicationFactory(doi="")
    PublicationFactory(doi="")
    assert Publication.objects.filter(doi="").count() == 2


def test_doi_is_stored_normalised():
    publication = PublicationFactory(doi="DOI: 10.1109/ISCAS51556.2021.9401155")
    assert publication.doi == "10.1109/iscas51556.2021.9401155"


def test_malformed_doi_fails_validation():
    publication = PublicationFactory.build(doi="ieeexplore 10540086", venue=None)
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert "doi" in error.value.message_dict


def test_malformed_arxiv_id_fails_validation():
    publication = PublicationFactory.build(arxiv_id="arxiv 123", venue=None)
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert "arxiv_id" in error.value.message_dict


@pytest.mark.parametrize("year", [1899, 2101])
def test_publication_year_out_of_range_is_refused(year):
    refused(lambda: PublicationFactory(year=year))


def test_achievement_year_out_of_range_is_refused():
    refused(lambda: AchievementFactory(year=1800))


def test_author_position_is_unique_per_publication():
    authorship = AuthorshipFactory(position=1)
    refused(lambda: AuthorshipFactory(publication=authorship.publication, position=1))
    AuthorshipFactory(publication=authorship.publication, position=2)
    assert authorship.publication.authorships.count() == 2


def test_author_position_starts_at_one():
    refused(lambda: AuthorshipFactory(position=0))


def test_authorships_keep_their_order():
    publication = PublicationFactory()
    for position, name in [(3, "C"), (1, "A"), (2, "B")]:
        Authorship.objects.create(publication=publication, position=position, name=name)
    assert [a.name for a in publication.authorships.all()] == ["A", "B", "C"]


def test_deleting_a_person_keeps_the_printed_author():
    authorship = AuthorshipFactory(name="Zhuoran Song")
    authorship.person.delete()
    authorship.refresh_from_db()
    assert authorship.person is None and authorship.name == "Zhuoran Song"


def test_orcid_with_bad_checksum_fails_validation():
    person = PersonFactory.build(orcid="0000-0002-6494-4787")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "orcid" in error.value.message_dict


def test_orcid_is_unique_and_normalised():
    PersonFactory(orcid="https://orcid.org/0000-0002-6494-4786")
    assert Person.objects.get().orcid == "0000-0002-6494-4786"
    refused(lambda: PersonFactory(orcid="0000-0002-6494-4786"))


def test_person_cannot_leave_before_joining():
    refused(lambda: PersonFactory(joined_on=datetime.date(2024, 9, 1), left_on=datetime.date(2023, 6, 30)))
    person = PersonFactory(joined_on=datetime.date(2020, 9, 1), left_on=datetime.date(2023, 6, 30))
    assert person.is_alumnus


def test_name_is_required_in_at_least_one_language():
    person = PersonFactory.build(name_en="", name_zh_hans="")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "name_en" in error.value.message_dict
    PersonFactory.build(slug="only-chinese", name_en="", name_zh_hans="宋卓然").full_clean()


def test_chinese_only_title_is_enough_and_falls_back_in_english():
    from django.utils import translation

    publication = PublicationFactory(title_en="", title_zh_hans="深度神经网络专用架构与压缩技术演进")
    publication.full_clean()
    with translation.override("en"):
        assert publication.title == "深度神经网络专用架构与压缩技术演进"


def test_achievement_slug_is_unique_within_a_year_only():
    AchievementFactory(year=2024, slug="inspire")
    AchievementFactory(year=2025, slug="inspire")
    refused(lambda: AchievementFactory(year=2024, slug="inspire"))
    assert Achievement.objects.count() == 2


def test_venue_name_is_unique_per_kind():
    VenueFactory(name="Design Automation Conference", kind="workshop")
    refused(lambda: VenueFactory(name="Design Automation Conference", kind="workshop"))


def test_a_venue_with_papers_cannot_be_deleted():
    from django.db.models import ProtectedError

    publication = PublicationFactory()
    with pytest.raises(ProtectedError):
        publication.venue.delete()


def test_collection_lists_a_paper_once():
    entry = CollectionEntryFactory()
    refused(lambda: CollectionEntryFactory(collection=entry.collection, publication=entry.publication))


def test_lab_profile_is_a_single_row():
    Lab.objects.create(name_en="One")
    Lab(name_en="Two").save()
    assert Lab.objects.count() == 1 and Lab.load().name_en == "Two"
    refused(lambda: Lab.objects.bulk_create([Lab(id=2, name_en="Three")]))


def test_publication_slug_is_generated_and_unique():
    first = PublicationFactory(title_en="Same Title", year=2024)
    second = PublicationFactory(title_en="Same Title", year=2024)
    assert first.slug == "same-title-2024" and second.slug == "same-title-2024-2"


def test_rank_printed_by_the_lab_wins_over_the_current_list():
    venue = Venue.objects.get(acronym="ISCAS", kind="conference")
    assert venue.ccf_rank == "B"
    publication = PublicationFactory(venue=venue, ccf_rank_printed="C")
    assert publication.ccf_rank == "C"
    assert PublicationFactory(venue=venue).ccf_rank == "B"


def test_ccf_list_is_loaded_with_every_venue():
    assert Venue.objects.filter(ccf_rank="A").count() == 96
    assert Venue.objects.get(acronym="DAC", kind="conference").dblp_key == "conf/dac"
    # the list repeats a few venues under two categories; each is stored once
    assert Venue.objects.filter(kind__in=["conference", "journal"]).count() == 668
