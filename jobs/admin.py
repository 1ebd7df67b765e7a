"""The admin's doors into the importers: upload or paste → preview → confirm, remote fetches, jobs."""

import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts import roles
from people.models import Person
from portal.encoding import decode
from portal.validators import normalise_doi, validate_doi
from publications.importers import (
    ImportFailed,
    ImportReport,
    estimate_entries,
    guess_format,
)
from publications.importers.dblp import is_dblp_pid

from .imports import ALL_FORMATS, run_import
from .models import RUN_BY_THEIR_TASK, WORKING_STATES, ImportJob, JobKind, JobState
from .tasks import job_progress, mark_stalled_jobs, queue_job, run_import_job

MAX_IMPORT_BYTES = 20 * 1024 * 1024
REMOTE_KINDS = {JobKind.OPENALEX_DOI, JobKind.OPENALEX_AUTHOR, JobKind.CROSSREF_DOI, JobKind.DBLP_PERSON}


def limit_owner_to_self(form, user) -> None:
    """A member's imports go into their own list: the owner field offers them alone, and must be set."""
    if user is not None and not roles.is_editor(user):
        form.fields["owner"].queryset = Person.objects.filter(pk=roles.own_person_id(user))
        form.fields["owner"].required = True
        form.fields["owner"].initial = roles.own_person_id(user)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("file"), required=False)
    text = forms.CharField(
        label=_("or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    format = forms.ChoiceField(
        label=_("format"), required=False,
        choices=[("", _("guess from the file"))] + [(f, f) for f in ALL_FORMATS],
    )  # fmt: skip
    owner = forms.ModelChoiceField(
        label=_("whose list"), queryset=Person.objects.order_by("slug"), required=False,
        help_text=_("The lab member printed in bold in a Markdown list, or whose BibTeX file this is; for a "
                    "roster, its supervisor; for honours, whose they are (empty: the lab's)."),
    )  # fmt: skip
    collection = forms.SlugField(
        label=_("collection"), required=False, help_text=_("For reading lists: the collection's slug.")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        limit_owner_to_self(self, user)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_IMPORT_BYTES:
                raise ValidationError(_("The file is larger than 20 MB."))
            try:
                data["text"], _encoding = decode(upload.read())
            except ImportFailed as error:
                place, message = error.problems[0]
                raise ValidationError(f"{place}: {message}") from error
            data["name"] = upload.name
        else:
            data["name"] = ""
        if not (data.get("text") or "").strip():
            raise ValidationError(_("Choose a file or paste its text."))
        data["format"] = data.get("format") or guess_format(data["text"], data["name"])
        refusal = self.user and roles.import_refusal(self.user, data.get("owner"), data["format"])
        if refusal:
            raise ValidationError(refusal)
        return data


class SiteForm(forms.Form):
    archive = forms.FileField(
        label=_("the site as a zip archive"),
        help_text=_("A Hugo Blox, al-folio or academicpages site: its repository downloaded as a .zip."),
    )
    generator = forms.ChoiceField(
        label=_("made with"), required=False,
        choices=[("", _("recognise from the files")), ("hugo-blox", "Hugo Blox"), ("al-folio", "al-folio"),
                 ("academicpages", "academicpages")],
    )  # fmt: skip

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload.size > settings.SITE_IMPORT_MAX_BYTES:
            raise ValidationError(_("The archive is larger than the site import allows."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("The file is not a zip archive."))
        return upload


class FetchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("what to fetch"),
        choices=[(key, label) for key, label in JobKind.choices if key in REMOTE_KINDS],
    )
    identifier = forms.CharField(label=_("DOI, OpenAlex author id or DBLP person id"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("whose list"), queryset=Person.objects.order_by("slug"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        limit_owner_to_self(self, user)

    def clean(self):
        data = super().clean()
        value = (data.get("identifier") or "").strip()
        if data.get("kind") == "openalex_author":
            author = value.rstrip("/").rsplit("/", 1)[-1].upper()
            if not author[1:].isdigit() or author[:1] != "A":
                raise ValidationError({"identifier": _("An OpenAlex author id looks like A5067161373.")})
            data["identifier"] = author
        elif data.get("kind") == "dblp_person":
            pid = re.sub(r"^https?://dblp\.org/pid/|\.(html|xml)$", "", value)
            if not is_dblp_pid(pid):
                raise ValidationError(
                    {"identifier": _("A DBLP person id looks like 56/1234 or s/ZhuoranSong.")}
                )
            data["identifier"] = pid
        elif value:
            data["identifier"] = normalise_doi(value)
            validate_doi(data["identifier"])
        return data


def report_html(report: dict) -> str:
    if not report.get("rows") and not report.get("notes"):
        return "—"
    summary = ImportReport.from_dict(report).summary() if "rows" in report else ""
    rows = format_html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((r["action"], r["place"], r["title"], r["reason"]) for r in report.get("rows", [])),
    )  # fmt: skip
    matches = format_html_join(
        "", "<li>{}: {} → {} ({})</li>",
        ((m["place"], m["name"], m["person"], m["how"]) for m in report.get("matches", [])),
    )  # fmt: skip
    notes = format_html_join("", "<li>{}</li>", ((note,) for note in report.get("notes", [])))
    notes += format_html_join(
        "", '<li class="warning">{}: {}</li>',
        ((warning["place"], warning["message"]) for warning in report.get("warnings", [])),
    )  # fmt: skip
    return format_html(
        '<p class="import-summary">{}</p><ul>{}</ul><table class="import-report"><thead><tr><th>{}</th>'
        "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>"
        "<details><summary>{}</summary><ul>{}</ul></details>",
        summary, notes, _("action"), _("place"), _("title"), _("reason"), rows,
        _("Authors matched to lab members (%(count)s)") % {"count": len(report.get("matches", []))}, matches,
    )  # fmt: skip


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "format", "source_label", "state", "progress", "attempts", "created_at"]
    list_filter = ["state", "kind", "dry_run"]
    fields = ["kind", "format", "source_name", "owner", "collection_slug", "dry_run", "state", "progress",
              "attempts", "error", "report_table", "created_by", "created_at", "started_at",
              "finished_at"]  # fmt: skip
    readonly_fields = fields
    actions = ["run_again"]
    change_list_template = "admin/jobs/importjob/change_list.html"
    change_form_template = "admin/jobs/importjob/change_form.html"

    def changelist_view(self, request, extra_context=None):
        # Staff looking at the jobs see a dead worker's job as stalled, even with no beat running.
        mark_stalled_jobs()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mark_stalled_jobs()
        job = self.get_object(request, object_id)
        report = ImportReport.from_dict(job.report) if job is not None and "rows" in job.report else None
        extra = {
            "working": job is not None and (job.state in WORKING_STATES or job.state == JobState.QUEUED),
            "confirmable": job is not None
            and job.state == JobState.PREVIEW
            and bool(report and report.importable),
            "importable": report.importable if report else 0,
            "refused": report.counts["refused"] if report else 0,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def has_add_permission(self, request):
        return False  # jobs start from the import and fetch screens

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("jobs.view_importjob", obj)

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return roles.scope(super().get_queryset(request), request.user)

    @admin.display(description=_("input"))
    def source_label(self, job):
        return job.source_name or job.source[:60]

    @admin.display(description=_("progress"))
    def progress(self, job):
        done, total = job_progress(job)
        return f"{done} / {total}" if total else "—"

    @admin.display(description=_("report"))
    def report_table(self, job):
        return report_html(job.report)

    @admin.action(description=_("Run the selected failed or stalled jobs again"))
    def run_again(self, request, queryset):
        """Safe for a stalled job too: its worker died before its transaction committed, so nothing of
        it was saved, and an import matches stored papers rather than doubling them."""
        jobs = list(
            queryset.filter(state__in=[JobState.FAILED, JobState.STALLED]).exclude(kind__in=RUN_BY_THEIR_TASK)
        )
        for job in jobs:
            ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, error="")
            queue_job(job)
        self.message_user(request, _("%(count)d jobs queued again.") % {"count": len(jobs)})
        if skipped := queryset.count() - len(jobs):
            self.message_user(
                request,
                _("%(count)d jobs were left as they are: only failed or stalled imports run again.")
                % {"count": skipped},
                messages.WARNING,
            )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="jobs_importjob_import"),
            path("import/<int:job_id>/confirm/", wrap(self.confirm_view), name="jobs_importjob_confirm"),
            path("fetch/", wrap(self.fetch_view), name="jobs_importjob_fetch"),
            path("site/", wrap(self.site_view), name="jobs_importjob_site"),
            *super().get_urls(),
        ]

    def context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def import_view(self, request):
        if not request.user.has_perm("publications.add_publication"):
            return HttpResponse(status=403)
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        problems = []
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if estimate_entries(data["text"], data["format"]) > settings.IMPORT_INLINE_LIMIT:
                return self.check_in_background(request, data)
            try:
                report = run_import(
                    data["text"],
                    data["format"],
                    owner=data["owner"],
                    collection=data["collection"],
                    dry_run=True,
                    by=request.user,
                )
            except ImportFailed as error:
                problems = error.problems
            else:
                if not report.importable and report.counts["refused"]:
                    problems = [(row.place, row.reason) for row in report.rows if row.action == "refused"]
                    return self.import_form(request, form, problems)
                job = ImportJob.objects.create(
                    kind=JobKind.IMPORT, format=data["format"], source=data["text"], source_name=data["name"],
                    owner=data["owner"], collection_slug=data["collection"] or "", state=JobState.PREVIEW,
                    report=report.as_dict(), created_by=request.user,
                )  # fmt: skip
                return TemplateResponse(
                    request, "admin/jobs/importjob/preview.html",
                    self.context(
                        request, job=job, report=report_html(job.report), title=_("Check the import"),
                        importable=report.importable, refused=report.counts["refused"],
                    ),
                )  # fmt: skip
        return self.import_form(request, form, problems)

    def import_form(self, request, form, problems):
        return TemplateResponse(
            request, "admin/jobs/importjob/import_form.html",
            self.context(request, form=form, problems=problems, title=_("Import publications")),
        )  # fmt: skip

    def check_in_background(self, request, data):
        """A large file is checked by a worker (a dry run, with progress), not inside this request; its
        job page shows the report and the button that confirms the import once the check is done."""
        with transaction.atomic():
            job = ImportJob.objects.create(
                kind=JobKind.IMPORT, format=data["format"], source=data["text"], source_name=data["name"],
                owner=data["owner"], collection_slug=data["collection"] or "", dry_run=True,
                created_by=request.user,
            )  # fmt: skip
            queue_job(job)
        messages.info(
            request,
            _("The file is large: it is being checked in the background. This page shows the progress, "
              "then what the import would do, for you to confirm."),
        )  # fmt: skip
        return redirect(reverse("admin:jobs_importjob_change", args=[job.pk]))

    def confirm_view(self, request, job_id):
        job = get_object_or_404(self.get_queryset(request), pk=job_id, state=JobState.PREVIEW)
        if request.method != "POST" or not request.user.has_perm("publications.add_publication"):
            return HttpResponse(status=405 if request.method != "POST" else 403)
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, dry_run=False)
        job.dry_run = False
        rows = len(job.report.get("rows", []))
        if rows <= settings.IMPORT_INLINE_LIMIT and job.kind != JobKind.SITE:
            run_import_job.apply(args=[job.pk], throw=False)  # small: done before the page answers
        else:
            with transaction.atomic():
                queue_job(job)
            messages.info(request, _("The import runs in the background; this page shows its progress."))
        job.refresh_from_db()
        level = messages.SUCCESS if job.state == JobState.SUCCEEDED else messages.INFO
        if job.state == JobState.FAILED:
            level = messages.ERROR
        messages.add_message(request, level, f"{job}: {ImportReport.from_dict(job.report).summary()}"
                             if job.state == JobState.SUCCEEDED else str(job))  # fmt: skip
        return redirect(reverse("admin:jobs_importjob_change", args=[job.pk]))

    def site_view(self, request):
        """Moving in: a zipped site is checked by a worker (a dry run, with progress); its job page then
        shows the report and the button that imports it, again in the background. Editors only: a site
        brings people, news and honours as well as papers."""
        if not roles.is_editor(request.user):
            return HttpResponse(status=403)
        form = SiteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["archive"]
            with transaction.atomic():
                job = ImportJob.objects.create(
                    kind=JobKind.SITE, format=form.cleaned_data["generator"], source_name=upload.name[:255],
                    source_file=upload, dry_run=True, created_by=request.user,
                )  # fmt: skip
                queue_job(job)
            messages.info(
                request, _("The site is being checked in the background. This page shows the progress, then "
                           "what the import would do, for you to confirm."),
            )  # fmt: skip
            return redirect(reverse("admin:jobs_importjob_change", args=[job.pk]))
        return TemplateResponse(
            request, "admin/jobs/importjob/site_form.html",
            self.context(request, form=form, title=_("Import a whole site")),
        )  # fmt: skip

    def fetch_view(self, request):
        if not request.user.has_perm("publications.add_publication"):
            return HttpResponse(status=403)
        form = FetchForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                job = ImportJob.objects.create(
                    kind=data["kind"], source=data["identifier"], owner=data["owner"],
                    created_by=request.user,
                    format={JobKind.CROSSREF_DOI: "crossref", JobKind.DBLP_PERSON: "dblp"}.get(
                        data["kind"], "openalex"
                    ),
                )  # fmt: skip
                queue_job(job)
            messages.info(request, _("Fetching in the background; this page shows how it went."))
            return redirect(reverse("admin:jobs_importjob_change", args=[job.pk]))
        return TemplateResponse(
            request, "admin/jobs/importjob/fetch_form.html",
            self.context(request, form=form, title=_("Fetch publications from OpenAlex, Crossref or DBLP")),
        )  # fmt: skip
