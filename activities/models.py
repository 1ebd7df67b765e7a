"""What a lab does besides papers: its projects and grants (科研项目), the software it releases, the
talks its people give, the courses they teach and the positions it recruits for (招生/加入我们).

Each record is bilingual where a visitor reads it, a draft until published (like papers and news), and
linked to the people, papers and achievements it concerns."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from people.models import Person
from portal.images import filled
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

GITHUB_REPOSITORY = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", re.I)


def unique_slug(model, text: str, pk=None, field: str = "slug", limit: int = 80) -> str:
    """A slug of `text` (its ASCII words; "project" when it has none) no other row of `model` has."""
    base = slugify(text)[: limit - 4].strip("-") or model._meta.model_name
    slug, number = base, 2
    while model.objects.filter(**{field: slug}).exclude(pk=pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class Activity(MarkdownRendering, Stamped):
    """What every kind shares: a slug, visibility, who created it."""

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=_("Left empty: made from the title.")
    )
    is_published = visibility_field()
    created_by = creator_field()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def slug_source(self) -> str:
        return getattr(self, "title_en", "") or getattr(self, "title", "")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.slug_source(), self.pk)
        super().save(*args, **kwargs)


def years_label(start: datetime.date | None, end: datetime.date | None) -> str:
    """ "2021–2024", "2023–" (running), "2024" (one year), "" (no dates)."""
    if start is None and end is None:
        return ""
    if start and end and start.year == end.year:
        return str(start.year)
    return f"{start.year if start else ''}–{end.year if end else ''}"


class ProjectKind(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial or ministerial")
    INDUSTRY = "industry", _("Industry")
    INTERNATIONAL = "international", _("International")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class ProjectRole(models.TextChoices):
    # what Chinese labs write beside each project: 主持, 共同主持, 参与
    LEAD = "lead", pgettext_lazy("project", "Principal investigator")
    CO_LEAD = "co_lead", pgettext_lazy("project", "Co-principal investigator")
    PARTICIPANT = "participant", pgettext_lazy("project", "Participant")


class ProjectQuerySet(PublishableQuerySet):
    def running_in(self, year: int):
        """Projects under way at some time of `year` (begun by its end, not ended before it)."""
        return self.filter(
            Q(start_on__year__lte=year) | Q(start_on__isnull=True, end_on__isnull=False)
        ).filter(Q(end_on__isnull=True) | Q(end_on__year__gte=year))


class Project(Activity):
    """A research project or grant: "国家自然科学基金面上项目 62372xxx, 主持, 2024–2027"."""

    markdown_fields = {"summary": "summary_html"}

    title = models.CharField(_("title"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(
        _("level"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.NATIONAL
    )
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_(
            "e.g. National Natural Science Foundation of China / 国家自然科学基金委员会, or a company."
        ),
    )
    programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_(
            "e.g. General Program / 面上项目, Young Scientists Fund / 青年科学基金项目, "
            "National Key R&D Program / 国家重点研发计划."
        ),
    )
    grant_number = models.CharField(_("grant number"), max_length=100, blank=True)
    role = models.CharField(
        _("the lab's role"), max_length=20, choices=ProjectRole.choices, default=ProjectRole.LEAD
    )
    principal_investigator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects_led",
        verbose_name=_("principal investigator in the lab"),
    )
    start_on = models.DateField(_("start"), null=True, blank=True)
    end_on = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while it runs."))
    amount = models.CharField(_("amount"), max_length=100, blank=True, help_text=_("e.g. ¥580,000 / 58万元"))
    show_amount = models.BooleanField(
        _("show the amount"), default=False, help_text=_("Unticked: the amount is kept for editors only.")
    )
    summary = models.TextField(_("summary (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    summary_html = models.TextField(editable=False, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    image = models.ImageField(
        _("image"), upload_to=GeneratedName("projects"), blank=True, validators=[validate_image_upload]
    )
    image_card = filled("image", 320, 200)
    people = models.ManyToManyField(Person, blank=True, related_name="projects", verbose_name=_("people"))
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="projects", verbose_name=_("related publications")
    )
    achievements = models.ManyToManyField(
        Achievement, blank=True, related_name="projects", verbose_name=_("related achievements")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProjectQuerySet.as_manager()

    search_text = searched_text(
        "title_en",
        "title_zh_hans",
        "short_name",
        "grant_number",
        "funder_en",
        "funder_zh_hans",
        "programme_en",
        "programme_zh_hans",
    )

    class Meta:
        ordering = ["order", "-start_on", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=models.F("start_on")),
                name="project_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.short_name or self.title

    def get_absolute_url(self):
        return reverse("activities:project-detail", kwargs={"slug": self.slug})

    @property
    def years(self) -> str:
        return years_label(self.start_on, self.end_on)

    @property
    def is_running(self) -> bool:
        return self.end_on is None or self.end_on >= timezone.localdate()

    def clean(self):
        require_some_language(self, "title")
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("A project ends after it starts.")})


class Software(Activity):
    """A tool, library or artifact the lab releases, with its repository's figures (refreshed nightly
    from GitHub where the repository is there)."""

    markdown_fields = {"description": "description_html"}

    name = models.CharField(_("name"), max_length=120)
    tagline = models.CharField(_("one line"), max_length=300, blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    repository = models.URLField(
        _("repository"), max_length=500, blank=True, help_text=_("e.g. https://github.com/ZongwuWang/MILLION")
    )
    homepage = models.URLField(_("home page or documentation"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True, help_text=_("e.g. MIT, Apache-2.0"))
    language = models.CharField(_("programming language"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("first released"), null=True, blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="software", verbose_name=_("people"))
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="software", verbose_name=_("papers it implements")
    )
    achievements = models.ManyToManyField(
        Achievement, blank=True, related_name="software", verbose_name=_("related achievements")
    )
    # Kept by the nightly refresh (activities.github); a failed refresh leaves the last figures.
    stars = models.PositiveIntegerField(_("stars"), null=True, blank=True, editable=False)
    forks = models.PositiveIntegerField(_("forks"), null=True, blank=True, editable=False)
    last_release = models.CharField(_("last release"), max_length=100, blank=True, editable=False)
    last_release_on = models.DateField(_("last release date"), null=True, blank=True, editable=False)
    figures_checked_at = models.DateTimeField(_("figures checked"), null=True, blank=True, editable=False)
    figures_problem = models.CharField(_("last refresh problem"), max_length=300, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_text = searched_text(
        "name", "tagline_en", "tagline_zh_hans", "description_en", "description_zh_hans"
    )

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = pgettext_lazy("one", "software")
        verbose_name_plural = pgettext_lazy("many", "software")
        constraints = [year_check("year", "software_year_in_range")]

    def __str__(self):
        return self.name

    def slug_source(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("activities:software-detail", kwargs={"slug": self.slug})

    @property
    def github_name(self) -> str:
        """ "owner/name" of a GitHub repository, "" for anything else."""
        match = GITHUB_REPOSITORY.match(self.repository or "")
        return f"{match.group(1)}/{match.group(2)}" if match else ""


class TalkKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    INVITED = "invited", _("Invited talk")
    TUTORIAL = "tutorial", _("Tutorial")
    SEMINAR = "seminar", _("Seminar")
    PANEL = "panel", _("Panel")
    CONTRIBUTED = "contributed", _("Conference talk")
    POSTER = "poster", _("Poster")


class Talk(Activity):
    """A talk, keynote or tutorial one of the lab's people gave: where, when, its slides and video."""

    markdown_fields = {"abstract": "abstract_html"}

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=TalkKind.choices, default=TalkKind.INVITED)
    event = models.CharField(
        _("event"), max_length=300, blank=True, help_text=_("e.g. DAC 2025, a seminar series")
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("e.g. San Francisco, USA"))
    date = models.DateField(_("date"), db_index=True)
    url = models.URLField(_("event page"), max_length=500, blank=True)
    slides_url = models.URLField(_("slides"), max_length=500, blank=True)
    video_url = models.URLField(_("video"), max_length=500, blank=True)
    abstract = models.TextField(_("abstract (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    abstract_html = models.TextField(editable=False, blank=True)
    speakers = models.ManyToManyField(Person, blank=True, related_name="talks", verbose_name=_("speakers"))
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="talks", verbose_name=_("related publications")
    )

    search_text = searched_text("title_en", "title_zh_hans", "event_en", "event_zh_hans")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("activities:talk-detail", kwargs={"slug": self.slug})

    def clean(self):
        require_some_language(self, "title")


class CourseLevel(models.TextChoices):
    UNDERGRADUATE = "undergraduate", _("Undergraduate")
    GRADUATE = "graduate", _("Graduate")
    BOTH = "both", _("Undergraduate and graduate")
    SHORT = "short", _("Short course or summer school")


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")
    YEAR = "year", _("Whole year")


class Course(Activity):
    """A course as taught in one term: "CS3501 Computer Architecture, Spring 2025, undergraduate"."""

    markdown_fields = {"description": "description_html"}

    title = models.CharField(_("title"), max_length=300)
    code = models.CharField(_("course code"), max_length=40, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.UNDERGRADUATE
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    season = models.CharField(_("term"), max_length=10, choices=Season.choices, blank=True)
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("Where it is taught, when not the lab's university."),
    )
    description = models.TextField(_("description (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    url = models.URLField(_("course page"), max_length=500, blank=True)
    teachers = models.ManyToManyField(Person, blank=True, related_name="courses", verbose_name=_("teachers"))

    search_text = searched_text("title_en", "title_zh_hans", "code")

    class Meta:
        ordering = ["-year", "season", "code", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [year_check("year", "course_year_in_range")]

    def __str__(self):
        return f"{self.code} {self.title} ({self.term})".strip()

    def slug_source(self) -> str:
        return f"{self.code or self.title_en or self.title} {self.year} {self.season}"

    def get_absolute_url(self):
        return reverse("activities:course-detail", kwargs={"slug": self.slug})

    @property
    def term(self) -> str:
        """ "Spring 2025" / "2025 春季"; the year alone when the term is not given."""
        if not self.season:
            return str(self.year)
        return gettext("%(season)s %(year)s") % {"season": self.get_season_display(), "year": self.year}

    def clean(self):
        require_some_language(self, "title")


class OpeningKind(models.TextChoices):
    PHD = "phd", _("PhD student")
    MASTER = "master", _("Master's student")
    POSTDOC = "postdoc", _("Postdoctoral researcher")
    ENGINEER = "engineer", _("Research engineer or assistant")
    INTERN = "intern", _("Intern")
    UNDERGRADUATE = "undergraduate", _("Undergraduate researcher")
    VISITOR = "visitor", _("Visiting student or scholar")


class OpeningQuerySet(PublishableQuerySet):
    def open(self, today: datetime.date | None = None):
        """Positions still recruiting: no deadline, or a deadline not passed."""
        today = today or timezone.localdate()
        return self.filter(Q(deadline__isnull=True) | Q(deadline__gte=today))


class Opening(Activity):
    """A position the lab recruits for: what it is, what to send, by when. Gone from the site after
    its deadline."""

    markdown_fields = {"description": "description_html", "how_to_apply": "how_to_apply_html"}

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("position"), max_length=20, choices=OpeningKind.choices, default=OpeningKind.PHD
    )
    description = models.TextField(_("what the position is (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)
    how_to_apply = models.TextField(_("what to send (Markdown)"), blank=True, help_text=MARKDOWN_HELP)
    how_to_apply_html = models.TextField(editable=False, blank=True)
    contact = models.EmailField(_("send to"), blank=True)
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: open until filled. Hidden from visitors after it."),
    )
    posted_on = models.DateField(_("posted"), default=datetime.date.today)
    supervisors = models.ManyToManyField(
        Person, blank=True, related_name="openings", verbose_name=_("supervisors")
    )

    objects = OpeningQuerySet.as_manager()

    search_text = searched_text("title_en", "title_zh_hans", "description_en", "description_zh_hans")

    class Meta:
        ordering = ["deadline", "-posted_on", "pk"]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:opening-detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.deadline is None or self.deadline >= timezone.localdate()

    def clean(self):
        require_some_language(self, "title")
