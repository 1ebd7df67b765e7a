"""BibTeX (and biblatex, and al-folio's extra fields) read with bibtexparser v2.

A file is read a piece at a time (BLOCKS_PER_PIECE blocks): memory follows the piece, not the file.
Each entry becomes a paper in .bibtex_entry; LaTeX is decoded by .latex.
"""

import gc
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    MonthIntMiddleware,
    NormalizeFieldKeys,
    SeparateCoAuthors,
)
from bibtexparser.model import Block, DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from portal.imports import ImportFailed

from .bibtex_entry import (
    entry_publication,
)
from .latex import (
    LatexToUnicode,
)
from .parsed import ParsedPublication, line_order


def parse_bibtex(text: str) -> list[ParsedPublication]:
    """Entries of a BibTeX file; raises ImportFailed naming the line of every block it cannot read."""
    return [entry for batch in bibtex_batches(text) for entry in batch]


# A line that opens a block: where a file may be cut into pieces parsed one at a time.
BLOCK_START = re.compile(r"^[ \t]*@", re.M)


BLOCKS_PER_PIECE = 1000


def bibtex_pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
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
) -> Iterator[list[ParsedPublication]]:
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


# A line whose first mark is % is a comment in every BibTeX tool, even one that holds an entry a lab
# set aside ("% @inproceedings{old2019,"): blanked, so its lines keep their numbers.
COMMENT_LINE = re.compile(r"^[ \t]*%.*$", re.M)


def closed_at_end(block: Block, text: str) -> str:
    """The raw text of an entry the file ends inside, only its own closing brace missing (as a
    per-paper cite.bib of a real site was), closed; "" for a block that is wrong in another way (a
    field left open is: what the field holds cannot be told)."""
    raw = getattr(block, "raw", "") or ""
    missing = raw.count("{") - raw.count("\\{") - raw.count("}") + raw.count("\\}")
    if not raw.strip() or missing != 1 or not text.rstrip().endswith(raw.rstrip()):
        return ""
    return raw.rstrip() + "}\n"


def read_pieces(text, size, strings, first_line, problems, latex, warnings):
    """bibtex_batches' work: the entries of each piece; `first_line` gathers the keys read (and where),
    `problems` the blocks that could not be read."""
    text = COMMENT_LINE.sub("", text)
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
            if (closed := closed_at_end(block, text)) and (
                found := parse_piece(closed, strings, block.start_line).entries
            ):
                entries += found
                if warnings is not None:
                    place = f"entry {found[0].key} (line {block.start_line + 1})"
                    warnings.append((place, "the file ends before the entry's closing brace: closed there"))
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
