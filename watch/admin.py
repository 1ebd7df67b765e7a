"""The found papers in the admin: a member sees the ones that name them and accepts or rejects them,
one by one or several at once; an editor sees and decides all. The link checks: the broken ones first."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import roles
from portal.imports import ImportFailed

from .accepting import Refused, accept, accept_many, may_decide, reject
from .models import LinkCheck, Suggestion, SuggestionState


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    change_form_template = "admin/watch/suggestion/change_form.html"
    list_display = ["title", "year", "kind", "members", "found_at_sources", "state", "found_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "doi", "arxiv_id", "authors"]
    actions = ["accept_selected", "reject_selected"]
    fields = [
        "title",
        "year",
        "venue",
        "authors",
        "doi",
        "arxiv_id",
        "kind",
        "paper",
        "what_it_adds",
        "members",
        "found_at_sources",
        "found_at",
        "state",
        "decided_by",
        "decided_at",
        "outcome",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("people")
        if roles.is_editor(request.user):
            return queryset
        person = roles.own_person_id(request.user)
        return queryset.filter(people=person) if person and roles.is_member(request.user) else queryset.none()

    def has_module_permission(self, request):
        return roles.is_editor(request.user) or roles.is_member(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a rejected one is kept, so that it is never suggested again

    @admin.display(description=_("members"))
    def members(self, suggestion):
        return ", ".join(person.name for person in suggestion.people.all())

    @admin.display(description=_("found at"))
    def found_at_sources(self, suggestion):
        return format_html_join(
            ", ",
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            ((source.get("url", ""), source.get("source", "")) for source in suggestion.sources),
        )

    @admin.display(description=_("paper"))
    def paper(self, suggestion):
        if not suggestion.publication_id:
            return "—"
        link = reverse("admin:publications_publication_change", args=[suggestion.publication_id])
        return format_html('<a href="{}">{}</a>', link, suggestion.publication)

    @admin.display(description=_("what it adds"))
    def what_it_adds(self, suggestion):
        if not suggestion.changes:
            return "—"
        return format_html_join("", "<li>{}: {}</li>", sorted(suggestion.changes.items()))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_decide"] = (
            obj is not None and obj.state == SuggestionState.WAITING and may_decide(request.user, obj)
        )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", wrap(require_POST(self.accept_view)), name="watch_suggestion_accept"),
            path("<int:pk>/reject/", wrap(require_POST(self.reject_view)), name="watch_suggestion_reject"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk, decide):
        suggestion = get_object_or_404(self.get_queryset(request), pk=pk)
        if not may_decide(request.user, suggestion):
            raise PermissionDenied
        try:
            outcome = decide(suggestion, request.user)
        except (Refused, ImportFailed) as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:watch_suggestion_change", pk)
        self.message_user(
            request, outcome or _("Rejected: it will not be suggested again."), messages.SUCCESS
        )
        return redirect(reverse("admin:watch_suggestion_changelist") + "?state__exact=waiting")

    def accept_view(self, request, pk):
        return self.decide_view(request, pk, accept)

    def reject_view(self, request, pk):
        return self.decide_view(request, pk, lambda suggestion, user: reject(suggestion, user))

    @admin.action(description=_("Accept the selected found papers"))
    def accept_selected(self, request, queryset):
        done, problems = accept_many(queryset.order_by("pk"), request.user)
        if done:
            self.message_user(request, _("%(count)d accepted.") % {"count": len(done)}, messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description=_("Reject the selected found papers"))
    def reject_selected(self, request, queryset):
        rejected, problems = 0, []
        for suggestion in queryset.order_by("pk"):
            try:
                reject(suggestion, request.user)
                rejected += 1
            except Refused as error:
                problems.append(str(error))
        if rejected:
            self.message_user(
                request,
                _("%(count)d rejected: they will not be suggested again.") % {"count": rejected},
                messages.SUCCESS,
            )
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ["paper", "field", "address", "ok", "status_code", "error", "broken_since", "checked_at"]
    list_filter = ["ok", "field"]
    search_fields = ["url", "publication__title"]
    list_select_related = ["publication"]
    fields = ["paper", "field", "address", "ok", "status_code", "error", "broken_since", "checked_at"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return roles.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_editor(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("paper"), ordering="publication__title")
    def paper(self, check):
        link = reverse("admin:publications_publication_change", args=[check.publication_id])
        return format_html('<a href="{}">{}</a>', link, check.publication.short_title)

    @admin.display(description=_("address"))
    def address(self, check):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', check.url, check.url[:80])
