"""Atom feeds of what has a date: talks given, positions opened."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Opening, Talk


class LatestTalksFeed(Feed):
    feed_type = Atom1Feed
    title = _("Talks")
    subtitle = _("Talks, keynotes and tutorials given by the lab's people")

    def link(self):
        return reverse("activities:talk-list")

    def items(self):
        return Talk.objects.public()[:30]

    def item_title(self, talk):
        event = f" · {talk.event}" if talk.event else ""
        return f"{talk.date:%Y.%m.%d} {talk.title}{event}"

    def item_description(self, talk):
        return talk.abstract_html

    def item_pubdate(self, talk):
        return timezone.make_aware(timezone.datetime.combine(talk.date, timezone.datetime.min.time()))

    def item_updateddate(self, talk):
        return talk.updated_at


class OpeningsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Join us")
    subtitle = _("Positions the lab is recruiting for")

    def link(self):
        return reverse("activities:opening-list")

    def items(self):
        return Opening.objects.public().open(timezone.localdate()).order_by("-posted_on", "-pk")[:30]

    def item_description(self, opening):
        return opening.description_html + opening.how_to_apply_html

    def item_pubdate(self, opening):
        return opening.created_at

    def item_updateddate(self, opening):
        return opening.updated_at
