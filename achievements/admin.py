from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from accounts.admin_mixins import ScopedAdmin, ScopedInline
from portal.admin import image_preview, publish, unpublish

from .models import Achievement, AchievementFigure, AchievementLink


class LinkInline(ScopedInline, TranslationTabularInline):
    model = AchievementLink
    extra = 0


class FigureInline(ScopedInline, TranslationStackedInline):
    model = AchievementFigure
    extra = 0
    readonly_fields = ["preview"]
    fields = ["order", "image", "preview", "caption", "alt_text"]
    preview = image_preview("image", size=240)


@admin.register(Achievement)
class AchievementAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["title", "short_name", "year", "order", "in_report", "featured", "is_published"]
    list_editable = ["order", "in_report"]
    list_filter = ["year", "is_published", "in_report", "featured", "research_areas"]
    search_fields = ["title_en", "title_zh_hans", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["people", "publications", "research_areas"]
    inlines = [LinkInline, FigureInline]
    actions = [publish, unpublish]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "year",
                    "order",
                    "short_name",
                    "slug",
                    "title_en",
                    "title_zh_hans",
                    "in_report",
                    "featured",
                    "is_published",
                ]
            },
        ),
        (None, {"fields": ["summary_en", "summary_zh_hans", "body_en", "body_zh_hans"]}),
        (None, {"fields": ["people", "publications", "research_areas"]}),
    ]
