"""OpenAlex work records (https://docs.openalex.org/api-entities/works) and Crossref work messages."""

import json
import re
from datetime import date
from typing import Any

from portal import jsonlimits
from portal.imports import ImportFailed

from ..models import PublicationKind
from .parsed import ParsedAuthor, ParsedPublication
from .text import arxiv_from_url

OPENALEX_KINDS: dict[str, str] = {
    "proceedings-article": PublicationKind.CONFERENCE,
    "journal-article": PublicationKind.JOURNAL,
    "posted-content": PublicationKind.PREPRINT,
    "preprint": PublicationKind.PREPRINT,
    "book": PublicationKind.BOOK,
    "book-chapter": PublicationKind.CHAPTER,
    "dissertation": PublicationKind.THESIS,
}
SOURCE_KINDS: dict[str, str] = {"journal": PublicationKind.JOURNAL, "conference": PublicationKind.CONFERENCE,
                "repository": PublicationKind.PREPRINT}  # fmt: skip


class Shape:
    """Reads a decoded JSON value, naming the path of whatever has the wrong type."""

    def __init__(self, place: str):
        self.place = place

    def fail(self, path: str, expected: str, value: Any) -> None:
        raise ImportFailed([(self.place, f"{path}: expected {expected}, found {json.dumps(value)[:60]}")])

    def get(self, data: Any, path: str, kind: type, default: Any = None) -> Any:
        value = data
        for part in path.split("."):
            if value is None:
                return default
            if not isinstance(value, dict):
                self.fail(path, "an object", value)
            value = value.get(part)
        if value is None:
            return default
        expected = {str: "text", int: "a whole number", list: "a list", dict: "an object"}[kind]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            self.fail(path, expected, value)
        return value


def short_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def abstract_from_inverted_index(index: dict, shape: Shape) -> str:
    words = {}
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(isinstance(p, int) for p in positions):
            shape.fail(f"abstract_inverted_index.{word}", "a list of positions", positions)
        for position in positions:
            words[position] = word
    return " ".join(words[position] for position in sorted(words))


def decode_json(text: str) -> Any:
    try:
        return jsonlimits.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [(f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}")]
        ) from None
    except jsonlimits.TooDeep as error:
        raise ImportFailed([("", f"not a record this importer reads: {error}")]) from None


def parse_openalex(text: str) -> list[ParsedPublication]:
    """One work, a list of works, or an API page ({"results": […]})."""
    data = decode_json(text)
    works = data.get("results") if isinstance(data, dict) and "results" in data else data
    works = works if isinstance(works, list) else [works]
    return [openalex_work(work, f"work {number}") for number, work in enumerate(works, start=1)]


def openalex_work(work: Any, place: str) -> ParsedPublication:
    shape = Shape(place)
    if not isinstance(work, dict):
        shape.fail("work", "an object", work)
    work_id = short_id(shape.get(work, "id", str, ""))
    shape.place = place = f"{place} ({work_id})" if work_id else place
    title = shape.get(work, "title", str) or shape.get(work, "display_name", str, "")
    year = shape.get(work, "publication_year", int)
    on = None
    if published := shape.get(work, "publication_date", str):
        try:
            on = date.fromisoformat(published)
        except ValueError:
            shape.fail("publication_date", "a date (YYYY-MM-DD)", published)
    location = shape.get(work, "primary_location", dict, {})
    source = shape.get(location, "source", dict, {})
    raw_type = shape.get(location, "raw_type", str, "")
    kind = (
        OPENALEX_KINDS.get(raw_type)
        or SOURCE_KINDS.get(shape.get(source, "type", str, ""))
        or OPENALEX_KINDS.get(shape.get(work, "type_crossref", str, ""))
        or OPENALEX_KINDS.get(shape.get(work, "type", str, ""), "")
    )
    authors = []
    for number, authorship in enumerate(shape.get(work, "authorships", list, [])):
        path = f"authorships[{number}]"
        if not isinstance(authorship, dict):
            shape.fail(path, "an object", authorship)
        author = shape.get(authorship, "author", dict, {})
        affiliations = shape.get(authorship, "raw_affiliation_strings", list, []) or [
            shape.get(institution, "display_name", str, "")
            for institution in shape.get(authorship, "institutions", list, [])
        ]
        authors.append(
            ParsedAuthor(
                name=shape.get(authorship, "raw_author_name", str)
                or shape.get(author, "display_name", str, ""),
                is_corresponding=bool(authorship.get("is_corresponding")),
                affiliation="; ".join(a for a in affiliations if isinstance(a, str)),
                orcid=short_id(shape.get(author, "orcid", str, "")),
                openalex_id=short_id(shape.get(author, "id", str, "")),
            )
        )
    biblio = shape.get(work, "biblio", dict, {})
    first, last = shape.get(biblio, "first_page", str, ""), shape.get(biblio, "last_page", str, "")
    keywords = [shape.get(k, "display_name", str, "") for k in shape.get(work, "keywords", list, [])]
    keywords += [shape.get(t, "display_name", str, "") for t in shape.get(work, "topics", list, [])]
    counts = {}
    for row in shape.get(work, "counts_by_year", list, []):
        counts[str(shape.get(row, "year", int))] = shape.get(row, "cited_by_count", int, 0)
    best = shape.get(work, "best_oa_location", dict, {})
    pdf = shape.get(location, "pdf_url", str) or shape.get(best, "pdf_url", str, "")
    landing = shape.get(location, "landing_page_url", str, "")
    doi = shape.get(work, "doi", str, "")
    index = shape.get(work, "abstract_inverted_index", dict)
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        kind=kind,
        authors=authors,
        venue_name=shape.get(source, "display_name", str) or shape.get(location, "raw_source_name", str, ""),
        venue_acronym=shape.get(source, "abbreviated_title", str, "") or "",
        date=on,
        volume=shape.get(biblio, "volume", str, ""),
        issue=shape.get(biblio, "issue", str, ""),
        pages=f"{first}-{last}" if first and last and first != last else first,
        publisher=shape.get(source, "host_organization_name", str, "") or "",
        doi=doi,
        arxiv_id=arxiv_from_url(landing),
        url="" if doi else landing,
        pdf_url=pdf,
        abstract=abstract_from_inverted_index(index, shape) if index else "",
        language=shape.get(work, "language", str, "") or "",
        keywords=list(dict.fromkeys(k for k in keywords if k)),
        openalex_id=work_id,
        cited_by_count=shape.get(work, "cited_by_count", int),
        citations_by_year=dict(sorted(counts.items())),
    )


def parse_crossref(text: str) -> list[ParsedPublication]:
    """A Crossref API answer ({"message": {…}}), a list of them, or bare work messages."""
    data = decode_json(text)
    items = data if isinstance(data, list) else [data]
    return [
        crossref_work(item.get("message", item) if isinstance(item, dict) else item, f"work {number}")
        for number, item in enumerate(items, start=1)
    ]


def crossref_work(message: Any, place: str) -> ParsedPublication:
    shape = Shape(place)
    if not isinstance(message, dict):
        shape.fail("message", "an object", message)
    doi = shape.get(message, "DOI", str, "")
    shape.place = place = f"{place} ({doi})" if doi else place
    titles = shape.get(message, "title", list, [])
    title = titles[0] if titles and isinstance(titles[0], str) else ""
    parts = (shape.get(message, "issued", dict, {}).get("date-parts") or [[None]])[0]
    if not isinstance(parts, list) or (parts and parts[0] is not None and not isinstance(parts[0], int)):
        shape.fail("issued.date-parts", "a list of whole numbers", parts)
    year = parts[0] if parts else None
    on = date(*parts[:3]) if len(parts) >= 3 and all(isinstance(p, int) for p in parts[:3]) else None
    authors = []
    for number, author in enumerate(shape.get(message, "author", list, [])):
        if not isinstance(author, dict):
            shape.fail(f"author[{number}]", "an object", author)
        name = " ".join(
            filter(None, [shape.get(author, "given", str, ""), shape.get(author, "family", str, "")])
        )
        affiliations = [
            a.get("name", "") for a in shape.get(author, "affiliation", list, []) if isinstance(a, dict)
        ]
        authors.append(
            ParsedAuthor(
                name=name or shape.get(author, "name", str, ""),
                affiliation="; ".join(affiliations),
                orcid=short_id(shape.get(author, "ORCID", str, "")),
            )
        )
    containers = shape.get(message, "container-title", list, [])
    shorts = shape.get(message, "short-container-title", list, [])
    abstract = re.sub(r"<[^>]+>", " ", shape.get(message, "abstract", str, ""))
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        kind=OPENALEX_KINDS.get(shape.get(message, "type", str, ""), ""),
        authors=authors,
        venue_name=containers[0] if containers else "",
        venue_acronym=shorts[0] if shorts and len(shorts[0]) <= 20 else "",
        date=on,
        volume=shape.get(message, "volume", str, ""),
        issue=shape.get(message, "issue", str, ""),
        pages=shape.get(message, "page", str, ""),
        publisher=shape.get(message, "publisher", str, ""),
        doi=doi,
        abstract=" ".join(abstract.split()),
        language=shape.get(message, "language", str, ""),
        cited_by_count=shape.get(message, "is-referenced-by-count", int),
    )
