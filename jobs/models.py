"""Background jobs: an import or a remote fetch, its input kept in its row before it is queued, and
the heartbeat of the worker on it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person
from portal.uploads import GeneratedName


class JobKind(models.TextChoices):
    IMPORT = "import", _("Import a file")
    OPENALEX_DOI = "openalex_doi", _("OpenAlex work by DOI")
    OPENALEX_AUTHOR = "openalex_author", _("OpenAlex works of an author")
    CROSSREF_DOI = "crossref_doi", _("Crossref work by DOI")
    DBLP_PERSON = "dblp_person", _("DBLP record of a person")
    REFRESH_CITATIONS = "refresh_citations", _("Refresh citation counts")
    REFRESH_SOFTWARE = "refresh_software", _("Refresh the software's GitHub figures")
    SITE = "site", _("Import a whole site")
    WATCH_SOURCES = "watch_sources", _("Look for the members' new papers")
    CHECK_LINKS = "check_links", _("Check the papers' links")


# Kinds whose task runs and records its job itself (beat's refreshes, the watch): never queued again
# through run_import_job, which imports a job's input.
RUN_BY_THEIR_TASK = (JobKind.REFRESH_CITATIONS, JobKind.REFRESH_SOFTWARE, JobKind.WATCH_SOURCES,
                     JobKind.CHECK_LINKS)  # fmt: skip


class JobState(models.TextChoices):
    CHECKING = "checking", _("Checking (a dry run)")
    PREVIEW = "preview", _("Previewed, not confirmed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    STALLED = "stalled", _("Stalled: its worker stopped")


# A job in one of these states has a worker on it, which beats (JobHeartbeat) while it works.
WORKING_STATES = (JobState.CHECKING, JobState.RUNNING)


class ImportJob(models.Model):
    """One import or remote fetch, run by a Celery task; its input is kept here so nothing is lost."""

    affects_content = False  # a job's own row is bookkeeping: saving it changes no page

    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices, default=JobKind.IMPORT)
    format = models.CharField(_("format"), max_length=20, blank=True)
    source = models.TextField(_("input"), blank=True, help_text=_("The file's text, a DOI or an author id."))
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_file = models.FileField(
        _("uploaded archive"), upload_to=GeneratedName("imports"), blank=True,
        help_text=_("A site's zip archive, kept until the import is done."),
    )  # fmt: skip
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    collection_slug = models.SlugField(_("collection"), max_length=80, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    dry_run = models.BooleanField(
        _("check only"), default=False,
        help_text=_("A dry run of a large import: it reports what the import would do and saves nothing."),
    )  # fmt: skip
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} ({self.get_state_display()})"


class JobHeartbeat(models.Model):
    """The last sign of life of the worker on a job, with its progress.

    A row of its own, written on the worker's own connection every few seconds and committed at once:
    the job's row is locked by the import's transaction until it ends, and a per-process cache is not
    seen by other workers or the web processes.
    """

    affects_content = False

    job = models.OneToOneField(
        ImportJob, on_delete=models.CASCADE, primary_key=True, related_name="heartbeat", verbose_name=_("job")
    )
    beat_at = models.DateTimeField(_("last heartbeat"))
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)

    class Meta:
        verbose_name = _("job heartbeat")
        verbose_name_plural = _("job heartbeats")

    def __str__(self):
        return f"#{self.job_id} {self.beat_at:%H:%M:%S}"
