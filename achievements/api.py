from django.db import transaction
from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from people.models import Person, ResearchArea
from portal.api import (
    ConditionalReadMixin,
    StrictModelSerializer,
    StrictSlugRelatedField,
    TranslatedField,
    require_some_language,
    router,
)
from portal.filters import BooleanFilter, StrictFilterSet, TextFilter, YearFilter, every_word
from portal.rest import IsStaffOrReadOnly
from publications.models import Publication

from .models import Achievement, AchievementFigure, AchievementLink


class AchievementLinkSerializer(StrictModelSerializer):
    label = TranslatedField("label", required=False)

    class Meta:
        model = AchievementLink
        fields = ["kind", "label", "url", "order"]


class AchievementFigureSerializer(StrictModelSerializer):
    caption = TranslatedField("caption", read_only=True)
    alt_text = TranslatedField("alt_text", read_only=True)
    number = serializers.SerializerMethodField(help_text="Figure 1, 2… in the order shown.")

    class Meta:
        model = AchievementFigure
        fields = ["number", "image", "caption", "alt_text", "order"]

    def get_number(self, figure) -> int:
        return list(figure.achievement.figures.all()).index(figure) + 1


class AchievementSerializer(StrictModelSerializer):
    title = TranslatedField("title")
    summary = TranslatedField("summary", required=False)
    summary_html = TranslatedField("summary_html", read_only=True)
    body = TranslatedField("body", required=False)
    body_html = TranslatedField("body_html", read_only=True)
    people = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=Person.objects.all(), required=False
    )
    publications = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=Publication.objects.all(), required=False
    )
    research_areas = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=ResearchArea.objects.all(), required=False
    )
    links = AchievementLinkSerializer(many=True, required=False)
    figures = AchievementFigureSerializer(many=True, read_only=True, help_text="Uploaded in the admin.")
    page = serializers.SerializerMethodField(help_text="The write-up's page on the site (English).")

    class Meta:
        model = Achievement
        fields = [
            "id", "year", "order", "slug", "short_name", "title", "summary", "summary_html", "body",
            "body_html", "people", "publications", "research_areas", "links", "figures", "featured",
            "is_published", "page", "created_at", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"year": {"min_value": 1900, "max_value": 2100}}
        validators = []  # (year, slug) uniqueness is checked in validate() with a clear message

    def get_page(self, achievement) -> str:
        request = self.context.get("request")
        url = achievement.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "title")
        year = attrs.get("year", getattr(self.instance, "year", None))
        slug = attrs.get("slug", getattr(self.instance, "slug", None))
        taken = Achievement.objects.filter(year=year, slug=slug)
        if self.instance:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(
                {"slug": "Another achievement of this year has this slug."}, code="unique"
            )
        return attrs

    def save_links(self, achievement, links):
        if links is not None:
            achievement.links.all().delete()
            AchievementLink.objects.bulk_create(
                AchievementLink(achievement=achievement, **link) for link in links
            )

    @transaction.atomic
    def create(self, validated_data):
        links = validated_data.pop("links", None)
        achievement = super().create(validated_data)
        self.save_links(achievement, links)
        return achievement

    @transaction.atomic
    def update(self, achievement, validated_data):
        links = validated_data.pop("links", None)
        achievement = super().update(achievement, validated_data)
        self.save_links(achievement, links)
        return achievement


class AchievementFilter(StrictFilterSet):
    year = YearFilter()
    featured = BooleanFilter()
    area = TextFilter(field_name="research_areas__slug", label="Research area slug")
    person = TextFilter(method="by_person", max_length=80, label="Person slug")
    search = TextFilter(method="search_text", max_length=200, label="Title, short name or summary")

    class Meta:
        model = Achievement
        fields = ["year", "featured", "area", "person", "search"]

    def by_person(self, queryset, name, slug):
        """A person the client may not see (a draft) is as unknown as a slug nobody has."""
        people = Person.objects.visible_to(self.request.user).filter(slug=slug)
        return queryset.filter(people__in=people)

    def search_text(self, queryset, name, value):
        fields = ["title_en", "title_zh_hans", "short_name", "summary_en", "summary_zh_hans"]
        return every_word(queryset, value, fields)


class AchievementViewSet(ConditionalReadMixin, viewsets.ModelViewSet):
    """The lab's annual report (年度成果), newest year first."""

    serializer_class = AchievementSerializer
    permission_classes = [IsStaffOrReadOnly]
    filterset_class = AchievementFilter

    def get_queryset(self):
        user = self.request.user
        return (
            Achievement.objects.visible_to(user)
            .prefetch_related(
                Prefetch("people", queryset=Person.objects.visible_to(user).only("pk", "slug")),
                Prefetch("publications", queryset=Publication.objects.visible_to(user).only("pk", "slug")),
                Prefetch("research_areas", queryset=ResearchArea.objects.only("pk", "slug")),
                "links",
                "figures",
            )
            .distinct()
        )


router.register("achievements", AchievementViewSet, basename="achievement")
