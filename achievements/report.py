"""The annual report (年度成果报告): one year of the lab gathered from what the portal keeps, in a
fixed number of queries whatever the data size, for the page, the PDF, the Word file and the API.

Numbering follows the lab's habit: achievements "成果1 … 成果N" / "Achievement 1 … N" in the order
staff gave them (only those marked for the report), figures "图1" / "Figure 1" through the whole report,
papers with their code in the lab's whole list ([C33] stays [C33]).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from activities.models import Project, Software, Talk
from news.models import NewsItem
from people.models import Honor, Membership, Person
from portal.models import Lab
from publications.models import ARTIFACT_BADGES, Award, Publication, PublicationKind
from publications.services import list_codes

from .models import Achievement

RANKS = ["A", "B", "C", ""]  # "" : no CCF rank
KIND_ORDER = [
    PublicationKind.CONFERENCE, PublicationKind.JOURNAL, PublicationKind.MAGAZINE, PublicationKind.WORKSHOP,
    PublicationKind.BOOK, PublicationKind.PREPRINT, PublicationKind.THESIS, PublicationKind.OTHER,
]  # fmt: skip


@dataclass
class ReportFigure:
    number: int  # through the whole report: 图1, 图2, …
    figure: object


@dataclass
class ReportAchievement:
    number: int
    achievement: Achievement
    figures: list[ReportFigure]
    papers: list  # Publication, with authors, in the lab's order
    people: list


@dataclass
class PaperGroup:
    kind: str
    label: str
    papers: list  # (code, Publication)
    by_rank: list  # (rank, count) of the ranked ones, A first


@dataclass
class Report:
    year: int
    lab: Lab | None
    achievements: list[ReportAchievement] = field(default_factory=list)
    groups: list[PaperGroup] = field(default_factory=list)
    papers: int = 0
    by_rank: dict = field(default_factory=dict)  # "A"/"B"/"C"/"" -> count
    awards: list = field(default_factory=list)  # Award, with their publication
    honors: list = field(default_factory=list)
    news: list = field(default_factory=list)
    joined: list = field(default_factory=list)  # Membership, with person
    left: list = field(default_factory=list)
    citations: int | None = None  # citations gained in the year, where the sources say
    citations_known: int = 0  # papers whose citations by year are known
    projects: list = field(default_factory=list)  # Project running in the year (`is_new`: begun in it)
    software: list = field(default_factory=list)  # Software first released or released again in the year
    talks: list = field(default_factory=list)  # Talk, with their speakers

    @property
    def new_projects(self) -> int:
        return sum(1 for project in self.projects if project.is_new)

    @property
    def best_papers(self) -> int:
        return sum(1 for award in self.awards if award.kind == "best_paper")

    @property
    def rank_rows(self) -> list[tuple[str, int]]:
        return [(rank or "none", self.by_rank.get(rank, 0)) for rank in RANKS]


def rank_counts(papers) -> list[tuple[str, int]]:
    counts = Counter(paper.ccf_rank for paper in papers)
    return [(rank, counts[rank]) for rank in RANKS if rank and counts[rank]]


def has_report(year: int, user) -> bool:
    """Whether `year` has anything to report for `user` (an achievement in the report or a lab paper):
    what annual_report would find, asked without gathering it."""
    achievements = Achievement.objects.visible_to(user).filter(year=year, in_report=True)
    return (
        achievements.exists() or Publication.objects.visible_to(user).lab_works().filter(year=year).exists()
    )


def annual_report(year: int, user, version: str) -> Report:
    """The report of `year` as `user` may see it (staff see drafts, marked on the page)."""
    people = Person.objects.visible_to(user).only("slug", "name_en", "name_zh_hans", "is_published")
    papers = Publication.objects.visible_to(user).lab_works()
    achievements = list(
        Achievement.objects.visible_to(user)
        .filter(year=year, in_report=True)
        .order_by("order", "slug")
        .prefetch_related(
            "figures",
            "links",
            Prefetch("people", queryset=people),
            Prefetch("publications", queryset=papers.with_authors(people=False)),
        )
    )
    report = Report(year=year, lab=Lab.load())
    number = 0
    for index, achievement in enumerate(achievements, start=1):
        figures = []
        for figure in achievement.figures.all():
            number += 1
            figures.append(ReportFigure(number, figure))
        report.achievements.append(
            ReportAchievement(index, achievement, figures, list(achievement.publications.all()),
                              list(achievement.people.all()))
        )  # fmt: skip

    codes = list_codes(Publication.objects.public().lab_works(), "lab", version)
    # the report prints the names as published and links no one: a year's 1,400 authorships were as
    # many people's rows made into objects for nothing
    year_papers = list(papers.filter(year=year).with_authors(people=False).order_by("date", "pk"))
    codes.load(paper.pk for paper in year_papers)
    report.papers = len(year_papers)
    report.by_rank = Counter(paper.ccf_rank for paper in year_papers)
    by_kind: dict[str, list] = {}
    for paper in year_papers:
        by_kind.setdefault(paper.kind, []).append(paper)
    labels = dict(PublicationKind.choices)
    for kind in KIND_ORDER:
        if kind in by_kind:
            # By rank, then as published (sorted() keeps the date order within a rank).
            ranked = sorted(by_kind[kind], key=lambda paper: RANKS.index(paper.ccf_rank or ""))
            pairs = [(codes.get(paper.pk, ""), paper) for paper in ranked]
            report.groups.append(PaperGroup(kind, labels[kind], pairs, rank_counts(ranked)))
    report.awards = list(
        Award.objects.filter(publication__in=[p.pk for p in year_papers])
        .exclude(kind__in=ARTIFACT_BADGES)
        .select_related("publication")
    )
    # Citations the lab's papers (of any year) gained in this one, where the source gives them by year.
    gained = [
        int(counts.get(str(year)) or 0)
        for counts in papers.filter(citations_by_year__has_key=str(year)).values_list(
            "citations_by_year", flat=True
        )
    ]
    report.citations_known = len(gained)
    report.citations = sum(gained) if gained else None
    report.honors = list(Honor.objects.visible_to(user).filter(year=year).select_related("person"))
    report.news = list(NewsItem.objects.visible_to(user).filter(date__year=year).order_by("date", "pk"))
    report.projects = list(
        Project.objects.visible_to(user).running_in(year).select_related("principal_investigator")
        .order_by("start_on", "pk")
    )  # fmt: skip
    for project in report.projects:
        project.is_new = bool(project.start_on and project.start_on.year == year)
    report.software = list(
        Software.objects.visible_to(user)
        .filter(Q(year=year) | Q(last_release_on__year=year))
        .order_by("name")
    )
    report.talks = list(
        Talk.objects.visible_to(user).filter(date__year=year).order_by("date", "pk")
        .prefetch_related(Prefetch("speakers", queryset=people))
    )  # fmt: skip
    stints = (
        Membership.objects.filter(person__in=Person.objects.visible_to(user))
        .filter(Q(start_on__year=year) | Q(end_on__year=year))
        .select_related("person")
        .order_by("start_on", "pk")
    )
    for stint in stints:
        if stint.start_on and stint.start_on.year == year:
            report.joined.append(stint)
        if stint.end_on and stint.end_on.year == year:
            report.left.append(stint)
    return report
