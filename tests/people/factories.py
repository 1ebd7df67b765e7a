import datetime

import factory

from people.models import Honor, Membership, Person, PersonAlias, ResearchArea


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


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    role = "phd"
    start_on = factory.LazyFunction(lambda: datetime.date(2022, 9, 1))
    start_precision = "month"
