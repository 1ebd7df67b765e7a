from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .models import Achievement


class LatestAchievementsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Annual achievements")
    subtitle = _("The lab's yearly results")

    def link(self):
        return reverse("achievements:achievement-list")

    def items(self):
        return Achievement.objects.public().order_by("-created_at", "-id")[:30]

    def item_title(self, item):
        return (
            f"{item.year} · {item.short_name}: {item.title}"
            if item.short_name
            else f"{item.year} · {item.title}"
        )

    def item_description(self, item):
        return strip_tags(item.summary_html)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
