import django_filters
from django.db.models import Exists, OuterRef, Prefetch, Q
from rest_framework import serializers, viewsets

from portal.api import (
    ConditionalReadMixin,
    StrictCharField,
    StrictModelSerializer,
    StrictSlugRelatedField,
    TranslatedField,
    require_some_language,
    router,
    unique_normalised,
)
from portal.filters import BooleanFilter, StrictFilterSet, TextFilter, YearFilter
from portal.rest import IsStaffOrReadOnly
from portal.validators import normalise_orcid

from .models import Honor, Person, PersonAlias, ResearchArea, Role


class ResearchAreaSerializer(StrictModelSerializer):
    name = TranslatedField("name")
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)

    class Meta:
        model = ResearchArea
        fields = ["slug", "name", "description", "description_html", "order"]

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "name")
        return attrs


class HonorSerializer(StrictModelSerializer):
    person = StrictSlugRelatedField(slug_field="slug", queryset=Person.objects.all())
    title = TranslatedField("title")

    class Meta:
        model = Honor
        fields = ["id", "person", "year", "title", "url", "order"]
        extra_kwargs = {"year": {"min_value": 1900, "max_value": 2100}}

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "title")
        return attrs


class AliasListField(serializers.ListField):
    """Name variants as a list of strings, read from and written to PersonAlias rows."""

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class PersonSerializer(StrictModelSerializer):
    name = TranslatedField("name")
    title = TranslatedField("title", required=False)
    bio = TranslatedField("bio", required=False)
    bio_html = TranslatedField("bio_html", read_only=True)
    current_position = TranslatedField("current_position", required=False)
    research_areas = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=ResearchArea.objects.all(), required=False
    )
    aliases = AliasListField(
        child=StrictCharField(max_length=200),
        required=False,
        help_text="Name variants in author lists.",
    )
    photo = serializers.ImageField(read_only=True)
    is_alumnus = serializers.BooleanField(read_only=True)
    page = serializers.SerializerMethodField(help_text="The person's page on the site (English).")

    class Meta:
        model = Person
        fields = [
            "slug", "name", "role", "title", "bio", "bio_html", "current_position", "photo", "email",
            "show_email", "homepage", "orcid", "openalex_id", "google_scholar_id", "dblp", "github",
            "joined_on", "left_on", "is_alumnus", "display_order", "research_areas", "aliases",
            "is_published", "page", "created_at", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"email": {"help_text": "Empty unless shown on the site (staff see it always)."}}

    def get_page(self, person) -> str:
        request = self.context.get("request")
        url = person.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def to_representation(self, person):
        data = super().to_representation(person)
        request = self.context.get("request")
        if not (person.show_email or (request and request.user.is_staff)):
            data["email"] = ""
        return data

    def validate_orcid(self, value):
        return unique_normalised(self, "orcid", value, normalise_orcid, "Another person has this ORCID iD.")

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "name")
        joined = attrs.get("joined_on", getattr(self.instance, "joined_on", None))
        left = attrs.get("left_on", getattr(self.instance, "left_on", None))
        if joined and left and left < joined:
            raise serializers.ValidationError({"left_on": "The left date is before the joined date."})
        return attrs

    def save_aliases(self, person, aliases):
        if aliases is None:
            return
        person.aliases.exclude(name__in=aliases).delete()
        for alias in dict.fromkeys(aliases):
            PersonAlias.objects.get_or_create(person=person, name=alias)

    def create(self, validated_data):
        aliases = validated_data.pop("aliases", None)
        person = super().create(validated_data)
        self.save_aliases(person, aliases)
        return person

    def update(self, person, validated_data):
        aliases = validated_data.pop("aliases", None)
        person = super().update(person, validated_data)
        self.save_aliases(person, aliases)
        return person


class PersonFilter(StrictFilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)
    alumni = BooleanFilter(method="by_alumni", label="Alumni (true) or current members (false)")
    area = TextFilter(field_name="research_areas__slug", label="Research area slug")
    search = TextFilter(method="search_text", max_length=200, label="Name or name variant")

    class Meta:
        model = Person
        fields = ["role", "alumni", "area", "search"]

    def by_alumni(self, queryset, name, value):
        return queryset.filter(left_on__isnull=not value)

    def search_text(self, queryset, name, value):
        for word in value.split()[:8]:
            aliases = PersonAlias.objects.filter(person=OuterRef("pk"), name__icontains=word)
            queryset = queryset.filter(
                Q(name_en__icontains=word) | Q(name_zh_hans__icontains=word) | Exists(aliases)
            )
        return queryset


class ResearchAreaViewSet(ConditionalReadMixin, viewsets.ModelViewSet):
    """Research areas of the lab, linked to people, publications and achievements."""

    serializer_class = ResearchAreaSerializer
    permission_classes = [IsStaffOrReadOnly]
    lookup_field = "slug"
    queryset = ResearchArea.objects.all()


class PersonViewSet(ConditionalReadMixin, viewsets.ModelViewSet):
    """Lab members and alumni; drafts only for staff."""

    serializer_class = PersonSerializer
    permission_classes = [IsStaffOrReadOnly]
    lookup_field = "slug"
    filterset_class = PersonFilter

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("research_areas", queryset=ResearchArea.objects.only("pk", "slug")), "aliases"
        )


class HonorFilter(StrictFilterSet):
    person = TextFilter(field_name="person__slug", label="Person slug")
    year = YearFilter()

    class Meta:
        model = Honor
        fields = ["person", "year"]


class HonorViewSet(ConditionalReadMixin, viewsets.ModelViewSet):
    """Honours of lab members (visible when the person is)."""

    serializer_class = HonorSerializer
    permission_classes = [IsStaffOrReadOnly]
    filterset_class = HonorFilter

    def get_queryset(self):
        people = Person.objects.visible_to(self.request.user)
        return (
            Honor.objects.filter(person__in=people).select_related("person").order_by("-year", "order", "id")
        )


router.register("research-areas", ResearchAreaViewSet, basename="research-area")
router.register("people", PersonViewSet, basename="person")
router.register("honors", HonorViewSet, basename="honor")
