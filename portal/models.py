import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .images import filled
from .markdown import render_markdown
from .uploads import GeneratedName
from .validators import validate_image_upload
from .visibility import sees_drafts

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://…), ## heading, - list item. "
    "HTML is cleaned: scripts and styles are removed."
)

MIN_YEAR = 1900
MAX_YEAR = 2100


class PublishableQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: published records only."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if sees_drafts(user) else self.public()


class Stamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class MarkdownRendering(models.Model):
    """Renders each `markdown_fields` source into its `_html` twin, in every language, on save.

    Subclasses declare `markdown_fields = {"bio": "bio_html"}`; both fields are translated.
    """

    markdown_fields: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | set(self.markdown_field_names()[1])
        super().save(*args, **kwargs)

    @classmethod
    def markdown_field_names(cls) -> tuple[list[str], list[str]]:
        """The localised source and HTML field names, e.g. (['bio_en', 'bio_zh_hans'], ['bio_html_en', …])."""
        languages = [code for code, _name in settings.LANGUAGES]
        return (
            [build_localized_fieldname(source, code) for source in cls.markdown_fields for code in languages],
            [
                build_localized_fieldname(target, code)
                for target in cls.markdown_fields.values()
                for code in languages
            ],
        )

    def render_markdown_fields(self):
        for source, target in self.markdown_fields.items():
            for language, _name in settings.LANGUAGES:
                text = getattr(self, build_localized_fieldname(source, language), "") or ""
                setattr(self, build_localized_fieldname(target, language), render_markdown(text))


def year_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR}), name=name
    )


class Lab(MarkdownRendering):
    """The research group itself: one row, edited in the admin."""

    markdown_fields = {"about": "about_html"}

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    about = models.TextField(_("about (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    about_html = models.TextField(editable=False, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    logo = models.ImageField(
        _("logo"), upload_to=GeneratedName("lab"), blank=True, validators=[validate_image_upload]
    )
    banner = models.ImageField(
        _("picture"),
        upload_to=GeneratedName("lab"),
        blank=True,
        validators=[validate_image_upload],
        help_text=_("The home page's picture: the group, the lab or a research image (cropped to 3:2)."),
    )
    banner_caption = models.CharField(
        _("picture caption"), max_length=300, blank=True,
        help_text=_("What the picture shows, for those who cannot see it."),
    )  # fmt: skip
    banner_wide = filled("banner", 600, 400)  # the home page
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lab profile")
        verbose_name_plural = _("lab profile")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="lab_is_singleton")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "Lab | None":
        return cls.objects.filter(pk=1).first()


def require_some_language(instance, field: str) -> None:
    """Raise a field error unless `field` is filled in at least one language."""
    from django.core.exceptions import ValidationError

    names = [build_localized_fieldname(field, language) for language, _name in settings.LANGUAGES]
    if not any((getattr(instance, name, "") or "").strip() for name in names):
        message = _("Fill this in at least one language.")
        raise ValidationError(dict.fromkeys(names, message))


class ContentVersion(models.Model):
    """One row counting changes to public content; page caches and API ETags are keyed on it.

    It lives in the database, not a process's memory, so that every web process and host sees a
    change on its next request, and so that it commits or rolls back with the change itself.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="content_version_is_singleton")]

    def __str__(self):
        return f"v{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class SearchSynonyms(models.Model):
    """Words the site's search takes as one: "ReRAM, RRAM", "PIM, processing-in-memory, 存内计算".

    A query word (or phrase) that is one of the terms finds any of them, in either language."""

    terms = models.CharField(
        _("terms"), max_length=500, unique=True,
        help_text=_("Separated by commas, e.g. “PIM, processing-in-memory, 存内计算, 存算一体”."),
    )  # fmt: skip

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in re.split(r"[,，、]", self.terms) if term.strip()]


def visibility_field():
    """A record's `is_published`: visitors see it, or it is a draft only editors see."""
    return models.BooleanField(
        _("visible on the site"), default=True, help_text=_("Unticked: a draft, seen only by editors.")
    )


def creator_field():
    """A record's `created_by`: the account that created it (a member may change their own drafts)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("created by"),
    )  # fmt: skip


def searched_text(*fields: str) -> models.GeneratedField:
    """A record's searched fields, upper-cased into one column the database keeps (a stored generated
    column, on PostgreSQL and SQLite alike): a search then matches each word once per record, rather
    than once per field, with its case folded on every row (portal.filters.every_word)."""
    from django.db.models import F, Value
    from django.db.models.functions import Concat, Upper

    parts = []
    for field in fields:
        parts += [F(field), Value("\n")]  # Concat reads a missing translation (NULL) as ""
    joined = Concat(*parts[:-1], output_field=models.TextField()) if len(fields) > 1 else F(fields[0])
    return models.GeneratedField(
        expression=Upper(joined),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )
