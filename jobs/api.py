"""Imports through the API: the same pipeline as the command and the admin, for staff only.

POST /api/v1/imports/ with the text and its format. A small input is imported (or, with dry_run,
checked) before the answer, which carries the report; a large one becomes a background job (202),
whose state, progress and report GET /api/v1/imports/{id}/ gives. A checked job (a dry run) is imported
as checked with POST /api/v1/imports/{id}/confirm/. Input that cannot be imported at all answers 400
with each problem and its place; nothing is changed.
"""

from django.conf import settings
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import roles
from people.models import Person
from portal.api import (
    StrictBooleanField,
    StrictCharField,
    StrictModelSerializer,
    StrictSlugRelatedField,
    router,
)
from publications.importers import (
    ImportFailed,
    estimate_entries,
    guess_format,
)

from .imports import ALL_FORMATS, run_import
from .models import ImportJob, JobKind, JobState
from .tasks import job_progress, mark_stalled_jobs, queue_job, run_import_job

MAX_TEXT = 10 * 1024 * 1024  # characters: the request body is capped at 10 MB anyway


class MayImport(permissions.BasePermission):
    """Editors see and run every import; a member their own, into their own list (accounts.roles)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and (
            roles.is_editor(request.user) or request.user.has_perm("publications.add_publication")
        )


class ImportRequestSerializer(serializers.Serializer):
    text = StrictCharField(max_length=MAX_TEXT, trim_whitespace=False, help_text="The file's text.")
    format = serializers.ChoiceField(
        choices=ALL_FORMATS,
        required=False,
        help_text="Guessed from the text when left out (not the group lists).",
    )
    owner = StrictSlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), required=False, allow_null=True,
        help_text="Whose list it is; a roster's supervisor; whose honours (left out: the lab's).",
    )  # fmt: skip
    collection = serializers.SlugField(required=False, allow_blank=True, help_text="For reading lists.")
    dry_run = StrictBooleanField(
        required=False, default=False, help_text="Report what would change; change nothing."
    )
    strict = StrictBooleanField(
        required=False, default=False, help_text="All or nothing: import nothing if any entry has an error."
    )

    def validate_text(self, value):
        if not value.strip():
            raise serializers.ValidationError("The text is empty.")
        return value


class ImportJobSerializer(StrictModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    progress = serializers.SerializerMethodField(help_text="[done, total] entries.")
    summary = serializers.SerializerMethodField(
        help_text="Entries created, updated, unchanged, skipped, refused."
    )

    class Meta:
        model = ImportJob
        fields = [
            "id", "kind", "format", "source_name", "owner", "collection_slug", "dry_run", "state", "progress",
            "summary", "report", "error", "attempts", "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_progress(self, job) -> list[int]:
        return list(job_progress(job))

    def get_summary(self, job) -> dict[str, int]:
        return job.report.get("counts", {}) if job.report else {}


class ProblemSerializer(serializers.Serializer):
    place = serializers.CharField()
    message = serializers.CharField()


class ImportFailedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ProblemSerializer(many=True, required=False, help_text="Each problem and its place.")


class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Imports of papers, rosters, news and honours, and their reports (staff only)."""

    serializer_class = ImportJobSerializer
    permission_classes = [MayImport]
    queryset = ImportJob.objects.select_related("owner").defer("source").order_by("-created_at", "-id")

    def get_queryset(self):
        if self.request.method == "GET":
            mark_stalled_jobs()  # as the admin's list does: a client is told at once, even with no beat
        return roles.scope(super().get_queryset(), self.request.user)

    @extend_schema(
        request=ImportRequestSerializer,
        responses={200: ImportJobSerializer, 201: ImportJobSerializer, 202: ImportJobSerializer,
                   400: ImportFailedSerializer},
    )  # fmt: skip
    def create(self, request):
        """Import (or check, with dry_run) a file's text: done at once when small, else in the background."""
        given = ImportRequestSerializer(data=request.data)
        if not given.is_valid():
            problems = [
                {"place": field, "message": str(message)}
                for field, messages in given.errors.items()
                for message in (messages if isinstance(messages, list) else [messages])
            ]
            return Response(
                {"detail": "The request is not valid.", "problems": problems},
                status=status.HTTP_400_BAD_REQUEST,
            )
        data = given.validated_data
        text, owner = data["text"], data.get("owner")
        format = data.get("format") or guess_format(text)
        if refusal := roles.import_refusal(request.user, owner, format):
            return Response({"detail": refusal}, status=status.HTTP_403_FORBIDDEN)
        job = ImportJob(
            kind=JobKind.IMPORT, format=format, source=text, owner=owner, dry_run=data["dry_run"],
            collection_slug=data.get("collection") or "", created_by=request.user,
        )  # fmt: skip
        if estimate_entries(text, format) > settings.IMPORT_INLINE_LIMIT and not data["strict"]:
            with transaction.atomic():
                job.save()
                queue_job(job)
            job.refresh_from_db()  # failed, saying why, when the broker did not take it
            answer = status.HTTP_503_SERVICE_UNAVAILABLE if job.state == JobState.FAILED else 202
            return Response(self.get_serializer(job).data, status=answer)
        try:
            report = run_import(
                text,
                format,
                owner=owner,
                collection=job.collection_slug,
                dry_run=job.dry_run,
                strict=data["strict"],
                by=request.user,
            )
        except ImportFailed as error:
            problems = [{"place": place, "message": message} for place, message in error.problems]
            return Response(
                {"detail": "Nothing was imported.", "problems": problems}, status=status.HTTP_400_BAD_REQUEST
            )
        job.state = JobState.PREVIEW if job.dry_run else JobState.SUCCEEDED
        job.report = report.as_dict()
        job.progress_done = job.progress_total = len(report.rows)
        job.save()
        return Response(self.get_serializer(job).data, status=status.HTTP_200_OK if job.dry_run else 201)

    @extend_schema(request=None, responses={200: ImportJobSerializer, 202: ImportJobSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Import what a dry run checked, as it was checked."""
        job = self.get_object()
        if job.state != JobState.PREVIEW:
            return Response(
                {"detail": f"Only a checked job (state preview) can be confirmed; this one is {job.state}."},
                status=status.HTTP_409_CONFLICT,
            )
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, dry_run=False)
        if len(job.report.get("rows", [])) <= settings.IMPORT_INLINE_LIMIT:
            run_import_job.apply(args=[job.pk], throw=False)
            job.refresh_from_db()
            return Response(self.get_serializer(job).data)
        with transaction.atomic():
            queue_job(job)
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)


router.register("imports", ImportJobViewSet, basename="import")
