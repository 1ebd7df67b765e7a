"""The one import pipeline every format feeds: parsed entries in, a report out, all or nothing.

A format's parser turns its input into `ParsedPublication`s (or raises `ImportFailed` naming the place of
every problem); `save_publications` checks them, matches authors to lab members and venues to the venue
list, recognises papers already stored (same DOI, or same normalised title and year), and writes
everything in one transaction with a fixed number of queries per batch.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from people.models import Person
from people.names import CJK, NameIndex, fold
from portal import bulk
from portal.bulk import Blank
from portal.content import bump_content_version_on_commit
from portal.imports import ImportFailed, ImportReport
from portal.models import MAX_YEAR, MIN_YEAR
from portal.validators import normalise_arxiv_id, normalise_doi, validate_arxiv_id, validate_doi

from ..models import Authorship, Award, AwardKind, Publication, PublicationKind, Venue
from ..services import publication_codes

URL_FIELDS = (
    "url", "pdf_url", "code_url", "slides_url", "poster_url", "video_url", "project_url", "citation_url",
)  # fmt: skip
TEXT_FIELDS = ("volume", "issue", "pages", "publisher", "institutions", "language")
# Columns whose values are short by nature; any other text from a file is stored whole.
SHORT_FIELDS = ("volume", "issue", "pages", "language")
BATCH = 1000
# An import creating this many papers ends with ANALYZE of the tables it filled (PostgreSQL).
ANALYZE_AFTER = 1000


@dataclass
class ParsedAuthor:
    name: str
    is_corresponding: bool = False
    is_equal_contribution: bool = False
    affiliation: str = ""
    orcid: str = ""
    openalex_id: str = ""
    dblp: str = ""  # DBLP's person id ("56/1234")
    is_owner: bool = False  # printed as the list's owner (in bold)


@dataclass(slots=True)
class NewAuthorship:
    """An authorship an import writes: the row, without a model instance (bulk.insert)."""

    publication_id: int | None
    position: int
    name: str
    person_id: int | None
    is_corresponding: bool
    is_equal_contribution: bool
    affiliation: str


@dataclass
class ParsedPublication:
    place: str
    title: str
    year: int | None
    title_language: str = ""  # "en" or "zh_hans"; empty: told from the title's characters
    kind: str = ""  # empty: decided by the venue
    # The kind was read from the file's entry type (@article), which labs use loosely: a known venue's
    # own kind outweighs it. A kind the lab stated (a [C]/[J] code) stands.
    kind_from_entry_type: bool = False
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
    authors_cut_short: bool = False  # "…, et al.": the list printed names only the first authors
    printed_code: str = ""  # "C53": the code the list printed, compared with the one the site gives
    venue_printed: str = ""  # the venue as the lab printed it, beside a venue of the list
    status: str = ""  # PublicationStatus: published, accepted, preprint; empty: as the model says
    # The paper's text in its other language, as model fields ({"title_zh_hans": …}).
    translations: dict = field(default_factory=dict)
    doi_from_link: bool = False  # read from a link, not given as the DOI: a guess that gives way
    venue_dblp_key: str = ""  # "conf/isca": DBLP's key of the venue, which the CCF list keys by
    # Stored, but look at this: what the parser filled in or left out (a year from the citation key).
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not self.title_language:
            self.title_language = "zh_hans" if CJK.search(self.title or "") else "en"


def title_key(title: str) -> str:
    return re.sub(r"\W", "", fold(title))


TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "on",
    "in",
    "to",
    "and",
    "with",
    "via",
    "by",
    "at",
    "from",
}


def loose_title_key(title: str) -> str:
    """A title without its small words: the preprint and the published version of one paper often
    differ only there ("Certification of Low Criticality …" and "… for Low Criticality …")."""
    return title_keys(title)[1]


def title_keys(title: str) -> tuple[str, str]:
    """(title_key, loose_title_key), folding the title once: imports compute both for every title."""
    folded = fold(title)
    strict = re.sub(r"\W", "", folded)
    words = re.findall(r"\w+", folded)
    return strict, "".join(word for word in words if word not in TITLE_SMALL_WORDS) or strict


def same_title(one: str, other: str) -> bool:
    """Whether two titles can be the same paper's: alike once folded (a changed subtitle or spelling
    still is), or in different scripts (a Chinese paper's English title)."""
    if bool(CJK.search(one)) != bool(CJK.search(other)):
        return True
    first, second = title_key(one), title_key(other)
    return first == second or SequenceMatcher(None, first, second).ratio() >= 0.6


def check(
    parsed: list[ParsedPublication], warnings: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """Every error in the entries, with its place; normalises DOIs and arXiv ids in place.

    Free text is stored whole. A short field whose value cannot be what it says (pages, volume, issue
    or a language code longer than the column allows) is left out with a warning in `warnings`: the
    entry is still stored."""
    problems = []
    url = URLValidator(schemes=["http", "https"])
    for entry in parsed:

        def problem(message, entry=entry):
            problems.append((entry.place, message))

        if warnings is not None:
            warnings += [(entry.place, message) for message in entry.warnings]

        entry.title = " ".join(entry.title.split())
        if not entry.title:
            problem("no title")
        elif len(entry.title) > 500:
            problem("the title is longer than 500 characters")
        if entry.year is None:
            problem("no year: the entry gives none (nor does its citation key)")
        elif not isinstance(entry.year, int) or not MIN_YEAR <= entry.year <= MAX_YEAR:
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
        for name in SHORT_FIELDS:
            limit = Publication._meta.get_field(name).max_length
            if len(value := getattr(entry, name)) > limit:
                setattr(entry, name, "" if name != "language" else "en")
                if warnings is not None:
                    warnings.append(
                        (
                            entry.place,
                            f"the {name} {value[:60]!r} is longer than {limit} characters: left out",
                        )
                    )
        for author in entry.authors:
            author.name = " ".join(author.name.split())
            if not author.name or len(author.name) > 200:
                problem(f"the author name {author.name[:80]!r} is empty or longer than 200 characters")
    return problems


# Usual names of venues that the CCF list names otherwise, by the venue's DBLP key.
VENUE_ALIASES = {
    "advances in neural information processing systems": "conf/nips",
    "neural information processing systems": "conf/nips",
    "annual conference on neural information processing systems": "conf/nips",
    "design automation conference": "conf/dac",
    "symposium on microarchitecture": "conf/micro",
    "international symposium on microarchitecture": "conf/micro",
    "proceedings of the vldb endowment": "journals/pvldb",
}


class VenueIndex:
    """Venues by acronym, DBLP key and normalised full name, loaded in one query."""

    # What a venue's name as printed adds to its name in the list: the year and edition, "Proceedings
    # of the", "Annual", the societies that run it, a volume.
    NOISE = re.compile(
        r"\b(19|20)\d\d\b|\b\d+(st|nd|rd|th)\b|\b(proceedings|proc|in)\b( of( the)?)?|\bannual\b|"
        r"\b(acm|ieee|usenix|ifip|sigarch|sigda|sigops|sigmod|sigplan|sigmetrics)\b|"
        r"\b(volume|vol|part)\s+\w+\s*$|\bthe\b"
    )
    # "MICRO-56: 56th Annual …", "ISCA '23: …": the acronym leads.
    LEADING_ACRONYM = re.compile(r"^\s*([A-Z][A-Za-z+\-]{1,15}?)(?:[- ]?'?\d{2,4})\s*:")
    CONFERENCE_WORDS = re.compile(r"(?i)\b(conference|proceedings|proc\.|symposium|congress|meeting)\b")

    def __init__(self):
        self.by_acronym: dict[str, list[Venue]] = {}
        self.by_name: dict[str, Venue] = {}
        self.by_dblp: dict[str, Venue] = {}
        self.found: dict[tuple, Venue | None] = {}
        for venue in Venue.objects.all():
            if venue.acronym:
                self.by_acronym.setdefault(venue.acronym.casefold(), []).append(venue)
            if venue.dblp_key:
                self.by_dblp.setdefault(venue.dblp_key.casefold(), venue)
            self.by_name.setdefault(self.name_key(venue.name), venue)
        for alias, key in VENUE_ALIASES.items():
            if venue := self.by_dblp.get(key):
                self.by_name.setdefault(self.name_key(alias), venue)

    @classmethod
    def name_key(cls, name: str) -> str:
        words = fold(name.replace("&", " and ")).replace("/", " ")
        words = re.sub(r"[^\w\s]", " ", words)
        return " ".join(cls.NOISE.sub(" ", " ".join(words.split())).split())

    def match(self, acronym: str, name: str, kind: str, dblp_key: str = "") -> Venue | None:
        """The venue of the list a printed venue names, if any (remembered: a lab's venues recur)."""
        key = (acronym, name, kind, dblp_key)
        if key not in self.found:
            self.found[key] = self.find(acronym, name, kind, dblp_key)
        return self.found[key]

    def find(self, acronym: str, name: str, kind: str, dblp_key: str = "") -> Venue | None:
        if dblp_key and (venue := self.by_dblp.get(dblp_key.casefold())):
            return venue
        wanted_kind = {PublicationKind.MAGAZINE: "magazine", PublicationKind.WORKSHOP: "workshop"}.get(
            kind, kind
        )
        if wanted_kind != "workshop" and self.CONFERENCE_WORDS.search(name):
            # "… Conference on Autonomous Agents and MultiAgent Systems (AAMAS)" in an @article is the
            # conference, not the journal of the same acronym.
            wanted_kind = "conference"
        if not acronym and (
            inner := re.search(r"\(([A-Za-z][\w\-/&'+ ]{1,20}?)(?:\s+'?\d{2,4})?\)\s*$", name)
        ):
            acronym = inner.group(1)
        if not acronym and (leading := self.LEADING_ACRONYM.match(name)):
            acronym = leading.group(1)
        if not acronym and re.fullmatch(r"[A-Za-z][\w\-+]{1,15}", name.strip()):
            acronym = name.strip()  # a booktitle that is the acronym alone: "ISCA"
        if acronym:
            candidates = self.by_acronym.get(acronym.strip().casefold(), [])
            for venue in candidates:
                if venue.kind == wanted_kind:
                    return venue
            if candidates:
                return candidates[0]
        if name:
            bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)
            bare = re.sub(r"^[^:]{1,20}:\s*", "", bare) if self.LEADING_ACRONYM.match(name) else bare
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


# Kinds an entry type is often wrong about, one for another (and "other": @misc).
LOOSE_KINDS = {
    PublicationKind.CONFERENCE, PublicationKind.JOURNAL, PublicationKind.WORKSHOP, PublicationKind.MAGAZINE,
    PublicationKind.OTHER,
}  # fmt: skip


# Links sure enough to take a member's identifier from (initials and the owner's bold name are not).
SURE_MATCHES = {"orcid", "openalex", "name"}


class Importer:
    """Writes checked entries; one instance per import, inside its transaction."""

    def __init__(self, report: ImportReport, owner: Person | None, by=None):
        self.report = report
        self.owner = owner
        # A member's import: their new papers are drafts, and published papers are not changed by it.
        self.by = by
        self.as_member = by is not None and not by.has_perm("publications.publish_publication")
        self.names = NameIndex.from_database()
        self.venues = VenueIndex()
        self.people = dict(Person.objects.values_list("id", "slug"))
        self.without_dblp = set(Person.objects.filter(dblp="").values_list("id", flat=True))
        self.new_publication, self.new_award = Blank(Publication), Blank(Award)
        self.dblp_found: dict[int, str] = {}  # member -> DBLP person id met on their authorships

    def keep_dblp_ids(self) -> None:
        """Record on lab members the DBLP person ids their authorships carried, where they had none."""
        for person_id, dblp in self.dblp_found.items():
            Person.objects.filter(pk=person_id, dblp="").update(dblp=dblp)
            self.report.notes.append(f"{self.people[person_id]}: DBLP person id {dblp} recorded")

    # -- authors ------------------------------------------------------------------------------------
    def authorships(self, entry: ParsedPublication, publication_id: int | None) -> list["NewAuthorship"]:
        rows = []
        matches = [self.names.match(a.name, a.orcid, a.openalex_id, a.dblp) for a in entry.authors]
        # A member is one author of a paper: a guess by initials gives way to a surer link elsewhere on it.
        sure = {m.person_id for m in matches if m.person_id and m.how != "initials"}
        for position, (author, match) in enumerate(zip(entry.authors, matches, strict=True), start=1):
            person_id = match.person_id
            how = match.how
            if how == "initials" and (
                person_id in sure or [m.person_id for m in matches].count(person_id) > 1
            ):
                self.report.notes.append(
                    f"{entry.place}: {author.name!r} has the initials of {self.people[person_id]}, who is "
                    "another author of this paper; left unlinked"
                )
                person_id, how = None, "none"
            if self.owner and (author.is_owner or person_id == self.owner.pk):
                if person_id not in (None, self.owner.pk):
                    how = f"printed as the owner, but the name is {self.people[person_id]}'s; kept as owner"
                person_id, how = self.owner.pk, how if person_id else "printed as the owner"
            if person_id and author.dblp and person_id in self.without_dblp and how in SURE_MATCHES:
                self.dblp_found.setdefault(person_id, author.dblp)
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
                NewAuthorship(
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
        venue = self.venues.match(entry.venue_acronym, entry.venue_name, entry.kind, entry.venue_dblp_key)
        venue_kind = VENUE_KINDS.get(venue.kind) if venue else ""
        if entry.kind_from_entry_type and venue_kind in LOOSE_KINDS and entry.kind in LOOSE_KINDS:
            kind = venue_kind  # an @article in "Proceedings of … (DAC)" is a conference paper
        else:
            kind = entry.kind or venue_kind or PublicationKind.OTHER
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
            "status": entry.status,
            "authors_cut_short": entry.authors_cut_short or None,
            **{name: getattr(entry, name) for name in (*URL_FIELDS, *TEXT_FIELDS)},
        }
        for name, value in entry.translations.items():
            values.setdefault(name, value)
        if venue:
            values["venue"] = venue
            values["venue_text"] = entry.venue_printed
            if entry.ccf_rank and entry.ccf_rank != venue.ccf_rank:
                values["ccf_rank_printed"] = entry.ccf_rank
            if values.get("publisher") == venue.publisher:
                del values["publisher"]  # the venue's, which exports print: not the paper's own
        else:
            values["venue_text"] = entry.venue_name or entry.venue_acronym
            values["ccf_rank_printed"] = entry.ccf_rank
        if entry.cited_by_count is not None:
            from django.utils import timezone

            values["citations_refreshed_at"] = timezone.now()
        return {name: value for name, value in values.items() if value not in ("", None, [], {})}

    def awards(self, entry: ParsedPublication, publication_id: int | None) -> list[Award]:
        return [
            self.new_award(publication_id=publication_id, kind=kind,
                           label_en=label if kind == AwardKind.OTHER else "", order=order)
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
    strict: bool = True,
    refused: list[tuple[str, str]] | None = None,
    by=None,
) -> tuple[ImportReport, list[int | None]]:
    """Store `parsed`; returns the report and each entry's publication id (None: skipped or refused).
    `by`: the user importing (a member's new papers are drafts, their stored papers left as they are).
    `refused`: (place, why) of entries the parser could not read, reported as refused.

    `skipped` lists (place, text, reason) the parser left out, so the report accounts for every line.
    Strict: raises ImportFailed, changing nothing, when any entry has a problem. Otherwise an entry
    with a problem is refused (reported, not stored) and the others are stored.
    """
    batches = (parsed[start : start + BATCH] for start in range(0, len(parsed), BATCH))
    return save_batches(
        batches, format=format, owner=owner, dry_run=dry_run, progress=progress, skipped=skipped,
        total=len(parsed), strict=strict, refused=refused, by=by,
    )  # fmt: skip


def save_batches(
    batches: Iterable[list[ParsedPublication]],
    *,
    format: str,
    owner: Person | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    skipped: list[tuple[str, str, str]] = (),
    total: int = 0,
    strict: bool = True,
    refused: list[tuple[str, str]] | None = None,
    warnings: list[tuple[str, str]] | None = None,
    by=None,
) -> tuple[ImportReport, list[int | None]]:
    """save_publications for entries that come a batch at a time (a large file parsed piece by piece):
    only one batch of parsed entries and stored papers is held at once. Still all or nothing, in one
    transaction: a problem found in a later batch undoes the earlier ones, and every problem in the
    input (the parser's too, raised at the end of `batches`) is named. `total` is how many entries are
    expected, for progress (an estimate is fine). Not strict, an entry with a problem is refused and the
    others are stored; `refused` and `warnings` are (place, message) the parser gathers while `batches`
    is read (blocks it could not read; things to look at), reported once it is done."""
    report = ImportReport(format=format, dry_run=dry_run)
    for place, text, reason in skipped:
        report.add("skipped", place, text, reason)
    ids: list[int | None] = []
    problems: list[tuple[str, str]] = []
    printed: list[tuple[int, str, str]] = []  # (publication, code the list printed, place)
    with transaction.atomic():
        saver = BatchSaver(Importer(report, owner, by), report)
        try:
            for batch in batches:
                found = check(batch, found_warnings := [])
                for place, message in found_warnings:
                    report.warn(place, message)
                if found and not strict:
                    bad = refuse(report, batch, found)
                    saved = saver.save([entry for entry in batch if entry.place not in bad], among=batch)
                else:
                    problems += found
                    if problems:
                        continue  # read on, to name every problem; nothing more is written
                    saved = saver.save(batch)
                printed += [
                    (pk, e.printed_code, e.place)
                    for e, pk in zip(batch, saved, strict=True)
                    if pk and e.printed_code
                ]
                ids += saved
                if progress:
                    progress(len(ids), max(total, len(ids)))
        except ImportFailed as error:
            problems += error.problems
        if problems:
            raise ImportFailed(sorted(problems, key=lambda problem: line_order(problem[0])))
        for place, message in refused or ():
            report.add("refused", place, "", message)
        for place, message in warnings or ():
            report.warn(place, message)
        if not saver.importer.as_member:
            saver.importer.keep_dblp_ids()
        if owner and printed:
            compare_codes(report, owner, printed)
        if owner and ids and not any(m["person"] == owner.slug for m in report.matches):
            report.notes.append(f"{owner.slug} was not found among the authors of any entry")
        bump_content_version_on_commit()
        if not dry_run and report.counts["created"] >= ANALYZE_AFTER:
            transaction.on_commit(refresh_statistics)
        if dry_run:
            transaction.set_rollback(True)
            for row in report.rows:
                row.publication_id = None
            ids = [None] * len(ids)
    report.rows.sort(key=lambda row: place_order(row.place))
    return report, ids


class BatchSaver:
    """Writes batches of checked entries, remembering across batches only what tells papers apart:
    their keys (DOI, title and year), the stored papers already matched and the slugs taken."""

    def __init__(self, importer: Importer, report: ImportReport):
        self.importer, self.report = importer, report
        self.seen: dict[object, str] = {}
        self.matched: set[int] = set()
        self.taken = set(Publication.objects.values_list("slug", flat=True))
        self.doi_titles: dict[str, tuple[str, str]] = {}  # DOI -> (place, title) of the entry that has it
        # Papers created by earlier batches are told apart by `seen`; stored ones are those up to here.
        self.stored = Publication.objects.filter(
            pk__lte=Publication.objects.aggregate(last=Max("pk"))["last"] or 0
        )

    def drop_a_borrowed_doi(
        self, entry: ParsedPublication, existing_by_doi: dict, stored_titles: dict
    ) -> None:
        """A DOI that an earlier entry or a stored paper with another title already has was copied by
        mistake (a link pasted from the neighbouring entry): the two are different papers, so this one
        is imported without it, and a warning says so, rather than one paper being lost."""
        other = None
        if (claimant := self.doi_titles.get(entry.doi)) and not same_title(claimant[1], entry.title):
            other = claimant[0]
        elif (pk := existing_by_doi.get(entry.doi)) and not any(
            same_title(title, entry.title) for title in stored_titles.get(pk, [])
        ):
            other = (
                f"the stored paper {stored_titles[pk][0][:60]!r}"
                if stored_titles.get(pk)
                else "a stored paper"
            )
        if other:
            self.report.warn(
                entry.place,
                f"the DOI {entry.doi} is also that of {other}, which has another title: left out here",
            )
            entry.doi = ""

    def save(self, batch: list[ParsedPublication], among=None) -> list[int | None]:
        """Each entry's publication id (None: skipped); with `among`, the batch the entries were taken
        from (the others refused), for each of its entries."""
        if among is not None:
            by_place = dict(zip((entry.place for entry in batch), self.save(batch), strict=True))
            return [by_place.get(entry.place) for entry in among]
        report = self.report
        # One query for both: a preprint and its published version share their arXiv id (one paper).
        existing_by_doi, existing_by_arxiv, stored_titles = {}, {}, {}
        for pk, doi, arxiv_id, *titles in self.stored.filter(
            Q(doi__in={e.doi for e in batch if e.doi})
            | Q(arxiv_id__in={e.arxiv_id for e in batch if e.arxiv_id})
        ).values_list("id", "doi", "arxiv_id", "title_en", "title_zh_hans"):
            stored_titles[pk] = [title for title in titles if title]
            if doi:
                existing_by_doi[doi] = pk
            if arxiv_id:
                existing_by_arxiv[arxiv_id] = pk
        existing_by_title = {}
        entry_keys = [title_keys(entry.title) for entry in batch]
        titles = {strict for strict, _loose in entry_keys}
        loose_titles = {loose for _strict, loose in entry_keys}
        for pk, title_en, title_zh, year in self.stored.filter(year__in={e.year for e in batch}).values_list(
            "id", "title_en", "title_zh_hans", "year"
        ):
            for title in (title_en, title_zh):
                if not title:
                    continue
                strict, loose = title_keys(title)
                if strict in titles:
                    existing_by_title.setdefault((strict, year), pk)
                if loose in loose_titles:
                    existing_by_title.setdefault(("loose", loose, year), pk)

        ids: list[int | None] = [None] * len(batch)
        matched: dict[int, int] = {}  # index in batch -> existing publication id
        new: list[int] = []
        in_batch: dict[str, ParsedPublication] = {}
        for index, entry in enumerate(batch):
            if entry.doi:
                self.drop_a_borrowed_doi(entry, existing_by_doi, stored_titles)
            keys = [("doi", entry.doi)] if entry.doi else []
            keys += [("arxiv", entry.arxiv_id)] if entry.arxiv_id else []
            strict, loose = entry_keys[index]
            keys.append(("title", strict, entry.year))
            keys.append(("loose title", loose, entry.year))
            earlier = next((self.seen[key] for key in keys if key in self.seen), None)
            if earlier:
                reason = f"the same paper as {earlier}"
                first = in_batch.get(earlier)
                if first is not None and entry.arxiv_id and not first.arxiv_id:
                    # DBLP lists the CoRR preprint beside the published paper: one paper, both ids.
                    first.arxiv_id = entry.arxiv_id
                    reason += f", which takes its arXiv id {entry.arxiv_id}"
                report.add("skipped", entry.place, entry.title, reason)
                continue
            in_batch[entry.place] = entry
            for key in keys:
                self.seen[key] = entry.place
            if entry.doi:
                self.doi_titles[entry.doi] = (entry.place, entry.title)
            pk = existing_by_doi.get(entry.doi) if entry.doi else None
            pk = pk or (existing_by_arxiv.get(entry.arxiv_id) if entry.arxiv_id else None)
            pk = pk or existing_by_title.get((strict, entry.year))
            pk = pk or existing_by_title.get(("loose", loose, entry.year))
            if pk and pk in self.matched:
                report.add("skipped", entry.place, entry.title, "the same stored paper as another entry")
                continue
            if pk:
                matched[index] = pk
                self.matched.add(pk)
            else:
                new.append(index)

        existing = Publication.objects.filter(pk__in=matched.values()).with_authors().in_bulk()
        for index, pk in matched.items():
            entry = batch[index]
            stored = existing[pk]
            theirs = stored.created_by_id == getattr(self.importer.by, "pk", None)
            if self.importer.as_member and (stored.is_published or not theirs):
                report.add(
                    "skipped", entry.place, entry.title,
                    "already stored: a member's import leaves stored papers as they are (change it in the "
                    "admin, where an editor reviews the change)", pk,
                )  # fmt: skip
                continue
            changed = update_publication(self.importer, stored, entry)
            ids[index] = pk
            report.add(
                "updated" if changed else "unchanged",
                entry.place,
                entry.title,
                f"matched by {matched_by(existing[pk], entry)}"
                + (f"; changed: {', '.join(changed)}" if changed else ""),
                pk,
            )

        publications = []
        for index in new:
            entry = batch[index]
            publication = self.importer.new_publication(
                **self.importer.values(entry),
                is_lab_work=entry.is_lab_work,
                slug=unique_slug(entry.title, entry.year, self.taken),
                created_by=self.importer.by,
                is_published=not self.importer.as_member,
            )
            publication.render_markdown_fields()
            publications.append(publication)
        bulk.insert(Publication, publications)
        authorships, awards = [], []
        for index, publication in zip(new, publications, strict=True):
            entry = batch[index]
            ids[index] = publication.pk
            authorships += self.importer.authorships(entry, publication.pk)
            awards += self.importer.awards(entry, publication.pk)
            report.add("created", entry.place, entry.title, "", publication.pk)
        bulk.insert(Authorship, authorships)
        bulk.insert(Award, awards)
        return ids


def compare_codes(report: ImportReport, owner: Person, printed: list[tuple[int, str, str]]) -> None:
    """Warn where the code a list printed ([C53]) is not the one the owner's page gives the paper: the
    list and the site do not hold the same papers, or their order differs."""
    codes = publication_codes(
        Publication.objects.public().for_person(owner).order_by().values_list("id", "kind", "year", "date")
    )
    for pk, code, place in printed:
        if codes.get(pk) and codes[pk] != code:
            report.warn(place, f"printed as [{code}], numbered [{codes[pk]}] on {owner.slug}'s page")


def refuse(report: ImportReport, batch: list[ParsedPublication], problems) -> set[str]:
    """Report the entries that have problems as refused, one row each; their places."""
    messages: dict[str, list[str]] = {}
    for place, message in problems:
        messages.setdefault(place, []).append(message)
    for entry in batch:
        if entry.place in messages:
            report.add("refused", entry.place, entry.title, "; ".join(messages[entry.place]))
    return set(messages)


def refresh_statistics() -> None:
    """ANALYZE the tables a large import filled (PostgreSQL). Until the planner's statistics catch up
    (autovacuum is off on some servers) it plans as for the small tables they were: a person page was
    measured 10x slower after a 10,000-entry import."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Publication, Authorship, Award):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def line_order(place: str) -> tuple:
    """Problems in the order of the file: by line where the place names one."""
    line = re.search(r"line (\d+)", place)
    return (int(line.group(1)) if line else 0, place)


def place_order(place: str) -> tuple:
    """The order of the file: by the line a place names ("entry song2020 (line 12)"), else its first
    number ("work 3")."""
    number = re.search(r"(?<=line )\d+", place) or re.search(r"\d+", place)
    return (int(number.group()) if number else 0, place)


def matched_by(publication: Publication, entry: ParsedPublication) -> str:
    if entry.doi and publication.doi == entry.doi:
        return "DOI"
    if entry.arxiv_id and publication.arxiv_id == entry.arxiv_id:
        return "arXiv id"
    return "title and year"


def update_publication(importer: Importer, publication: Publication, entry: ParsedPublication) -> list[str]:
    """Bring a stored paper up to date with the entry; returns the names of what changed."""
    values = importer.values(entry)
    if entry.kind == PublicationKind.PREPRINT and publication.kind != PublicationKind.PREPRINT:
        # The arXiv version of a paper stored as published: it adds what it knows, never undoes that.
        for name in ("kind", "year", "date", "venue", "venue_text", "ccf_rank_printed"):
            values.pop(name, None)
    published_now = publication.kind == PublicationKind.PREPRINT and entry.kind != PublicationKind.PREPRINT
    if published_now and "venue" in values:
        values["venue_text"] = ""  # "arXiv preprint …" gives way to the venue it was published at
    elif publication.venue_id or publication.venue_text:  # a venue chosen in the admin stays
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
        bulk.insert(Authorship, new_rows)
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
