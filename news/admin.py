from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from accounts.admin_mixins import ScopedAdmin
from portal.admin import publish, unpublish

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["date", "date_precision", "__str__", "is_published"]
    list_filter = ["is_published", "date"]
    date_hierarchy = "date"
    search_fields = ["title_en", "title_zh_hans", "body_en", "body_zh_hans", "slug"]
    autocomplete_fields = ["publications", "people", "achievements"]
    actions = [publish, unpublish]
    fields = [
        ("date", "date_precision"), "slug", "title_en", "title_zh_hans", "body_en", "body_zh_hans", "image",
        "publications", "people", "achievements", "is_published",
    ]  # fmt: skip
