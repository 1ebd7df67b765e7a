"""What publication lists show beyond the rows themselves: list codes, year groups, a person's figures.

Everything here works in one pass over rows a page has already loaded, or over one narrow query;
nothing issues a query per publication.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from people.models import Person
from portal.cache import FRAGMENT_SECONDS

from .models import Authorship, Publication, PublicationKind

# Labs number their lists per kind: [C33] for conference papers, [J12] for journal articles.
# Magazine articles are numbered with the journals (seed 000's [J3] is one); patents and "other" are
# not numbered.
CODE_PREFIXES: dict[str, str] = {
    PublicationKind.CONFERENCE: "C",
    PublicationKind.WORKSHOP: "W",
    PublicationKind.JOURNAL: "J",
    PublicationKind.MAGAZINE: "J",
    PublicationKind.PREPRINT: "P",
    PublicationKind.BOOK: "B",
    PublicationKind.CHAPTER: "B",
    PublicationKind.THESIS: "T",
}

CODES_CACHE_SECONDS = 24 * 3600


def chronological_key(year: int, on: date | None, pk: int) -> tuple:
    """Oldest first; the exact reverse of the order lists are shown in (Publication.Meta.ordering):
    within a year, undated entries count as older than dated ones, then by date, then by entry order."""
    return (year, on is not None, on or date.min, pk)


def publication_codes(rows: Iterable[tuple[int, str, int, date | None]]) -> dict[int, str]:
    """{id: "C3"} for rows of (id, kind, year, date): numbered per prefix, oldest = 1."""
    codes: dict[int, str] = {}
    counters: Counter[str] = Counter()
    for pk, kind, _year, _on in sorted(rows, key=lambda row: chronological_key(row[2], row[3], row[0])):
        prefix = CODE_PREFIXES.get(kind)
        if prefix:
            counters[prefix] += 1
            codes[pk] = f"{prefix}{counters[prefix]}"
    return codes


def codes_for_objects(publications: Iterable[Publication]) -> dict[int, str]:
    return publication_codes((p.pk, p.kind, p.year, p.date) for p in publications)


CODE_BUCKET = 1000  # ids per cached piece of a list's codes


class ListCodes(Mapping):
    """Codes of a whole list (the lab's, say) when a page shows only part of it.

    Filtering or paging a list keeps each entry's code: [C33] is the same paper on every page and
    under every filter. They are numbered in one narrow query per content version, and kept in the
    cache under it in pieces of a thousand ids: a page of 20 papers reads the one or two pieces it
    needs, where the whole list (100,000 codes) would be read and unpickled on every request.
    """

    def __init__(self, queryset: QuerySet[Publication], name: str, version: str):
        self.queryset, self.prefix = queryset, f"codes:{name}:{version}"
        self.loaded: dict[int, dict[int, str]] = {}

    def key(self, bucket: int) -> str:
        return f"{self.prefix}:{bucket}"

    def load(self, pks: Iterable[int]) -> None:
        """Read the pieces holding `pks` (one cache round trip); number the list if any is missing."""
        wanted = {pk // CODE_BUCKET for pk in pks} - set(self.loaded)
        if not wanted:
            return
        found = cache.get_many([self.key(bucket) for bucket in wanted])
        if len(found) == len(wanted):
            self.loaded.update({bucket: found[self.key(bucket)] for bucket in wanted})
            return
        self.number_all()

    def number_all(self) -> None:
        codes = publication_codes(self.queryset.order_by().values_list("id", "kind", "year", "date"))
        last = max([*codes, *(bucket * CODE_BUCKET for bucket in self.loaded), 0]) // CODE_BUCKET
        pieces: dict[int, dict[int, str]] = {bucket: {} for bucket in range(last + 1)}
        for pk, code in codes.items():
            pieces[pk // CODE_BUCKET][pk] = code
        # the pieces a newer paper would fall in are known to hold no code of this version
        pieces.setdefault(last + 1, {})
        cache.set_many({self.key(bucket): piece for bucket, piece in pieces.items()}, CODES_CACHE_SECONDS)
        self.loaded = pieces

    def __getitem__(self, pk: int) -> str:
        self.load([pk])
        return self.loaded.get(pk // CODE_BUCKET, {})[pk]

    def __iter__(self):
        self.number_all()
        for piece in self.loaded.values():
            yield from piece

    def __len__(self) -> int:
        return sum(1 for _pk in self)


def list_codes(queryset: QuerySet[Publication], name: str, version: str) -> ListCodes:
    """The codes of the whole list `queryset` under `name` (ListCodes), read from the cache as needed."""
    return ListCodes(queryset, name, version)


@dataclass
class Entry:
    """A publication as a list shows it: its code in that list and its rendered HTML."""

    pk: int
    year: int
    code: str = ""
    html: str = ""


@dataclass
class EntryContext:
    """What the entry template reads while a fragment is rendered."""

    publication: Publication
    code: str = ""
    highlight: Person | None = None  # the person whose page this is

    @property
    def authors(self) -> QuerySet[Authorship]:
        return self.publication.authorships.all()


def fragment_key(pk: int, code: str, highlight: Person | None, version: str) -> str:
    return f"entry:{version}:{get_language()}:{pk}:{code}:{highlight.pk if highlight else ''}"


def render_entry(publication: Publication, code: str = "", highlight: Person | None = None) -> str:
    return render_to_string("publications/_entry.html", {"entry": EntryContext(publication, code, highlight)})


def list_entries(
    rows: Iterable[tuple[int, int]],
    codes: Mapping[int, str],
    version: str,
    highlight: Person | None = None,
    loaded: dict[int, Publication] | None = None,
) -> list[Entry]:
    """Entries for rows of (id, year) in display order, each with its HTML.

    An entry's HTML is cached per content version, language, code and highlighted person, so a
    list of 300 papers costs a multi-get; only entries not cached are loaded (with their authors,
    in three queries) and rendered. `loaded` may hold publications already loaded with authors.
    """
    rows = list(rows)
    if isinstance(codes, ListCodes):
        codes.load(pk for pk, _year in rows)
    keys = {pk: fragment_key(pk, codes.get(pk, ""), highlight, version) for pk, _year in rows}
    html = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in html]
    if missing:
        loaded = loaded or {}
        absent = [pk for pk in missing if pk not in loaded]
        if absent:
            loaded = {**loaded, **Publication.objects.filter(pk__in=absent).with_authors().in_bulk()}
        rendered = {keys[pk]: render_entry(loaded[pk], codes.get(pk, ""), highlight) for pk in missing}
        cache.set_many(rendered, FRAGMENT_SECONDS)
        html.update(rendered)
    return [Entry(pk, year, codes.get(pk, ""), mark_safe(html[keys[pk]])) for pk, year in rows]


def entries_of(
    publications: Iterable[Publication],
    codes: Mapping[int, str],
    version: str,
    highlight: Person | None = None,
) -> list[Entry]:
    """list_entries for publications already loaded with `with_authors()`."""
    publications = list(publications)
    rows = [(p.pk, p.year) for p in publications]
    return list_entries(rows, codes, version, highlight, loaded={p.pk: p for p in publications})


def person_list(person: Person, user: Any, version: str) -> tuple[list[Entry], "PersonFigures"]:
    """A person's numbered list and figures: (entries, PersonFigures).

    One narrow query when the fragments and figures of this content version are cached; otherwise
    the person's public papers are loaded once, with their authors, for both.
    """

    rows = list(
        Publication.objects.visible_to(user)
        .for_person(person)
        .values_list("pk", "year", "kind", "date", "is_published")
    )
    # Codes number the public list; a draft a staff member sees does not shift them.
    codes = publication_codes((pk, kind, year, on) for pk, year, kind, on, published in rows if published)
    figures_key = f"figures:{version}:{person.pk}"
    figures = cache.get(figures_key)
    loaded = None
    if figures is None:
        loaded = Publication.objects.public().for_person(person).with_authors().in_bulk()
        figures = person_figures(person, loaded.values())
        cache.set(figures_key, figures, FRAGMENT_SECONDS)
    entries = list_entries([(pk, year) for pk, year, *_rest in rows], codes, version, person, loaded)
    return entries, figures


def group_by_year(items: list[Entry]) -> list[tuple[int, list[Entry]]]:
    """[(2025, [...]), (2024, [...])] for entries already in display order."""
    return [(year, list(group)) for year, group in groupby(items, key=lambda e: e.year)]


@dataclass
class Bar:
    year: int
    count: int
    x: float
    y: float
    height: float
    cx: float = 0  # centre, for labels
    label_y: float = 0


@dataclass
class YearChart:
    """Geometry of a papers-per-year bar chart, drawn as SVG by the template."""

    bars: list[Bar]
    width: int
    height: int
    bar_width: float
    baseline: float
    maximum: int
    label_every: int = 1

    @property
    def labelled(self):
        return [bar for index, bar in enumerate(self.bars) if index % self.label_every == 0]


def year_chart(counts: dict[int, int], width: int = 640, height: int = 180) -> YearChart | None:
    if not counts:
        return None
    first, last = min(counts), max(counts)
    years = list(range(first, last + 1))
    top, bottom = 18, 24  # room for counts above the bars and years below
    plot = height - top - bottom
    step = width / len(years)
    bar_width = max(step * 0.7, 2)
    maximum = max(counts.values())
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        bar_height = plot * count / maximum
        x = index * step + (step - bar_width) / 2
        y = top + plot - bar_height
        bars.append(
            Bar(
                year,
                count,
                round(x, 1),
                round(y, 1),
                round(bar_height, 1),
                round(x + bar_width / 2, 1),
                round(y - 4, 1),
            )
        )
    label_every = max(1, round(len(years) / 12))
    return YearChart(bars, width, height, round(bar_width, 1), top + plot, maximum, label_every)


@dataclass
class PersonFigures:
    works: int = 0
    first_authored: int = 0
    corresponding: int = 0  # with the corresponding mark, or last-authored: how a lab's head signs
    ccf_a: int = 0
    citations: int = 0
    citations_known: int = 0
    collaborators: list = field(default_factory=list)  # [(Person, count)]
    chart: YearChart | None = None

    @property
    def citations_shown(self) -> bool:
        """A sum of citations says something only when most works were counted: not "6" for 1 of 31."""
        return self.citations_known > 0 and self.citations_known * 2 >= self.works

    @property
    def leads_as_senior(self) -> bool:
        """More papers signed as corresponding or last author than as first: a PI's or faculty's record,
        whose figure to show is the former."""
        return self.corresponding > self.first_authored


def person_figures(
    person: Person, publications: Iterable[Publication], collaborators: int = 8
) -> PersonFigures:
    """Figures for a person's page from their publications, authorships already prefetched.

    First-authored counts position 1 and co-first authors (an equal-contribution mark on every
    author up to and including the person). Collaborators are other published lab members.
    """
    figures = PersonFigures()
    together: Counter[int] = Counter()
    people: dict[int, Person] = {}
    per_year: Counter[int] = Counter()
    for publication in publications:
        figures.works += 1
        per_year[publication.year] += 1
        if publication.ccf_rank == "A":
            figures.ccf_a += 1
        if publication.cited_by_count is not None:
            figures.citations += publication.cited_by_count
            figures.citations_known += 1
        leading_equal = True
        authorships = list(publication.authorships.all())
        for authorship in authorships:
            if authorship.person_id == person.pk:
                if authorship.is_corresponding or (len(authorships) > 1 and authorship is authorships[-1]):
                    figures.corresponding += 1
                if authorship.position == 1 or (leading_equal and authorship.is_equal_contribution):
                    figures.first_authored += 1
            elif (member := authorship.person) is not None and member.is_published:
                together[member.pk] += 1
                people[member.pk] = member
            leading_equal = leading_equal and authorship.is_equal_contribution
    figures.collaborators = [
        (people[pk], count)
        for pk, count in sorted(together.items(), key=lambda item: (-item[1], people[item[0]].name))[
            :collaborators
        ]
    ]
    figures.chart = year_chart(per_year)
    return figures
