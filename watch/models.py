"""What the nightly watch finds: works of the lab's members at ORCID, DBLP, OpenAlex and arXiv that the
lab does not hold yet (or holds less well), kept as suggestions until someone accepts or rejects them;
and the last check of each of the papers' links."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Person
from publications.models import Publication


class SuggestionKind(models.TextChoices):
    NEW = "new", _("New paper")
    PUBLISHED_VERSION = "published_version", _("Published version of a preprint the lab holds")
    BETTER_RECORD = "better_record", _("Better record of a paper the lab holds")


class SuggestionState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=SuggestionState.WAITING)

    def naming(self, person_id):
        return self.filter(people=person_id)


class Suggestion(models.Model):
    """One work found for one or more members, however many sources gave it."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=SuggestionKind.choices, default=SuggestionKind.NEW
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=SuggestionState.choices,
        default=SuggestionState.WAITING,
        db_index=True,
    )
    people = models.ManyToManyField(
        Person, related_name="suggestions", verbose_name=_("members"), help_text=_("The members it names.")
    )
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    venue = models.TextField(_("venue"), blank=True)
    authors = models.TextField(_("authors"), blank=True, help_text=_("As the source writes them."))
    doi = models.CharField("DOI", max_length=200, blank=True)
    arxiv_id = models.CharField(_("arXiv id"), max_length=40, blank=True)
    record = models.JSONField(_("record"), default=dict, help_text=_("The work as the sources give it."))
    sources = models.JSONField(_("found at"), default=list, help_text=_("Each source, its id and address."))
    keys = models.JSONField(default=list, editable=False)  # doi:…, arxiv:…, dblp:…, title:…: never again
    publication = models.ForeignKey(
        Publication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("paper"),
        help_text=_("The paper it adds to, or the one accepting it created."),
    )
    changes = models.JSONField(_("what it adds"), default=dict, blank=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)  # in a weekly e-mail

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-found_at", "-id"]
        verbose_name = _("found paper")
        verbose_name_plural = _("found papers")

    def __str__(self):
        return f"{self.title[:80]} ({self.year or '?'})"

    @property
    def source_names(self) -> str:
        return ", ".join(dict.fromkeys(source.get("source", "") for source in self.sources))


class LinkCheck(models.Model):
    """The last check of one link of a paper (its PDF, code, slides, video, DOI or page)."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="link_checks", verbose_name=_("paper")
    )
    field = models.CharField(_("link"), max_length=20)
    url = models.URLField(_("address"), max_length=500)
    ok = models.BooleanField(_("works"), default=True, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("problem"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"))
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)

    class Meta:
        ordering = ["ok", "-checked_at"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.UniqueConstraint(fields=["publication", "field"], name="linkcheck_one_per_link")
        ]

    def __str__(self):
        return f"{self.url} ({self.status_code or self.error or 'ok'})"
