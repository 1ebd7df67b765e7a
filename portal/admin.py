import reversion
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from accounts.admin_mixins import ScopedAdmin

from .content import bump_content_version_on_commit
from .models import Lab, SearchSynonyms

admin.site.site_header = _("Lab portal administration")
admin.site.site_title = _("Lab portal")
admin.site.index_title = _("Content")
admin.site.enable_nav_sidebar = False  # the author table needs the width


def record_in_history(queryset) -> None:
    """update() sends no signals: the records it changed join the request's revision by hand."""
    if reversion.is_active():
        for obj in queryset.model._default_manager.filter(pk__in=queryset.values("pk")):
            reversion.add_to_revision(obj)


@admin.action(description=_("Publish the selected records"), permissions=["publish"])
def publish(modeladmin, request, queryset):
    count = queryset.update(is_published=True)
    bump_content_version_on_commit()
    record_in_history(queryset)
    modeladmin.message_user(
        request, ngettext("%d record published.", "%d records published.", count) % count, messages.SUCCESS
    )


@admin.action(description=_("Unpublish the selected records (make them drafts)"), permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    count = queryset.update(is_published=False)
    bump_content_version_on_commit()
    record_in_history(queryset)
    modeladmin.message_user(
        request,
        ngettext("%d record made a draft.", "%d records made drafts.", count) % count,
        messages.SUCCESS,
    )


def image_preview(field_name: str, size: int = 120):
    """A read-only admin field showing the image in `field_name` as a thumbnail.

    Assign the result as a ModelAdmin (or inline) attribute and list its name in `readonly_fields`.
    """

    @admin.display(description=_("preview"))
    def preview(modeladmin, obj):
        image = getattr(obj, field_name, None)
        if not image:
            return "—"
        return format_html('<img src="{}" alt="" class="admin-preview" width="{}">', image.url, size)

    return preview


@admin.register(SearchSynonyms)
class SearchSynonymsAdmin(ScopedAdmin):
    list_display = ["terms"]
    search_fields = ["terms"]


@admin.register(Lab)
class LabAdmin(ScopedAdmin, TranslationAdmin):
    fieldsets = [
        (None, {"fields": ["name_en", "name_zh_hans", "short_name", "tagline_en", "tagline_zh_hans"]}),
        (_("Where"), {"fields": ["affiliation_en", "affiliation_zh_hans", "address_en", "address_zh_hans"]}),
        (_("About"), {"fields": ["about_en", "about_zh_hans"]}),
        (_("Contact"), {"fields": ["email", "phone", "logo", "logo_preview"]}),
        (
            _("Home page picture"),
            {"fields": ["banner", "banner_preview", "banner_caption_en", "banner_caption_zh_hans"]},
        ),
    ]
    readonly_fields = ["logo_preview", "banner_preview"]
    logo_preview = image_preview("logo")
    banner_preview = image_preview("banner")

    def has_add_permission(self, request):
        return not Lab.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
