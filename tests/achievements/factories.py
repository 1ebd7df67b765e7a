import factory

from achievements.models import Achievement, AchievementFigure, AchievementLink


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Achievement

    year = 2024
    slug = factory.Sequence(lambda n: f"result-{n}")
    short_name = factory.Sequence(lambda n: f"R{n}")
    title_en = factory.Sequence(lambda n: f"Result {n}")
    title_zh_hans = factory.Sequence(lambda n: f"成果{n}")


class AchievementLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AchievementLink

    achievement = factory.SubFactory(AchievementFactory)
    kind = "code"
    url = "https://example.org/code"


class AchievementFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AchievementFigure

    achievement = factory.SubFactory(AchievementFactory)
    image = factory.django.ImageField(width=16, height=16)
    caption_en = "A figure"
