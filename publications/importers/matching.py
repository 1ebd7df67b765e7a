"""Matching entries to what the lab already keeps: authors to members (by ORCID, OpenAlex or DBLP id,
name, initials), venues to the venue list, and a paper's fields to the model's."""

import re

from django.contrib.auth.models import User

from people.models import Person
from people.names import NameIndex, fold
from portal.bulk import Blank
from portal.imports import ImportReport

from ..models import Award, AwardKind, Publication, PublicationKind, Venue
from .parsed import (
    TEXT_FIELDS,
    URL_FIELDS,
    NewAuthorship,
    ParsedPublication,
)

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
                if (bare := re.sub(r"\W+", "", venue.acronym.casefold())) != venue.acronym.casefold():
                    self.by_acronym.setdefault(bare, []).append(venue)  # "aspdac" is ASP-DAC
            if venue.dblp_key:
                self.by_dblp.setdefault(venue.dblp_key.casefold(), venue)
            self.by_name.setdefault(self.name_key(venue.name), venue)
        for alias, key in VENUE_ALIASES.items():
            if aliased := self.by_dblp.get(key):
                self.by_name.setdefault(self.name_key(alias), aliased)

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
        venue_kinds: dict[str, str] = {
            PublicationKind.MAGAZINE: "magazine",
            PublicationKind.WORKSHOP: "workshop",
        }
        wanted_kind = venue_kinds.get(kind, kind)
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
            folded = acronym.strip().casefold()
            candidates = self.by_acronym.get(folded) or self.by_acronym.get(re.sub(r"\W+", "", folded), [])
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

    def __init__(self, report: ImportReport, owner: Person | None, by: User | None = None):
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
                member = self.people.get(person_id or 0)
                self.report.notes.append(
                    f"{entry.place}: {author.name!r} has the initials of {member}, who is "
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
    def kind_of(self, entry: ParsedPublication) -> tuple[str, Venue | None]:
        """The kind the entry is stored as, and its venue of the list: a known venue decides over an
        entry type (an @article in "Proceedings of … (DAC)" is a conference paper)."""
        venue = self.venues.match(entry.venue_acronym, entry.venue_name, entry.kind, entry.venue_dblp_key)
        venue_kind = VENUE_KINDS.get(venue.kind) if venue else ""
        if entry.kind_from_entry_type and venue_kind in LOOSE_KINDS and entry.kind in LOOSE_KINDS:
            return venue_kind, venue
        return entry.kind or venue_kind or PublicationKind.OTHER, venue

    def values(self, entry: ParsedPublication) -> dict:
        """The model fields this entry sets (empty values left out, so an update never clears)."""
        kind, venue = self.kind_of(entry)
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
            "dblp_key": entry.dblp_key,
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
            # The venue as the file prints it is kept whole beside the list's venue ("Computer Vision–
            # ECCV 2022: 17th European Conference, Tel Aviv, …, Part XXXVIII"), unless it says no more
            # than the venue's name or acronym.
            printed = entry.venue_printed or entry.venue_name
            bare = re.sub(r"\s*\([^()]*\)\s*$", "", printed)  # "… Systems (TCAD)", as exports write it
            says_more = {self.venues.name_key(printed), self.venues.name_key(bare)}.isdisjoint(
                {self.venues.name_key(venue.name), self.venues.name_key(venue.acronym or "")}
            )
            values["venue_text"] = printed if printed and says_more else ""
            if entry.ccf_rank and entry.ccf_rank != venue.ccf_rank:
                values["ccf_rank_printed"] = entry.ccf_rank
            if values.get("publisher") == venue.publisher:
                del values["publisher"]  # the venue's, which exports print: not the paper's own
        else:
            values["venue_text"] = with_acronym(entry.venue_name, entry.venue_acronym)
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


def matched_by(publication: Publication, entry: ParsedPublication) -> str:
    if entry.doi and publication.doi == entry.doi:
        return "DOI"
    if entry.arxiv_id and publication.arxiv_id == entry.arxiv_id:
        return "arXiv id"
    return "title and year"


def with_acronym(name: str, acronym: str) -> str:
    """A venue no list knows, with the acronym the lab gave it (`abbr = {T-IV}`) unless the name says it:
    "IEEE Transactions on Intelligent Vehicles (T-IV)"."""
    if not name or not acronym:
        return name or acronym
    squashed = re.sub(r"[\W_]", "", name).casefold()
    return name if re.sub(r"[\W_]", "", acronym).casefold() in squashed else f"{name} ({acronym})"
