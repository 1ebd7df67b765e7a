import datetime

import factory

from activities.models import Course, Opening, Project, Software, Talk


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    title_zh_hans = factory.Sequence(lambda n: f"项目{n}")
    funder_en = "National Natural Science Foundation of China"
    funder_zh_hans = "国家自然科学基金委员会"
    start_on = datetime.date(2023, 1, 1)


class SoftwareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Software

    slug = factory.Sequence(lambda n: f"tool-{n}")
    name = factory.Sequence(lambda n: f"Tool{n}")
    repository = factory.Sequence(lambda n: f"https://github.com/lab/tool{n}")


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    slug = factory.Sequence(lambda n: f"talk-{n}")
    title_en = factory.Sequence(lambda n: f"Talk {n}")
    date = datetime.date(2024, 6, 1)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title_en = factory.Sequence(lambda n: f"Course {n}")
    year = 2025
    season = "autumn"


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    slug = factory.Sequence(lambda n: f"opening-{n}")
    title_en = factory.Sequence(lambda n: f"Position {n}")
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
