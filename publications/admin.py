from django.contrib import admin
from django.db import connections
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from accounts.admin_mixins import ScopedAdmin, ScopedInline
from portal.admin import publish, unpublish
from portal.admin_lists import LargeTableAdmin, YearFilter

from .exporters import EXPORT_FORMATS, export_publications
from .filters import text_search
from .forms import AuthorshipForm, AuthorshipFormSet, PublicationAdminForm
from .models import Authorship, Award, AwardKind, Collection, CollectionEntry, Publication, Venue


def export_action(format: str):
    def action(modeladmin, request, queryset):
        _writer, content_type, suffix = EXPORT_FORMATS[format]
        text = export_publications(
            Publication.objects.filter(pk__in=queryset.values("pk")).with_authors(), format
        )
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="publications.{suffix}"'
        return response

    action.__name__ = f"export_{format}"
    return admin.action(description=EXPORT_LABELS[format])(action)


EXPORT_LABELS = {
    "bibtex": _("Export the selected publications as BibTeX"),
    "ris": _("Export the selected publications as RIS"),
    "csljson": _("Export the selected publications as CSL-JSON"),
}
EXPORT_ACTIONS = [export_action(format) for format in EXPORT_FORMATS]


class AwardFilter(admin.SimpleListFilter):
    """Papers by the kind of award they received, named as the site names them."""

    title = _("award")
    parameter_name = "award"

    def lookups(self, request, model_admin):
        return AwardKind.choices

    def queryset(self, request, queryset):
        if self.value() in AwardKind.values:
            return queryset.filter(awards__kind=self.value()).distinct()
        return queryset


@admin.register(Venue)
class VenueAdmin(ScopedAdmin):
    list_display = ["acronym", "name", "kind", "ccf_rank", "dblp_key"]
    list_filter = ["kind", "ccf_rank"]
    search_fields = ["acronym", "name", "dblp_key"]


class AuthorshipInline(ScopedInline, admin.TabularInline):
    model = Authorship
    form = AuthorshipForm
    formset = AuthorshipFormSet
    extra = 1
    ordering = ["position"]
    autocomplete_fields = ["person"]
    fields = ["position", "name", "person", "is_corresponding", "is_equal_contribution", "affiliation"]


class AwardInline(ScopedInline, TranslationTabularInline):
    model = Award
    extra = 0
    autocomplete_fields = ["honor"]  # the honour this award is, when it is listed among honours


@admin.register(Publication)
class PublicationAdmin(ScopedAdmin, LargeTableAdmin, TranslationAdmin):
    form = PublicationAdminForm
    list_display = ["title", "year", "kind", "venue_label", "ccf_rank", "featured", "is_published"]
    list_display_links = ["title"]
    list_filter = [
        YearFilter,
        "kind",
        "status",
        ("venue__ccf_rank", admin.AllValuesFieldListFilter),
        AwardFilter,
        "is_published",
        "featured",
        "is_lab_work",
        "research_areas",
    ]
    list_select_related = ["venue"]
    search_fields = ["title_en", "title_zh_hans", "authorships__name", "doi", "venue__acronym", "venue_text"]
    autocomplete_fields = ["venue", "research_areas"]
    inlines = [AuthorshipInline, AwardInline]
    actions = [publish, unpublish, *EXPORT_ACTIONS]
    readonly_fields = [
        "created_at",
        "updated_at",
        "cited_by_count",
        "citations_by_year",
        "citations_refreshed_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["title_en", "title_zh_hans", "slug", "kind", "status", "is_published", "featured"]},
        ),
        (
            _("Where and when"),
            {
                "fields": [
                    "venue",
                    "venue_text",
                    "ccf_rank_printed",
                    "year",
                    "date",
                    "volume",
                    "issue",
                    "pages",
                    "publisher",
                ]
            },
        ),
        (_("Identifiers"), {"fields": ["doi", "arxiv_id", "dblp_key", "openalex_id"]}),
        (
            _("Links and files"),
            {
                "fields": [
                    "url",
                    "pdf",
                    "pdf_url",
                    "teaser",
                    "teaser_caption_en",
                    "teaser_caption_zh_hans",
                    "code_url",
                    "slides_url",
                    "poster_url",
                    "video_url",
                    "project_url",
                    "citation_url",
                ]
            },
        ),
        (
            _("Content"),
            {
                "fields": [
                    "abstract_en",
                    "abstract_zh_hans",
                    "institutions",
                    "note_en",
                    "note_zh_hans",
                    "keywords",
                    "language",
                    "research_areas",
                ]
            },
        ),
        (
            _("Record"),
            {
                "fields": [
                    "is_lab_work",
                    "cited_by_count",
                    "citations_by_year",
                    "citations_refreshed_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, the site's search (publications.search: every word in the titles, abstracts,
        authors, venue, DOI or areas, from one indexed column) instead of one join per field."""
        if search_term.strip() and connections[queryset.db].vendor == "postgresql":
            return text_search(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("venue"), ordering="venue__acronym")
    def venue_label(self, obj):
        return obj.venue_label

    @admin.display(description=_("CCF rank"))
    def ccf_rank(self, obj):
        return obj.ccf_rank or "—"


class CollectionEntryInline(ScopedInline, TranslationTabularInline):
    model = CollectionEntry
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["publication"]
    fields = ["position", "section", "publication", "is_highlighted", "comment"]


@admin.register(Collection)
class CollectionAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["title", "slug", "order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [CollectionEntryInline]
    actions = [publish, unpublish]
