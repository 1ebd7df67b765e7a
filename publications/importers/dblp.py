"""DBLP's XML: a person's record (https://dblp.org/pid/<pid>.xml) or a file of records.

DBLP is the bibliography of record in computer science, and the CCF list keys its venues by DBLP: a
record's key ("conf/isca/SongZ0L20") names its venue exactly ("conf/isca"), whatever its short
booktitle says. Authors carry DBLP person ids (and ORCIDs where DBLP knows them), which link lab
members surely and are kept on them.
"""

import html.entities
import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from portal.imports import ImportFailed

from ..models import PublicationKind
from .parsed import ParsedAuthor, ParsedPublication
from .text import arxiv_from_url, doi_from_url

KINDS = {
    "article": PublicationKind.JOURNAL,
    "inproceedings": PublicationKind.CONFERENCE,
    "incollection": PublicationKind.CHAPTER,
    "book": PublicationKind.BOOK,
    "phdthesis": PublicationKind.THESIS,
    "mastersthesis": PublicationKind.THESIS,
}
# DBLP numbers homonyms: "Wei Wang 0002" is the second Wei Wang, printed as Wei Wang.
HOMONYM = re.compile(r"\s+\d{4}$")
PID = re.compile(r"^[\w-]+/[\w-]+$")
# The big dblp.xml names its characters (&eacute;) after its DTD, which is not read: named here.
NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def is_dblp_pid(text: str) -> bool:
    return bool(PID.fullmatch(text.strip())) and not text.strip().endswith((".xml", ".bib"))


def named_characters(text: str) -> str:
    def character(match):
        name = match.group(1)
        if name in XML_ENTITIES:
            return match.group(0)
        return html.entities.html5.get(f"{name};", match.group(0))

    return NAMED_ENTITY.sub(character, text)


def parse_dblp(text: str) -> tuple[list[ParsedPublication], list[tuple[str, str, str]]]:
    """The records of a DBLP XML document, and (place, title, reason) for those that are no paper of
    the person's (an edited volume). Raises ImportFailed when the XML cannot be read."""
    try:
        root = ElementTree.fromstring(named_characters(text).encode(), forbid_dtd=False)
    except DefusedXmlException as error:
        raise ImportFailed([("", f"the XML declares what this portal does not read: {error}")]) from None
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ImportFailed([(f"line {line}, column {column}", "the XML is not well formed")]) from None
    if root.tag not in {"dblpperson", "dblp"}:
        raise ImportFailed(
            [("", f"not DBLP XML: the document is a <{root.tag}>, not a <dblpperson> or <dblp>")]
        )
    records = [child for r in root.iter("r") for child in r] if root.tag == "dblpperson" else list(root)
    parsed, skipped = [], []
    for number, record in enumerate(records, start=1):
        key = record.get("key", "")
        place = f"record {number} ({key})" if key else f"record {number}"
        if record.tag == "proceedings":
            skipped.append((place, title_of(record), "an edited volume, not a paper"))
        elif record.tag in KINDS:
            parsed.append(record_publication(record, place, key))
        elif record.tag != "www":  # a person's home page record
            skipped.append((place, title_of(record), f"a DBLP record of type {record.tag}"))
    # A CoRR preprint and its published version are one paper: the published one is read first, so
    # it is the paper stored, taking the preprint's arXiv id.
    parsed.sort(key=lambda entry: entry.kind == PublicationKind.PREPRINT)
    return parsed, skipped


def text_of(element: Element | None) -> str:
    """An element's text with its markup (<i>, <sub>) read through, spaces made single."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def title_of(record: Element) -> str:
    title = text_of(record.find("title"))
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title  # DBLP's full stop


def record_publication(record: Element, place: str, key: str) -> ParsedPublication:
    venue_key = "/".join(key.split("/")[:2]) if key.startswith(("conf/", "journals/")) else ""
    kind = KINDS[record.tag]
    informal = record.get("publtype") == "informal" or venue_key == "journals/corr"
    links = [text_of(ee) for ee in record.findall("ee")]
    doi = next((found for link in links if (found := doi_from_url(link))), "")
    arxiv = next((found for link in links if (found := arxiv_from_url(link))), "")
    volume = text_of(record.find("volume"))
    if informal:
        kind = PublicationKind.PREPRINT
        arxiv = arxiv or (volume[4:] if volume.startswith("abs/") else "")
    if doi.lower().startswith("10.48550/arxiv."):
        arxiv = arxiv or doi[len("10.48550/arxiv.") :]
    title = title_of(record)
    raw_year = text_of(record.find("year"))
    authors = [
        ParsedAuthor(
            HOMONYM.sub("", text_of(author)),
            orcid=author.get("orcid", ""),
            dblp=author.get("pid", ""),
        )
        for author in record.findall("author")
    ]
    return ParsedPublication(
        place=place,
        title=title,
        year=int(raw_year) if raw_year.isdigit() else (raw_year or None),
        kind=kind,
        kind_from_entry_type=not informal,
        authors=authors,
        venue_name=text_of(record.find("journal")) or text_of(record.find("booktitle")),
        venue_dblp_key="" if informal else venue_key,
        dblp_key=key,
        volume="" if informal else volume,
        issue=text_of(record.find("number")),
        pages=text_of(record.find("pages")),
        publisher=text_of(record.find("publisher")),
        doi=doi,
        arxiv_id=arxiv,
        url=next((link for link in links if not doi_from_url(link) and not arxiv_from_url(link)), ""),
    )
