"""RIS (Zotero, EndNote, Mendeley; read with rispy) and CSL-JSON (citeproc's input, Zotero's and
pandoc's export), with the portal's own "portal-…: value" note lines read back (see interchange).
"""

import re

import rispy

from portal import jsonlimits
from portal.imports import ImportFailed

from ..interchange import NAME_SUFFIX, model_translations, read_annotation, read_extras
from ..models import PublicationKind
from .parsed import ParsedAuthor, ParsedPublication
from .text import CJK, LANGUAGES, find_awards, safe_date

RIS_KINDS = {
    "CPAPER": PublicationKind.CONFERENCE, "CONF": PublicationKind.CONFERENCE,
    "JOUR": PublicationKind.JOURNAL, "JFULL": PublicationKind.JOURNAL, "EJOUR": PublicationKind.JOURNAL,
    "MGZN": PublicationKind.MAGAZINE, "UNPB": PublicationKind.PREPRINT, "BOOK": PublicationKind.BOOK,
    "CHAP": PublicationKind.CHAPTER, "THES": PublicationKind.THESIS, "PAT": PublicationKind.PATENT,
}  # fmt: skip
CSL_KINDS = {
    "paper-conference": PublicationKind.CONFERENCE, "article-journal": PublicationKind.JOURNAL,
    "article-magazine": PublicationKind.MAGAZINE, "article": PublicationKind.PREPRINT,
    "book": PublicationKind.BOOK, "chapter": PublicationKind.CHAPTER, "thesis": PublicationKind.THESIS,
    "patent": PublicationKind.PATENT,
}  # fmt: skip


def printed(name: str) -> str:
    """ "Song, Zhuoran" → "Zhuoran Song"; a Chinese name stays in one piece."""
    pieces = [piece.strip() for piece in name.split(",")]
    if len(pieces) == 3 and NAME_SUFFIX.match(f"x, {pieces[2]}"):  # RIS "Kelleher, R. J., 3rd"
        return f"{pieces[1]} {pieces[0]}, {pieces[2]}"
    family, comma, given = name.partition(",")
    if not comma:
        return " ".join(name.split())
    if CJK.search(name):
        return (family + given).replace(" ", "")
    return " ".join(f"{given} {family}".split())


def apply_extras(entry: ParsedPublication, notes: list[str]) -> None:
    """Read the portal's note lines and the awards a note names into `entry`; other lines are its note."""
    found, rest = read_extras(notes)
    entry.awards = [(kind, label) for kind, label in find_awards("\n".join(rest)) if label or kind != "other"]
    # Lines that only name awards are the awards; any other line is a note (another tool's RIS).
    entry.note = found.get("note") or " ".join(
        " ".join(line for line in rest if not find_awards(line)).split()
    )
    for position, marks in read_annotation(found.get("author_marks", "")).items():
        if 0 < position <= len(entry.authors):
            entry.authors[position - 1].is_corresponding = "corresponding" in marks.split(",")
            entry.authors[position - 1].is_equal_contribution = "equal" in marks.split(",")
    for position, affiliation in read_annotation(found.get("affiliations", "")).items():
        if 0 < position <= len(entry.authors):
            entry.authors[position - 1].affiliation = affiliation.replace("''", '"')
    if found.get("kind") in PublicationKind.values:
        entry.kind, entry.kind_from_entry_type = found["kind"], False
    for name in ("status", "arxiv_id", "pdf_url", "code_url", "slides_url", "poster_url", "video_url",
                 "project_url", "citation_url", "institutions"):  # fmt: skip
        if found.get(name):
            setattr(entry, name, found[name])
    entry.ccf_rank = found.get("ccf_rank_printed", "")
    entry.venue_printed = found.get("venue_as_printed", "")
    entry.featured = True if found.get("selected") == "true" else None
    entry.authors_cut_short = found.get("et_al") == "true"
    entry.translations = model_translations(found)


def parse_ris(text: str) -> list[ParsedPublication]:
    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except (OSError, ValueError) as error:
        raise ImportFailed([("", f"the RIS cannot be read: {error}")]) from None
    if not records:
        raise ImportFailed([("", "no RIS records found (each starts with TY  - )")])
    parsed = []
    for number, record in enumerate(records, start=1):
        place = f"record {number}" + (f" ({record['id']})" if record.get("id") else "")
        authors = record.get("authors") or record.get("first_authors") or []
        year = str(record.get("year") or record.get("publication_year") or "")[:4]
        date = record.get("date") or ""
        entry = ParsedPublication(
            place=place,
            title=record.get("title") or record.get("primary_title") or "",
            year=int(year) if year.isdigit() else (year or None),
            kind=RIS_KINDS.get(record.get("type_of_reference", ""), PublicationKind.OTHER),
            kind_from_entry_type=True,
            authors=[ParsedAuthor(printed(name)) for name in authors],
            venue_name=record.get("secondary_title") or record.get("journal_name") or "",
            venue_acronym=record.get("alternate_title2") or "",
            date=safe_date(*re.findall(r"\d+", date)[:3]) if date.count("/") >= 2 else None,
            volume=record.get("volume") or "",
            issue=record.get("number") or "",
            pages="-".join(filter(None, [record.get("start_page"), record.get("end_page")])),
            publisher=record.get("publisher") or "",
            doi=record.get("doi") or "",
            url=next(iter(record.get("urls") or []), ""),
            abstract=record.get("abstract") or "",
            language=LANGUAGES.get((record.get("language") or "").lower(), ""),
            keywords=list(record.get("keywords") or []),
        )
        apply_extras(entry, record.get("notes") or [])
        parsed.append(entry)
    return parsed


def parse_csljson(text: str) -> list[ParsedPublication]:
    try:
        items = jsonlimits.loads(text)
    except ValueError as error:
        raise ImportFailed([("", f"the CSL-JSON cannot be read: {error}")]) from None
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(item, dict) and "type" in item for item in items):
        raise ImportFailed([("", "CSL-JSON is a list of items, each an object with a type")])
    if not items:
        raise ImportFailed([("", "no CSL-JSON items found")])
    parsed = []
    for number, item in enumerate(items, start=1):
        place = f"item {number}" + (f" ({item['id']})" if item.get("id") else "")
        parts = ((item.get("issued") or {}).get("date-parts") or [[None]])[0] or [None]
        keyword = str(item.get("keyword") or "")
        entry = ParsedPublication(
            place=place,
            title=str(item.get("title") or ""),
            year=parts[0] if isinstance(parts[0], int) else None,
            kind=CSL_KINDS.get(item.get("type", ""), PublicationKind.OTHER),
            kind_from_entry_type=True,
            authors=[
                ParsedAuthor(csl_printed(name)) for name in item.get("author") or [] if isinstance(name, dict)
            ],
            venue_name=str(item.get("container-title") or ""),
            venue_acronym=str(item.get("container-title-short") or ""),
            date=safe_date(*parts) if len(parts) == 3 else None,
            volume=str(item.get("volume") or ""),
            issue=str(item.get("issue") or ""),
            pages=str(item.get("page") or ""),
            publisher=str(item.get("publisher") or ""),
            doi=str(item.get("DOI") or ""),
            url=str(item.get("URL") or ""),
            abstract=str(item.get("abstract") or ""),
            language=LANGUAGES.get(str(item.get("language") or "").lower(), ""),
            keywords=[k.strip() for k in re.split(r";" if ";" in keyword else r",", keyword) if k.strip()],
        )
        note_lines = str(item.get("note") or "").splitlines()
        if "portal-url: arxiv" in note_lines:
            entry.url = ""  # the portal wrote the arXiv page for citeproc in place of a missing paper link
        apply_extras(entry, [line for line in note_lines if line != "portal-url: arxiv"])
        parsed.append(entry)
    return parsed


def csl_printed(name: dict) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family, given = str(name.get("family") or ""), str(name.get("given") or "")
    if CJK.search(family + given):
        return family + given
    suffix = f", {name['suffix']}" if name.get("suffix") else ""
    return " ".join(f"{given} {family}".split()) + suffix
