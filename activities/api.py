"""/api/v1/projects/, /software/, /talks/, /courses/, /openings/: the conventions of the other lists
(translated fields as {"en", "zh-hans"}, people and papers by slug, drafts for staff only, ETags)."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
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
from portal.visibility import sees_drafts
from publications.models import Publication

from .models import Course, Opening, Project, Software, Talk


def people_field(**kwargs):
    return StrictSlugRelatedField(
        slug_field="slug",
        many=True,
        queryset=Person.objects.all(),
        required=False,
        help_text="People's slugs.",
        **kwargs,
    )


def papers_field():
    return StrictSlugRelatedField(
        slug_field="slug",
        many=True,
        queryset=Publication.objects.all(),
        required=False,
        help_text="Publication slugs.",
    )


# What every kind's serializer shares: the record's page, and a title in at least one language. (A
# comment, not a docstring: drf-spectacular would print it as every component's description.)
class ActivitySerializer(StrictModelSerializer):
    page = serializers.SerializerMethodField(help_text="The record's page on the site (English).")
    titled = True

    def get_page(self, record) -> str:
        request = self.context.get("request")
        url = record.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate(self, attrs):
        if self.titled:
            require_some_language(attrs, self.instance, "title")
        return attrs


STAMPS = ["is_published", "page", "created_at", "updated_at"]


class ProjectSerializer(ActivitySerializer):
    title = TranslatedField("title")
    funder = TranslatedField("funder", required=False)
    programme = TranslatedField("programme", required=False)
    amount = TranslatedField("amount", required=False, help_text="Shown to visitors only with show_amount.")
    summary = TranslatedField("summary", required=False)
    summary_html = TranslatedField("summary_html", read_only=True)
    years = serializers.CharField(read_only=True, help_text='"2021–2024", or "2023–" while it runs.')
    principal_investigator = StrictSlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), required=False, allow_null=True
    )
    people = people_field()
    publications = papers_field()
    achievements = StrictPrimaryKeyRelatedField(
        many=True, queryset=Achievement.objects.all(), required=False, help_text="Achievement ids."
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "title",
            "short_name",
            "kind",
            "funder",
            "programme",
            "grant_number",
            "role",
            "principal_investigator",
            "start_on",
            "end_on",
            "years",
            "amount",
            "show_amount",
            "summary",
            "summary_html",
            "url",
            "people",
            "publications",
            "achievements",
            "order",
            *STAMPS,
        ]
        extra_kwargs = {"slug": {"required": False}}

    def to_representation(self, project):
        data = super().to_representation(project)
        request = self.context.get("request")
        if not project.show_amount and not (request and sees_drafts(request.user)):
            data["amount"] = dict.fromkeys(data["amount"], "")  # the lab keeps it for editors
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        start = attrs.get("start_on", getattr(self.instance, "start_on", None))
        end = attrs.get("end_on", getattr(self.instance, "end_on", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_on": "A project ends after it starts."})
        return attrs


class SoftwareSerializer(ActivitySerializer):
    titled = False  # a piece of software has a name
    tagline = TranslatedField("tagline", required=False)
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)
    github = serializers.CharField(source="github_name", read_only=True, help_text='"owner/name" on GitHub.')
    people = people_field()
    publications = papers_field()
    achievements = StrictPrimaryKeyRelatedField(
        many=True, queryset=Achievement.objects.all(), required=False, help_text="Achievement ids."
    )

    class Meta:
        model = Software
        fields = [
            "id",
            "slug",
            "name",
            "tagline",
            "description",
            "description_html",
            "repository",
            "github",
            "homepage",
            "licence",
            "language",
            "year",
            "stars",
            "forks",
            "last_release",
            "last_release_on",
            "figures_checked_at",
            "people",
            "publications",
            "achievements",
            "order",
            *STAMPS,
        ]
        read_only_fields = ["stars", "forks", "last_release", "last_release_on", "figures_checked_at"]
        extra_kwargs = {"slug": {"required": False}}


class TalkSerializer(ActivitySerializer):
    title = TranslatedField("title")
    event = TranslatedField("event", required=False)
    place = TranslatedField("place", required=False)
    abstract = TranslatedField("abstract", required=False)
    abstract_html = TranslatedField("abstract_html", read_only=True)
    speakers = people_field()
    publications = papers_field()

    class Meta:
        model = Talk
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "event",
            "place",
            "date",
            "url",
            "slides_url",
            "video_url",
            "abstract",
            "abstract_html",
            "speakers",
            "publications",
            *STAMPS,
        ]
        extra_kwargs = {"slug": {"required": False}}


class CourseSerializer(ActivitySerializer):
    title = TranslatedField("title")
    institution = TranslatedField("institution", required=False)
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)
    term = serializers.CharField(read_only=True, help_text='"Spring 2025" in the language asked for.')
    teachers = people_field()

    class Meta:
        model = Course
        fields = [
            "id",
            "slug",
            "title",
            "code",
            "level",
            "year",
            "season",
            "term",
            "institution",
            "description",
            "description_html",
            "url",
            "teachers",
            *STAMPS,
        ]
        extra_kwargs = {"slug": {"required": False}}


class OpeningSerializer(ActivitySerializer):
    title = TranslatedField("title")
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)
    how_to_apply = TranslatedField("how_to_apply", required=False)
    how_to_apply_html = TranslatedField("how_to_apply_html", read_only=True)
    is_open = serializers.BooleanField(read_only=True, help_text="Its deadline has not passed.")
    supervisors = people_field()

    class Meta:
        model = Opening
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "description",
            "description_html",
            "how_to_apply",
            "how_to_apply_html",
            "contact",
            "deadline",
            "posted_on",
            "is_open",
            "supervisors",
            *STAMPS,
        ]
        extra_kwargs = {"slug": {"required": False}}


class ActivityFilter(StrictFilterSet):
    person = TextFilter(method="by_person", max_length=80, label="Person slug")
    search = TextFilter(method="search_text", max_length=200, label="Words of the title or text")
    people_field = "people"

    def by_person(self, queryset, name, slug):
        people = Person.objects.visible_to(self.request.user).filter(slug=slug)
        return queryset.filter(**{f"{self.people_field}__in": people}).distinct()

    def search_text(self, queryset, name, value):
        return every_word(queryset, value, ["search_text"])


class ProjectFilter(ActivityFilter):
    year = YearFilter(method="running_in", label="Running in this year")
    kind = django_filters.ChoiceFilter(choices=Project._meta.get_field("kind").choices)
    role = django_filters.ChoiceFilter(choices=Project._meta.get_field("role").choices)

    class Meta:
        model = Project
        fields = ["year", "kind", "role", "person", "search"]

    def running_in(self, queryset, name, year):
        return queryset.running_in(int(year))


class SoftwareFilter(ActivityFilter):
    publication = TextFilter(method="by_publication", max_length=200, label="Publication slug")

    class Meta:
        model = Software
        fields = ["person", "publication", "search"]

    def by_publication(self, queryset, name, slug):
        papers = Publication.objects.visible_to(self.request.user).filter(slug=slug)
        return queryset.filter(publications__in=papers)


class TalkFilter(ActivityFilter):
    year = YearFilter(field_name="date__year")
    kind = django_filters.ChoiceFilter(choices=Talk._meta.get_field("kind").choices)
    people_field = "speakers"

    class Meta:
        model = Talk
        fields = ["year", "kind", "person", "search"]


class CourseFilter(ActivityFilter):
    year = YearFilter()
    level = django_filters.ChoiceFilter(choices=Course._meta.get_field("level").choices)
    people_field = "teachers"

    class Meta:
        model = Course
        fields = ["year", "level", "person", "search"]


class OpeningFilter(ActivityFilter):
    kind = django_filters.ChoiceFilter(choices=Opening._meta.get_field("kind").choices)
    people_field = "supervisors"

    class Meta:
        model = Opening
        fields = ["kind", "person", "search"]


def visible_people(user, *names):
    people = Person.objects.visible_to(user).only("pk", "slug")
    return [Prefetch(name, queryset=people) for name in names]


def visible_papers(user):
    return Prefetch("publications", queryset=Publication.objects.visible_to(user).only("pk", "slug"))


class ProjectViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """The lab's projects and grants, in the lab's order; drafts only for staff."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self):
        user = self.request.user
        return (
            Project.objects.visible_to(user)
            .select_related("principal_investigator")
            .prefetch_related(
                *visible_people(user, "people"),
                visible_papers(user),
                Prefetch("achievements", queryset=Achievement.objects.visible_to(user).only("pk")),
            )
        )


class SoftwareViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Software the lab releases, with its repository's figures as last refreshed."""

    serializer_class = SoftwareSerializer
    filterset_class = SoftwareFilter

    def get_queryset(self):
        user = self.request.user
        return Software.objects.visible_to(user).prefetch_related(
            *visible_people(user, "people"),
            visible_papers(user),
            Prefetch("achievements", queryset=Achievement.objects.visible_to(user).only("pk")),
        )


class TalkViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Talks given by the lab's people, newest first."""

    serializer_class = TalkSerializer
    filterset_class = TalkFilter

    def get_queryset(self):
        user = self.request.user
        return Talk.objects.visible_to(user).prefetch_related(
            *visible_people(user, "speakers"), visible_papers(user)
        )


class CourseViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Courses taught by the lab's people, a term each, newest first."""

    serializer_class = CourseSerializer
    filterset_class = CourseFilter

    def get_queryset(self):
        return Course.objects.visible_to(self.request.user).prefetch_related(
            *visible_people(self.request.user, "teachers")
        )


class OpeningViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Open positions; one past its deadline only for staff."""

    serializer_class = OpeningSerializer
    filterset_class = OpeningFilter

    def get_queryset(self):
        user = self.request.user
        openings = Opening.objects.visible_to(user).prefetch_related(*visible_people(user, "supervisors"))
        return openings if sees_drafts(user) else openings.open(timezone.localdate())


router.register("projects", ProjectViewSet, basename="project")
router.register("software", SoftwareViewSet, basename="software")
router.register("talks", TalkViewSet, basename="talk")
router.register("courses", CourseViewSet, basename="course")
router.register("openings", OpeningViewSet, basename="opening")
