from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


class LatestNewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Lab news")
    subtitle = _("What the lab has been doing")

    def link(self):
        return reverse("news:news-list")

    def items(self):
        return NewsItem.objects.public()[:30]

    def item_title(self, item):
        text = item.title or strip_tags(item.body_html)
        return f"{item.date_label} · {Truncator(' '.join(text.split())).chars(120)}"

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
