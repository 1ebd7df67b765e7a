"""The one import pipeline every format feeds: parsed entries in, a report out, all or nothing.

A format's parser turns its input into `ParsedPublication`s (or raises `ImportFailed` naming the place of
every problem); `save_publications` checks them, matches authors to lab members and venues to the venue
list, recognises papers already stored (same DOI, or same normalised title and year), and writes
everything in one transaction with a fixed number of queries per batch.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from people.models import Person
from people.names import CJK, NameIndex, fold
from portal.content import bump_content_version_on_commit
from portal.models import MAX_YEAR, MIN_YEAR
from portal.validators import normalise_arxiv_id, normalise_doi, validate_arxiv_id, validate_doi

from ..models import Authorship, Award, AwardKind, Publication, PublicationKind, Venue

URL_FIELDS = (
    "url", "pdf_url", "code_url", "slides_url", "poster_url", "video_url", "project_url", "citation_url",
)  # fmt: skip
TEXT_FIELDS = ("volume", "issue", "pages", "publisher", "institutions", "language")
BATCH = 1000


class ImportFailed(Exception):
    """The input cannot be imported; `problems` holds (place, message) pairs. Nothing was changed."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__(
            "; ".join(f"{place}: {message}" if place else message for place, message in problems)
        )

    def __reduce__(self):  # so that Celery can carry it between processes
        return (type(self), (self.problems,))


@dataclass
class ParsedAuthor:
    name: str
    is_corresponding: bool = False
    is_equal_contribution: bool = False
    affiliation: str = ""
    orcid: str = ""
    openalex_id: str = ""
    is_owner: bool = False  # printed as the list's owner (in bold)


@dataclass
class ParsedPublication:
    place: str
    title: str
    year: int | None
    title_language: str = ""  # "en" or "zh_hans"; empty: told from the title's characters
    kind: str = ""  # empty: decided by the venue
    authors: list[ParsedAuthor] = field(default_factory=list)
    venue_acronym: str = ""
    venue_name: str = ""
    ccf_rank: str = ""  # as printed: "A", "B", "C"
    awards: list[tuple[str, str]] = field(default_factory=list)  # (AwardKind, label)
    date: datetime.date | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""
    pdf_url: str = ""
    code_url: str = ""
    slides_url: str = ""
    poster_url: str = ""
    video_url: str = ""
    project_url: str = ""
    citation_url: str = ""
    abstract: str = ""
    note: str = ""
    institutions: str = ""
    language: str = ""
    keywords: list[str] = field(default_factory=list)
    openalex_id: str = ""
    cited_by_count: int | None = None
    citations_by_year: dict = field(default_factory=dict)
    featured: bool | None = None
    is_lab_work: bool = True

    def __post_init__(self):
        if not self.title_language:
            self.title_language = "zh_hans" if CJK.search(self.title or "") else "en"


@dataclass
class ReportRow:
    action: str  # created, updated, unchanged, skipped
    place: str
    title: str
    reason: str = ""
    publication_id: int | None = None


@dataclass
class ImportReport:
    format: str
    dry_run: bool = False
    rows: list[ReportRow] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)  # place, name, person, how
    notes: list[str] = field(default_factory=list)

    ACTIONS = ("created", "updated", "unchanged", "skipped")

    def add(self, action, place, title, reason="", publication_id=None):
        self.rows.append(ReportRow(action, place, title, reason, publication_id))

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def summary(self) -> str:
        text = ", ".join(f"{number} {action}" for action, number in self.counts.items())
        return f"{text}{' (dry run: nothing saved)' if self.dry_run else ''}"

    def as_dict(self) -> dict:
        return {**asdict(self), "counts": self.counts}

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        return cls(
            format=data.get("format", ""),
            dry_run=data.get("dry_run", False),
            rows=[ReportRow(**row) for row in data.get("rows", [])],
            matches=data.get("matches", []),
            notes=data.get("notes", []),
        )


def title_key(title: str) -> str:
    return re.sub(r"\W", "", fold(title))


def check(parsed: list[ParsedPublication]) -> list[tuple[str, str]]:
    """Every problem in the entries, with its place; normalises DOIs and arXiv ids in place."""
    problems = []
    url = URLValidator(schemes=["http", "https"])
    for entry in parsed:

        def problem(message, entry=entry):
            problems.append((entry.place, message))

        entry.title = " ".join(entry.title.split())
        if not entry.title:
            problem("no title")
        elif len(entry.title) > 500:
            problem("the title is longer than 500 characters")
        if not isinstance(entry.year, int) or not MIN_YEAR <= entry.year <= MAX_YEAR:
            problem(f"the year {entry.year!r} is not a year between {MIN_YEAR} and {MAX_YEAR}")
        for name in ("doi", "arxiv_id"):
            value = getattr(entry, name)
            if not value:
                continue
            normalise, validate = {
                "doi": (normalise_doi, validate_doi),
                "arxiv_id": (normalise_arxiv_id, validate_arxiv_id),
            }[name]
            try:
                setattr(entry, name, normalise(value))
                validate(getattr(entry, name))
            except ValidationError:
                problem(f"{value!r} is not a valid {'DOI' if name == 'doi' else 'arXiv id'}")
        for name in URL_FIELDS:
            value = getattr(entry, name)
            if value:
                try:
                    url(value)
                    if len(value) > Publication._meta.get_field(name).max_length:
                        raise ValidationError("too long")
                except ValidationError:
                    problem(f"the {name.replace('_', ' ')} {value[:80]!r} is not a valid web address")
        for name in (*TEXT_FIELDS, "note"):
            limit = Publication._meta.get_field(name).max_length
            if len(getattr(entry, name)) > limit:
                problem(f"the {name} is longer than {limit} characters")
        for author in entry.authors:
            author.name = " ".join(author.name.split())
            if not author.name or len(author.name) > 200:
                problem(f"the author name {author.name[:80]!r} is empty or longer than 200 characters")
            author.affiliation = author.affiliation[:300]
    return problems


class VenueIndex:
    """Venues by acronym and by normalised full name, loaded in one query."""

    YEARS_AND_ORDINALS = re.compile(r"\b(19|20)\d\d\b|\b\d+(st|nd|rd|th)\b|\b(proceedings of the|proc)\b")

    def __init__(self):
        self.by_acronym: dict[str, list[Venue]] = {}
        self.by_name: dict[str, Venue] = {}
        for venue in Venue.objects.all():
            if venue.acronym:
                self.by_acronym.setdefault(venue.acronym.casefold(), []).append(venue)
            self.by_name.setdefault(self.name_key(venue.name), venue)

    @classmethod
    def name_key(cls, name: str) -> str:
        return " ".join(cls.YEARS_AND_ORDINALS.sub(" ", fold(name.replace("&", " and "))).split())

    def match(self, acronym: str, name: str, kind: str) -> Venue | None:
        wanted_kind = {PublicationKind.MAGAZINE: "magazine", PublicationKind.WORKSHOP: "workshop"}.get(
            kind, kind
        )
        if not acronym and (
            inner := re.search(r"\(([A-Za-z][\w\-/&' ]{1,20}?)(?:\s+'?\d{2,4})?\)\s*$", name)
        ):
            acronym = inner.group(1)
        if acronym:
            candidates = self.by_acronym.get(acronym.strip().casefold(), [])
            for venue in candidates:
                if venue.kind == wanted_kind:
                    return venue
            if candidates:
                return candidates[0]
        if name:
            bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)
            return self.by_name.get(self.name_key(bare)) or self.by_name.get(self.name_key(name))
        return None


VENUE_KINDS = {
    "conference": PublicationKind.CONFERENCE,
    "journal": PublicationKind.JOURNAL,
    "workshop": PublicationKind.WORKSHOP,
    "magazine": PublicationKind.MAGAZINE,
    "preprint": PublicationKind.PREPRINT,
    "book": PublicationKind.BOOK,
    "thesis": PublicationKind.THESIS,
}


class Importer:
    """Writes checked entries; one instance per import, inside its transaction."""

    def __init__(self, report: ImportReport, owner: Person | None):
        self.report = report
        self.owner = owner
        self.names = NameIndex.from_database()
        self.venues = VenueIndex()
        self.people = dict(Person.objects.values_list("id", "slug"))

    # -- authors ------------------------------------------------------------------------------------
    def authorships(self, entry: ParsedPublication, publication_id: int | None) -> list[Authorship]:
        rows = []
        for position, author in enumerate(entry.authors, start=1):
            match = self.names.match(author.name, author.orcid, author.openalex_id)
            person_id = match.person_id
            how = match.how
            if self.owner and (author.is_owner or person_id == self.owner.pk):
                if person_id not in (None, self.owner.pk):
                    how = f"printed as the owner, but the name is {self.people[person_id]}'s; kept as owner"
                person_id, how = self.owner.pk, how if person_id else "printed as the owner"
            if person_id:
                self.report.matches.append(
                    {"place": entry.place, "name": author.name, "person": self.people[person_id], "how": how}
                )
            elif how == "ambiguous":
                candidates = ", ".join(self.people[pk] for pk in match.candidates)
                self.report.notes.append(
                    f"{entry.place}: {author.name!r} could be {candidates}; left unlinked"
                )
            rows.append(
                Authorship(
                    publication_id=publication_id,
                    position=position,
                    name=author.name,
                    person_id=person_id,
                    is_corresponding=author.is_corresponding,
                    is_equal_contribution=author.is_equal_contribution,
                    affiliation=author.affiliation,
                )
            )
        return rows

    # -- fields -------------------------------------------------------------------------------------
    def values(self, entry: ParsedPublication) -> dict:
        """The model fields this entry sets (empty values left out, so an update never clears)."""
        venue = self.venues.match(entry.venue_acronym, entry.venue_name, entry.kind)
        kind = entry.kind or (VENUE_KINDS.get(venue.kind) if venue else "") or PublicationKind.OTHER
        values = {
            f"title_{entry.title_language}": entry.title,
            "year": entry.year,
            "kind": kind,
            "date": entry.date,
            "doi": entry.doi,
            "arxiv_id": entry.arxiv_id,
            "abstract_en" if entry.title_language == "en" else "abstract_zh_hans": entry.abstract,
            "note_en" if entry.title_language == "en" else "note_zh_hans": entry.note,
            "keywords": entry.keywords,
            "openalex_id": entry.openalex_id,
            "cited_by_count": entry.cited_by_count,
            "citations_by_year": entry.citations_by_year,
            "featured": entry.featured,
            **{name: getattr(entry, name) for name in (*URL_FIELDS, *TEXT_FIELDS)},
        }
        if venue:
            values["venue"] = venue
            if entry.ccf_rank and entry.ccf_rank != venue.ccf_rank:
                values["ccf_rank_printed"] = entry.ccf_rank
        else:
            values["venue_text"] = (entry.venue_name or entry.venue_acronym)[:500]
            values["ccf_rank_printed"] = entry.ccf_rank
        if entry.cited_by_count is not None:
            from django.utils import timezone

            values["citations_refreshed_at"] = timezone.now()
        return {name: value for name, value in values.items() if value not in ("", None, [], {})}

    def awards(self, entry: ParsedPublication, publication_id: int | None) -> list[Award]:
        return [
            Award(publication_id=publication_id, kind=kind, label_en=label if kind == AwardKind.OTHER else "",
                  order=order)
            for order, (kind, label) in enumerate(entry.awards)
        ]  # fmt: skip


def unique_slug(title: str, year: int, taken: set[str]) -> str:
    base = (slugify(title)[:90].strip("-") or "paper") + f"-{year}"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def author_signature(authors) -> list[tuple]:
    return [(a.name, a.is_corresponding, a.is_equal_contribution) for a in authors]


def save_publications(
    parsed: list[ParsedPublication],
    *,
    format: str,
    owner: Person | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    skipped: list[tuple[str, str, str]] = (),
) -> tuple[ImportReport, list[int | None]]:
    """Store `parsed` all or nothing; returns the report and each entry's publication id (None: skipped).

    `skipped` lists (place, text, reason) the parser left out, so the report accounts for every line.
    Raises ImportFailed, changing nothing, when any entry has a problem.
    """
    problems = check(parsed)
    if problems:
        raise ImportFailed(problems)
    report = ImportReport(format=format, dry_run=dry_run)
    for place, text, reason in skipped:
        report.add("skipped", place, text, reason)
    ids: list[int | None] = [None] * len(parsed)
    with transaction.atomic():
        importer = Importer(report, owner)
        existing_by_doi = dict(
            Publication.objects.filter(doi__in={e.doi for e in parsed if e.doi}).values_list("doi", "id")
        )
        existing_by_title = {}
        for pk, title_en, title_zh, year in Publication.objects.filter(
            year__in={e.year for e in parsed}
        ).values_list("id", "title_en", "title_zh_hans", "year"):
            for title in (title_en, title_zh):
                if title:
                    existing_by_title.setdefault((title_key(title), year), pk)

        seen: dict[object, str] = {}
        matched: dict[int, int] = {}  # index in parsed -> existing publication id
        new: list[int] = []
        for index, entry in enumerate(parsed):
            keys = [("doi", entry.doi)] if entry.doi else []
            keys.append(("title", title_key(entry.title), entry.year))
            earlier = next((seen[key] for key in keys if key in seen), None)
            if earlier:
                report.add("skipped", entry.place, entry.title, f"the same paper as {earlier}")
                continue
            for key in keys:
                seen[key] = entry.place
            pk = existing_by_doi.get(entry.doi) if entry.doi else None
            pk = pk or existing_by_title.get((title_key(entry.title), entry.year))
            if pk and pk in matched.values():
                report.add("skipped", entry.place, entry.title, "the same stored paper as another entry")
                continue
            if pk:
                matched[index] = pk
            else:
                new.append(index)

        done, total = 0, len(parsed)
        pending = list(matched.items())
        existing = {}
        for position, (index, pk) in enumerate(pending):
            if position % BATCH == 0:  # stored papers are loaded a batch at a time, to bound memory
                chunk = [pk for _index, pk in pending[position : position + BATCH]]
                existing = Publication.objects.filter(pk__in=chunk).with_authors().in_bulk()
            entry = parsed[index]
            changed = update_publication(importer, existing[pk], entry)
            ids[index] = pk
            report.add(
                "updated" if changed else "unchanged",
                entry.place,
                entry.title,
                f"matched by {'DOI' if entry.doi and existing[pk].doi == entry.doi else 'title and year'}"
                + (f"; changed: {', '.join(changed)}" if changed else ""),
                pk,
            )
            done += 1
            if progress and done % BATCH == 0:
                progress(done, total)

        taken = set(Publication.objects.values_list("slug", flat=True))
        for start in range(0, len(new), BATCH):
            chunk = new[start : start + BATCH]
            publications = []
            for index in chunk:
                entry = parsed[index]
                values = importer.values(entry)
                publication = Publication(
                    **values,
                    is_lab_work=entry.is_lab_work,
                    slug=unique_slug(entry.title, entry.year, taken),
                )
                publication.render_markdown_fields()
                publications.append(publication)
            Publication.objects.bulk_create(publications)
            authorships, awards = [], []
            for index, publication in zip(chunk, publications, strict=True):
                entry = parsed[index]
                ids[index] = publication.pk
                authorships += importer.authorships(entry, publication.pk)
                awards += importer.awards(entry, publication.pk)
                report.add("created", entry.place, entry.title, "", publication.pk)
            Authorship.objects.bulk_create(authorships)
            Award.objects.bulk_create(awards)
            done += len(chunk)
            if progress:
                progress(done, total)

        if owner and not any(m["person"] == owner.slug for m in report.matches) and parsed:
            report.notes.append(f"{owner.slug} was not found among the authors of any entry")
        bump_content_version_on_commit()
        if dry_run:
            transaction.set_rollback(True)
            for row in report.rows:
                row.publication_id = None
            ids = [None] * len(parsed)
    report.rows.sort(key=lambda row: place_order(row.place))
    return report, ids


def place_order(place: str) -> tuple:
    number = re.search(r"\d+", place)
    return (int(number.group()) if number else 0, place)


def update_publication(importer: Importer, publication: Publication, entry: ParsedPublication) -> list[str]:
    """Bring a stored paper up to date with the entry; returns the names of what changed."""
    values = importer.values(entry)
    if publication.venue_id or publication.venue_text:  # a venue chosen in the admin stays
        values.pop("venue", None)
        values.pop("venue_text", None)
        if publication.venue_id and values.get("ccf_rank_printed") == publication.venue.ccf_rank:
            values.pop("ccf_rank_printed")
    values.pop("citations_refreshed_at", None)
    changed = [name for name, value in values.items() if getattr(publication, name) != value]
    if "cited_by_count" in changed or "citations_by_year" in changed:
        values["citations_refreshed_at"] = importer.values(entry).get("citations_refreshed_at")
        changed.append("citations_refreshed_at")
    for name in changed:
        setattr(publication, name, values[name])
    stored = list(publication.authorships.all())
    if entry.authors and [a.name for a in stored][: len(entry.authors)] == [a.name for a in entry.authors]:
        # The same people in the same order (or the first of them, "et al."): sources know different
        # marks (OpenAlex the corresponding author, a lab's list equal contributions), so marks and
        # links are added, never taken away.
        fresh = importer.authorships(entry, publication.pk)
        merged = []
        for old, new in zip(stored, fresh, strict=False):
            before = (old.is_corresponding, old.is_equal_contribution, old.affiliation, old.person_id)
            old.is_corresponding |= new.is_corresponding
            old.is_equal_contribution |= new.is_equal_contribution
            old.affiliation = old.affiliation or new.affiliation
            old.person_id = old.person_id or new.person_id
            if before != (old.is_corresponding, old.is_equal_contribution, old.affiliation, old.person_id):
                merged.append(old)
        if merged:
            Authorship.objects.bulk_update(
                merged, ["is_corresponding", "is_equal_contribution", "affiliation", "person"]
            )
            changed.append("authors")
    elif entry.authors and author_signature(stored) != author_signature(entry.authors):
        new_rows = importer.authorships(entry, publication.pk)
        linked = {a.name: a.person_id for a in stored if a.person_id}
        for row in new_rows:
            row.person_id = row.person_id or linked.get(row.name)
        publication.authorships.all().delete()
        Authorship.objects.bulk_create(new_rows)
        changed.append("authors")
    else:
        importer.authorships(entry, publication.pk)  # reports the matches all the same
    have = {award.kind for award in publication.awards.all()}
    missing = [award for award in importer.awards(entry, publication.pk) if award.kind not in have]
    if missing:
        for order, award in enumerate(missing, start=len(have)):
            award.order = order
        Award.objects.bulk_create(missing)
        changed.append("awards")
    if any(name != "authors" and name != "awards" for name in changed):
        publication.save()
    return changed
