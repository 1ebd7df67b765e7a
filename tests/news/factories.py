import datetime

import factory

from news.models import NewsItem


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    slug = factory.Sequence(lambda n: f"2024-07-news-{n}")
    date = datetime.date(2024, 7, 1)
    date_precision = "month"
    body_en = factory.Sequence(lambda n: f"News item {n}: a paper was accepted.")
    body_zh_hans = factory.Sequence(lambda n: f"第{n}条新闻：论文被接收。")
