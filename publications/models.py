from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from people.models import Person, ResearchArea
from portal.images import SizedImageField, filled, fitted
from portal.models import (
    MARKDOWN_HELP,
    MarkdownRendering,
    PublishableQuerySet,
    Stamped,
    creator_field,
    require_some_language,
    visibility_field,
    year_check,
)
from portal.uploads import GeneratedName
from portal.validators import (
    normalise_arxiv_id,
    normalise_doi,
    validate_arxiv_id,
    validate_doi,
    validate_image_upload,
    validate_pdf_upload,
)


class CcfRank(models.TextChoices):
    A = "A", "CCF-A"
    B = "B", "CCF-B"
    C = "C", "CCF-C"


class VenueKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    JOURNAL = "journal", _("Journal")
    WORKSHOP = "workshop", _("Workshop")
    MAGAZINE = "magazine", _("Magazine")
    PREPRINT = "preprint", _("Preprint server")
    BOOK = "book", _("Book series")
    THESIS = "thesis", _("Thesis")
    OTHER = "other", _("Other")


class Venue(models.Model):
    name = models.CharField(_("full name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices, default=VenueKind.CONFERENCE)
    ccf_rank = models.CharField(_("CCF rank"), max_length=1, choices=CcfRank.choices, blank=True)
    ccf_category = models.CharField(_("CCF category"), max_length=100, blank=True)
    dblp_key = models.CharField(_("DBLP key"), max_length=100, blank=True, db_index=True)
    publisher = models.CharField(_("publisher"), max_length=100, blank=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["acronym", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="venue_unique_name_per_kind")]

    def __str__(self):
        return f"{self.acronym} — {self.name}" if self.acronym else self.name

    @property
    def label(self) -> str:
        return self.acronym or self.name


class PublicationKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference paper")
    JOURNAL = "journal", _("Journal article")
    WORKSHOP = "workshop", _("Workshop paper")
    MAGAZINE = "magazine", _("Magazine article")
    PREPRINT = "preprint", _("Preprint")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    THESIS = "thesis", _("Thesis")
    PATENT = "patent", _("Patent")
    OTHER = "other", _("Other")


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    ACCEPTED = "accepted", _("Accepted")
    PREPRINT = "preprint", _("Preprint")


class PublicationQuerySet(PublishableQuerySet):
    def lab_works(self):
        return self.filter(is_lab_work=True)

    def with_authors(self, people: bool = True):
        """Venue joined, authorships (with their people, unless a list shows only the names as printed)
        and awards prefetched: a fixed number of queries."""
        authorships = Authorship.objects.order_by("position")
        return self.select_related("venue").prefetch_related(
            Prefetch("authorships", queryset=authorships.select_related("person") if people else authorships),
            Prefetch("awards", queryset=Award.objects.select_related("honor").order_by("order", "id")),
        )

    def for_person(self, person):
        return self.filter(Exists(Authorship.objects.filter(publication=OuterRef("pk"), person=person)))


class Publication(MarkdownRendering, Stamped):
    markdown_fields = {"abstract": "abstract_html"}

    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PublicationKind.choices, default=PublicationKind.CONFERENCE
    )
    status = models.CharField(
        _("publication status"), max_length=20, choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        help_text=_("Where the paper stands: accepted, published, a preprint."),
    )  # fmt: skip
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("venue"),
    )
    venue_text = models.TextField(
        _("venue as printed"), blank=True, help_text=_("e.g. DAC 2024 or Proc. of …")
    )
    ccf_rank_printed = models.CharField(
        _("CCF rank as printed"),
        max_length=1,
        choices=CcfRank.choices,
        blank=True,
        help_text=_("Only when the lab reported a rank different from the venue's current one."),
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    date = models.DateField(_("date"), null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=30, blank=True)
    issue = models.CharField(_("issue"), max_length=30, blank=True)
    pages = models.CharField(_("pages"), max_length=30, blank=True)
    publisher = models.TextField(_("publisher"), blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])
    arxiv_id = models.CharField(_("arXiv id"), max_length=40, blank=True, validators=[validate_arxiv_id])
    url = models.URLField(_("paper link"), max_length=500, blank=True)
    pdf = models.FileField(
        _("PDF file"), upload_to=GeneratedName("papers"), blank=True, validators=[validate_pdf_upload]
    )
    pdf_url = models.URLField(_("PDF link"), max_length=500, blank=True)
    teaser = SizedImageField(
        _("teaser image"), upload_to=GeneratedName("papers/teasers"), blank=True,
        validators=[validate_image_upload], help_text=_("A figure that shows what the paper is about."),
        width_field="teaser_width", height_field="teaser_height",
    )  # fmt: skip
    teaser_caption = models.CharField(_("teaser caption"), max_length=300, blank=True)
    teaser_width = models.PositiveIntegerField(editable=False, null=True)
    teaser_height = models.PositiveIntegerField(editable=False, null=True)
    teaser_thumbnail = filled("teaser", 160, 100)  # lists
    teaser_large = fitted("teaser", 720)  # the paper's page
    code_url = models.URLField(_("code"), max_length=500, blank=True)
    slides_url = models.URLField(_("slides"), max_length=500, blank=True)
    poster_url = models.URLField(_("poster"), max_length=500, blank=True)
    video_url = models.URLField(_("video"), max_length=500, blank=True)
    project_url = models.URLField(_("project page"), max_length=500, blank=True)
    citation_url = models.URLField(
        _("citation link"), max_length=1000, blank=True, help_text=_("e.g. a Google Scholar BibTeX link")
    )
    abstract = models.TextField(_("abstract (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    abstract_html = models.TextField(editable=False, blank=True)
    institutions = models.TextField(
        _("institutions as printed"),
        blank=True,
        help_text=_("For papers whose author list is not recorded, e.g. in reading lists."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("e.g. acceptance rate 14%"))
    language = models.CharField(
        _("language of the paper"), max_length=10, default="en", help_text=_("ISO code: en, zh…")
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    research_areas = models.ManyToManyField(
        ResearchArea, blank=True, related_name="publications", verbose_name=_("research areas")
    )
    authors_cut_short = models.BooleanField(
        _("author list cut short (et al.)"),
        default=False,
        help_text=_("The list printed names only the first authors; shown with “et al.”"),
    )
    featured = models.BooleanField(_("featured"), default=False)
    is_lab_work = models.BooleanField(
        _("lab's own work"),
        default=True,
        help_text=_("Untick for papers by others kept only in reading lists."),
    )
    openalex_id = models.CharField(_("OpenAlex work id"), max_length=20, blank=True)
    dblp_key = models.CharField(
        _("DBLP key"), max_length=120, blank=True, db_index=True, help_text="e.g. conf/isca/SongZ0L20"
    )
    cited_by_count = models.PositiveIntegerField(_("cited by"), null=True, blank=True)
    citations_by_year = models.JSONField(
        _("citations by year"), default=dict, blank=True, help_text=_('e.g. {"2024": 3, "2025": 4}')
    )
    citations_refreshed_at = models.DateTimeField(_("citations refreshed"), null=True, blank=True)
    is_published = visibility_field()
    created_by = creator_field()
    # Titles, abstracts, venue, DOI, authors and research areas, upper-cased: kept by PostgreSQL's
    # triggers for the search (publications.search); empty on SQLite, whatever Django writes here.
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = PublicationQuerySet.as_manager()

    class Meta:
        # Newest first; undated entries after dated ones within a year, the same on every database
        # (services.chronological_key is the exact reverse, for list codes).
        ordering = ["-year", models.F("date").desc(nulls_last=True), "-id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~models.Q(doi=""), name="publication_doi_unique"
            ),
            year_check("year", "publication_year_in_range"),
        ]
        # (and publication_list_order, on PostgreSQL only: migration 0019)
        indexes = [models.Index(fields=["is_published", "-year"], name="publication_public_year")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("publications:publication-detail", kwargs={"slug": self.slug})

    @property
    def ccf_rank(self) -> str:
        """The rank to show: as the lab printed it when it did, else the venue's current one."""
        return self.ccf_rank_printed or (self.venue.ccf_rank if self.venue_id else "")

    @property
    def short_title(self) -> str:
        """What a line that only points at the paper names it by: the system's name before the colon
        ("NDPBridge"), else the title itself."""
        head, colon, _rest = self.title.partition(":")
        return head.strip() if colon and 0 < len(head.strip()) <= 30 else self.title

    @property
    def venue_label(self) -> str:
        return self.venue.label if self.venue_id else self.venue_text

    def clean(self):
        require_some_language(self, "title")

    def save(self, *args, **kwargs):
        self.doi = normalise_doi(self.doi) if self.doi else ""
        self.arxiv_id = normalise_arxiv_id(self.arxiv_id) if self.arxiv_id else ""
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def unique_slug(self) -> str:
        title = self.title_en or self.title or ""
        base = (slugify(title)[:90].strip("-") or "paper") + f"-{self.year}"
        slug, number = base, 2
        while Publication.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class Authorship(models.Model):
    """One author of one publication, in order, as printed, optionally linked to a lab member."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authorships")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name as printed"), max_length=200)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authorships",
        verbose_name=_("lab member"),
    )
    is_corresponding = models.BooleanField(_("corresponding (*)"), default=False)
    is_equal_contribution = models.BooleanField(_("equal contribution (=)"), default=False)
    affiliation = models.TextField(_("affiliation"), blank=True)

    class Meta:
        ordering = ["publication", "position"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["publication", "position"], name="authorship_unique_position"),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="authorship_position_positive"),
        ]

    def __str__(self):
        return self.name


class AwardKind(models.TextChoices):
    BEST_PAPER = "best_paper", _("Best Paper Award")
    BEST_PAPER_NOMINATION = "best_paper_nomination", _("Best Paper Nomination")
    DISTINGUISHED = "distinguished", _("Distinguished Paper Award")
    HONORABLE_MENTION = "honorable_mention", _("Honorable Mention")
    TOP_PICKS = "top_picks", _("IEEE Micro Top Picks")
    # ACM's artifact badges (also used by IEEE and USENIX artifact evaluation): shown beside the awards.
    ARTIFACTS_AVAILABLE = "artifacts_available", _("Artifacts Available")
    ARTIFACTS_FUNCTIONAL = "artifacts_functional", _("Artifacts Evaluated – Functional")
    ARTIFACTS_REUSABLE = "artifacts_reusable", _("Artifacts Evaluated – Reusable")
    RESULTS_REPRODUCED = "results_reproduced", _("Results Reproduced")
    OTHER = "other", _("Other award")


ARTIFACT_BADGES = {
    AwardKind.ARTIFACTS_AVAILABLE, AwardKind.ARTIFACTS_FUNCTIONAL, AwardKind.ARTIFACTS_REUSABLE,
    AwardKind.RESULTS_REPRODUCED,
}  # fmt: skip


class Award(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(_("kind"), max_length=30, choices=AwardKind.choices, default=AwardKind.BEST_PAPER)
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Leave empty to use the kind's name.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The honour this award is (a best paper listed among the lab's or a member's honours): the honour
    # says who, when, by whom and "4 out of 1000"; the paper shows its badge once.
    honor = models.OneToOneField(
        "people.Honor", on_delete=models.SET_NULL, null=True, blank=True, related_name="award",
        verbose_name=_("honour"),
    )  # fmt: skip

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return self.label or self.get_kind_display()

    @property
    def is_artifact_badge(self) -> bool:
        return self.kind in ARTIFACT_BADGES


class ImportedEntry(models.Model):
    """The fingerprint of the file entry a paper was last imported from, and the paper's `updated_at`
    then: a re-import meeting the same entry, the paper untouched since, in an unchanged lab, reports it
    unchanged without reading it (importers.unchanged)."""

    affects_content = False  # bookkeeping of imports: no page shows it

    publication = models.OneToOneField(
        Publication, on_delete=models.CASCADE, primary_key=True, related_name="imported_entry"
    )
    fingerprint = models.CharField(max_length=40, db_index=True)
    stamp = models.DateTimeField()

    class Meta:
        verbose_name = _("imported entry")
        verbose_name_plural = _("imported entries")

    def __str__(self):
        return self.fingerprint


class Collection(MarkdownRendering, Stamped):
    """A curated, annotated reading list: papers by the lab or by anyone else."""

    markdown_fields = {"description": "description_html"}

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = visibility_field()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:collection-detail", kwargs={"slug": self.slug})

    def clean(self):
        require_some_language(self, "title")


class CollectionEntry(MarkdownRendering):
    markdown_fields = {"comment": "comment_html"}

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="collection_entries",
        verbose_name=_("publication"),
    )
    position = models.PositiveIntegerField(_("position"))
    section = models.CharField(
        _("section"), max_length=200, blank=True, help_text=_("e.g. 2016 ISCA, or Tutorial and Survey")
    )
    is_highlighted = models.BooleanField(_("highlighted"), default=False)
    comment = models.TextField(_("comment (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    comment_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["collection", "position"]
        verbose_name = _("collection entry")
        verbose_name_plural = _("collection entries")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "position"], name="collection_entry_unique_position"
            ),
            models.UniqueConstraint(
                fields=["collection", "publication"], name="collection_entry_unique_publication"
            ),
        ]

    def __str__(self):
        return f"{self.collection} #{self.position}"
