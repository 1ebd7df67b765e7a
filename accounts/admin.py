"""Review of members' changes, accounts for people, and the admin index's "waiting for review" count."""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import roles
from .admin_mixins import REVIEWED
from .links import show_link
from .models import PendingChange, ReviewState
from .notices import mail_decision
from .snapshots import apply_snapshot, diff, ensure_baseline, snapshot_of


def may_review(user) -> bool:
    return roles.is_editor(user)


class KindFilter(admin.SimpleListFilter):
    """The kinds of record a change can be proposed for, named as people name them."""

    title = gettext_lazy("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            (label, apps.get_model(label)._meta.verbose_name_plural.capitalize())
            for label in sorted(REVIEWED)
        ]

    def queryset(self, request, queryset):
        if self.value() in REVIEWED:
            app_label, model = self.value().split(".")
            return queryset.filter(content_type__app_label=app_label, content_type__model=model)
        return queryset


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["object_repr", "kind", "author", "created_at", "state", "decided_by"]
    list_filter = ["state", KindFilter]
    list_select_related = ["author", "decided_by", "content_type"]
    search_fields = ["object_repr"]
    change_form_template = "admin/accounts/pendingchange/review.html"

    @admin.display(description=gettext_lazy("kind"), ordering="content_type__model")
    def kind(self, change):
        model = change.content_type.model_class()
        return model._meta.verbose_name if model else change.content_type.model

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_delete_permission(request):
            actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided with the review page's buttons, never edited

    def has_delete_permission(self, request, obj=None):
        return roles.is_lab_admin(request.user)

    def has_view_permission(self, request, obj=None):
        if may_review(request.user):
            return True
        return request.user.is_authenticated and (obj is None or obj.author_id == request.user.pk)

    def has_module_permission(self, request):
        return request.user.is_authenticated and request.user.is_staff

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if may_review(request.user) else queryset.filter(author=request.user)

    def get_urls(self):
        return [
            path(
                "<int:change_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="accounts_pendingchange_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id)
        if change is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        target = change.target()
        current = snapshot_of(target) if target is not None else None
        changed_since = bool(target is not None and getattr(target, "updated_at", None) and target.updated_at
                             > change.created_at)  # fmt: skip
        context = {
            "proposal": change,
            "target": target,
            "target_url": reverse(
                f"admin:{change.content_type.app_label}_{change.content_type.model}_change", args=[target.pk]
            )
            if target is not None
            else "",
            "changes": diff(current, change.proposed),
            "changed_since": changed_since,
            "may_decide": may_review(request.user) and change.state == ReviewState.PENDING and bool(target),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def decide_view(self, request, change_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not may_review(request.user):
            raise PermissionDenied
        change = get_object_or_404(PendingChange.objects.waiting(), pk=change_id)
        target = change.target()
        when = date_format(localtime(change.created_at), "DATETIME_FORMAT")
        with transaction.atomic():
            if "approve" in request.POST and target is not None:
                ensure_baseline(target)
                apply_snapshot(
                    change.proposed, user=request.user,
                    comment=_("Approved the change proposed by %(author)s on %(when)s")
                    % {"author": change.author, "when": when},
                )  # fmt: skip
                change.state = ReviewState.APPROVED
                self.message_user(request, _("Approved: visitors now see the change."), messages.SUCCESS)
            else:
                change.state = ReviewState.REJECTED
                change.reason = request.POST.get("reason", "")[:2000]
                self.message_user(request, _("Rejected: the published version stays."), messages.SUCCESS)
            change.decided_by, change.decided_at = request.user, timezone.now()
            change.save()
            transaction.on_commit(lambda: mail_decision(change))
        return redirect(reverse("admin:accounts_pendingchange_changelist") + "?state__exact=pending")


class PortalUserAdmin(UserAdmin):
    list_display = ["username", "person_link", "roles", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_superuser"]
    actions = ["make_password_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person").prefetch_related("groups")

    @admin.display(description=gettext_lazy("person"))
    def person_link(self, user):
        person = getattr(user, "person", None)
        return person or "—"

    @admin.display(description=gettext_lazy("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all()) or "—"

    @admin.action(description=gettext_lazy("Make a one-time “set your password” link"))
    def make_password_links(self, request, queryset):
        for user in queryset:
            show_link(self, request, user)


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
