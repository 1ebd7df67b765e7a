"""The lab in figures: papers per year by CCF rank, top venues, collaborating institutions and
citations over time, from three narrow queries; chart geometry computed here, drawn as SVG by the
template (no chart library), each chart with its numbers as a table."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .models import Authorship, Publication
from .services import year_chart

RANKS = ("A", "B", "C", "")


@dataclass
class Segment:
    rank: str
    count: int
    y: float
    height: float


@dataclass
class StackedBar:
    year: int
    total: int
    x: float
    cx: float
    label_y: float
    segments: list[Segment]


@dataclass
class StackedChart:
    bars: list[StackedBar]
    width: int
    height: int
    bar_width: float
    baseline: float
    label_every: int = 1

    @property
    def labelled(self):
        return [bar for index, bar in enumerate(self.bars) if index % self.label_every == 0]


@dataclass
class LabFigures:
    papers: int = 0
    rank_totals: dict = field(default_factory=dict)
    per_year: list = field(default_factory=list)  # (year, {rank: count}, total), oldest first
    chart: StackedChart | None = None
    venues: list = field(default_factory=list)  # (label, name, rank, count)
    institutions: list = field(default_factory=list)  # (name, papers)
    citations: list = field(default_factory=list)  # (year, citations)
    citation_chart: object = None
    citations_known: int = 0


def stacked_chart(per_year: dict[int, Counter], width: int = 720, height: int = 220) -> StackedChart | None:
    if not per_year:
        return None
    years = list(range(min(per_year), max(per_year) + 1))
    top, bottom = 18, 24
    plot = height - top - bottom
    step = width / len(years)
    bar_width = max(step * 0.7, 2)
    maximum = max(sum(counts.values()) for counts in per_year.values()) or 1
    bars = []
    for index, year in enumerate(years):
        counts = per_year.get(year, Counter())
        x = index * step + (step - bar_width) / 2
        y, segments = top + plot, []
        for rank in RANKS:
            if counts[rank]:
                segment_height = plot * counts[rank] / maximum
                y -= segment_height
                segments.append(Segment(rank or "none", counts[rank], round(y, 1), round(segment_height, 1)))
        total = sum(counts.values())
        bars.append(
            StackedBar(year, total, round(x, 1), round(x + bar_width / 2, 1), round(y - 4, 1), segments)
        )
    return StackedChart(bars, width, height, round(bar_width, 1), top + plot, max(1, round(len(years) / 12)))


def lab_figures(user, venues: int = 10, institutions: int = 15) -> LabFigures:
    papers = Publication.objects.visible_to(user).lab_works()
    figures = LabFigures()
    per_year: dict[int, Counter] = defaultdict(Counter)
    by_venue: Counter = Counter()
    venue_info = {}
    rows = papers.order_by().values_list(
        "year", "ccf_rank_printed", "venue_id", "venue__ccf_rank", "venue__acronym", "venue__name"
    )
    for year, printed, venue_id, venue_rank, acronym, name in rows:
        rank = printed or venue_rank or ""
        per_year[year][rank] += 1
        figures.papers += 1
        if venue_id:
            by_venue[venue_id] += 1
            venue_info[venue_id] = (acronym or name, name, venue_rank or "")
    figures.rank_totals = {rank or "none": sum(c[rank] for c in per_year.values()) for rank in RANKS}
    figures.per_year = [
        (year, {rank or "none": per_year[year][rank] for rank in RANKS}, sum(per_year[year].values()))
        for year in sorted(per_year)
    ]
    figures.chart = stacked_chart(per_year)
    figures.venues = [(*venue_info[pk], count) for pk, count in by_venue.most_common(venues)]

    # Institutions of co-authors from outside the lab, by the papers they share with it.
    shared = defaultdict(set)
    for affiliation, publication in (
        Authorship.objects.filter(publication__in=papers, person__isnull=True)
        .exclude(affiliation="")
        .values_list("affiliation", "publication_id")
    ):
        shared[" ".join(affiliation.split())].add(publication)
    figures.institutions = sorted(
        ((name, len(ids)) for name, ids in shared.items()), key=lambda item: (-item[1], item[0])
    )[:institutions]

    citations: Counter = Counter()
    for counts in papers.exclude(citations_by_year={}).values_list("citations_by_year", flat=True):
        figures.citations_known += 1
        for year, count in (counts or {}).items():
            if str(year).isdigit():
                citations[int(year)] += int(count or 0)
    figures.citations = sorted(citations.items())
    figures.citation_chart = year_chart(dict(citations), width=720)
    return figures
