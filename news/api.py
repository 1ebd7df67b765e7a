from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from accounts.api import RoleWriteMixin
from achievements.models import Achievement
from people.models import Person
from portal.api import (
    ConditionalReadMixin,
    StrictModelSerializer,
    StrictPrimaryKeyRelatedField,
    StrictSlugRelatedField,
    TranslatedField,
    require_some_language,
    router,
)
from portal.filters import StrictFilterSet, TextFilter, YearFilter, every_word
from publications.models import Publication

from .models import NewsItem


class NewsItemSerializer(StrictModelSerializer):
    title = TranslatedField("title", required=False)
    body = TranslatedField("body")
    body_html = TranslatedField("body_html", read_only=True)
    date_label = serializers.CharField(read_only=True, help_text='The date as far as it is known: "2024.07".')
    publications = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=Publication.objects.all(), required=False
    )
    people = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=Person.objects.all(), required=False
    )
    achievements = StrictPrimaryKeyRelatedField(
        many=True, queryset=Achievement.objects.all(), required=False, help_text="Achievement ids."
    )
    page = serializers.SerializerMethodField(help_text="The item's page on the site (English).")

    class Meta:
        model = NewsItem
        fields = [
            "id", "slug", "date", "date_precision", "date_label", "title", "body", "body_html",
            "publications", "people", "achievements", "is_published", "page", "created_at", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"slug": {"required": False}}

    def get_page(self, item) -> str:
        request = self.context.get("request")
        url = item.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "body")
        return attrs


class NewsFilter(StrictFilterSet):
    year = YearFilter(field_name="date__year")
    publication = TextFilter(method="by_publication", max_length=200, label="Publication slug")
    person = TextFilter(method="by_person", max_length=80, label="Person slug")
    search = TextFilter(method="search_text", max_length=200, label="Title or text")

    class Meta:
        model = NewsItem
        fields = ["year", "publication", "person", "search"]

    def by_publication(self, queryset, name, slug):
        """A paper the client may not see (a draft) is as unknown as a slug nobody has."""
        return queryset.filter(
            publications__in=Publication.objects.visible_to(self.request.user).filter(slug=slug)
        )

    def by_person(self, queryset, name, slug):
        return queryset.filter(people__in=Person.objects.visible_to(self.request.user).filter(slug=slug))

    def search_text(self, queryset, name, value):
        return every_word(queryset, value, ["search_text"])


class NewsItemViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Lab news, newest first; drafts only for staff."""

    serializer_class = NewsItemSerializer
    filterset_class = NewsFilter

    def get_queryset(self):
        user = self.request.user
        return (
            NewsItem.objects.visible_to(user)
            .prefetch_related(
                Prefetch("publications", queryset=Publication.objects.visible_to(user).only("pk", "slug")),
                Prefetch("people", queryset=Person.objects.visible_to(user).only("pk", "slug")),
                Prefetch("achievements", queryset=Achievement.objects.visible_to(user).only("pk")),
            )
            .distinct()
        )


router.register("news", NewsItemViewSet, basename="news")
