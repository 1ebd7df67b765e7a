import django_filters
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Upper
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.api import RoleWriteMixin
from accounts.roles import is_editor
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
from portal.validators import normalise_orcid
from portal.visibility import sees_drafts

from .models import Honor, Membership, Person, PersonAlias, ResearchArea, Role, Supervision
from .names import names_of_others
from .services import roster_counts


class ResearchAreaSerializer(StrictModelSerializer):
    name = TranslatedField("name")
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)

    class Meta:
        model = ResearchArea
        fields = ["slug", "name", "description", "description_html", "order", "image"]
        read_only_fields = ["image"]

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "name")
        return attrs


class HonorSerializer(StrictModelSerializer):
    person = StrictSlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), required=False, allow_null=True,
        help_text="Null: an honour of the lab.",
    )  # fmt: skip
    title = TranslatedField("title")
    awarding_body = TranslatedField("awarding_body", required=False)
    note = TranslatedField("note", required=False)
    publication = serializers.SerializerMethodField(
        help_text="The paper this honour is the award of (linked in the admin or by the honours import)."
    )

    class Meta:
        model = Honor
        fields = [
            "id", "person", "year", "title", "awarding_body", "note", "url", "order", "is_published",
            "publication",
        ]  # fmt: skip
        extra_kwargs = {"year": {"min_value": 1900, "max_value": 2100}}

    def get_publication(self, honor) -> str | None:
        award = getattr(honor, "award", None)
        if award is None:
            return None
        request = self.context.get("request")
        if award.publication.is_published or (request and sees_drafts(request.user)):
            return award.publication.slug
        return None

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "title")
        return attrs


class SupervisionSerializer(StrictModelSerializer):
    supervisor = StrictSlugRelatedField(slug_field="slug", queryset=Person.objects.all())

    class Meta:
        model = Supervision
        fields = ["supervisor", "is_main"]


class MembershipSummarySerializer(StrictModelSerializer):
    destination = TranslatedField("destination", read_only=True)
    supervisors = SupervisionSerializer(source="supervisions", many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id", "role", "start_on", "start_precision", "end_on", "end_precision", "degree", "destination",
            "destination_url", "supervisors",
        ]  # fmt: skip


class MembershipSerializer(StrictModelSerializer):
    person = StrictSlugRelatedField(slug_field="slug", queryset=Person.objects.all())
    destination = TranslatedField("destination", required=False)
    supervisors = SupervisionSerializer(source="supervisions", many=True, required=False)

    class Meta:
        model = Membership
        fields = [
            "id", "person", "role", "start_on", "start_precision", "end_on", "end_precision", "degree",
            "destination", "destination_url", "supervisors",
        ]  # fmt: skip

    def validate(self, attrs):
        start = attrs.get("start_on", getattr(self.instance, "start_on", None))
        end = attrs.get("end_on", getattr(self.instance, "end_on", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_on": "The end is before the start."})
        supervisors = [s["supervisor"].pk for s in attrs.get("supervisions", [])]
        if len(supervisors) != len(set(supervisors)):
            raise serializers.ValidationError({"supervisors": "A supervisor is listed twice."})
        return attrs

    def save_supervisions(self, membership, supervisions):
        if supervisions is not None:
            membership.supervisions.all().delete()
            Supervision.objects.bulk_create(
                Supervision(membership=membership, order=order, **supervision)
                for order, supervision in enumerate(supervisions)
            )

    @transaction.atomic
    def create(self, validated_data):
        supervisions = validated_data.pop("supervisions", None)
        membership = super().create(validated_data)
        self.save_supervisions(membership, supervisions)
        membership.person.update_from_memberships()
        return membership

    @transaction.atomic
    def update(self, membership, validated_data):
        supervisions = validated_data.pop("supervisions", None)
        before = membership.person
        membership = super().update(membership, validated_data)
        self.save_supervisions(membership, supervisions)
        membership.person.update_from_memberships()
        if before.pk != membership.person_id:
            before.update_from_memberships()
        return membership


class AliasListField(serializers.ListField):
    """Name variants as a list of strings, read from and written to PersonAlias rows."""

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class PersonSerializer(StrictModelSerializer):
    name = TranslatedField("name")
    title = TranslatedField("title", required=False)
    bio = TranslatedField("bio", required=False)
    bio_html = TranslatedField("bio_html", read_only=True)
    memberships = MembershipSummarySerializer(
        many=True, read_only=True, help_text="The person's stints in the lab, oldest first."
    )
    research_areas = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=ResearchArea.objects.all(), required=False
    )
    aliases = AliasListField(
        child=StrictCharField(max_length=200),
        required=False,
        help_text="Name variants in author lists.",
    )
    links = serializers.ListField(
        child=serializers.URLField(), max_length=20, required=False,
        help_text="Their pages elsewhere: a publisher's author page, Semantic Scholar, LinkedIn.",
    )  # fmt: skip
    photo = serializers.ImageField(read_only=True)
    is_alumnus = serializers.BooleanField(read_only=True)
    role = serializers.CharField(read_only=True, help_text="The current (or last) stint's role.")
    joined_on = serializers.DateField(read_only=True, allow_null=True, help_text="The first stint's start.")
    left_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The last stint's end, once none is current."
    )
    page = serializers.SerializerMethodField(help_text="The person's page on the site (English).")

    class Meta:
        model = Person
        fields = [
            "slug", "name", "role", "title", "bio", "bio_html", "memberships", "photo", "email",
            "show_email", "homepage", "orcid", "openalex_id", "google_scholar_id", "dblp", "arxiv_query",
            "github", "links",
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
        if not (person.show_email or (request and sees_drafts(request.user))):
            data["email"] = ""
        return data

    def validate_orcid(self, value):
        return unique_normalised(self, "orcid", value, normalise_orcid, "Another person has this ORCID iD.")

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "name")
        return attrs

    def by_editor(self) -> bool:
        request = self.context.get("request")
        return request is None or is_editor(request.user)

    def validate_aliases(self, aliases):
        """A member may not take another person's name as a variant of their own (imports would then
        leave that person's papers unlinked); an editor may, where two people share a name."""
        if not self.by_editor():
            taken = names_of_others(aliases, self.instance.pk if self.instance else None)
            if taken:
                raise serializers.ValidationError(
                    [
                        f"“{name}” names another person; an editor adds it if it is yours too."
                        for name in taken
                    ]
                )
        return aliases

    def save_aliases(self, person, aliases):
        if aliases is None:
            return
        person.aliases.exclude(name__in=aliases).delete()
        for alias in dict.fromkeys(aliases):
            # a member's new variant is kept, and used by imports once an editor confirms it
            PersonAlias.objects.get_or_create(
                person=person, name=alias, defaults={"waits_for_review": not self.by_editor()}
            )

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
            upper = Upper(Value(word))
            aliases = PersonAlias.objects.filter(person=OuterRef("pk"), search_text__contains=upper)
            queryset = queryset.filter(Q(search_text__contains=upper) | Exists(aliases))
        return queryset


class ResearchAreaViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Research areas of the lab, linked to people, publications and achievements."""

    serializer_class = ResearchAreaSerializer
    lookup_field = "slug"
    queryset = ResearchArea.objects.all()


class PersonViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Lab members and alumni; drafts only for staff."""

    serializer_class = PersonSerializer
    lookup_field = "slug"
    filterset_class = PersonFilter

    def get_queryset(self):
        people = Person.objects.visible_to(self.request.user)
        supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
        return people.prefetch_related(
            Prefetch("research_areas", queryset=ResearchArea.objects.only("pk", "slug")),
            "aliases",
            Prefetch("memberships", queryset=Membership.objects.prefetch_related(
                Prefetch("supervisions", queryset=supervisions))),
        )  # fmt: skip


class HonorFilter(StrictFilterSet):
    person = TextFilter(field_name="person__slug", label="Person slug")
    lab = BooleanFilter(
        field_name="person", lookup_expr="isnull", label="The lab's own (true) or members' (false)"
    )
    year = YearFilter()

    class Meta:
        model = Honor
        fields = ["person", "lab", "year"]


class HonorViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Honours of the lab and of its members (a member's when the person is visible)."""

    serializer_class = HonorSerializer
    filterset_class = HonorFilter

    def get_queryset(self):
        return (
            Honor.objects.visible_to(self.request.user)
            .select_related("person", "award__publication")
            .order_by("-year", "order", "id")
        )


class MembershipFilter(StrictFilterSet):
    person = TextFilter(field_name="person__slug", label="Person slug")
    role = django_filters.ChoiceFilter(choices=Role.choices)
    current = BooleanFilter(
        field_name="end_on", lookup_expr="isnull", label="Current (true) or ended (false)"
    )
    supervisor = TextFilter(method="by_supervisor", max_length=80, label="Supervisor slug")

    class Meta:
        model = Membership
        fields = ["person", "role", "current", "supervisor"]

    def by_supervisor(self, queryset, name, slug):
        """A supervisor the client may not see (a draft) is as unknown as a slug nobody has."""
        people = Person.objects.visible_to(self.request.user).filter(slug=slug)
        return queryset.filter(supervisions__supervisor__in=people)


class MembershipViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Stints of people in the lab: role, start and end, supervisors, degree and destination. A person's
    role and dates derive from them."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter

    def get_queryset(self):
        people = Person.objects.visible_to(self.request.user)
        supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
        return (
            Membership.objects.filter(person__in=people)
            .select_related("person")
            .prefetch_related(Prefetch("supervisions", queryset=supervisions))
            .order_by("person__slug", "start_on", "id")
            .distinct()
        )

    def perform_destroy(self, membership):
        person = membership.person
        membership.delete()
        person.update_from_memberships()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                description="Counts for one year.",
            )
        ],
        responses=inline_serializer(
            "RosterCounts",
            {
                "year": serializers.IntegerField(allow_null=True),
                "members": serializers.DictField(child=serializers.IntegerField()),
                "members_total": serializers.IntegerField(),
                "joined": serializers.DictField(
                    child=serializers.DictField(child=serializers.IntegerField())
                ),
                "left": serializers.DictField(child=serializers.DictField(child=serializers.IntegerField())),
            },
        ),
    )
    @action(detail=False, filterset_class=None, pagination_class=None)
    def counts(self, request):
        """Head counts: members per role (now, or in `year`), and per year the stints begun and ended."""
        year = request.query_params.get("year")
        if year is not None:
            if not year.isdigit() or not 1900 <= int(year) <= 2100:
                raise ValidationError({"year": "Enter a year between 1900 and 2100."})
            year = int(year)
        data = roster_counts(year, Person.objects.visible_to(request.user))
        data["joined"] = {str(y): c for y, c in data["joined"].items()}
        data["left"] = {str(y): c for y, c in data["left"].items()}
        return Response(data)


router.register("research-areas", ResearchAreaViewSet, basename="research-area")
router.register("people", PersonViewSet, basename="person")
router.register("honors", HonorViewSet, basename="honor")
router.register("memberships", MembershipViewSet, basename="membership")
