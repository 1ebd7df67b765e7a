from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from portal.admin import image_preview, publish, unpublish

from .models import Honor, Person, PersonAlias, ResearchArea


@admin.register(ResearchArea)
class ResearchAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class HonorInline(TranslationTabularInline):
    model = Honor
    extra = 0


class AlumniFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [("current", _("Current members")), ("alumni", _("Alumni"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "alumni":
            return queryset.alumni()
        return queryset


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "role", "title", "joined_on", "left_on", "display_order", "is_published"]
    list_editable = ["display_order"]
    list_filter = ["role", AlumniFilter, "is_published", "research_areas"]
    search_fields = ["name_en", "name_zh_hans", "slug", "aliases__name", "email", "orcid"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["research_areas"]
    inlines = [AliasInline, HonorInline]
    actions = [publish, unpublish]
    readonly_fields = ["photo_preview", "created_at", "updated_at"]
    photo_preview = image_preview("photo")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name_en",
                    "name_zh_hans",
                    "slug",
                    "role",
                    "title_en",
                    "title_zh_hans",
                    "is_published",
                ]
            },
        ),
        (_("Biography"), {"fields": ["bio_en", "bio_zh_hans", "research_areas"]}),
        (_("Photo"), {"fields": ["photo", "photo_preview"]}),
        (
            _("Contact and identifiers"),
            {
                "fields": [
                    "email",
                    "show_email",
                    "homepage",
                    "orcid",
                    "openalex_id",
                    "google_scholar_id",
                    "dblp",
                    "github",
                ]
            },
        ),
        (
            _("Membership"),
            {
                "fields": [
                    "joined_on",
                    "left_on",
                    "current_position_en",
                    "current_position_zh_hans",
                    "display_order",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
