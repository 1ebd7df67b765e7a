from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Person, ResearchArea
from portal.images import SizedImageField, fitted
from portal.models import (
    MARKDOWN_HELP,
    MarkdownRendering,
    PublishableQuerySet,
    Stamped,
    creator_field,
    require_some_language,
    searched_text,
    visibility_field,
    year_check,
)
from portal.uploads import GeneratedName
from portal.validators import validate_image_upload
from publications.models import Publication


class Achievement(MarkdownRendering, Stamped):
    """One entry of the lab's annual report (年度成果): a bilingual write-up of a result."""

    markdown_fields = {"summary": "summary_html", "body": "body_html"}

    year = models.PositiveSmallIntegerField(_("year reported"), db_index=True)
    order = models.PositiveSmallIntegerField(_("order within the year"), default=0)
    slug = models.SlugField(_("slug"), max_length=80)
    short_name = models.CharField(_("short name"), max_length=60, blank=True, help_text=_("e.g. MILLION"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    summary_html = models.TextField(editable=False, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    body_html = models.TextField(editable=False, blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="achievements", verbose_name=_("people"))
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="achievements", verbose_name=_("related publications")
    )
    research_areas = models.ManyToManyField(
        ResearchArea, blank=True, related_name="achievements", verbose_name=_("research areas")
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    in_report = models.BooleanField(
        _("in the annual report"), default=True,
        help_text=_("Numbered in the year's report in the order given above."),
    )  # fmt: skip
    is_published = visibility_field()
    created_by = creator_field()

    objects = PublishableQuerySet.as_manager()

    search_text = searched_text(
        "title_en",
        "title_zh_hans",
        "short_name",
        "summary_en",
        "summary_zh_hans",
        "body_en",
        "body_zh_hans",
    )

    class Meta:
        ordering = ["-year", "order", "id"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        constraints = [
            models.UniqueConstraint(fields=["year", "slug"], name="achievement_unique_slug_per_year"),
            year_check("year", "achievement_year_in_range"),
        ]

    def __str__(self):
        return f"{self.year} · {self.short_name or self.title}"

    def get_absolute_url(self):
        return reverse("achievements:achievement-detail", kwargs={"year": self.year, "slug": self.slug})

    def clean(self):
        require_some_language(self, "title")


class LinkKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    ARXIV = "arxiv", "arXiv"
    CODE = "code", _("Code")
    PROJECT = "project", _("Project page")
    VIDEO = "video", _("Video")
    SLIDES = "slides", _("Slides")
    NEWS = "news", _("News")
    OTHER = "other", _("Link")


class AchievementLink(models.Model):
    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.OTHER)
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Leave empty to use the kind.")
    )
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["achievement", "order", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label or self.get_kind_display()


class AchievementFigure(models.Model):
    """A figure of the write-up; numbered (Figure 1, 图1) by its order when shown."""

    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="figures")
    image = SizedImageField(
        _("image"), upload_to=GeneratedName("achievements"), validators=[validate_image_upload],
        width_field="width", height_field="height",
    )  # fmt: skip
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    image_card = fitted("image", 400)  # the cards of the home page and the year pages
    image_large = fitted("image", 720)  # the write-up's page
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(_("text alternative"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["achievement", "order", "id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return self.caption or self.image.name
