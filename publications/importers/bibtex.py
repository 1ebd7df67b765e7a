"""BibTeX (and biblatex, and al-folio's extra fields) read with bibtexparser v2."""

import gc
import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    MonthIntMiddleware,
    NormalizeFieldKeys,
    SeparateCoAuthors,
)
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from ..interchange import model_translations, read_annotation
from ..models import AwardKind, PublicationKind
from .base import ImportFailed, ParsedAuthor, ParsedPublication, line_order
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
# Fields that hold addresses and identifiers: LaTeX decoding would eat their % and ~.
VERBATIM_FIELDS = {"url", "doi", "eprint", "arxiv", "pdf", "code", "slides", "poster", "video", "website",
                   "html", "file", "isbn", "issn", "pages", "year", "date", "month", "day"}  # fmt: skip
ESCAPED_IN_ADDRESSES = re.compile(r"\\([_%&#~$])")
LATEX_SYNTAX = re.compile(r"[\\$~]|--")
BARE_PERCENT = re.compile(r"(?<!\\)%")


class LatexToUnicode(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding (pylatexenc), given only the values that need it: decoding costs
    about a millisecond a value, most values (years, DOIs, titles with only {braces}) hold no LaTeX,
    and a lab's co-authors recur, so names (already separated) are decoded once each. A value is
    decoded a word at a time where that gives the same text (`latex_words`): the words holding LaTeX
    ({\\em Part}, \\&) recur from entry to entry though the values do not, and each is decoded once.
    A bare % is kept as a per cent sign, not read as a comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decoded: dict[str, tuple[str, str]] = {}
        self.words: dict[str, tuple[str, str]] = {}

    def transform_entry(self, entry, library):
        apart = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS or isinstance(f.value, list)]
        entry.fields = [field for field in entry.fields if all(field is not other for other in apart)]
        result = super().transform_entry(entry, library)
        for field in apart:
            if isinstance(field.value, list):  # names, from SeparateCoAuthors
                field.value = [self._transform_python_value_string(name)[0] for name in field.value]
            elif isinstance(field.value, str):
                # Only the escapes of characters that addresses hold: DBLP writes 10.1007/…-0\_3.
                field.value = ESCAPED_IN_ADDRESSES.sub(r"\1", field.value)
        entry.fields = entry.fields + apart
        return result

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not LATEX_SYNTAX.search(python_string):
            return python_string.replace("{", "").replace("}", ""), ""
        if python_string not in self.decoded:
            self.decoded[python_string] = self.decode(BARE_PERCENT.sub(r"\\%", python_string))
        return self.decoded[python_string]

    def decode(self, latex: str) -> tuple[str, str]:
        """The text of `latex` and pylatexenc's error, if any (then the value is kept as it was)."""
        parts = latex_words(latex)
        if parts is None:
            return super()._transform_python_value_string(latex)
        text = []
        for index, part in enumerate(parts):
            if index % 2 or not LATEX_IN_WORD.search(part):
                text.append(part)  # the space between words, or a word pylatexenc gives back as it is
                continue
            if part not in self.words:
                self.words[part] = super()._transform_python_value_string(part)
            decoded, error = self.words[part]
            if error:
                return super()._transform_python_value_string(latex)
            text.append(decoded)
        return "".join(text), ""


# Where decoding word by word could read differently from the whole: an alignment &, display math,
# paragraphs and environments, macros whose arguments may follow a space (\frac a b), accents on math.
NOT_BY_WORD = re.compile(
    r"(?<!\\)&|\$\$|\\(?:par|begin|end|frac|dfrac|tfrac|binom|stackrel|overset|underset|textcolor|href)"
    r"(?![a-zA-Z])|\\[][()]|\\$|\\(?:[a-zA-Z]+|[^a-zA-Z\s])\s*\$"
)
LATEX_IN_WORD = re.compile(r"[\\$~{}%&#^_`'!?]|--")
ENDS_WITH_MACRO = re.compile(r"\\(?:[a-zA-Z@]+|.)$")


def latex_words(latex: str) -> list[str] | None:
    """`latex` cut at the spaces between its words, as [word, space, word, …], where decoding each word
    gives the same text as decoding the whole; None where it might not. A cut is made only outside
    braces and math, and not after a macro, which may take what follows the space (\\o 5 is ø5) or
    after an argument of a macro outside braces (\\textbf{a} b). Checked against pylatexenc decoding
    the whole value on random LaTeX (tests/publications/test_bibtex_latex.py)."""
    if NOT_BY_WORD.search(latex):
        return None
    words, start, depth, math, i, end = [], 0, 0, False, 0, len(latex)
    while i < end:
        char = latex[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == "$":
            math = not math
        elif char.isspace() and depth == 0 and not math:
            after = i
            while after < end and latex[after].isspace():
                after += 1
            word = latex[start:i]
            if word and not ENDS_WITH_MACRO.search(word) and not (word.endswith("}") and macro_outside(word)):
                words += [word, latex[i:after]]
                start = after
            i = after
            continue
        i += 1
    if depth or math:
        return None
    words.append(latex[start:])
    return words


def macro_outside(word: str) -> bool:
    """Whether `word` has a macro outside braces ({\\em x} has none, \\textbf{x} one)."""
    depth, i = 0, 0
    while i < len(word):
        char = word[i]
        if char == "\\":
            if depth == 0:
                return True
            i += 2
            continue
        depth += (char == "{") - (char == "}")
        i += 1
    return False


# Where a file may say which arXiv paper this is, beside eprint: the venue, DBLP's volume, links.
ARXIV_LINK_FIELDS = ("url", "html", "pdf", "website", "eprint", "howpublished", "note")
ARXIV_IN_TEXT = re.compile(r"(?i)(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|abs/)(\d{4}\.\d{4,5})(?:v\d+)?")

SUFFIX = re.compile(r"(?i)(jr|sr)\.?|[2-9](nd|rd|th)|ii|iii|iv")
DBLP_VENUE = re.compile(r"(?:^|DBLP:|dblp\.org/rec/(?:bib/|bib2/)?)((?:conf|journals)/[\w-]+)/")


def dblp_venue_key(entry) -> str:
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


def parse_bibtex(text: str) -> list[ParsedPublication]:
    """Entries of a BibTeX file; raises ImportFailed naming the line of every block it cannot read."""
    return [entry for batch in bibtex_batches(text) for entry in batch]


# A line that opens a block: where a file may be cut into pieces parsed one at a time.
BLOCK_START = re.compile(r"^[ \t]*@", re.M)
BLOCKS_PER_PIECE = 1000


def bibtex_pieces(text: str, size: int):
    """(line number, text) of consecutive pieces of `text` of about `size` blocks each. A piece is cut
    only before a line opening a block where the braces so far balance, so no entry is split (a file
    whose braces never balance stays one piece, and its parse says where)."""
    cut = line = balance = 0
    blocks, previous = 0, 0
    for match in BLOCK_START.finditer(text):
        start = match.start()
        between = text[previous:start]
        balance += between.count("{") - between.count("\\{") - between.count("}") + between.count("\\}")
        previous = start
        blocks += 1
        if blocks > size and balance == 0 and start > cut:
            piece = text[cut:start]
            yield line, piece
            line += piece.count("\n")
            cut, blocks = start, 1
    yield line, text[cut:]


def parse_piece(piece: str, strings: list, offset: int, latex: "LatexToUnicode | None" = None) -> Library:
    """One piece of a file, parsed with the @string macros defined before it; its blocks' lines made
    lines of the whole file. `latex`: the decoder, shared by the pieces of a file (it keeps what it
    decoded: the same co-authors recur from piece to piece)."""
    library = bibtexparser.parse_string(
        piece,
        # Field names are case-insensitive in BibTeX: EndNote writes DOI = {…}, some files TITLE.
        append_middleware=[
            NormalizeFieldKeys(),
            SeparateCoAuthors(),
            latex or LatexToUnicode(),
            MonthIntMiddleware(True),
        ],
        library=Library(list(strings)),
    )
    known = {id(string) for string in strings}
    for block in library.blocks:
        if id(block) not in known:
            block._start_line_in_file = (block.start_line or 0) + offset
    return library


def bibtex_batches(
    text: str, size: int | None = None, *, refused: list | None = None, warnings: list | None = None
):
    """The entries of a BibTeX file, a list per piece of about `size` blocks: what is held at a time is
    one piece's parse, not the whole file's. @string macros carry over to later pieces.

    A citation key used twice is a slip common in real files, not a reason to lose a paper: both
    entries are read (the same paper twice is then one paper) and a warning says so. A block that
    cannot be read is named by its line: appended to `refused` when given (the rest is read on), else
    raised in an ImportFailed once the whole file has been read. Warnings go to `warnings` if given."""
    strings: list = []
    first_line: dict[str, int] = {}
    problems = refused if refused is not None else []
    latex = LatexToUnicode()
    # What the process held before (Django, the lab's names) is set aside from the collections below,
    # which then walk only what the import made: a full collection of a web worker's heap took 80 ms.
    gc.freeze()
    try:
        yield from read_pieces(text, size, strings, first_line, problems, latex, warnings)
        found = bool(first_line)
    finally:
        gc.unfreeze()
    if problems and refused is None:
        raise ImportFailed(sorted(problems, key=lambda problem: line_order(problem[0])))
    if not found and not problems and text.strip():
        raise ImportFailed([("", "no BibTeX entries found (each starts with @article{, @inproceedings{ …)")])


def read_pieces(text, size, strings, first_line, problems, latex, warnings):
    """bibtex_batches' work: the entries of each piece; `first_line` gathers the keys read (and where),
    `problems` the blocks that could not be read."""
    for offset, piece in bibtex_pieces(text, size or BLOCKS_PER_PIECE):
        library = parse_piece(piece, strings, offset, latex)
        strings = list(library.strings)
        entries = list(library.entries)
        for block in library.failed_blocks:
            if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
                entries += parse_piece(block.ignore_error_block.raw, strings, block.start_line).entries
                continue
            if isinstance(block, DuplicateFieldKeyBlock) and (rebuilt := without_repeated_fields(block)):
                entries += parse_piece(rebuilt, strings, block.start_line).entries
                if warnings is not None:
                    place = f"entry {block.ignore_error_block.key} (line {block.start_line + 1})"
                    names = ", ".join(sorted(block.duplicate_keys))
                    warnings.append((place, f"{names} given twice, the same each time: read once"))
                continue
            reason = [line.strip() for line in str(block.error).splitlines() if line.strip()] or [
                "the entry is not well formed: check its braces, quotes and commas"
            ]
            if isinstance(block, DuplicateBlockKeyBlock):
                reason = [f"the key {block.key!r} is used twice"]
            if isinstance(block, DuplicateFieldKeyBlock):
                names = ", ".join(sorted(block.duplicate_keys))
                reason = [f"{names} given twice with different values: keep the right one"]
            problems.append((f"line {block.start_line + 1}", reason[-1]))
        entries.sort(key=lambda entry: entry.start_line)
        for entry in entries:
            if entry.key in first_line:
                if warnings is not None:
                    place = f"entry {entry.key} (line {entry.start_line + 1})"
                    earlier = first_line[entry.key]
                    warnings.append((place, f"the key is also used at line {earlier}: both entries are read"))
            else:
                first_line[entry.key] = entry.start_line + 1
        # Yielded even after a block could not be read: the entries' own problems get named too.
        yield given_dois_first([entry_publication(entry) for entry in entries])
        # A parsed piece is a web of reference cycles (about 17 KB an entry) that only the cycle
        # collector frees; left to its own pace in a worker with a large heap, pieces pile up.
        del library, entries
        gc.collect()


def without_repeated_fields(block: DuplicateFieldKeyBlock) -> str:
    """The entry's text with each field once, when a field given twice says the same thing each time
    (`year = 2025` twice, as real files have); "" when the copies differ, which only the lab can settle."""
    entry = block.ignore_error_block
    if not isinstance(entry, Entry):
        return ""
    first: dict[str, str] = {}
    for field in entry.fields:
        value = " ".join(str(field.value).strip().strip('{}"').split())
        if first.setdefault(field.key.lower(), value) != value:
            return ""
    seen, lines = set(), []
    for field in entry.fields:
        if field.key.lower() not in seen:
            seen.add(field.key.lower())
            lines.append(f"  {field.key} = {field.value},")
    return f"@{entry.entry_type}{{{entry.key},\n" + "\n".join(lines) + "\n}\n"


def given_dois_first(parsed: list[ParsedPublication]) -> list[ParsedPublication]:
    """A DOI read from an entry's link, when another entry gives it as its DOI, was pasted from that
    entry: it is left out here (with a warning) rather than making the two one paper."""
    given = {entry.doi.casefold(): entry.place for entry in parsed if entry.doi and not entry.doi_from_link}
    for entry in parsed:
        if entry.doi_from_link and (owner := given.get(entry.doi.casefold())):
            entry.warnings.append(f"the DOI {entry.doi} in its link is the DOI of {owner}: left out here")
            entry.doi, entry.doi_from_link = "", False
    return parsed


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


def mark_legend(entry) -> dict[str, str]:
    """What the marks in this entry's author list mean, where its annotation or note says so."""
    text = " ".join(field(entry, name) for name in ("annotation", "note", "annote"))
    return {
        mark: "corresponding" if word.lower() == "corresponding" else "equal"
        for mark, word in LEGEND.findall(text)
    }


def fields_of(entry) -> dict:
    """The entry's fields by name, built once: bibtexparser's fields_dict makes a new dict each time."""
    fields = getattr(entry, "_fields_by_name", None)
    if fields is None:
        fields = entry._fields_by_name = entry.fields_dict
    return fields


def field(entry, *names) -> str:
    fields = fields_of(entry)
    for name in names:
        value = fields.get(name)
        if value is not None and str(value.value).strip():
            return " ".join(str(value.value).split())
    return ""


def raw_field(entry, name: str) -> str:
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


def export_noise(note: str, entry) -> dict[str, str] | None:
    """When a note is what a reference manager (EndNote, from PubMed) wrote there (an ISSN, every
    author with their ORCID, grant numbers, "Journal Article", a country), the ORCIDs by author name as
    printed in it; None when the note is the lab's own words."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    record_type = field(entry, "type").casefold()
    typed = bool(record_type) and record_type in map(str.casefold, lines)
    noisy = any(ORCID_LINE.match(line) for line in lines) or (
        len(lines) > 2 and (bool(ISSN_LINE.match(lines[0])) or typed)
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


def arxiv_mentioned(entry, venue: str) -> str:
    """The arXiv id the venue, DBLP's volume or a link names, if any (a url field does not hide an
    arXiv link in html)."""
    texts = [venue, field(entry, "volume"), *(field(entry, name) for name in ARXIV_LINK_FIELDS)]
    match = ARXIV_IN_TEXT.search(" ".join(texts))
    return match.group(1) if match else ""


def entry_publication(entry) -> ParsedPublication:
    place = f"entry {entry.key} (line {entry.start_line + 1})"
    entry_type = entry.entry_type.lower()
    title = field(entry, "title").replace("{", "").replace("}", "")
    title_link = ""
    if link := HTML_LINK.fullmatch(title):
        # al-folio sites that link each title: title={<a href="…">Title</a>}
        title_link, title = link.group(1), link.group(2)
    # Inline markup some sites write in titles (<i>, <sub>); any other "<…" is the title's own text.
    title = " ".join(INLINE_TAG.sub("", title).split())
    warnings = []
    if label := RANK_LABEL.match(title):
        # "[A+] Scheduling …": a rank the lab prints before its titles, not part of the title.
        title = title[label.end() :]
        warnings.append(f"the label {label.group(1)!r} before the title is left out of the title")
    venue = field(entry, "journal", "journaltitle", "booktitle", "school", "institution", "series",
                  "howpublished", "eventtitle").replace("{", "").replace("}", "")  # fmt: skip
    kind = KINDS.get(entry_type, PublicationKind.OTHER)
    stated = field(entry, "entrysubtype").lower() in PublicationKind.values
    if stated:
        kind = field(entry, "entrysubtype").lower()
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
    for raw in fields_of(entry)["author"].value if "author" in fields_of(entry) else []:
        name, corresponding, equal = printed_name(raw, legend)
        if name.lower() == "others":  # BibTeX's "and others": the list is cut short
            cut_short = True
        elif name:
            authors.append(ParsedAuthor(name, corresponding, equal))
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
    if not annotated and (corresponding := re.search(r"corresponding authors?:?\s*([^.;]+)", notes, re.I)):
        for author in authors:
            if author.name in corresponding.group(1):
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

    url = field(entry, "url", "html") or title_link
    doi = field(entry, "doi") or doi_from_url(url) or doi_from_url(field(entry, "pdf"))
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
        venue_acronym=field(entry, "abbr"),
        venue_name=venue,
        awards=[(kind, label) for kind, label in awards if kind != AwardKind.OTHER or label],
        date=on,
        volume=field(entry, "volume"),
        issue=field(entry, "number", "issue"),
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
