import factory

from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue
from tests.people.factories import PersonFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Symposium on Things {n}")
    acronym = factory.Sequence(lambda n: f"SOT{n}")
    kind = "conference"
    ccf_rank = "A"


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title_en = factory.Sequence(lambda n: f"A Paper About Accelerators {n}")
    year = 2024
    kind = "conference"
    venue = factory.SubFactory(VenueFactory)


class AuthorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorship

    publication = factory.SubFactory(PublicationFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Author {n}")
    person = factory.SubFactory(PersonFactory)


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    publication = factory.SubFactory(PublicationFactory)
    kind = "best_paper"


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    slug = factory.Sequence(lambda n: f"collection-{n}")
    title_en = factory.Sequence(lambda n: f"Reading list {n}")


class CollectionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionEntry

    collection = factory.SubFactory(CollectionFactory)
    publication = factory.SubFactory(PublicationFactory, is_lab_work=False)
    position = factory.Sequence(lambda n: n + 1)
