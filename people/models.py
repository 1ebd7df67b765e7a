import datetime
import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.images import filled
from portal.models import (
    MARKDOWN_HELP,
    MarkdownRendering,
    PublishableQuerySet,
    Stamped,
    require_some_language,
    searched_text,
    visibility_field,
    year_check,
)
from portal.uploads import GeneratedName
from portal.validators import normalise_orcid, validate_image_upload, validate_orcid, validate_web_addresses


class ResearchArea(MarkdownRendering):
    markdown_fields = {"description": "description_html"}

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    image = models.ImageField(
        _("image"),
        upload_to=GeneratedName("areas"),
        blank=True,
        validators=[validate_image_upload],
        help_text=_("Shown with the area on the home page (cropped to 16:10)."),
    )
    image_card = filled("image", 320, 200)  # the home page

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
    VISITOR = "visitor", _("Visiting scholar")
    ENGINEER = "engineer", _("Engineer")
    STAFF = "staff", _("Staff")
    MEMBER = "member", _("Member")  # a roster that does not say


ROLE_ORDER = {role: index for index, role in enumerate(Role.values)}
# Headings of the people page, where a role has more than one member.
ROLE_PLURALS = {
    Role.PI: _("Principal investigators"),
    Role.FACULTY: _("Faculty"),
    Role.POSTDOC: _("Postdoctoral researchers"),
    Role.RESEARCHER: _("Researchers"),
    Role.PHD: _("PhD students"),
    Role.MASTER: _("Master's students"),
    Role.UNDERGRADUATE: _("Undergraduates"),
    Role.VISITOR: _("Visiting scholars"),
    Role.ENGINEER: _("Engineers"),
    Role.STAFF: _("Staff"),
    Role.MEMBER: _("Members"),
}


class Precision(models.TextChoices):
    """How much of a date is known: labs write "2025-", "2024.07." or a whole date."""

    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")
    UNKNOWN = "none", _("not known")  # an alumnus listed with no year: left by the date stored


def partial_date(value, precision: str) -> str:
    """A date as far as it is known: "2025", "2025.07", "2025.07.15"."""
    if value is None or precision == Precision.UNKNOWN:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year}"
    if precision == Precision.MONTH:
        return f"{value.year}.{value.month:02d}"
    return f"{value.year}.{value.month:02d}.{value.day:02d}"


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class PersonQuerySet(PublishableQuerySet):
    """`role`, `joined_on` and `left_on` are kept by the person's memberships (see
    Person.update_from_memberships), so lists filter on them without joining the stints."""

    def current(self):
        return self.filter(left_on__isnull=True)

    def alumni(self):
        return self.filter(left_on__isnull=False)


PROFILE_SITES = {
    "ieeexplore.ieee.org": "IEEE Xplore", "dl.acm.org": "ACM Digital Library",
    "semanticscholar.org": "Semantic Scholar", "researchgate.net": "ResearchGate", "linkedin.com": "LinkedIn",
    "x.com": "X", "twitter.com": "X", "scopus.com": "Scopus", "webofscience.com": "Web of Science",
    "openreview.net": "OpenReview", "link.springer.com": "Springer", "sciencedirect.com": "ScienceDirect",
    "zhihu.com": "知乎", "bsky.app": "Bluesky", "youtube.com": "YouTube", "dblp.org": "DBLP",
}  # fmt: skip


def profile_label(address: str) -> str:
    """ "https://ieeexplore.ieee.org/author/37086" -> "IEEE Xplore"; an unknown site by its host."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?([^/:?#]+).*$", r"\1", address.strip()).lower()
    return next(
        (label for site, label in PROFILE_SITES.items() if host == site or host.endswith("." + site)), host
    )


class Person(MarkdownRendering, Stamped):
    markdown_fields = {"bio": "bio_html"}

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PHD)
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("e.g. Associate Professor"))
    bio = models.TextField(_("biography (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    bio_html = models.TextField(editable=False, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=GeneratedName("people"), blank=True, validators=[validate_image_upload]
    )
    photo_card = filled("photo", 64, 80)  # small lists (the people grid shows photo_profile)
    photo_profile = filled("photo", 160, 200)  # the person's page
    email = models.EmailField(_("e-mail"), blank=True)
    show_email = models.BooleanField(_("show e-mail on the site"), default=False)
    homepage = models.URLField(_("homepage"), blank=True)
    orcid = models.CharField(
        "ORCID", max_length=19, blank=True, validators=[validate_orcid], help_text="0000-0002-1825-0097"
    )
    openalex_id = models.CharField(_("OpenAlex author id"), max_length=20, blank=True)
    google_scholar_id = models.CharField(_("Google Scholar id"), max_length=20, blank=True)
    dblp = models.CharField(_("DBLP person id"), max_length=100, blank=True, help_text="e.g. 169/7343")
    arxiv_query = models.CharField(
        _("arXiv author query"), max_length=200, blank=True,
        help_text=_("How arXiv's search finds this person's preprints, e.g. au:Song_Linghao"),
    )  # fmt: skip
    github = models.CharField(_("GitHub user"), max_length=39, blank=True)
    links = models.JSONField(
        _("other pages about them"), default=list, blank=True, validators=[validate_web_addresses],
        help_text=_("One address per line: a publisher's author page, Semantic Scholar, LinkedIn…"),
    )  # fmt: skip
    # Kept by the memberships: the first start, and the last end once no stint is current.
    joined_on = models.DateField(_("joined on"), null=True, blank=True, editable=False)
    left_on = models.DateField(_("left on"), null=True, blank=True, editable=False)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    research_areas = models.ManyToManyField(
        ResearchArea, blank=True, related_name="people", verbose_name=_("research areas")
    )
    is_published = visibility_field()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="person",
        verbose_name=_("account"), help_text=_("The account this person logs in with to edit their profile."),
    )  # fmt: skip

    objects = PersonQuerySet.as_manager()

    search_text = searched_text("name_en", "name_zh_hans")

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
    def title_says_role(self) -> bool:
        """Whether their title already names their role ("Professor; Principal Investigator, …" of a
        principal investigator): the page then shows the title alone."""
        return bool(self.title) and str(self.get_role_display()).casefold() in self.title.casefold()

    @property
    def profile_links(self) -> list[tuple[str, str]]:
        """(label, address) of their other pages, labelled by the site they are on."""
        return [(profile_label(address), address) for address in self.links or []]

    @property
    def is_alumnus(self) -> bool:
        return self.left_on is not None

    def update_from_memberships(self, memberships=None) -> bool:
        """Set role, joined_on and left_on from the stints (all of them, or `memberships` already
        loaded) and save them if they changed; returns whether they did. The current role is that of
        the latest current stint (the senior one on a tie); with none current, of the last to end. A
        person with no stint keeps what they have."""
        stints = list(self.memberships.all() if memberships is None else memberships)
        if not stints:
            return False
        current = [m for m in stints if m.end_on is None]
        if current:
            latest = max(current, key=lambda m: (m.start_on or datetime.date.min, -ROLE_ORDER[m.role]))
            left_on = None
        else:
            latest = max(stints, key=lambda m: (m.end_on, m.start_on or datetime.date.min))
            left_on = latest.end_on
        starts = [m.start_on for m in stints if m.start_on]
        values = {"role": latest.role, "joined_on": min(starts) if starts else None, "left_on": left_on}
        if all(getattr(self, name) == value for name, value in values.items()):
            return False
        for name, value in values.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**values)
        return True

    @property
    def destination(self) -> "Membership | None":
        """The stint whose destination says where an alumnus went (the last to end with one)."""
        ended = [
            m for m in self.memberships.all() if m.end_on and (m.destination_en or m.destination_zh_hans)
        ]
        return max(ended, key=lambda m: m.end_on) if ended else None

    def clean(self):
        require_some_language(self, "name")

    def save(self, *args, **kwargs):
        self.orcid = normalise_orcid(self.orcid) if self.orcid else ""
        super().save(*args, **kwargs)


class PersonAlias(models.Model):
    """A spelling of a person's name as it appears in author lists ("Z. Song", "宋卓然")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name as printed"), max_length=200)
    # (an unticked box by default: a blank row of the admin's form is then no change to save)
    waits_for_review = models.BooleanField(
        _("waits for review"), default=False,
        help_text=_("Imports link authors by confirmed variants; a member's new one waits for an editor."),
    )  # fmt: skip
    search_text = searched_text("name")

    class Meta:
        ordering = ["person", "name"]
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person")]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(end_on__isnull=True)

    def ended(self):
        return self.filter(end_on__isnull=False)

    def with_supervisors(self):
        supervisions = Supervision.objects.select_related("supervisor").order_by("-is_main", "order", "pk")
        return self.prefetch_related(models.Prefetch("supervisions", queryset=supervisions))


class Membership(models.Model):
    """One stint of a person in the lab: a master's student who stays for a PhD has two."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PHD)
    start_on = models.DateField(_("started"), null=True, blank=True)
    start_precision = models.CharField(
        _("start known to the"), max_length=5, choices=Precision.choices, default=Precision.YEAR
    )
    end_on = models.DateField(_("ended"), null=True, blank=True, help_text=_("Empty while it lasts."))
    end_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision.choices, default=Precision.YEAR
    )
    degree = models.CharField(_("degree obtained"), max_length=20, choices=Degree.choices, blank=True)
    destination = models.CharField(
        _("destination"), max_length=300, blank=True, help_text=_("Where they went after leaving.")
    )
    destination_url = models.URLField(_("destination link"), blank=True)
    supervisors = models.ManyToManyField(
        Person, through="Supervision", related_name="supervised_memberships", blank=True,
        verbose_name=_("supervisors"),
    )  # fmt: skip

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start_on").asc(nulls_first=True), "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(start_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="membership_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["end_on"], name="membership_end_on")]

    def __str__(self):
        return f"{self.person}: {self.get_role_display()} {self.period}"

    @property
    def period(self) -> str:
        """ "2021–2025", "2025–" (current), "–2024" (start unknown)."""
        start = partial_date(self.start_on, self.start_precision)
        end = partial_date(self.end_on, self.end_precision)
        return f"{start}–{end}" if (start or end) else ""

    @property
    def start_label(self) -> str:
        return partial_date(self.start_on, self.start_precision)

    @property
    def end_label(self) -> str:
        return partial_date(self.end_on, self.end_precision)

    @property
    def is_current(self) -> bool:
        return self.end_on is None

    @property
    def supervisor_list(self):
        """The supervisions, for templates; none for a stint made up for a person without one."""
        return self.supervisions.all() if self.pk else []


class Supervision(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="supervisions")
    supervisor = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("supervisor")
    )
    is_main = models.BooleanField(_("main supervisor"), default=True, help_text=_("Unticked: co-supervised."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-is_main", "order", "pk"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            models.UniqueConstraint(fields=["membership", "supervisor"], name="supervision_unique"),
        ]

    def __str__(self):
        return f"{self.supervisor} → {self.membership.person}"


class HonorQuerySet(PublishableQuerySet):
    def public(self):
        """Published honours of the lab, and of people visitors may see."""
        return self.filter(is_published=True).filter(
            models.Q(person__isnull=True) | models.Q(person__is_published=True)
        )


class Honor(models.Model):
    """An honour as labs print it, of a person or (no person) of the lab. A best-paper honour points
    at its paper through the paper's award (Award.honor): one fact, shown once on the paper."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="honors", null=True, blank=True,
        help_text=_("Empty: an honour of the lab."),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, help_text=_("As printed."))
    awarding_body = models.CharField(_("awarding body"), max_length=300, blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("e.g. 4 out of 1000 submissions")
    )
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = visibility_field()

    objects = HonorQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "order", "pk"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [year_check("year", "honor_year_in_range")]

    def __str__(self):
        return f"{self.year} {self.title}"

    def clean(self):
        require_some_language(self, "title")
