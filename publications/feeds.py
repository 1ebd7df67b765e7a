from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .citation import plain_citation
from .models import Publication


class LatestPublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = _("New publications")
    subtitle = _("The lab's latest papers")

    def link(self):
        return reverse("publications:publication-list")

    def items(self):
        return Publication.objects.public().lab_works().with_authors().order_by("-created_at", "-id")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_citation(item)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.authorships.all())
