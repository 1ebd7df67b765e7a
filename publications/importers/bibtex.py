"""BibTeX (and biblatex, and al-folio's extra fields) read with bibtexparser v2."""

import re
from datetime import date

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, MonthIntMiddleware, SeparateCoAuthors
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import DuplicateBlockKeyBlock

from ..models import AwardKind, PublicationKind
from .base import ImportFailed, ParsedAuthor, ParsedPublication
from .text import AWARD_PATTERNS, CJK, arxiv_from_url, doi_from_url, equal_contribution_count, find_awards

KINDS = {
    "article": PublicationKind.JOURNAL,
    "inproceedings": PublicationKind.CONFERENCE,
    "conference": PublicationKind.CONFERENCE,
    "proceedings": PublicationKind.CONFERENCE,
    "book": PublicationKind.BOOK,
    "incollection": PublicationKind.CHAPTER,
    "inbook": PublicationKind.CHAPTER,
    "phdthesis": PublicationKind.THESIS,
    "mastersthesis": PublicationKind.THESIS,
    "thesis": PublicationKind.THESIS,
    "patent": PublicationKind.PATENT,
    "unpublished": PublicationKind.PREPRINT,
    "online": PublicationKind.PREPRINT,
}
LANGUAGES = {"english": "en", "chinese": "zh", "en": "en", "zh": "zh", "zh-cn": "zh", "german": "de"}
# Fields that hold addresses and identifiers: LaTeX decoding would eat their % and ~.
VERBATIM_FIELDS = {"url", "doi", "eprint", "arxiv", "pdf", "code", "slides", "poster", "video", "website",
                   "html", "file", "isbn", "issn", "pages", "year", "date", "month", "day"}  # fmt: skip
LATEX_SYNTAX = re.compile(r"[\\$~]|--")
BARE_PERCENT = re.compile(r"(?<!\\)%")


class LatexToUnicode(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding (pylatexenc), given only the values that need it: decoding costs
    about a millisecond a value, most values (years, DOIs, titles with only {braces}) hold no LaTeX,
    and a lab's co-authors recur, so names (already separated) are decoded once each. A bare % is kept
    as a per cent sign, not read as a comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decoded: dict[str, tuple[str, str]] = {}

    def transform_entry(self, entry, library):
        apart = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS or isinstance(f.value, list)]
        entry.fields = [field for field in entry.fields if all(field is not other for other in apart)]
        result = super().transform_entry(entry, library)
        for field in apart:
            if isinstance(field.value, list):  # names, from SeparateCoAuthors
                field.value = [self._transform_python_value_string(name)[0] for name in field.value]
        entry.fields = entry.fields + apart
        return result

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not LATEX_SYNTAX.search(python_string):
            return python_string.replace("{", "").replace("}", ""), ""
        if python_string not in self.decoded:
            escaped = BARE_PERCENT.sub(r"\\%", python_string)
            self.decoded[python_string] = super()._transform_python_value_string(escaped)
        return self.decoded[python_string]


MARK = re.compile(r"(?:\$\^\{?([*=†‡]+)\}?\$|\\textsuperscript\{([*=†‡]+)\}|\^([*=])|([*=]+))\s*$")


def parse_bibtex(text: str) -> list[ParsedPublication]:
    """Entries of a BibTeX file; raises ImportFailed naming the line of every block it cannot read."""
    library = bibtexparser.parse_string(
        text,
        append_middleware=[SeparateCoAuthors(), LatexToUnicode(), MonthIntMiddleware(True)],
    )
    problems = []
    for block in library.failed_blocks:
        reason = [line.strip() for line in str(block.error).splitlines() if line.strip()] or [
            "the entry is not well formed: check its braces, quotes and commas"
        ]
        if isinstance(block, DuplicateBlockKeyBlock):
            reason = [f"the key {block.key!r} is used twice"]
        problems.append((f"line {block.start_line + 1}", reason[-1]))
    if problems:
        raise ImportFailed(problems)
    entries = [entry_publication(entry) for entry in library.entries]
    if not entries and text.strip():
        raise ImportFailed([("", "no BibTeX entries found (each starts with @article{, @inproceedings{ …)")])
    return entries


def printed_name(raw: str) -> tuple[str, bool, bool]:
    """ "Song, Zhuoran*" → ("Zhuoran Song", corresponding, equal)."""
    raw = raw.strip().strip("{}").strip()
    corresponding = equal = False
    while match := MARK.search(raw):
        marks = "".join(group or "" for group in match.groups())
        corresponding |= "*" in marks or "†" in marks
        equal |= "=" in marks or "‡" in marks
        raw = raw[: match.start()].rstrip()
        if not marks:
            break
    if CJK.search(raw) and "," not in raw:
        return raw.replace(" ", ""), corresponding, equal
    parts = parse_single_name_into_parts(raw, strict=False)
    name = " ".join(part for part in [*parts.first, *parts.von, *parts.last] if part)
    if parts.jr:
        name += ", " + " ".join(parts.jr)
    return " ".join(name.replace("{", "").replace("}", "").split()), corresponding, equal


def field(entry, *names) -> str:
    for name in names:
        value = entry.fields_dict.get(name)
        if value is not None and str(value.value).strip():
            return " ".join(str(value.value).split())
    return ""


def entry_publication(entry) -> ParsedPublication:
    place = f"entry {entry.key} (line {entry.start_line + 1})"
    entry_type = entry.entry_type.lower()
    title = field(entry, "title").replace("{", "").replace("}", "")
    venue = field(entry, "journal", "journaltitle", "booktitle", "school", "institution", "series",
                  "howpublished", "eventtitle").replace("{", "").replace("}", "")  # fmt: skip
    kind = KINDS.get(entry_type, PublicationKind.OTHER)
    if kind == PublicationKind.CONFERENCE and re.search(r"\bworkshops?\b", venue, re.I):
        kind = PublicationKind.WORKSHOP
    if kind == PublicationKind.JOURNAL and re.search(r"\bmagazine\b", venue, re.I):
        kind = PublicationKind.MAGAZINE
    eprint = field(entry, "eprint", "arxiv")
    is_arxiv = "arxiv" in (field(entry, "archiveprefix", "eprinttype") + venue).lower()
    if entry_type in {"misc", "techreport", "online", "unpublished"} and (is_arxiv or eprint):
        kind = PublicationKind.PREPRINT
    arxiv_id = eprint if (eprint and (is_arxiv or re.match(r"^\d{4}\.\d{4,5}", eprint))) else ""

    raw_year = field(entry, "year") or field(entry, "date")[:4]
    year = int(raw_year) if raw_year.isdigit() else (raw_year or None)
    on = None
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", field(entry, "date")):
        on = safe_date(*(int(g) for g in match.groups()))
    elif isinstance(year, int) and (month := entry.fields_dict.get("month")) and isinstance(month.value, int):
        day = field(entry, "day")
        # A month alone is kept as its first day: the model has one date field, and BibTeX gives it back.
        on = safe_date(year, month.value, int(day) if day.isdigit() else 1)

    authors = []
    for raw in entry.fields_dict["author"].value if "author" in entry.fields_dict else []:
        name, corresponding, equal = printed_name(raw)
        if name and name.lower() != "others":
            authors.append(ParsedAuthor(name, corresponding, equal))
    notes = " ".join(filter(None, [field(entry, "note"), field(entry, "annote"), field(entry, "award")]))
    if count := equal_contribution_count(notes):
        for author in authors[:count]:
            author.is_equal_contribution = True
    if corresponding := re.search(r"corresponding authors?:?\s*([^.;]+)", notes, re.I):
        for author in authors:
            if author.name in corresponding.group(1):
                author.is_corresponding = True
    awards = find_awards(notes)
    note = field(entry, "note")
    for pattern, _kind in AWARD_PATTERNS:
        note = pattern.sub("", note)
    note = re.sub(r"(?i)(the )?(first|1st) (two|three|\d) authors contributed equally\.?|"
                  r"equal contribution\.?|corresponding authors?:?\s*[^.;]+", "", note)  # fmt: skip
    note = " ".join(note.strip(" ,;.").split())

    url = field(entry, "url", "html")
    doi = field(entry, "doi") or doi_from_url(url)
    links = {name: field(entry, name) for name in ("pdf", "code", "slides", "poster", "video", "website")}
    keywords = [k.strip() for k in re.split(r"[;,]", field(entry, "keywords")) if k.strip()]
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        kind=kind,
        authors=authors,
        venue_acronym=field(entry, "abbr"),
        venue_name=venue,
        awards=[(kind, label) for kind, label in awards if kind != AwardKind.OTHER or label],
        date=on,
        volume=field(entry, "volume"),
        issue=field(entry, "number", "issue"),
        pages=re.sub(r"\s*[-–—]+\s*", "-", field(entry, "pages")),
        publisher=field(entry, "publisher", "organization"),
        doi=doi,
        arxiv_id=arxiv_id or arxiv_from_url(url),
        url=url if url and not doi_from_url(url) else "",
        pdf_url=links["pdf"] if links["pdf"].startswith(("http://", "https://")) else "",
        code_url=links["code"],
        slides_url=links["slides"],
        poster_url=links["poster"],
        video_url=links["video"],
        project_url=links["website"],
        abstract=field(entry, "abstract"),
        note=note,
        language=LANGUAGES.get(field(entry, "language").lower(), ""),
        keywords=keywords,
        featured=True if field(entry, "selected").lower() in {"true", "yes"} else None,
    )


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
