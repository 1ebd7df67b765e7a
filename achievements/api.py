from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from accounts.api import RoleWriteMixin
from people.models import Person, ResearchArea
from portal.api import (
    ConditionalReadMixin,
    StrictModelSerializer,
    StrictSlugRelatedField,
    TranslatedField,
    require_some_language,
    router,
)
from portal.cache import content_version
from portal.filters import BooleanFilter, StrictFilterSet, TextFilter, YearFilter, every_word
from publications.models import Publication

from .models import Achievement, AchievementFigure, AchievementLink
from .report import annual_report


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


class AchievementViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """The lab's annual report (年度成果), newest year first."""

    serializer_class = AchievementSerializer
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


# -- the annual report --------------------------------------------------------------------------------
class Languages(serializers.DictField):
    """A text in both languages: {"en": "…", "zh-hans": "…"}."""

    child = serializers.CharField(allow_blank=True)


def languages(obj, field: str) -> dict:
    return {code: getattr(obj, f"{field}_{code.replace('-', '_')}", "") or "" for code in ("en", "zh-hans")}


class ReportFiguresSerializer(serializers.Serializer):
    papers = serializers.IntegerField()
    by_rank = serializers.DictField(child=serializers.IntegerField(), help_text='"A", "B", "C", "none"')
    best_paper_awards = serializers.IntegerField()
    citations = serializers.IntegerField(allow_null=True, help_text="Gained in the year, where known.")
    citations_known = serializers.IntegerField(help_text="Papers whose citations by year are known.")
    joined = serializers.IntegerField()
    left = serializers.IntegerField()
    projects = serializers.IntegerField(help_text="Running in the year.")
    new_projects = serializers.IntegerField()
    talks = serializers.IntegerField()


class ReportFigureSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Numbered through the whole report.")
    image = serializers.CharField(help_text="Address of the image.")
    caption = Languages()


class ReportAchievementSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="成果1, 成果2… in the lab's order.")
    slug = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    title = Languages()
    summary_html = Languages()
    body_html = Languages()
    figures = ReportFigureSerializer(many=True)
    publications = serializers.ListField(child=serializers.CharField(), help_text="Slugs.")
    people = serializers.ListField(child=serializers.CharField(), help_text="Slugs.")


class ReportPaperSerializer(serializers.Serializer):
    code = serializers.CharField(
        allow_blank=True, help_text="[C33] in the lab's whole list, without brackets."
    )
    slug = serializers.CharField()
    title = Languages()
    authors = serializers.ListField(child=serializers.CharField())
    venue = serializers.CharField(allow_blank=True)
    ccf_rank = serializers.CharField(allow_blank=True)
    awards = serializers.ListField(child=serializers.CharField())


class ReportGroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    count = serializers.IntegerField()
    by_rank = serializers.DictField(child=serializers.IntegerField())
    papers = ReportPaperSerializer(many=True)


class ReportHonorSerializer(serializers.Serializer):
    title = Languages()
    person = serializers.CharField(allow_null=True, help_text="Slug; null for the lab's own.")
    awarding_body = serializers.CharField(allow_blank=True)


class ReportStintSerializer(serializers.Serializer):
    person = serializers.CharField()
    role = serializers.CharField()
    start = serializers.CharField(allow_blank=True)
    end = serializers.CharField(allow_blank=True)


class ReportNewsSerializer(serializers.Serializer):
    slug = serializers.CharField()
    date = serializers.CharField()
    title = Languages()
    body_html = Languages()


class ReportProjectSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = Languages()
    funder = Languages()
    programme = Languages()
    grant_number = serializers.CharField(allow_blank=True)
    role = serializers.CharField()
    start_on = serializers.DateField(allow_null=True)
    end_on = serializers.DateField(allow_null=True)
    is_new = serializers.BooleanField(help_text="Begun in the report's year.")


class ReportSoftwareSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    repository = serializers.CharField(allow_blank=True)
    last_release = serializers.CharField(allow_blank=True)
    stars = serializers.IntegerField(allow_null=True)


class ReportTalkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    date = serializers.DateField()
    title = Languages()
    kind = serializers.CharField()
    event = Languages()
    speakers = serializers.ListField(child=serializers.CharField(), help_text="Slugs.")


class ReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    lab = Languages(help_text="The lab's name.")
    figures = ReportFiguresSerializer()
    achievements = ReportAchievementSerializer(many=True)
    publications = ReportGroupSerializer(many=True)
    honors = ReportHonorSerializer(many=True)
    joined = ReportStintSerializer(many=True)
    left = ReportStintSerializer(many=True)
    news = ReportNewsSerializer(many=True)
    projects = ReportProjectSerializer(many=True, help_text="Projects running in the year.")
    software = ReportSoftwareSerializer(many=True, help_text="Software released in the year.")
    talks = ReportTalkSerializer(many=True)
    pdf = serializers.CharField(help_text="The report as a PDF (English; /zh-hans/… for Chinese).")
    docx = serializers.CharField(help_text="The report as a Word document.")


def report_data(report, request) -> dict:
    from django.urls import reverse
    from django.utils import translation

    def image_url(figure) -> str:
        return request.build_absolute_uri(figure.image.url) if figure.image else ""

    def stint(membership) -> dict:
        return {"person": membership.person.slug, "role": membership.role, "start": membership.start_label,
                "end": membership.end_label}  # fmt: skip

    with translation.override("en"):
        pdf = request.build_absolute_uri(reverse("achievements:report-pdf", args=[report.year]))
        docx = request.build_absolute_uri(reverse("achievements:report-docx", args=[report.year]))
    return {
        "year": report.year,
        "lab": languages(report.lab, "name") if report.lab else {"en": "", "zh-hans": ""},
        "figures": {
            "papers": report.papers,
            "by_rank": dict(report.rank_rows),
            "best_paper_awards": report.best_papers,
            "citations": report.citations,
            "citations_known": report.citations_known,
            "joined": len(report.joined),
            "left": len(report.left),
            "projects": len(report.projects),
            "new_projects": report.new_projects,
            "talks": len(report.talks),
        },  # fmt: skip
        "achievements": [
            {
                "number": item.number,
                "slug": item.achievement.slug,
                "short_name": item.achievement.short_name,
                "title": languages(item.achievement, "title"),
                "summary_html": languages(item.achievement, "summary_html"),
                "body_html": languages(item.achievement, "body_html"),
                "figures": [
                    {
                        "number": f.number,
                        "image": image_url(f.figure),
                        "caption": languages(f.figure, "caption"),
                    }
                    for f in item.figures
                ],
                "publications": [paper.slug for paper in item.papers],
                "people": [person.slug for person in item.people],
            }
            for item in report.achievements
        ],  # fmt: skip
        "publications": [
            {
                "kind": group.kind,
                "count": len(group.papers),
                "by_rank": dict(group.by_rank),
                "papers": [
                    {
                        "code": code,
                        "slug": paper.slug,
                        "title": languages(paper, "title"),
                        "authors": [a.name for a in paper.authorships.all()],
                        "venue": paper.venue_label,
                        "ccf_rank": paper.ccf_rank,
                        "awards": [str(award) for award in paper.awards.all()],
                    }
                    for code, paper in group.papers
                ],
            }
            for group in report.groups
        ],  # fmt: skip
        "honors": [
            {
                "title": languages(h, "title"),
                "person": h.person.slug if h.person_id else None,
                "awarding_body": h.awarding_body,
            }
            for h in report.honors
        ],  # fmt: skip
        "joined": [stint(m) for m in report.joined],
        "left": [stint(m) for m in report.left],
        "news": [
            {
                "slug": n.slug,
                "date": n.date_label,
                "title": languages(n, "title"),
                "body_html": languages(n, "body_html"),
            }
            for n in report.news
        ],  # fmt: skip
        "projects": [
            {
                "slug": p.slug,
                "title": languages(p, "title"),
                "funder": languages(p, "funder"),
                "programme": languages(p, "programme"),
                "grant_number": p.grant_number,
                "role": p.role,
                "start_on": p.start_on,
                "end_on": p.end_on,
                "is_new": p.is_new,
            }
            for p in report.projects
        ],
        "software": [
            {
                "slug": s.slug,
                "name": s.name,
                "repository": s.repository,
                "last_release": s.last_release,
                "stars": s.stars,
            }
            for s in report.software
        ],
        "talks": [
            {
                "slug": t.slug,
                "date": t.date,
                "title": languages(t, "title"),
                "kind": t.kind,
                "event": languages(t, "event"),
                "speakers": [person.slug for person in t.speakers.all()],
            }
            for t in report.talks
        ],  # fmt: skip
        "pdf": pdf,
        "docx": docx,
    }


class ReportViewSet(ConditionalReadMixin, viewsets.ViewSet):
    """The annual report (年度成果报告) of a year: the numbered achievements, the year's papers by kind
    and CCF rank with their codes, honours, people who joined and left, news and the year's figures."""

    lookup_field = "year"
    lookup_value_regex = "[^/]+"

    @extend_schema(
        parameters=[OpenApiParameter("year", {"type": "integer", "minimum": 1900, "maximum": 2100},
                                     OpenApiParameter.PATH)],
        responses={200: ReportSerializer},
    )  # fmt: skip
    def retrieve(self, request, year=None):
        from django.http import Http404

        if not (str(year).isascii() and str(year).isdigit() and 1900 <= int(year) <= 2100):
            raise Http404
        report = annual_report(int(year), request.user, content_version(request._request))
        if not report.achievements and not report.papers:
            raise Http404
        return Response(ReportSerializer(report_data(report, request)).data)


router.register("reports", ReportViewSet, basename="report")
