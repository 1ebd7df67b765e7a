"""What every content admin shares: object-level permissions from accounts.roles, history with
diff and restore, and review of members' changes to published records."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from reversion.models import Version

from . import roles
from .models import PendingChange, ReviewState
from .snapshots import apply_snapshot, diff, ensure_baseline, snapshot_from_version, snapshot_of
from .versions import FORM_FIELD, changed_since, opened_snapshot, take_theirs, version_of

# Records whose changes by a member wait for an editor once they are published.
REVIEWED = {
    "publications.publication", "news.newsitem",
    "activities.project", "activities.software", "activities.talk", "activities.course",
}  # fmt: skip


def perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def needs_review(user, obj) -> bool:
    """A member's change to a published paper or news item waits for an editor."""
    return (
        obj is not None
        and obj._meta.label_lower in REVIEWED
        and obj.is_published
        and not user.has_perm(perm(type(obj), "publish"), obj)
    )


def is_autocomplete(request) -> bool:
    return request.path.rstrip("/").endswith("/autocomplete")


def own_proposal(user, obj) -> PendingChange | None:
    """The user's change of `obj` waiting for review, if any: what they go on editing."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        PendingChange.objects.waiting()
        .filter(content_type=content_type, object_id=obj.pk, author=user)
        .first()
    )


def propose(user, obj, snapshot) -> PendingChange:
    """Keep `snapshot` as the user's proposed change of `obj` (replacing their earlier one, if any)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    PendingChange.objects.waiting().filter(content_type=content_type, object_id=obj.pk, author=user).update(
        state=ReviewState.WITHDRAWN
    )
    return PendingChange.objects.create(
        content_type=content_type, object_id=obj.pk, object_repr=str(obj)[:300], proposed=snapshot,
        author=user,
    )  # fmt: skip


class ReviewMessage(str):
    """The one success message a proposed change shows (the admin's own "changed" is held back)."""

    _review = True


class ScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin under the portal's roles: what a user sees, may change, delete and publish, and
    every change kept in the record's history; a save made from a version someone else has since
    replaced is refused (accounts.versions)."""

    object_history_template = "admin/accounts/history.html"
    change_form_template = "admin/accounts/change_form.html"

    # Permissions: the group's model permission without an object, the rules with one.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(perm(self.model, "view"), obj) or self.has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(perm(self.model, "change"), obj)

    def has_add_permission(self, request):
        return request.user.has_perm(perm(self.model, "add"))

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(perm(self.model, "delete"), obj)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(perm(self.model, "publish"), obj)

    def get_queryset(self, request):
        queryset = roles.scope(
            super().get_queryset(request), request.user, autocomplete=is_autocomplete(request)
        )
        if self.model._meta.label_lower in REVIEWED:
            waiting = PendingChange.objects.waiting().filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
            )
            queryset = queryset.annotate(waits_for_review=Exists(waiting))
        return queryset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """A translated field is labelled with its language as people name it ("Title (简体中文)"),
        not with its code ("Title [zh-hans]")."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None:
            language = get_language_info(db_field.language.replace("_", "-"))["name_local"]
            field.label = f"{capfirst(original.verbose_name)} ({language})"
        return field

    def get_inline_instances(self, request, obj=None):
        """For those who may not change them (a member on their profile), rows only editors keep
        (stints, honours, students) are shown when there are some, not as an empty table."""
        instances = super().get_inline_instances(request, obj)
        if obj is None or roles.is_editor(request.user):
            return instances
        return [
            inline
            for inline in instances
            if not getattr(inline, "editors_only", False)
            or inline.model._default_manager.filter(
                **{_get_foreign_key(self.model, inline.model, fk_name=inline.fk_name).name: obj}
            ).exists()
        ]

    def get_actions(self, request):
        """Only what this user may do to any record of the list: deleting a selection is the editors'
        (a member deletes a draft of theirs from its page; a selection holding a published record
        would be refused)."""
        actions = super().get_actions(request)
        if not roles.is_editor(request.user):
            actions.pop("delete_selected", None)
        return actions

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if self.model._meta.label_lower in REVIEWED:
            display.append("review_state")
        return display

    @admin.display(description=gettext_lazy("review"))
    def review_state(self, obj):
        """A record with a change waiting for review says so in the list, for its author and editors."""
        return _("change waiting for review") if getattr(obj, "waits_for_review", False) else ""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if "is_published" in {f.name for f in self.model._meta.fields} and not self.has_publish_permission(
            request, obj
        ):
            fields.append("is_published")
        return fields

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A record outside what this user may see is not found (404), whether or not it exists."""
        raise Http404(_("No such record, or not one of yours."))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not roles.is_editor(request.user):
            changelist.list_editable = ()  # the order of lists is the editors' to set
        return changelist

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        current = getattr(request, "_based_on", "")
        if not current:
            return form

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                opened = self.data.get(FORM_FIELD)
                if opened is not None and opened != current:
                    based = opened_snapshot(obj, opened)
                    self.data = take_theirs(self.data, obj, based)  # shown again with their edits in
                    raise ValidationError(
                        changed_since(obj, based)
                        + " "
                        + _("Your edits are below, not saved, with theirs taken in where you had left a "
                            "field as it was: look, then save again.")
                    )  # fmt: skip
                return cleaned

        return CheckedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["based_on"] = getattr(request, "_based_on", "")  # the version the form shows
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if obj is not None and not getattr(obj, "is_published", True) and not roles.sees_drafts(request.user):
            response.context_data["has_absolute_url"] = False  # the site would answer 404: no "View on site"
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            if hasattr(obj, "created_by_id"):
                obj.created_by = request.user
            if hasattr(obj, "is_published") and not self.has_publish_permission(request):
                obj.is_published = False  # what a member creates starts as a draft
        super().save_model(request, obj, form, change)

    # Every change is a revision; a member's change to a published record is proposed instead.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        request._based_on = version_of(obj)  # of the record as it is stored, whatever the form shows
        reviewed = obj is not None and needs_review(request.user, obj)
        proposal = own_proposal(request.user, obj) if reviewed else None
        if request.method == "POST" and reviewed:
            return self.propose_change(request, obj, object_id, form_url, extra_context, proposal)
        if reviewed and request.method == "GET":
            if proposal is None:
                messages.info(
                    request, _("This record is published: what you save here waits for an editor's review.")
                )
            else:
                when = date_format(localtime(proposal.created_at), "DATETIME_FORMAT")
                messages.info(
                    request,
                    _("You are editing your change of %(when)s, which waits for review: saving adds to it. "
                      "Visitors see the published version until an editor approves it.") % {"when": when},
                )  # fmt: skip
                context = {
                    **(extra_context or {}),
                    "proposal": proposal,
                    "proposal_changes": diff(snapshot_of(obj), proposal.proposed),
                }
                return self.on_proposal(
                    proposal,
                    lambda: super(ScopedAdmin, self).changeform_view(request, object_id, form_url, context),
                )
        if request.method == "POST":
            ensure_baseline(obj)
            with reversion.create_revision():
                reversion.set_user(request.user)
                return super().changeform_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def on_proposal(proposal: PendingChange | None, view):
        """`view`'s response, made with the proposal (if any) written over its record, then all it
        wrote undone: the form shows (and, on POST, starts from) the change waiting for review, rows and
        all, and nothing of it reaches the record."""
        with transaction.atomic():
            savepoint = transaction.savepoint()
            if proposal is not None:
                apply_snapshot(proposal.proposed, user=proposal.author, comment="")
            response = view()
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            transaction.savepoint_rollback(savepoint)
        return response

    def propose_change(self, request, obj, object_id, form_url, extra_context, proposal=None):
        """Run the admin's own save (validation, inlines) over the member's earlier proposal, if any,
        keep what it would store, then undo it: the new proposal holds both changes."""
        request._proposal = {}
        response = self.on_proposal(
            proposal,
            lambda: super(ScopedAdmin, self).changeform_view(request, object_id, form_url, extra_context),
        )
        snapshot = request._proposal.get("snapshot")
        if snapshot is not None:
            with transaction.atomic():
                propose(request.user, obj, snapshot)
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "_proposal", None) is not None:
            request._proposal["snapshot"] = snapshot_of(form.instance)

    def response_change(self, request, obj):
        if getattr(request, "_proposal", None) is not None:
            message = ReviewMessage(
                _("Your change to “%(record)s” waits for an editor's review; visitors see the published "
                  "version until it is approved.") % {"record": obj}
            )  # fmt: skip
            self.message_user(request, message, messages.SUCCESS)
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if (
            getattr(request, "_proposal", None) is not None
            and level == messages.SUCCESS
            and "review" not in str(message)
        ):
            return  # the admin's "changed successfully": not so, it waits for review
        return super().message_user(request, message, level, *args, **kwargs)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or _("Changed."))
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(_("Added."))
        return entry

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(_("Changed from the list."))
                return super().changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    # History: each revision with who, when and what changed; any earlier version restored in one click.
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="{}_{}_withdraw".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(obj).select_related("revision__user")[:100])
        entries = []
        snapshots = [snapshot_from_version(version) for version in versions]
        for index, version in enumerate(versions):
            older = snapshots[index + 1] if index + 1 < len(snapshots) else None
            entries.append(
                {
                    "version": version,
                    "when": date_format(localtime(version.revision.date_created), "DATETIME_FORMAT"),
                    "who": version.revision.user or "",
                    "comment": version.revision.get_comment(),
                    "changes": diff(older, snapshots[index]),
                    "current": index == 0,
                }
            )
        may_restore = self.has_change_permission(request, obj) and not needs_review(request.user, obj)
        pending = PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk
        ).select_related("author", "decided_by")[:20]
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of “%(record)s”") % {"record": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": entries,
            "may_restore": may_restore,
            "pending": pending,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def withdraw_view(self, request, object_id):
        """The member takes back their change waiting for review: nothing of it stays pending."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        proposal = own_proposal(request.user, obj)
        if proposal is not None:
            PendingChange.objects.filter(pk=proposal.pk, state=ReviewState.PENDING).update(
                state=ReviewState.CANCELLED, decided_at=timezone.now()
            )
            self.message_user(
                request, _("Your change to “%(record)s” is withdrawn: nothing of it waits for review.")
                % {"record": obj}, messages.SUCCESS,
            )  # fmt: skip
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj) or needs_review(request.user, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        ensure_baseline(obj)
        when = date_format(localtime(version.revision.date_created), "DATETIME_FORMAT")
        apply_snapshot(
            self.restorable(request, obj, snapshot_from_version(version)), user=request.user,
            comment=_("Restored the version of %(when)s") % {"when": when},
        )  # fmt: skip
        self.message_user(request, _("Restored the version of %(when)s") % {"when": when}, messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]))

    def restorable(self, request, obj, snapshot: dict) -> dict:
        """What of an earlier version this user may write back: the fields they may edit (the others
        keep their value now) and the rows of the inlines they may change (the others stay as they are).
        A member restoring their profile does not bring back an old role or stint."""
        current = snapshot_of(obj)
        fields = dict(snapshot["fields"])
        for name in self.get_readonly_fields(request, obj):
            if name in current["fields"]:
                fields[name] = current["fields"][name]
        allowed = {
            inline.model
            for inline in self.get_inline_instances(request, obj)
            if inline.has_change_permission(request, obj)
        }
        rows = {
            name: value
            for name, value in snapshot.get("rows", {}).items()
            if self.model._meta.get_field(name).related_model in allowed
        }
        return {**snapshot, "fields": fields, "rows": rows}


class ScopedInline:
    """An inline that may be changed by whoever may change its parent record (`editors_only`: by editors)."""

    editors_only = False

    def parent_may_change(self, request, obj):
        if self.editors_only:
            return roles.is_editor(request.user)
        if obj is None:
            return request.user.has_perm(perm(self.parent_model, "add"))
        return request.user.has_perm(perm(self.parent_model, "change"), obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm(perm(self.parent_model, "add"))
        return request.user.has_perm(perm(self.parent_model, "view"), obj) or self.parent_may_change(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return self.parent_may_change(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.parent_may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.parent_may_change(request, obj)
