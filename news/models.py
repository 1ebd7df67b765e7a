import re

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from people.models import Person, Precision, partial_date
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
)
from portal.uploads import GeneratedName
from portal.validators import validate_image_upload
from publications.models import Publication


class NewsQuerySet(PublishableQuerySet):
    def with_links(self):
        """Linked papers, people and achievements, those visitors may see, in three queries."""
        papers = Publication.objects.public().only("slug", "title_en", "title_zh_hans", "year")
        people = Person.objects.public().only("slug", "name_en", "name_zh_hans")
        achievements = Achievement.objects.public().only(
            "year", "slug", "short_name", "title_en", "title_zh_hans"
        )
        return self.prefetch_related(
            models.Prefetch("publications", queryset=papers),
            models.Prefetch("people", queryset=people),
            models.Prefetch("achievements", queryset=achievements),
        )


class NewsItem(MarkdownRendering, Stamped):
    """A dated line of lab news ("2024.07. Our paper … has been accepted by MICRO."), with a page of its
    own when it says more."""

    markdown_fields = {"body": "body_html"}

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, blank=True,
        help_text=_("Left empty: made from the date and text."),
        validators=[RegexValidator(r"\D", _("A slug of digits alone would be read as a year."))],
    )  # fmt: skip
    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=[c for c in Precision.choices if c[0] != "year"],
        default=Precision.DAY, help_text=_("Month: shown as 2024.07, as labs write it."),
    )  # fmt: skip
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Optional: most news is one line.")
    )
    body = models.TextField(_("text (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    body_html = models.TextField(editable=False, blank=True)
    image = SizedImageField(
        _("image"), upload_to=GeneratedName("news"), blank=True, validators=[validate_image_upload],
        width_field="image_width", height_field="image_height",
    )  # fmt: skip
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    image_large = fitted("image", 720)
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="news_items", verbose_name=_("papers mentioned")
    )
    people = models.ManyToManyField(Person, blank=True, related_name="news_items", verbose_name=_("people"))
    achievements = models.ManyToManyField(
        Achievement, blank=True, related_name="news_items", verbose_name=_("achievements")
    )
    is_published = visibility_field()
    created_by = creator_field()

    objects = NewsQuerySet.as_manager()

    search_text = searched_text("title_en", "title_zh_hans", "body_en", "body_zh_hans")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self):
        return f"{self.date_label} {self.title or self.body[:60]}"

    def get_absolute_url(self):
        return reverse("news:news-detail", kwargs={"slug": self.slug})

    @property
    def date_label(self) -> str:
        if self.date_precision == Precision.UNKNOWN:
            return gettext("Pinned")  # a pinned item the lab gave no date
        return partial_date(self.date, self.date_precision)

    @property
    def headline(self) -> str:
        """The item's title in the page's language, else its first sentence: an untitled item's page is
        headed by what it says, not by "News" and the date the line below repeats."""
        if self.title:
            return self.title
        words = " ".join(
            re.sub(
                r"!?\[([^\]]*)\]\([^)]*\)|<[^>]*>|[*_`#>]", lambda m: m.group(1) or "", self.body or ""
            ).split()
        )
        sentence = re.match(r"(.+?[.!?。！？])(?:\s|$)", words)
        text = sentence.group(1) if sentence else words
        return text if len(text) <= 120 else text[:117].rstrip() + "…"

    def clean(self):
        require_some_language(self, "body")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = news_slug(self.date, self.title_en or self.body_en or self.title or self.body, set())
            if NewsItem.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
                taken = set(
                    NewsItem.objects.filter(slug__startswith=self.slug).values_list("slug", flat=True)
                )
                self.slug = news_slug(
                    self.date, self.title_en or self.body_en or self.title or self.body, taken
                )
        super().save(*args, **kwargs)


def news_slug(date, text: str, taken: set[str]) -> str:
    """ "2024-07-our-paper-on-pim-accepted-by-micro": the date and the first words of the text (of its
    Markdown, links and marks left out), unique among `taken` (which it then joins)."""
    words = re.sub(r"(?s)<!--.*?-->|<[^>]*>", " ", text or "")  # "<a href=…>" is no word of the slug
    words = re.sub(r"\]\([^)]*\)|https?://\S+|[\[\]*_`#>]", " ", words)
    base = f"{date:%Y-%m}-" + (slugify(" ".join(words.split()[:8]))[:60].strip("-") or "news")
    base = base.strip("-")
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
