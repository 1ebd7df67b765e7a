"""One BibTeX entry to a parsed paper: its kind, authors with their marks (* corresponding, = equal
contribution, the legend a file gives for them), venue, links, awards and what exporters add as noise."""

import re

from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import Entry

from ..interchange import model_translations, read_annotation
from ..models import AwardKind, PublicationKind
from .parsed import ParsedAuthor, ParsedPublication
from .text import (
    AWARD_PATTERNS,
    CJK,
    LANGUAGES,
    doi_from_url,
    equal_contribution_count,
    find_awards,
    safe_date,
)

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


# biblatex's pubstate: accepted and in press are "accepted" here, a preprint's is "preprint".
PUBSTATES = {"forthcoming": "accepted", "inpress": "accepted", "accepted": "accepted",
             "prepublished": "preprint", "submitted": "preprint"}  # fmt: skip


# Where a file may say which arXiv paper this is, beside eprint: the venue, DBLP's volume, links.
ARXIV_LINK_FIELDS = ("url", "html", "pdf", "website", "eprint", "howpublished", "note")


ARXIV_IN_TEXT = re.compile(r"(?i)(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|abs/)(\d{4}\.\d{4,5})(?:v\d+)?")


SUFFIX = re.compile(r"(?i)(jr|sr)\.?|[2-9](nd|rd|th)|ii|iii|iv")


# A DOI wherever a lab put its link: `publishlink = {https://doi.org/\t10.1109/…}` (a tab after the slash).
DOI_LINK = re.compile(r"(?i)\bdoi\.org/\s*(10\.\d{4,9}/[^\s\"<>{}]+)")
# A conference named in `journal` ("IEEE 25th International Conference on … (ITSC)"), not a journal.
CONFERENCE_NAME = re.compile(r"(?i)\b(?:conference|symposium|workshop|congress|proceedings)\b")
JOURNAL_NAME = re.compile(r"(?i)\b(?:transactions|journal|letters|magazine|review)\b")
# A macro a file uses but defines nowhere (`booktitle = aspdac`) is left by the parser as its name.
BARE_MACRO = re.compile(r"^[A-Za-z][\w.-]*$")


def doi_anywhere(entry: Entry) -> str:
    """The DOI of the first doi.org address in any field (al-folio's `publishlink`, a lab's `link`)."""
    for name, value in fields_of(entry).items():
        if name != "abstract" and (found := DOI_LINK.search(str(value.value))):
            return found.group(1).rstrip(".,;")
    return ""


def undefined_macro(entry: Entry, name: str) -> str:
    """The macro name `name` holds when the file used one it defines nowhere (`booktitle = aspdac`)."""
    value = fields_of(entry).get(name)
    text = str(value.value).strip() if value is not None else ""
    raw = getattr(entry, "raw", "") or ""
    if BARE_MACRO.match(text) and re.search(rf"(?i)\b{name}\s*=\s*{re.escape(text)}\s*(?:[,}}]|$)", raw):
        return text
    return ""


def named_corresponding(entry: Entry, authors: list[ParsedAuthor]) -> None:
    """`corresponding = {Cee Dee}` (names, or positions: `{2}`) marks those authors."""
    said = field(entry, "corresponding", "corresponding_author", "correspondingauthor")
    for part in filter(None, (part.strip(" {}") for part in re.split(r"\s+and\s+|[,;，；]", said))):
        if part.isdigit() and 0 < int(part) <= len(authors):
            authors[int(part) - 1].is_corresponding = True
            continue
        folded = fold_words(part)
        for author in authors:
            if (
                folded
                and fold_words(author.name) == folded
                or set(folded.split()) == set(fold_words(author.name).split())
            ):
                author.is_corresponding = True


DBLP_VENUE = re.compile(r"(?:^|DBLP:|dblp\.org/rec/(?:bib/|bib2/)?)((?:conf|journals)/[\w-]+)/")


def dblp_venue_key(entry: Entry) -> str:
    """DBLP's key of the venue ("conf/isca"), from a DBLP entry's key, crossref or biburl."""
    for text in (entry.key, field(entry, "crossref"), field(entry, "biburl")):
        if match := DBLP_VENUE.search(text + "/"):
            return match.group(1)
    return ""


HTML_LINK = re.compile(r"""\s*<a\s[^>]*href=["']([^"']+)["'][^>]*>(.*?)</a>\s*""", re.S | re.I)


INLINE_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|sub|sup|span|font|br)\b[^<>]*>", re.I)


RANK_LABEL = re.compile(r"^\s*(\[(?:A\*|A\+|A|B|C|CCF-[ABC])\])\s+")


LOOSE_MARK = re.compile(r"^[*†‡=+#]+|[*†‡=+#]+(?=\s*,)")


MARK = re.compile(r"(?:\$\^\{?([*=†‡+#]+)\}?\$|\\textsuperscript\{([*=†‡+#]+)\}|\^([*=+#])|([*=†‡+#]+))\s*$")


def printed_name(raw: str, legend: dict[str, str] | None = None) -> tuple[str, bool, bool]:
    """ "Song, Zhuoran*" → ("Zhuoran Song", corresponding, equal).

    `*`, `†` and `+` mark the corresponding author and `=`, `‡` equal contribution, unless the entry's
    legend (al-folio's `annotation = {* Equal contribution}`) says what a mark means."""
    raw = raw.strip().strip("{}").strip().replace("∗", "*")
    # Marks before the name ("*Pang, Ce") or after the family name ("Zhang*, Yanbing") count too.
    marks = "".join(LOOSE_MARK.findall(raw))
    raw = LOOSE_MARK.sub("", raw).strip()
    while match := MARK.search(raw):
        found = "".join(group or "" for group in match.groups())
        marks += found
        raw = raw[: match.start()].rstrip()
        if not found:
            break
    meanings = {**MARK_MEANINGS, **(legend or {})}
    corresponding = any(meanings.get(mark) == "corresponding" for mark in marks)
    equal = any(meanings.get(mark) == "equal" for mark in marks)
    if CJK.search(raw):
        # Chinese names run family name first, with no space: "孔, 宪" (Google Scholar) is 孔宪.
        family, _comma, given = raw.partition(",")
        return (family + given).replace(" ", ""), corresponding, equal
    parts = parse_single_name_into_parts(raw, strict=False)
    if parts.jr and parts.first and all(SUFFIX.fullmatch(part) for part in parts.first):
        # "Kelleher, R. J., 3rd" (EndNote) is "Last, First, Suffix", not BibTeX's "Last, Jr, First".
        parts.first, parts.jr = parts.jr, parts.first
    name = " ".join(part for part in [*parts.first, *parts.von, *parts.last] if part)
    if parts.jr:
        name += ", " + " ".join(parts.jr)
    return " ".join(name.replace("{", "").replace("}", "").split()), corresponding, equal


MARK_MEANINGS = {"*": "corresponding", "†": "corresponding", "+": "corresponding", "=": "equal", "‡": "equal"}


LEGEND = re.compile(
    r"(?i)([*†‡=+#])\s*(?:denotes|means|indicates|:|=)?\s*"
    r"(equal(?:ly)?|co-?first|joint first|shared first|corresponding)"
)


def mark_legend(entry: Entry) -> dict[str, str]:
    """What the marks in this entry's author list mean, where its annotation or note says so."""
    text = " ".join(field(entry, name) for name in ("annotation", "note", "annote"))
    return {
        mark: "corresponding" if word.lower() == "corresponding" else "equal"
        for mark, word in LEGEND.findall(text)
    }


def fields_of(entry: Entry) -> dict:
    """The entry's fields by name, built once: bibtexparser's fields_dict makes a new dict each time."""
    fields = getattr(entry, "_fields_by_name", None)
    if fields is None:
        fields = entry._fields_by_name = entry.fields_dict
    return fields


def field(entry: Entry, *names: str) -> str:
    fields = fields_of(entry)
    for name in names:
        value = fields.get(name)
        if value is not None and str(value.value).strip():
            return " ".join(str(value.value).split())
    return ""


def raw_field(entry: Entry, name: str) -> str:
    """A field's value with its line breaks, which some fields mean: abstract paragraphs, EndNote's
    one-keyword-a-line, its note of an author and an ORCID a line."""
    value = fields_of(entry).get(name)
    return str(value.value).replace("\r\n", "\n").strip() if value is not None else ""


def paragraphs(text: str) -> str:
    """Wrapped lines joined, blank lines kept as paragraph breaks (Markdown reads them so)."""
    return "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip())


def keyword_list(raw: str) -> list[str]:
    """Keywords one a line (EndNote, whose MeSH terms hold commas: "Polymorphism, Single Nucleotide",
    a leading * marking a major topic), else separated by semicolons, else by commas."""
    separator = "\n" if "\n" in raw else ";" if ";" in raw else ","
    parts = raw.split(separator)
    return [" ".join(part.strip().lstrip("*").split()) for part in parts if part.strip().lstrip("*")]


ORCID_LINE = re.compile(r"(?i)^orcid:\s*(\d{4}-\d{4}-\d{4}-\d{3}[\dx])\s*$")


ISSN_LINE = re.compile(r"^\d{4}-\d{3}[\dxX](\s.*)?$")
# What PubMed's record puts in EndNote's note besides the ISSN: "Epub 2023 Jan 5", "Research Support,
# Non-U.S. Gov't", grant numbers, "Journal Article", a country of publication.
RECORD_LINE = re.compile(
    r"(?i)^(?:epub\b|research support,|journal article$|review$|comparative study$|"
    r"(?:england|united states|netherlands|switzerland|germany|china)$|"
    r".*\b(?:grant|r01|u01|p30|nih|nsfc)\b.*\d|\d{4}-\d{3}[\dx] \((?:print|linking|electronic)\))"
)


def export_noise(note: str, entry: Entry) -> dict[str, str] | None:
    """When a note is what a reference manager (EndNote, from PubMed) wrote there (an ISSN, every
    author with their ORCID, grant numbers, "Journal Article", a country), the ORCIDs by author name as
    printed in it; None when the note is the lab's own words."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    record_type = field(entry, "type").casefold()
    typed = bool(record_type) and record_type in map(str.casefold, lines)
    noisy = (
        any(ORCID_LINE.match(line) for line in lines)
        or (len(lines) > 2 and (bool(ISSN_LINE.match(lines[0])) or typed))
        or sum(bool(RECORD_LINE.match(line)) for line in lines) >= 2  # no ISSN first: "Epub …", grants
    )
    if not noisy:
        return None
    orcids = {}
    for previous, line in zip(lines, lines[1:], strict=False):
        if match := ORCID_LINE.match(line):
            orcids[previous] = match.group(1).upper()
    return orcids


def orcid_for(author_name: str, orcids: dict[str, str]) -> str:
    """The ORCID a note gives for this author: its lines are "Family, Given Names"; the author list has
    initials ("Lara, M. K." read as "M. K. Lara"), so family name and first initial must agree."""
    words = author_name.replace(".", " ").split()
    if not words:
        return ""
    for printed, orcid in orcids.items():
        family, _comma, given = printed.partition(",")
        printed_family = " ".join(words[-len(family.split()) :])
        if (
            fold_words(family) == fold_words(printed_family)
            and given.strip()[:1].casefold() == words[0][:1].casefold()
        ):
            return orcid
    return ""


def fold_words(text: str) -> str:
    return " ".join(text.casefold().split())


YEAR_IN_KEY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def arxiv_mentioned(entry: Entry, venue: str) -> str:
    """The arXiv id the venue, DBLP's volume or a link names, if any (a url field does not hide an
    arXiv link in html)."""
    texts = [venue, field(entry, "volume"), *(field(entry, name) for name in ARXIV_LINK_FIELDS)]
    match = ARXIV_IN_TEXT.search(" ".join(texts))
    return match.group(1) if match else ""


def entry_publication(entry: Entry) -> ParsedPublication:
    place = f"entry {entry.key} (line {entry.start_line + 1})"
    entry_type = entry.entry_type.lower()
    title = field(entry, "title").replace("{", "").replace("}", "")
    title_link = ""
    if link := HTML_LINK.fullmatch(title):
        # al-folio sites that link each title: title={<a href="…">Title</a>}
        title_link, title = link.group(1), link.group(2)
    # Inline markup some sites write in titles (<i>, <sub>); any other "<…" is the title's own text.
    title = " ".join(INLINE_TAG.sub("", title).split())
    warnings: list[str] = []
    if label := RANK_LABEL.match(title):
        # "[A+] Scheduling …": a rank the lab prints before its titles, not part of the title.
        title = title[label.end() :]
        warnings.append(f"the label {label.group(1)!r} before the title is left out of the title")
    venue = field(entry, "journal", "journaltitle", "booktitle", "school", "institution", "series",
                  "howpublished", "eventtitle").replace("{", "").replace("}", "")  # fmt: skip
    kind: str = KINDS.get(entry_type, PublicationKind.OTHER)
    stated = field(entry, "entrysubtype").lower() in PublicationKind.values
    if stated:
        kind = field(entry, "entrysubtype").lower()
    if (
        kind == PublicationKind.JOURNAL
        and not stated
        and CONFERENCE_NAME.search(field(entry, "journal"))
        and not JOURNAL_NAME.search(field(entry, "journal"))
    ):
        kind = PublicationKind.CONFERENCE
        warnings.append(f"{field(entry, 'journal')!r} in journal is a conference: read as a conference paper")
    macro = next((found for name in ("journal", "booktitle") if (found := undefined_macro(entry, name))), "")
    if macro:
        warnings.append(f"the macro {macro!r} is defined nowhere in the file: read as the venue's acronym")
        venue = ""
    if kind == PublicationKind.CONFERENCE and re.search(r"\bworkshops?\b", venue, re.I):
        kind = PublicationKind.WORKSHOP
    if kind == PublicationKind.JOURNAL and re.search(r"\bmagazine\b", venue, re.I):
        kind = PublicationKind.MAGAZINE
    eprint = field(entry, "eprint", "arxiv")
    is_arxiv = "arxiv" in (field(entry, "archiveprefix", "eprinttype") + venue).lower()
    # "arXiv preprint arXiv:2401.00001" or DBLP's "CoRR" with volume "abs/2401.00001" as the venue: the
    # paper is the preprint, whatever its entry type says.
    arxiv_venue = re.fullmatch(
        r"(?i)(?:arxiv(?: preprint)?|corr)(?:[\s:,]*(?:arxiv:|abs/)?\s*(\d{4}\.\d{4,5})(?:v\d+)?)?", venue
    )
    if kind == PublicationKind.OTHER and re.search(
        r"(?i)\bpatent\b",
        " ".join(field(entry, name) for name in ("note", "publisher", "howpublished", "type")),
    ):
        kind = PublicationKind.PATENT  # @misc{…, note={US Patent 11,421,355}}
    loose_type = entry_type in {"misc", "techreport", "online", "unpublished"}
    if arxiv_venue or (loose_type and (is_arxiv or eprint)) or (is_arxiv and eprint and not venue):
        kind = PublicationKind.PREPRINT
    arxiv_id = eprint if (eprint and (is_arxiv or re.match(r"^\d{4}\.\d{4,5}", eprint))) else ""
    arxiv_id = arxiv_id or (arxiv_venue.group(1) if arxiv_venue else "") or arxiv_mentioned(entry, venue)

    raw_year = field(entry, "year") or field(entry, "date")[:4]
    year = int(raw_year) if raw_year.isdigit() else (raw_year or None)
    if year is None and (in_key := YEAR_IN_KEY.search(entry.key)):
        # Google Scholar's and most labs' keys are name + year + word (zhang2019photoinduced).
        year = int(in_key.group(1))
        warnings.append(f"no year: {year} taken from the citation key")
    elif year is None and arxiv_id:
        year = 2000 + int(arxiv_id[:2])
        warnings.append(f"no year: {year} taken from the arXiv id {arxiv_id}")
    on = None
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", field(entry, "date")):
        on = safe_date(*(int(g) for g in match.groups()))
    elif isinstance(year, int) and (month := fields_of(entry).get("month")) and isinstance(month.value, int):
        day = field(entry, "day")
        # A month alone is kept as its first day: the model has one date field, and BibTeX gives it back.
        on = safe_date(year, month.value, int(day) if day.isdigit() else 1)

    authors, legend, cut_short = [], mark_legend(entry), False
    doubled = False
    for raw in fields_of(entry)["author"].value if "author" in fields_of(entry) else []:
        # "Gang Pan and and Yu Li": the parser's names "and Yu Li", "and" are slips of one "and"
        bare = re.sub(r"(?i)^(?:and\s+)+|(?:\s+and)+$", "", raw.strip())
        doubled |= bare != raw.strip()
        if not bare or bare.lower() == "and":
            continue
        name, corresponding, equal = printed_name(bare, legend)
        if name.lower() == "others":  # BibTeX's "and others": the list is cut short
            cut_short = True
        elif name:
            authors.append(ParsedAuthor(name, corresponding, equal))
    if doubled:
        warnings.append("'and and' in the author list: read as one 'and'")
    named_corresponding(entry, authors)
    starred = [author for author in authors[:2] if author.is_corresponding]
    if len(starred) == 2 and not legend and "*" in field(entry, "author"):
        warnings.append(
            "the first two authors are both marked * and no legend says what * means: read as "
            "corresponding; if it means equal contribution, say so (annotation = {* Equal contribution})"
        )
    notes = " ".join(filter(None, [field(entry, "note"), field(entry, "annote"), field(entry, "award")]))
    annotated = read_annotation(field(entry, "author+an"))
    for position, author in enumerate(authors, start=1):
        marks = annotated.get(position, "").split(",")
        author.is_corresponding |= "corresponding" in marks
        author.is_equal_contribution |= "equal" in marks
    for position, affiliation in read_annotation(field(entry, "author+an:affiliation")).items():
        if 0 < position <= len(authors):
            authors[position - 1].affiliation = affiliation.replace("''", '"')
    if not annotated and (count := equal_contribution_count(notes)):
        for author in authors[:count]:
            author.is_equal_contribution = True
    if not annotated and (named := re.search(r"corresponding authors?:?\s*([^.;]+)", notes, re.I)):
        for author in authors:
            if author.name in named.group(1):
                author.is_corresponding = True
    awards = find_awards(notes)
    note = field(entry, "note")
    orcids = export_noise(raw_field(entry, "note"), entry)
    if orcids is not None:
        note = ""  # a reference manager's record, not a note for visitors
        for author in authors:
            author.orcid = orcid_for(author.name, orcids)
    for pattern, _kind in AWARD_PATTERNS:
        note = pattern.sub("", note)
    note = re.sub(r"(?i)(the )?(first|1st) (two|three|\d) authors contributed equally\.?|"
                  r"equal contribution\.?|corresponding authors?:?\s*[^.;]+", "", note)  # fmt: skip
    note = " ".join(note.strip(" ,;.").split())
    issue = field(entry, "number", "issue")
    if kind == PublicationKind.PATENT and issue:  # a patent's number is no journal issue
        note = "; ".join(filter(None, [f"{field(entry, 'nationality')} {issue}".strip(), note]))
        issue = ""
    elif kind == PublicationKind.THESIS and (thesis := field(entry, "type")):
        note = "; ".join(filter(None, [thesis, note]))  # "PhD Thesis", "MS Thesis", "硕士学位论文"

    url = field(entry, "url", "html") or title_link
    doi = field(entry, "doi") or doi_from_url(url) or doi_from_url(field(entry, "pdf")) or doi_anywhere(entry)
    links = {name: field(entry, name) for name in ("pdf", "code", "slides", "poster", "video", "website")}
    keywords = keyword_list(raw_field(entry, "keywords"))
    if links["pdf"] and not links["pdf"].startswith(("http://", "https://")):
        warnings.append(
            f"the pdf {links['pdf']!r} is a file name, not a web address: upload the file in the admin"
        )
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        kind=kind,
        kind_from_entry_type=not stated,
        venue_printed=field(entry, "venue_as_printed"),
        authors=authors,
        venue_acronym=(macro.upper() if macro.islower() else macro) or field(entry, "abbr"),
        venue_name=venue,
        awards=[(kind, label) for kind, label in awards if kind != AwardKind.OTHER or label],
        date=on,
        volume=field(entry, "volume"),
        issue=issue,
        pages=re.sub(r"\s*[-–—]+\s*", "-", field(entry, "pages")),
        publisher=field(entry, "publisher", "organization"),
        doi=doi,
        doi_from_link=bool(doi) and not field(entry, "doi"),
        arxiv_id=arxiv_id,
        # A doi.org link says no more than the DOI; a publisher's page is kept as the paper's link.
        url="" if re.search(r"(?i)^https?://(dx\.)?doi\.org/", url) else url,
        pdf_url=links["pdf"] if links["pdf"].startswith(("http://", "https://")) else "",
        code_url=links["code"],
        slides_url=links["slides"],
        poster_url=links["poster"],
        video_url=links["video"],
        project_url=links["website"],
        abstract=paragraphs(raw_field(entry, "abstract")),
        note=note,
        language=LANGUAGES.get(field(entry, "language").lower(), ""),
        keywords=keywords,
        featured=True if field(entry, "selected").lower() in {"true", "yes"} else None,
        ccf_rank=field(entry, "ccf_rank").upper().removeprefix("CCF-"),
        status=PUBSTATES.get(field(entry, "pubstate").lower(), ""),
        authors_cut_short=cut_short,
        citation_url=field(entry, "citation_url"),
        institutions=field(entry, "institutions"),
        translations=model_translations(
            {
                name: raw_value
                for name in ("title_zh", "title_en", "note_zh", "note_en", "abstract_zh", "abstract_en")
                if (
                    raw_value := paragraphs(raw_field(entry, name))
                    if name.startswith("abstract")
                    else field(entry, name)
                )
            }
        ),
        venue_dblp_key=dblp_venue_key(entry),
        warnings=warnings,
    )
