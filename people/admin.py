from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from accounts import roles
from accounts.admin_mixins import ScopedAdmin, ScopedInline
from accounts.links import create_accounts
from portal.admin import image_preview, publish, unpublish
from portal.validators import WebAddressesField

from .models import Honor, Membership, Person, PersonAlias, ResearchArea, Supervision
from .names import names_of_others


@admin.register(ResearchArea)
class ResearchAreaAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class AliasFormSet(BaseInlineFormSet):
    """A member may not take another person's name as a variant of their own; their new variants wait
    for an editor's confirmation before imports use them (PersonAlias.waits_for_review)."""

    by_editor = True

    def clean(self):
        super().clean()
        if self.by_editor:
            return
        names = [form.cleaned_data["name"] for form in self.forms
                 if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")]  # fmt: skip
        if taken := names_of_others(names, self.instance.pk):
            raise ValidationError(
                _("%(names)s names another person; an editor adds it if it is yours too."),
                params={"names": ", ".join(f"“{name}”" for name in taken)},
            )

    def save_new(self, form, commit=True):
        if not self.by_editor:
            form.instance.waits_for_review = True
        return super().save_new(form, commit=commit)


class AliasInline(ScopedInline, admin.TabularInline):
    model = PersonAlias
    formset = AliasFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type("AliasFormSet", (formset,), {"by_editor": roles.is_editor(request.user)})

    def get_readonly_fields(self, request, obj=None):
        return [] if roles.is_editor(request.user) else ["waits_for_review"]


class HonorInline(ScopedInline, TranslationTabularInline):
    editors_only = True
    model = Honor
    extra = 0
    fields = ["year", "title", "awarding_body", "note", "url", "order", "is_published"]


class MembershipInline(ScopedInline, TranslationTabularInline):
    editors_only = True
    model = Membership
    extra = 0
    fields = [
        "role", "start_on", "start_precision", "end_on", "end_precision", "degree", "destination",
        "destination_url",
    ]  # fmt: skip
    show_change_link = True  # supervisors are set on the stint's own page
    verbose_name_plural = _("Memberships (stints in the lab; role and dates derive from them)")


class StudentInline(ScopedInline, admin.TabularInline):
    """On a supervisor's page: the stints they supervise."""

    editors_only = True
    model = Supervision
    fk_name = "supervisor"
    extra = 0
    autocomplete_fields = ["membership"]
    fields = ["membership", "is_main", "order"]
    verbose_name = _("student supervised")
    verbose_name_plural = _("students supervised")


class SupervisionInline(ScopedInline, admin.TabularInline):
    model = Supervision
    fk_name = "membership"
    extra = 1
    autocomplete_fields = ["supervisor"]
    fields = ["supervisor", "is_main", "order"]


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
class PersonAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["name", "role", "title", "joined_on", "left_on", "display_order", "is_published"]
    list_editable = ["display_order"]
    list_filter = ["role", AlumniFilter, "is_published", "research_areas"]
    search_fields = ["name_en", "name_zh_hans", "slug", "aliases__name", "email", "orcid"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["research_areas"]
    inlines = [MembershipInline, AliasInline, HonorInline, StudentInline]
    actions = [publish, unpublish, create_accounts]
    readonly_fields = ["photo_preview", "joined_on", "left_on", "created_at", "updated_at"]
    photo_preview = image_preview("photo")
    formfield_overrides = {models.JSONField: {"form_class": WebAddressesField}}  # links: one per line
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
                    "arxiv_query",
                    "github",
                    "links",
                ]
            },
        ),
        (
            _("Membership"),
            {
                "fields": ["joined_on", "left_on", "display_order"],
                "description": _("Role and dates derive from the memberships below."),
            },
        ),
        (_("Account"), {"fields": ["user"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    raw_id_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.memberships.exists():
            fields.append("role")  # derived from the stints
        fields += sorted(roles.editor_only_fields(request.user, Person) - set(fields))  # the lab's to set
        if not roles.is_lab_admin(request.user) and "user" not in fields:
            fields.append("user")  # accounts are the lab admins'
        return fields

    def has_accounts_permission(self, request):
        return roles.is_lab_admin(request.user)

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if roles.is_editor(request.user) else {}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_from_memberships()


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["person", "role", "start_on", "end_on", "degree", "destination"]
    list_filter = ["role", "degree"]
    search_fields = ["person__name_en", "person__name_zh_hans", "person__slug"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    inlines = [SupervisionInline]
    fields = [
        "person", "role", ("start_on", "start_precision"), ("end_on", "end_precision"), "degree",
        "destination_en", "destination_zh_hans", "destination_url",
    ]  # fmt: skip

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.person.update_from_memberships()

    def delete_model(self, request, obj):
        person = obj.person
        super().delete_model(request, obj)
        person.update_from_memberships()

    def delete_queryset(self, request, queryset):
        people = list(Person.objects.filter(memberships__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for person in people:
            person.update_from_memberships()


@admin.register(Honor)
class HonorAdmin(ScopedAdmin, TranslationAdmin):
    list_display = ["year", "title", "person", "awarding_body", "is_published"]
    list_filter = ["year", "is_published"]
    search_fields = ["title_en", "title_zh_hans", "awarding_body_en", "awarding_body_zh_hans", "person__slug"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    actions = [publish, unpublish]
