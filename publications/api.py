import hashlib

import django_filters
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import renderers, serializers, viewsets
from rest_framework.response import Response

from accounts.api import RoleWriteMixin
from people.models import Person, ResearchArea
from portal.api import (
    ConditionalReadMixin,
    StrictCharField,
    StrictIntegerField,
    StrictModelSerializer,
    StrictSlugRelatedField,
    TranslatedField,
    require_some_language,
    router,
    unique_normalised,
)
from portal.cache import FRAGMENT_SECONDS, content_version
from portal.filters import BooleanFilter, IdFilter, StrictFilterSet, TextFilter, YearFilter
from portal.validators import normalise_doi
from portal.visibility import audience as audience_of
from portal.visibility import sees_drafts

from .exporters.bibtex import publications_bibtex
from .exporters.csl import publications_csl
from .filters import PublicationFilter
from .models import Authorship, Award, Collection, CollectionEntry, Publication, Venue

BIBTEX = "application/x-bibtex"
CSL_JSON = "application/vnd.citationstyles.csl+json"


class BibTeXRenderer(renderers.BaseRenderer):
    media_type = BIBTEX
    format = "bibtex"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str):
            return (data or "% No publications match.\n").encode()
        # An error answered to a BibTeX client: the JSON message as BibTeX comment lines.
        text = renderers.JSONRenderer().render(data, "application/json").decode()
        return "".join(f"% {line}\n" for line in text.splitlines()).encode()


class CSLJSONRenderer(renderers.JSONRenderer):
    media_type = CSL_JSON
    format = "csljson"


class VenueSerializer(StrictModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "acronym", "kind", "ccf_rank", "ccf_category", "dblp_key", "publisher", "url"]


class VenueBriefSerializer(StrictModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "acronym", "name", "kind", "ccf_rank"]


class AuthorshipSerializer(StrictModelSerializer):
    position = StrictIntegerField(
        min_value=1,
        max_value=32767,
        required=False,
        help_text="1 for the first author; numbered in order if left out.",
    )
    person = StrictSlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), allow_null=True, required=False,
        help_text="The lab member this author is, by slug.",
    )  # fmt: skip

    class Meta:
        model = Authorship
        fields = ["position", "name", "person", "is_corresponding", "is_equal_contribution", "affiliation"]

    def to_representation(self, authorship):
        data = super().to_representation(authorship)
        request = self.context.get("request")
        person = authorship.person if authorship.person_id else None
        if person and not (person.is_published or (request and sees_drafts(request.user))):
            data["person"] = None
        return data


class AwardSerializer(StrictModelSerializer):
    label = TranslatedField("label", required=False)

    class Meta:
        model = Award
        fields = ["kind", "label", "order"]


class PublicationSerializer(StrictModelSerializer):
    title = TranslatedField("title")
    abstract = TranslatedField("abstract", required=False)
    abstract_html = TranslatedField("abstract_html", read_only=True)
    note = TranslatedField("note", required=False)
    venue = VenueBriefSerializer(read_only=True, allow_null=True)
    venue_id = serializers.PrimaryKeyRelatedField(
        source="venue", queryset=Venue.objects.all(), allow_null=True, required=False, write_only=True
    )
    ccf_rank = serializers.CharField(
        read_only=True, help_text="As printed by the lab, else the venue's rank."
    )
    keywords = serializers.ListField(child=StrictCharField(max_length=100), required=False)
    research_areas = StrictSlugRelatedField(
        slug_field="slug", many=True, queryset=ResearchArea.objects.all(), required=False
    )
    authorships = AuthorshipSerializer(many=True, required=False)
    awards = AwardSerializer(many=True, required=False)
    pdf = serializers.FileField(read_only=True)
    teaser = serializers.ImageField(read_only=True, help_text="The teaser figure as uploaded.")
    teaser_caption = TranslatedField("teaser_caption", required=False)
    page = serializers.SerializerMethodField(help_text="The paper's page on the site (English).")

    class Meta:
        model = Publication
        fields = [
            "id", "slug", "title", "kind", "status", "venue", "venue_id", "venue_text", "ccf_rank",
            "ccf_rank_printed", "year", "date", "volume", "issue", "pages", "publisher", "doi", "arxiv_id",
            "url", "pdf", "pdf_url", "teaser", "teaser_caption", "code_url", "slides_url", "poster_url",
            "video_url", "project_url",
            "citation_url", "abstract", "abstract_html", "note", "institutions", "language", "keywords",
            "research_areas", "authors_cut_short", "featured", "is_lab_work", "openalex_id", "dblp_key",
            "cited_by_count", "citations_by_year", "citations_refreshed_at", "is_published", "authorships",
            "awards", "page", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["citations_refreshed_at", "citations_by_year"]
        extra_kwargs = {
            "slug": {"required": False},
            "year": {"min_value": 1900, "max_value": 2100},
        }

    def get_page(self, publication) -> str:
        request = self.context.get("request")
        url = publication.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def validate_doi(self, value):
        return unique_normalised(self, "doi", value, normalise_doi, "Another publication has this DOI.")

    def validate_authorships(self, authorships):
        """Positions as the admin numbers them: given ones kept, blank ones after, all unique and ≥ 1."""
        given = [a["position"] for a in authorships if a.get("position")]
        if len(given) != len(set(given)):
            raise serializers.ValidationError("Two authors have the same position.")
        following = max(given, default=0)
        for authorship in authorships:
            if not authorship.get("position"):
                following += 1
                authorship["position"] = following
        return sorted(authorships, key=lambda a: a["position"])

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "title")
        return attrs

    def save_children(self, publication, authorships, awards):
        if authorships is not None:
            publication.authorships.all().delete()
            Authorship.objects.bulk_create(Authorship(publication=publication, **a) for a in authorships)
        if awards is not None:
            publication.awards.all().delete()
            Award.objects.bulk_create(Award(publication=publication, **a) for a in awards)

    @transaction.atomic
    def create(self, validated_data):
        authorships = validated_data.pop("authorships", None)
        awards = validated_data.pop("awards", None)
        publication = super().create(validated_data)
        self.save_children(publication, authorships, awards)
        return publication

    @transaction.atomic
    def update(self, publication, validated_data):
        authorships = validated_data.pop("authorships", None)
        awards = validated_data.pop("awards", None)
        publication = super().update(publication, validated_data)
        self.save_children(publication, authorships, awards)
        return publication


class PublicationApiFilter(StrictFilterSet, PublicationFilter):
    # By id and slug, matching nothing when no such venue or person exists (the site offers choices).
    venue = IdFilter(field_name="venue_id", label="Venue id")
    author = TextFilter(method="by_author_slug", max_length=80, label="Author (person slug)")
    area = TextFilter(field_name="research_areas__slug", max_length=80, label="Research area slug")
    search = TextFilter(method="search", max_length=200, label="Text search (as q)")
    year_min = YearFilter(field_name="year", lookup_expr="gte")
    year_max = YearFilter(field_name="year", lookup_expr="lte")
    featured = BooleanFilter()
    lab_work = BooleanFilter(field_name="is_lab_work", label="The lab's own work")
    ordering = django_filters.OrderingFilter(
        fields=[("year", "year"), ("title_en", "title"), ("created_at", "created"), ("updated_at", "updated"),
                ("cited_by_count", "cited_by")],
    )  # fmt: skip

    class Meta(PublicationFilter.Meta):
        fields = [*PublicationFilter.Meta.fields, "search", "year_min", "year_max", "featured", "lab_work"]

    def by_author_slug(self, queryset, name, slug):
        people = Person.objects.visible_to(self.request.user).filter(slug=slug)
        return queryset.filter(
            Exists(Authorship.objects.filter(publication=OuterRef("pk"), person__in=people))
        )


@extend_schema_view(
    list=extend_schema(
        description="The lab's publications (and reading-list papers), newest first. JSON, BibTeX "
        "(`Accept: application/x-bibtex` or `?format=bibtex`) or CSL-JSON (`?format=csljson`)."
    ),
    retrieve=extend_schema(description="One publication, by slug; also as BibTeX or CSL-JSON."),
)
class PublicationViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    serializer_class = PublicationSerializer
    lookup_field = "slug"
    filterset_class = PublicationApiFilter
    renderer_classes = [renderers.JSONRenderer, BibTeXRenderer, CSLJSONRenderer]

    def get_queryset(self):
        return (
            Publication.objects.visible_to(self.request.user)
            .with_authors()
            .prefetch_related(Prefetch("research_areas", queryset=ResearchArea.objects.only("pk", "slug")))
        )

    def get_renderers(self):
        # BibTeX and CSL-JSON are renditions of reads; writes answer in JSON.
        if self.action in ("create", "update", "partial_update", "destroy"):
            return [renderers.JSONRenderer()]
        return super().get_renderers()

    def rendition(self, publications):
        if self.request.accepted_renderer.format == "bibtex":
            return publications_bibtex(publications)
        return publications_csl(publications)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "json":
            # The whole page of the list, kept per content version like its items: a client paging
            # through the lab's papers costs no count, no filtering and no serialising until a change.
            # Only an address of parameters the list reads is kept: one with others (`?utm_source=…`) is
            # answered but not kept, so unique query strings cannot fill the shared cache.
            key = self.cache_key("list", request.get_full_path()) if self.reads_only_known(request) else None
            kept = cache.get(key) if key else None
            if kept is not None:
                return Response(kept["data"], headers=kept["headers"])
            ids = (
                self.filter_queryset(self.get_queryset()).prefetch_related(None).values_list("pk", flat=True)
            )
            page = self.paginate_queryset(ids)
            response = self.get_paginated_response(self.representations(list(page)))
            if key:
                cache.set(key, {"data": response.data, "headers": dict(response.items())}, FRAGMENT_SECONDS)
            return response
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        response = Response(self.rendition(page if page is not None else queryset))
        if page is not None:
            paginator = self.paginator
            response["X-Total-Count"] = str(paginator.page.paginator.count)
            links = [(paginator.get_next_link(), "next"), (paginator.get_previous_link(), "prev")]
            response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url) or None
            if response["Link"] is None:
                del response["Link"]
        return response

    def reads_only_known(self, request) -> bool:
        paginator = self.paginator
        known = {*self.filterset_class.base_filters, paginator.page_query_param, "format"}
        known.add(paginator.page_size_query_param)
        return set(request.query_params) <= known

    def representations(self, ids):
        """The JSON of these publications in this order, each serialised once per content version and
        audience (staff see draft people's slugs) and kept in the cache: a list then loads only the ids of
        its page, and the rows, authors and awards of papers not serialised since the last change."""
        keys = {pk: self.cache_key("publication", pk) for pk in ids}
        found = cache.get_many(keys.values())
        missing = [pk for pk in ids if keys[pk] not in found]
        if missing:
            fresh = self.get_serializer(self.get_queryset().filter(pk__in=missing), many=True).data
            fresh = {keys[item["id"]]: item for item in fresh}
            cache.set_many(fresh, FRAGMENT_SECONDS)  # as the site's entries; the version makes them stale
            found.update(fresh)
        return [found[keys[pk]] for pk in ids]

    def cache_key(self, kind: str, what) -> str:
        """A key for JSON kept per content version, audience (staff see draft people's slugs) and the
        address the API is reached at (its links are absolute)."""
        request = self.request
        audience = audience_of(request.user)
        where = f"{request.build_absolute_uri('/')}|{what}"
        digest = hashlib.blake2b(where.encode(), digest_size=12).hexdigest()
        return f"api:{kind}:{content_version(request._request)}:{audience}:{digest}"

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "json":
            return super().retrieve(request, *args, **kwargs)
        return Response(self.rendition([self.get_object()]))


class VenueFilter(StrictFilterSet):
    kind = TextFilter()
    ccf_rank = django_filters.ChoiceFilter(choices=[("A", "A"), ("B", "B"), ("C", "C")])
    search = TextFilter(method="search_text", max_length=200, label="Acronym or name")

    class Meta:
        model = Venue
        fields = ["kind", "ccf_rank", "search"]

    def search_text(self, queryset, name, value):
        return queryset.filter(Q(acronym__iexact=value) | Q(name__icontains=value))


class VenueViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Conferences, journals and other venues, with their CCF rank (the CCF list is shipped)."""

    serializer_class = VenueSerializer
    filterset_class = VenueFilter
    queryset = Venue.objects.order_by("acronym", "name", "id")


class EntryPublicationSerializer(StrictModelSerializer):
    title = TranslatedField("title", read_only=True)
    venue = serializers.CharField(source="venue_label", read_only=True)

    class Meta:
        model = Publication
        fields = ["slug", "title", "year", "venue", "institutions", "url", "code_url", "slides_url"]


class CollectionEntrySerializer(StrictModelSerializer):
    comment = TranslatedField("comment", read_only=True)
    comment_html = TranslatedField("comment_html", read_only=True)
    publication = EntryPublicationSerializer(read_only=True)

    class Meta:
        model = CollectionEntry
        fields = ["position", "section", "is_highlighted", "comment", "comment_html", "publication"]


class CollectionSerializer(StrictModelSerializer):
    title = TranslatedField("title")
    description = TranslatedField("description", required=False)
    description_html = TranslatedField("description_html", read_only=True)
    entries = CollectionEntrySerializer(many=True, read_only=True, help_text="Edited in the admin.")

    class Meta:
        model = Collection
        fields = [
            "slug", "title", "description", "description_html", "order", "is_published", "entries",
            "created_at", "updated_at",
        ]  # fmt: skip

    def validate(self, attrs):
        require_some_language(attrs, self.instance, "title")
        return attrs


class CollectionViewSet(RoleWriteMixin, ConditionalReadMixin, viewsets.ModelViewSet):
    """Curated reading lists: papers by the lab and by others, with highlights and comments."""

    serializer_class = CollectionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        visible = Publication.objects.visible_to(self.request.user)
        entries = (
            CollectionEntry.objects.filter(publication__in=visible)
            .select_related("publication__venue")
            .order_by("position")
        )
        return Collection.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("entries", queryset=entries)
        )


router.register("publications", PublicationViewSet, basename="publication")
router.register("venues", VenueViewSet, basename="venue")
router.register("collections", CollectionViewSet, basename="collection")
