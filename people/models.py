from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import (
    MARKDOWN_HELP,
    MarkdownRendering,
    PublishableQuerySet,
    Stamped,
    require_some_language,
    year_check,
)
from portal.uploads import GeneratedName
from portal.validators import normalise_orcid, validate_image_upload, validate_orcid


class ResearchArea(MarkdownRendering):
    markdown_fields = {"description": "description_html"}

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("research area")
        verbose_name_plural = _("research areas")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    PI = "pi", _("Principal investigator")
    FACULTY = "faculty", _("Faculty")
    POSTDOC = "postdoc", _("Postdoctoral researcher")
    RESEARCHER = "researcher", _("Researcher")
    PHD = "phd", _("PhD student")
    MASTER = "master", _("Master's student")
    UNDERGRADUATE = "undergraduate", _("Undergraduate")
    VISITOR = "visitor", _("Visitor")
    STAFF = "staff", _("Staff")


ROLE_ORDER = {role: index for index, role in enumerate(Role.values)}


class PersonQuerySet(PublishableQuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def alumni(self):
        return self.filter(left_on__isnull=False)


class Person(MarkdownRendering, Stamped):
    markdown_fields = {"bio": "bio_html"}

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PHD)
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("e.g. Associate Professor"))
    bio = models.TextField(_("biography (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    bio_html = models.TextField(editable=False, blank=True)
    current_position = models.CharField(
        _("current position"), max_length=300, blank=True, help_text=_("For alumni: where they are now.")
    )
    photo = models.ImageField(
        _("photo"), upload_to=GeneratedName("people"), blank=True, validators=[validate_image_upload]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    show_email = models.BooleanField(_("show e-mail on the site"), default=False)
    homepage = models.URLField(_("homepage"), blank=True)
    orcid = models.CharField(
        "ORCID", max_length=19, blank=True, validators=[validate_orcid], help_text="0000-0002-1825-0097"
    )
    openalex_id = models.CharField(_("OpenAlex author id"), max_length=20, blank=True)
    google_scholar_id = models.CharField(_("Google Scholar id"), max_length=20, blank=True)
    dblp = models.CharField(_("DBLP person id"), max_length=100, blank=True, help_text="e.g. 169/7343")
    github = models.CharField(_("GitHub user"), max_length=39, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(
        _("left on"), null=True, blank=True, help_text=_("Set when the person leaves.")
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    research_areas = models.ManyToManyField(
        ResearchArea, blank=True, related_name="people", verbose_name=_("research areas")
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="person_left_after_joined",
            ),
            models.UniqueConstraint(
                fields=["orcid"], condition=~models.Q(orcid=""), name="person_orcid_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:person-detail", kwargs={"slug": self.slug})

    @property
    def is_alumnus(self) -> bool:
        return self.left_on is not None

    def clean(self):
        require_some_language(self, "name")

    def save(self, *args, **kwargs):
        self.orcid = normalise_orcid(self.orcid) if self.orcid else ""
        super().save(*args, **kwargs)


class PersonAlias(models.Model):
    """A spelling of a person's name as it appears in author lists ("Z. Song", "宋卓然")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name as printed"), max_length=200)

    class Meta:
        ordering = ["person", "name"]
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person")]

    def __str__(self):
        return self.name


class Honor(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="honors")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-year", "order"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [year_check("year", "honor_year_in_range")]

    def __str__(self):
        return f"{self.year} {self.title}"
