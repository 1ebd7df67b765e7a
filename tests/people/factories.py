import factory

from people.models import Honor, Person, PersonAlias, ResearchArea


class ResearchAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchArea

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")
    name_zh_hans = factory.Sequence(lambda n: f"方向{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    name_en = factory.Sequence(lambda n: f"Person {n}")
    name_zh_hans = factory.Sequence(lambda n: f"成员{n}")
    role = "phd"


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"P. {n}")


class HonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honor

    person = factory.SubFactory(PersonFactory)
    year = 2024
    title_en = "An award"
