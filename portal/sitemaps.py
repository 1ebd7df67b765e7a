"""sitemap.xml: every public page in both languages, each with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from achievements.models import Achievement
from activities.models import Course, Opening, Project, Software, Talk
from news.models import NewsItem
from people.models import Person
from publications.models import Collection, Publication


class LocalizedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LocalizedSitemap):
    priority = 0.8
    names = [
        "home",
        "people:person-list",
        "publications:publication-list",
        "achievements:achievement-list",
        "publications:collection-list",
        "news:news-list",
        "people:honor-list",
        "lab-figures",
        "activities:project-list",
        "activities:software-list",
        "activities:talk-list",
        "activities:course-list",
        "activities:opening-list",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class PersonSitemap(LocalizedSitemap):
    def items(self):
        return Person.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PublicationSitemap(LocalizedSitemap):
    limit = 5000  # × 2 languages: under the protocol's 50,000 addresses per file

    def items(self):
        return Publication.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class AchievementSitemap(LocalizedSitemap):
    def items(self):
        return Achievement.objects.public().only("year", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CollectionSitemap(LocalizedSitemap):
    def items(self):
        return Collection.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(LocalizedSitemap):
    def items(self):
        return NewsItem.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def record_sitemap(model, *fields):
    """A sitemap of a model's public records, by their slug."""

    class RecordSitemap(LocalizedSitemap):
        def items(self):
            return model.objects.public().only("slug", "updated_at", *fields).order_by("pk")

        def lastmod(self, item):
            return item.updated_at

    return RecordSitemap


class OpeningSitemap(LocalizedSitemap):
    def items(self):
        return Opening.objects.public().open().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "people": PersonSitemap,
    "publications": PublicationSitemap,
    "achievements": AchievementSitemap,
    "collections": CollectionSitemap,
    "news": NewsSitemap,
    "projects": record_sitemap(Project),
    "software": record_sitemap(Software),
    "talks": record_sitemap(Talk),
    "teaching": record_sitemap(Course),
    "openings": OpeningSitemap,
}
