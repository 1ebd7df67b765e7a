from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from accounts.admin_mixins import ScopedAdmin
from portal.admin import image_preview, publish, unpublish

from .models import Course, Opening, Project, Software, Talk


class ActivityAdmin(ScopedAdmin, TranslationAdmin):
    actions = [publish, unpublish]
    list_filter = ["is_published"]


@admin.register(Project)
class ProjectAdmin(ActivityAdmin):
    list_display = ["title", "kind", "funder", "grant_number", "role", "years", "order", "is_published"]
    list_editable = ["order"]
    list_filter = ["kind", "role", "is_published"]
    search_fields = ["title_en", "title_zh_hans", "short_name", "grant_number", "funder_en", "funder_zh_hans"]
    autocomplete_fields = ["principal_investigator", "people", "publications", "achievements"]
    readonly_fields = ["preview"]
    preview = image_preview("image", size=240)
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title_en",
                    "title_zh_hans",
                    "short_name",
                    "slug",
                    "kind",
                    "funder_en",
                    "funder_zh_hans",
                    "programme_en",
                    "programme_zh_hans",
                    "grant_number",
                    "role",
                    "principal_investigator",
                    ("start_on", "end_on"),
                    "amount_en",
                    "amount_zh_hans",
                    "show_amount",
                    "url",
                    "order",
                    "is_published",
                ]
            },
        ),
        (None, {"fields": ["summary_en", "summary_zh_hans", "image", "preview"]}),
        (None, {"fields": ["people", "publications", "achievements"]}),
    ]


@admin.register(Software)
class SoftwareAdmin(ActivityAdmin):
    list_display = [
        "name",
        "repository",
        "licence",
        "stars",
        "forks",
        "last_release",
        "order",
        "is_published",
    ]
    list_editable = ["order"]
    search_fields = ["name", "tagline_en", "tagline_zh_hans", "repository"]
    autocomplete_fields = ["people", "publications", "achievements"]
    readonly_fields = [
        "stars",
        "forks",
        "last_release",
        "last_release_on",
        "figures_checked_at",
        "figures_problem",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "tagline_en",
                    "tagline_zh_hans",
                    "repository",
                    "homepage",
                    "licence",
                    "language",
                    "year",
                    "order",
                    "is_published",
                ]
            },
        ),
        (None, {"fields": ["description_en", "description_zh_hans"]}),
        (None, {"fields": ["people", "publications", "achievements"]}),
        (
            None,
            {
                "fields": [
                    "stars",
                    "forks",
                    "last_release",
                    "last_release_on",
                    "figures_checked_at",
                    "figures_problem",
                ]
            },
        ),
    ]


@admin.register(Talk)
class TalkAdmin(ActivityAdmin):
    list_display = ["date", "title", "kind", "event", "is_published"]
    list_filter = ["kind", "is_published", "date"]
    date_hierarchy = "date"
    search_fields = ["title_en", "title_zh_hans", "event_en", "event_zh_hans", "slug"]
    autocomplete_fields = ["speakers", "publications"]
    fields = [
        "title_en",
        "title_zh_hans",
        "slug",
        "kind",
        "date",
        "event_en",
        "event_zh_hans",
        "place_en",
        "place_zh_hans",
        "url",
        "slides_url",
        "video_url",
        "abstract_en",
        "abstract_zh_hans",
        "speakers",
        "publications",
        "is_published",
    ]


@admin.register(Course)
class CourseAdmin(ActivityAdmin):
    list_display = ["title", "code", "year", "season", "level", "is_published"]
    list_filter = ["level", "year", "is_published"]
    search_fields = ["title_en", "title_zh_hans", "code", "slug"]
    autocomplete_fields = ["teachers"]
    fields = [
        "title_en",
        "title_zh_hans",
        "code",
        "slug",
        "level",
        ("year", "season"),
        "institution_en",
        "institution_zh_hans",
        "url",
        "description_en",
        "description_zh_hans",
        "teachers",
        "is_published",
    ]


@admin.register(Opening)
class OpeningAdmin(ActivityAdmin):
    list_display = ["title", "kind", "deadline", "posted_on", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    autocomplete_fields = ["supervisors"]
    fields = [
        "title_en",
        "title_zh_hans",
        "slug",
        "kind",
        ("posted_on", "deadline"),
        "contact",
        "description_en",
        "description_zh_hans",
        "how_to_apply_en",
        "how_to_apply_zh_hans",
        "supervisors",
        "is_published",
    ]
