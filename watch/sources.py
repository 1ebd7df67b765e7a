"""The four places a member's works are looked up: ORCID (public API v3.0), DBLP (the person's record),
OpenAlex (works by author) and arXiv (the Atom API, by the member's author query).

Each client is polite: its requests are spaced (WATCH_REQUEST_INTERVAL, arXiv's own ARXIV_REQUEST_INTERVAL),
time out (REMOTE_TIMEOUT_SECONDS) and are tried again with back-off (WATCH_RETRIES, WATCH_BACKOFF_SECONDS)
when the source is away or answers 429 or 5xx. What a source sends that this portal cannot read raises
ImportFailed naming where.
"""

import re
import threading
import time
from datetime import date

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings

from people.models import Person
from portal.validators import DOI_RE, normalise_doi
from publications.importers import ImportFailed, ParsedAuthor, ParsedPublication
from publications.importers.dblp import parse_dblp
from publications.importers.openalex import Shape, openalex_work, short_id
from publications.models import PublicationKind
from publications.remote import DblpClient, OpenAlexClient, RemoteClient, RemoteUnavailable

ORCID_KINDS = {
    "conference-paper": PublicationKind.CONFERENCE,
    "journal-article": PublicationKind.JOURNAL,
    "preprint": PublicationKind.PREPRINT,
    "working-paper": PublicationKind.PREPRINT,
    "book": PublicationKind.BOOK,
    "book-chapter": PublicationKind.CHAPTER,
    "dissertation": PublicationKind.THESIS,
    "dissertation-thesis": PublicationKind.THESIS,
}
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ARXIV_ID = re.compile(r"arxiv\.org/abs/([\w.\-/]+?)(?:v\d+)?$")


class Polite:
    """Spacing, time-outs and retries for a RemoteClient: mixed in before it."""

    interval_setting = "WATCH_REQUEST_INTERVAL"
    _last: dict[str, float] = {}
    _lock = threading.Lock()

    def wait_turn(self) -> None:
        interval = getattr(settings, self.interval_setting)
        with self._lock:
            wait = self._last.get(self.name, 0) + interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[self.name] = time.monotonic()

    def get_text(self, path: str, params: dict | None = None) -> str:
        for attempt in range(settings.WATCH_RETRIES + 1):
            self.wait_turn()
            try:
                return super().get_text(path, params)
            except RemoteUnavailable as error:
                if attempt == settings.WATCH_RETRIES:
                    tries = attempt + 1
                    raise RemoteUnavailable(
                        f"{error} ({tries} {'try' if tries == 1 else 'tries'})"
                    ) from error
                time.sleep(settings.WATCH_BACKOFF_SECONDS * 2**attempt)
        raise AssertionError("unreachable")


class PoliteOpenAlex(Polite, OpenAlexClient):
    pass


class PoliteDblp(Polite, DblpClient):
    pass


class OrcidClient(Polite, RemoteClient):
    """https://pub.orcid.org/v3.0/{orcid}/works (the summaries), then /works/{put-codes} (the works, with
    their contributors), a hundred at a time."""

    name = "ORCID"
    base_setting = "ORCID_URL"
    BULK = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session.headers["Accept"] = "application/json"

    def works(self, orcid: str) -> list[dict]:
        summary = self.get(f"/v3.0/{orcid}/works")
        shape = Shape(f"ORCID {orcid}")
        codes = []
        for number, group in enumerate(shape.get(summary, "group", list, [])):
            summaries = shape.get(group, "work-summary", list, []) if isinstance(group, dict) else None
            if not summaries or not isinstance(summaries[0], dict):
                shape.fail(f"group[{number}].work-summary", "a list of works", group)
            code = summaries[0].get("put-code")  # the first is the one the person prefers
            if not isinstance(code, int | str) or not str(code).isdigit():
                shape.fail(f"group[{number}].work-summary[0].put-code", "a number", code)
            codes.append(str(code))
        works = []
        for start in range(0, len(codes), self.BULK):
            bulk = self.get(f"/v3.0/{orcid}/works/{','.join(codes[start : start + self.BULK])}")
            for number, item in enumerate(shape.get(bulk, "bulk", list, [])):
                if not isinstance(item, dict):
                    shape.fail(f"bulk[{number}]", "an object", item)
                if isinstance(item.get("work"), dict):
                    works.append(item["work"])
        return works


class ArxivClient(Polite, RemoteClient):
    """https://export.arxiv.org/api/query: the Atom feed of a search, a page at a time."""

    name = "arXiv"
    base_setting = "ARXIV_URL"
    interval_setting = "ARXIV_REQUEST_INTERVAL"  # arXiv asks for three seconds between requests
    PAGE = 100
    MOST = 500

    def search(self, query: str) -> list[str]:
        pages, start = [], 0
        while start < self.MOST:
            text = self.get_text(
                "/api/query",
                {
                    "search_query": query,
                    "start": start,
                    "max_results": self.PAGE,
                    "sortBy": "submittedDate",
                    "sortOrder": "descending",
                },
            )
            pages.append(text)
            found = text.count("<entry")
            total = re.search(r"<opensearch:totalResults[^>]*>(\d+)<", text)
            start += self.PAGE
            if found < self.PAGE or (total and start >= int(total.group(1))):
                break
        return pages


def value_of(shape: Shape, data, path: str) -> str:
    """ORCID's {"value": …} wrappers, read through."""
    found = shape.get(data, f"{path}.value", str, "") if shape.get(data, path, dict) else ""
    return " ".join(found.split())


def orcid_work(work: dict, person: Person, place: str) -> ParsedPublication:
    shape = Shape(place)
    title = value_of(shape, work, "title.title")
    ids = {}
    for number, external in enumerate(shape.get(work, "external-ids.external-id", list, [])):
        if not isinstance(external, dict):
            shape.fail(f"external-ids.external-id[{number}]", "an object", external)
        kind = str(external.get("external-id-type") or "").lower()
        ids.setdefault(kind, str(external.get("external-id-value") or "").strip())
    doi = normalise_doi(ids.get("doi", ""))
    doi = doi if DOI_RE.match(doi) else ""  # ORCID does not check: "http://hdl.handle.net/…" is met
    arxiv = re.sub(r"^arxiv:", "", ids.get("arxiv", ""), flags=re.I)
    published = shape.get(work, "publication-date", dict, {})
    year, month, day = (value_of(shape, published, part) for part in ("year", "month", "day"))
    try:
        on = date(int(year), int(month), int(day)) if year and month and day else None
    except ValueError:
        on = None
    authors = []
    for number, contributor in enumerate(shape.get(work, "contributors.contributor", list, [])):
        if not isinstance(contributor, dict):
            shape.fail(f"contributors.contributor[{number}]", "an object", contributor)
        role = str(shape.get(contributor, "contributor-attributes.contributor-role", str, "") or "author")
        name = value_of(shape, contributor, "credit-name")
        if name and role.lower() in {"author", ""}:
            orcid = shape.get(contributor, "contributor-orcid.path", str, "") or ""
            authors.append(ParsedAuthor(name, orcid=orcid))
    if not authors:
        authors = [ParsedAuthor(person.name, orcid=person.orcid)]  # the record is theirs
    kind = str(shape.get(work, "type", str, "")).lower().replace("_", "-")
    return ParsedPublication(
        place=place,
        title=title,
        year=int(year) if year.isdigit() else None,
        kind=ORCID_KINDS.get(kind, ""),
        authors=authors,
        venue_name=value_of(shape, work, "journal-title"),
        date=on,
        doi=doi,
        arxiv_id=arxiv if ids.get("arxiv") else "",
        url="" if doi else value_of(shape, work, "url"),
        abstract=shape.get(work, "short-description", str, "") or "",
    )


def arxiv_entries(text: str, place: str, problems: list) -> list[ParsedPublication]:
    """The feed's entries; an entry that cannot be read is left out, (place, why) added to `problems`.
    A feed that is not one raises ImportFailed."""
    try:
        root = ElementTree.fromstring(text.encode())
    except DefusedXmlException as error:
        raise ImportFailed([(place, f"the feed declares what this portal does not read: {error}")]) from None
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ImportFailed(
            [(f"{place}, line {line}, column {column}", "the feed is not well formed")]
        ) from None
    if root.tag != f"{ATOM}feed":
        raise ImportFailed([(place, f"not an Atom feed: the document is a <{root.tag}>")])
    entries = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        address = entry.findtext(f"{ATOM}id", "").strip()
        found = ARXIV_ID.search(address)
        if not found:
            problems.append((f"{place}, entry {number}", f"no arXiv address: {address[:60]!r}"))
            continue
        published = entry.findtext(f"{ATOM}published", "")[:10]
        try:
            on = date.fromisoformat(published)
        except ValueError:
            problems.append((f"{place}, entry {number}", f"no date: {published!r}"))
            continue
        doi = normalise_doi(entry.findtext(f"{ARXIV}doi", ""))
        entries.append(
            ParsedPublication(
                place=f"{place}, {found.group(1)}",
                title=" ".join(entry.findtext(f"{ATOM}title", "").split()),
                year=on.year,
                kind=PublicationKind.PREPRINT,
                authors=[
                    ParsedAuthor(" ".join(author.findtext(f"{ATOM}name", "").split()))
                    for author in entry.findall(f"{ATOM}author")
                ],
                date=on,
                doi=doi if DOI_RE.match(doi) else "",
                arxiv_id=found.group(1),
                pdf_url=next(
                    (
                        link.get("href", "")
                        for link in entry.findall(f"{ATOM}link")
                        if link.get("title") == "pdf"
                    ),
                    "",
                ),
                abstract=" ".join(entry.findtext(f"{ATOM}summary", "").split()),
            )
        )
    return entries


def arxiv_query(person: Person) -> str:
    query = person.arxiv_query.strip()
    return query if re.match(r"^\w+:", query) else f'au:"{query}"'


def each_work(works, read, problems: list) -> list[tuple[ParsedPublication, str]]:
    """(entry, address) of each work `read` can read; a work it cannot is left out and named in
    `problems`: one bad record does not cost the others."""
    found = []
    for number, work in enumerate(works, start=1):
        try:
            found.append(read(number, work))
        except ImportFailed as error:
            problems += error.problems
    return found


def from_orcid(person: Person, problems: list) -> list[tuple[ParsedPublication, str]]:
    def read(number, work):
        code = work.get("put-code", number)
        address = f"https://orcid.org/{person.orcid}"
        return orcid_work(work, person, f"ORCID {person.orcid} work {code}"), address

    return each_work(OrcidClient().works(person.orcid), read, problems)


def from_dblp(person: Person, problems: list) -> list[tuple[ParsedPublication, str]]:
    parsed, _skipped = parse_dblp(PoliteDblp().person_xml(person.dblp))
    return [(entry, f"https://dblp.org/rec/{entry.dblp_key}") for entry in parsed]


def from_openalex(person: Person, problems: list) -> list[tuple[ParsedPublication, str]]:
    def read(number, work):
        entry = openalex_work(work, f"OpenAlex {person.openalex_id} work {number}")
        return entry, f"https://openalex.org/{entry.openalex_id}"

    return each_work(PoliteOpenAlex().works_by_author(short_id(person.openalex_id)), read, problems)


def from_arxiv(person: Person, problems: list) -> list[tuple[ParsedPublication, str]]:
    found = []
    for page, text in enumerate(ArxivClient().search(arxiv_query(person)), start=1):
        for entry in arxiv_entries(text, f"arXiv {person.arxiv_query} page {page}", problems):
            found.append((entry, f"https://arxiv.org/abs/{entry.arxiv_id}"))
    return found


# (source, the member's id it needs, how to ask it)
SOURCES = (
    ("ORCID", "orcid", from_orcid),
    ("DBLP", "dblp", from_dblp),
    ("OpenAlex", "openalex_id", from_openalex),
    ("arXiv", "arxiv_query", from_arxiv),
)
