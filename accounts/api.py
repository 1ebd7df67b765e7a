"""The API under the portal's roles: who may write what (accounts.roles), members' drafts and reviewed
changes, and a revision for every write."""

import reversion
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import permissions, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from . import roles
from .admin_mixins import needs_review, perm, propose
from .snapshots import ensure_baseline, snapshot_of
from .versions import check_if_match, record_etag, version_of


class RolePermission(permissions.BasePermission):
    """Everyone reads what they may see; writes need the role's permission, for the record itself
    when there is one (a member changes their own profile and papers, nothing else)."""

    message = "You may not change this record."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        queryset = getattr(view, "queryset", None)
        try:
            model = queryset.model if queryset is not None else view.get_queryset().model
        except AttributeError:  # a view of no model (the report): nothing to write
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            return user.has_perm(perm(model, "add"))
        return user.has_perm(perm(model, "change")) or user.has_perm(perm(model, "delete"))

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        action = "delete" if request.method == "DELETE" else "change"
        return request.user.has_perm(perm(type(obj), action), obj)


class RoleWriteMixin:
    """Creates are the creator's (and drafts unless they may publish); a change to a published paper
    or news item by a member is kept for review (202) and visitors keep the published version; every
    other write is a revision in the record's history."""

    def get_queryset(self):
        """Writes reach what the user may change, nothing else (for a viewset reading `queryset`; most
        define a `get_queryset` of their own, and `own_records` and `get_object` scope theirs)."""
        if self.request.method in permissions.SAFE_METHODS:
            return super().get_queryset()
        return roles.scope(super().get_queryset(), self.request.user)

    def own_records(self):
        """The records this user may change, their drafts included."""
        user = self.request.user
        user._writing = True  # the viewset's queryset then hides no draft; `scope` keeps what is theirs
        try:
            queryset = self.get_queryset()
        finally:
            user._writing = False
        return roles.scope(queryset, user)

    def get_object(self):
        """A record is reached as visitors reach it, or else, for a logged-in user who does not see
        every draft, among their own records: a member reads, changes and deletes the drafts they made
        (the list stays what visitors see, kept in the shared cache)."""
        try:
            obj = super().get_object()
        except Http404:
            user = self.request.user
            if not user.is_authenticated or roles.sees_drafts(user):
                raise
            lookup = self.lookup_url_kwarg or self.lookup_field
            obj = get_object_or_404(self.own_records(), **{self.lookup_field: self.kwargs[lookup]})
            self.check_object_permissions(self.request, obj)
        self.request._record_version = version_of(obj)  # named in the answer's ETag (portal.api)
        return obj

    def perform_create(self, serializer):
        model = serializer.Meta.model
        names = {field.name for field in model._meta.fields}
        extra = {}
        if "created_by" in names:
            extra["created_by"] = self.request.user
        if "is_published" in names and not self.request.user.has_perm(perm(model, "publish")):
            extra["is_published"] = False
        with reversion.create_revision():
            reversion.set_user(self.request.user)
            reversion.set_comment(_("Added through the API."))
            serializer.save(**extra)

    def check_editor_only(self, serializer, instance):
        for name in roles.editor_only_fields(self.request.user, type(instance)):
            if name in serializer.validated_data and serializer.validated_data[name] != getattr(
                instance, name
            ):
                raise PermissionDenied(_("Only editors change this field: %(field)s.") % {"field": name})

    def check_publishing(self, serializer, instance):
        wanted = serializer.validated_data.get("is_published")
        changes = wanted is not None and wanted != getattr(instance, "is_published", wanted)
        if changes and not self.request.user.has_perm(perm(type(instance), "publish"), instance):
            raise PermissionDenied(_("Only editors publish or unpublish records."))

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        check_if_match(request, instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.check_publishing(serializer, instance)
        self.check_editor_only(serializer, instance)
        if needs_review(request.user, instance):
            with transaction.atomic():
                savepoint = transaction.savepoint()
                saved = serializer.save()
                snapshot = snapshot_of(saved)
                transaction.savepoint_rollback(savepoint)
                change = propose(request.user, instance, snapshot)
            return Response(
                {"detail": "The change waits for an editor's review.", "pending_change": change.pk},
                status=status.HTTP_202_ACCEPTED,
                headers={"ETag": record_etag(instance)} if record_etag(instance) else None,
            )
        ensure_baseline(instance)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Changed through the API."))
            self.perform_update(serializer)
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        etag = record_etag(instance)
        return Response(serializer.data, headers={"ETag": etag} if etag else None)

    def perform_destroy(self, instance):
        check_if_match(self.request, instance)
        super().perform_destroy(instance)
