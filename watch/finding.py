"""The watch: every current member's (and the PI's) works, asked of each source they have an id at,
told apart from the lab's papers, and what is new filed as suggestions.

One work met at several sources, or for several members, is one suggestion. A work is the lab's
when its DOI, arXiv id or DBLP key is a stored paper's, or its title (folded, small words left out) and
year are, with an author in common. A held preprint of which a source gives the published version is
offered as a merge; a held paper a source knows better (its DOI, pages, venue) as a better record; a
held paper with nothing to add, nothing. A suggestion once rejected is never filed again.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from people.models import Person
from people.names import CJK, NameIndex, fold
from portal.imports import ImportFailed, ImportReport
from portal.validators import normalise_arxiv_id, normalise_doi
from publications.importers import ParsedAuthor, ParsedPublication
from publications.importers.matching import Importer
from publications.importers.parsed import loose_title_key
from publications.models import Authorship, Publication, PublicationKind
from publications.remote import RemoteUnavailable

from .models import Suggestion, SuggestionKind, SuggestionState
from .sources import SOURCES

# Which source's record of a work is kept, the others filling its gaps: a published record before a
# preprint, then DBLP (the bibliography of record in computer science), OpenAlex, ORCID, arXiv.
PREFERENCE = {"DBLP": 0, "OpenAlex": 1, "ORCID": 2, "arXiv": 3}
FILLED = (
    "doi",
    "arxiv_id",
    "dblp_key",
    "openalex_id",
    "venue_name",
    "venue_acronym",
    "date",
    "volume",
    "issue",
    "pages",
    "publisher",
    "pdf_url",
    "url",
    "abstract",
)
# What a better record of a held paper may add: its identifiers and where it appeared.
BETTER = ("doi", "arxiv_id", "pages", "volume", "issue")


@dataclass
class Found:
    entry: ParsedPublication
    source: str
    address: str
    person_id: int


@dataclass
class Work:
    """One work, as every source and member it was found for gives it."""

    found: list[Found] = field(default_factory=list)

    @property
    def entry(self) -> ParsedPublication:
        ordered = sorted(
            self.found, key=lambda f: (f.entry.kind == PublicationKind.PREPRINT, PREFERENCE[f.source])
        )
        best = dataclasses.replace(ordered[0].entry, authors=list(ordered[0].entry.authors))
        for other in ordered[1:]:
            for name in FILLED:
                if not getattr(best, name) and getattr(other.entry, name):
                    setattr(best, name, getattr(other.entry, name))
            if len(best.authors) <= 1 < len(other.entry.authors):
                best.authors = list(other.entry.authors)  # ORCID's record without its co-authors
        return best

    @property
    def people(self) -> list[int]:
        return list(dict.fromkeys(f.person_id for f in self.found))

    @property
    def sources(self) -> list[dict]:
        return [{"source": f.source, "id": f.entry.place, "url": f.address} for f in self.found]


def keys_of(entry: ParsedPublication) -> list[str]:
    keys = [f"doi:{normalise_doi(entry.doi)}"] if entry.doi else []
    keys += [f"arxiv:{normalise_arxiv_id(entry.arxiv_id).split('v')[0]}"] if entry.arxiv_id else []
    keys += [f"dblp:{entry.dblp_key}"] if entry.dblp_key else []
    if entry.title:
        keys.append(f"title:{loose_title_key(entry.title)}")
    return keys


def years_agree(one, other, either_preprint: bool) -> bool:
    """A preprint's year and its published version's may be a year apart."""
    if not isinstance(one, int) or not isinstance(other, int):
        return True
    return abs(one - other) <= (1 if either_preprint else 0)


def group_works(found: list[Found]) -> list[Work]:
    works: list[Work] = []
    by_key: dict[str, int] = {}
    for item in found:
        keys = keys_of(item.entry)
        index = None
        for key in keys:
            if key in by_key:
                other = works[by_key[key]].found[0].entry
                preprint = PublicationKind.PREPRINT in (other.kind, item.entry.kind)
                if not key.startswith("title:") or years_agree(other.year, item.entry.year, preprint):
                    index = by_key[key]
                    break
        if index is None:
            works.append(Work())
            index = len(works) - 1
        works[index].found.append(item)
        for key in keys:
            by_key.setdefault(key, index)
    return works


def surnames(names) -> set[str]:
    return {part for name in names for part in fold(name).split() if len(part) > 1}


class Held:
    """The lab's papers, by each key a work is matched on (one query)."""

    FIELDS = (
        "pk",
        "doi",
        "arxiv_id",
        "dblp_key",
        "title_en",
        "title_zh_hans",
        "year",
        "kind",
        "pages",
        "volume",
        "issue",
        "venue_id",
        "venue_text",
    )

    def __init__(self):
        self.rows: dict[int, dict] = {}
        self.by_key: dict[str, list[int]] = {}
        for row in Publication.objects.values(*self.FIELDS):
            self.rows[row["pk"]] = row
            entry = ParsedPublication(
                "",
                row["title_en"] or row["title_zh_hans"],
                row["year"],
                doi=row["doi"],
                arxiv_id=row["arxiv_id"],
                dblp_key=row["dblp_key"],
            )
            keys = keys_of(entry)
            if row["title_en"] and row["title_zh_hans"]:
                keys.append(f"title:{loose_title_key(row['title_zh_hans'])}")
            for key in keys:
                self.by_key.setdefault(key, []).append(row["pk"])
        self.authors: dict[int, set[str]] = {}

    def candidates(self, entry: ParsedPublication) -> list[tuple[int, bool]]:
        """(paper, matched by title) for each stored paper the entry may be."""
        found = []
        for key in keys_of(entry):
            for pk in self.by_key.get(key, []):
                row = self.rows[pk]
                by_title = key.startswith("title:")
                preprint = PublicationKind.PREPRINT in (row["kind"], entry.kind)
                if not by_title or years_agree(row["year"], entry.year, preprint):
                    found.append((pk, by_title))
        return found

    def load_authors(self, pks: set[int]) -> None:
        for pk, name in Authorship.objects.filter(publication_id__in=pks - set(self.authors)).values_list(
            "publication_id", "name"
        ):
            self.authors.setdefault(pk, set()).add(name)

    def match(self, entry: ParsedPublication, candidates: list[tuple[int, bool]]) -> int | None:
        for pk, by_title in candidates:
            if not by_title:
                return pk
            theirs, ours = self.authors.get(pk, set()), [a.name for a in entry.authors]
            if not theirs or not ours or any(CJK.search(name) for name in (*theirs, *ours)):
                return pk
            if surnames(theirs) & surnames(ours):
                return pk
        return None


def what_it_adds(row: dict, entry: ParsedPublication, importer: Importer) -> tuple[str, dict]:
    """(kind, changes) of a work the lab holds as `row`; changes empty: nothing to suggest."""
    values = importer.values(entry)
    if row["kind"] == PublicationKind.PREPRINT and values.get("kind") not in (None, PublicationKind.PREPRINT):
        changes = {"kind": str(values["kind"]), "year": entry.year}
        if venue := values.get("venue"):
            changes["venue"] = str(venue)
        elif values.get("venue_text"):
            changes["venue"] = values["venue_text"]
        changes |= {name: values[name] for name in BETTER if values.get(name) and not row[name]}
        return SuggestionKind.PUBLISHED_VERSION, changes
    changes = {name: values[name] for name in BETTER if values.get(name) and not row[name]}
    if not row["venue_id"] and not row["venue_text"] and (values.get("venue") or values.get("venue_text")):
        changes["venue"] = str(values.get("venue") or values["venue_text"])
    return SuggestionKind.BETTER_RECORD, changes


def record_of(entry: ParsedPublication) -> dict:
    data = dataclasses.asdict(entry)
    data["date"] = entry.date.isoformat() if entry.date else None
    return data


def entry_of(record: dict) -> ParsedPublication:
    data = dict(record)
    data["authors"] = [ParsedAuthor(**author) for author in data.get("authors", [])]
    data["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
    data["awards"] = [tuple(award) for award in data.get("awards", [])]
    known = {f.name for f in dataclasses.fields(ParsedPublication)}
    return ParsedPublication(**{name: value for name, value in data.items() if name in known})


def watched_people(slug: str = "") -> list[Person]:
    """Current members and the PI (whoever has not left the lab), with at least one id to ask with."""
    people = Person.objects.filter(
        ~Q(orcid="") | ~Q(dblp="") | ~Q(openalex_id="") | ~Q(arxiv_query="")
    ).order_by("display_order", "slug")
    return list(people.filter(slug=slug) if slug else people.current())


@dataclass
class Watch:
    """One run: what each source said, and what was filed. `log` gets each line as it is written."""

    report: ImportReport = field(default_factory=lambda: ImportReport(format="watch"))
    log: Callable[[str], None] = lambda line: None
    progress: Callable[[int, int], None] = lambda done, total: None
    counts: dict = field(default_factory=dict)

    def note(self, line: str) -> None:
        self.report.notes.append(line)
        self.log(line)

    def failed(self, place: str, message: str) -> None:
        self.report.warn(place, message)
        self.log(f"{place}: {message}")

    def count(self, name: str, by: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + by

    def ask(self, people: list[Person]) -> list[Found]:
        found = []
        names = NameIndex.from_database()
        for done, person in enumerate(people):
            self.progress(done, len(people))
            for source, attribute, fetch in SOURCES:
                if not getattr(person, attribute):
                    continue
                place = f"{source} for {person.slug}"
                problems: list[tuple[str, str]] = []
                try:
                    entries = fetch(person, problems)
                except (RemoteUnavailable, ImportFailed) as error:
                    self.failed(place, str(error))
                    self.count("sources failed")
                    continue
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    self.failed(
                        place, f"sent what this portal cannot read ({error.__class__.__name__}: {error})"
                    )
                    self.count("sources failed")
                    continue
                for where, why in problems:
                    self.failed(where, f"left out: {why}")
                    self.count("works unreadable")
                kept = 0
                for entry, address in entries:
                    if source == "arXiv" and not any(
                        names.match(a.name).person_id == person.pk for a in entry.authors
                    ):
                        continue  # an author query finds namesakes: the member must be an author
                    if not entry.title or not entry.year:
                        continue
                    entry.doi = normalise_doi(entry.doi)
                    found.append(Found(entry, source, address, person.pk))
                    kept += 1
                self.note(f"{place}: {kept} works")
                self.count("works found", kept)
        return found

    def file(self, works: list[Work], importer: Importer) -> None:
        held = Held()
        matches = [(work, work.entry) for work in works]
        candidates = [held.candidates(entry) for _work, entry in matches]
        held.load_authors({pk for found in candidates for pk, by_title in found if by_title})
        earlier = list(Suggestion.objects.values("pk", "state", "kind", "keys", "publication_id"))
        by_key = {key: row for row in earlier if row["kind"] == SuggestionKind.NEW for key in row["keys"]}
        by_paper = {(row["publication_id"], row["kind"]): row for row in earlier if row["publication_id"]}
        for (work, entry), found in zip(matches, candidates, strict=True):
            pk = held.match(entry, found)
            keys = keys_of(entry)
            if pk is None:
                kind, changes, row = (
                    SuggestionKind.NEW,
                    {},
                    next((by_key[k] for k in keys if k in by_key), None),
                )
            else:
                kind, changes = what_it_adds(held.rows[pk], entry, importer)
                if not changes:
                    self.count("held already")
                    continue
                row = by_paper.get((pk, kind))
            if row is not None:
                self.keep_up(row, work, entry)
                continue
            suggestion = Suggestion.objects.create(
                kind=kind,
                title=entry.title[:500],
                year=entry.year if isinstance(entry.year, int) else None,
                venue=entry.venue_name,
                authors=", ".join(a.name for a in entry.authors)[:2000],
                doi=entry.doi,
                arxiv_id=entry.arxiv_id,
                record=record_of(entry),
                sources=work.sources,
                keys=keys,
                publication_id=pk,
                changes=changes,
            )
            suggestion.people.set(work.people)
            made = {"pk": suggestion.pk, "state": suggestion.state}
            if pk is None:
                by_key.update(dict.fromkeys(keys, made))
            else:
                by_paper[(pk, kind)] = made
            self.count(f"filed: {kind.label}")

    def keep_up(self, row: dict, work: Work, entry: ParsedPublication) -> None:
        """A work suggested before: rejected or decided, it stays away; waiting, it names whoever it
        was found for now too."""
        if row["state"] == SuggestionState.REJECTED:
            self.count("rejected before")
            return
        if row["state"] == SuggestionState.ACCEPTED:
            self.count("accepted before")
            return
        suggestion = Suggestion.objects.get(pk=row["pk"])
        suggestion.people.add(*work.people)
        known = {(s.get("source"), s.get("url")) for s in suggestion.sources}
        more = [s for s in work.sources if (s["source"], s["url"]) not in known]
        if more:
            suggestion.sources += more
            suggestion.keys = list(dict.fromkeys([*suggestion.keys, *keys_of(entry)]))
            suggestion.save(update_fields=["sources", "keys"])
        self.count("waiting already")

    def run(self, people: list[Person], dry_run: bool = False) -> dict:
        found = self.ask(people)
        works = group_works(found)
        self.note(f"{len(found)} works from the sources are {len(works)} works")
        with transaction.atomic():
            self.file(works, Importer(ImportReport(format="watch"), None))
            if dry_run:
                transaction.set_rollback(True)
        for name, number in sorted(self.counts.items()):
            self.note(f"{name}: {number}")
        return self.counts
