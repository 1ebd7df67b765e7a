"""Importers: one parser per format, one pipeline (base.save_publications) behind them all.

report = import_publications(text, "bibtex", owner=person, dry_run=True)
"""

import re

from django.contrib.auth.models import User

from people.models import Person
from portal.imports import ImportFailed, ImportReport, Progress

from .bibtex import COMMENT_LINE, bibtex_batches, parse_bibtex
from .collection import import_collection
from .dblp import parse_dblp
from .markdown import parse_markdown_list
from .openalex import parse_crossref, parse_openalex
from .parsed import ParsedAuthor, ParsedPublication
from .references import parse_csljson, parse_ris
from .unchanged import Fingerprints, Known
from .writing import save_batches, save_publications

FORMATS = ("bibtex", "markdown", "openalex", "crossref", "dblp", "ris", "csljson", "collection")

__all__ = [
    "FORMATS", "ImportFailed", "ImportReport", "ParsedAuthor", "ParsedPublication", "check_text",
    "estimate_entries", "guess_format", "import_collection", "import_publications", "parse_entries",
    "save_publications",
]  # fmt: skip


def guess_format(text: str, filename: str = "") -> str:
    """The format a file is in, from its name or else its first characters."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in {"bib", "bibtex"}:
        return "bibtex"
    if suffix == "ris":
        return "ris"
    head = text.lstrip()[:2000]
    if re.match(r"TY  - ", head):
        return "ris"
    if head.startswith("[") and re.search(r'"issued"\s*:\s*\{', head) and '"authorships"' not in head:
        return "csljson"
    if head.startswith("<") and re.search(r"<(dblpperson|dblp)[\s>]", head):
        return "dblp"
    if head.startswith(("{", "[")):
        return "crossref" if '"message"' in head or '"container-title"' in head else "openalex"
    if re.search(r"^\s*@\w+\s*[{(]", head, re.M):
        return "bibtex"
    if re.search(r"^\s*(?:[-*+]\s+|\d+\.\s+)?\[[A-Za-z]\d+\]", text, re.M):
        return "markdown"
    if re.search(r"^#\s+\S", head, re.M) and re.search(r"^#{2,3}\s+", text, re.M):
        return "collection"
    return "markdown"


BIBTEX_ENTRY = re.compile(r"^[ \t]*@(?!(?:string|comment|preamble)\b)\w+[ \t]*[{(]", re.M | re.I)


def estimate_entries(text: str, format: str) -> int:
    """About how many entries `text` holds, read without parsing it: to choose between a preview in the
    request and one in the background. A high guess only sends a smallish file to the background."""
    if format == "bibtex":
        return sum(1 for _match in BIBTEX_ENTRY.finditer(text))
    if format in {"openalex", "crossref"}:
        return text.count('"title"')
    if format == "dblp":
        return text.count("<title>")
    if format == "ris":
        return len(re.findall(r"^TY  - ", text, re.M))
    if format == "csljson":
        return text.count('"issued"')
    return text.count("\n") + 1  # a Markdown list or a collection: at most an entry a line


def parse_entries(text: str, format: str) -> tuple[list[ParsedPublication], list[tuple[str, str, str]]]:
    if format == "bibtex":
        return parse_bibtex(text), []
    if format == "markdown":
        return parse_markdown_list(text)
    if format == "openalex":
        return parse_openalex(text), []
    if format == "crossref":
        return parse_crossref(text), []
    if format == "dblp":
        return parse_dblp(text)
    if format == "ris":
        return parse_ris(text), []
    if format == "csljson":
        return parse_csljson(text), []
    raise ImportFailed([("", f"unknown format {format!r}: one of {', '.join(FORMATS)}")])


def check_text(text: str) -> None:
    """Refuse, before reading it, a file that is no list at all: ImportFailed saying why."""
    if "\x00" in text:
        raise ImportFailed([("", "the file holds NUL characters: it is not a text file")])
    if not text.strip():
        raise ImportFailed([("", "the file is empty: no entries")])


def import_publications(
    text: str,
    format: str = "",
    *,
    owner: Person | None = None,
    dry_run: bool = False,
    collection: str = "",
    progress: Progress = None,
    strict: bool = False,
    by: User | None = None,
) -> ImportReport:
    """Import `text` in one transaction: the entries without an error are stored, each entry with one
    is refused and reported with its place and why. Strict: all or nothing, raising ImportFailed
    (naming each bad place) and changing nothing. A file whose structure cannot be read at all (JSON
    that does not parse, NUL characters) raises ImportFailed either way."""  # fmt: skip
    check_text(text)
    format = format or guess_format(text)
    if format == "collection":
        return import_collection(text, slug=collection, dry_run=dry_run, progress=progress)
    if format == "bibtex":
        # Read and stored a piece at a time: memory follows the piece, not the file (54 MB files exist).
        refused: list[tuple[str, str]] | None = [] if not strict else None
        warnings: list[tuple[str, str]] = []
        total = estimate_entries(text, format)
        fingerprints: Fingerprints | None = None
        unchanged: list[Known] = []
        if by is None or by.has_perm("publications.publish_publication"):  # a member's leaves papers be
            blanked = COMMENT_LINE.sub("", text)  # as the parser reads it: the lines keep their numbers
            fingerprints = Fingerprints(blanked, owner.pk if owner else None)
            if known := fingerprints.known():
                text, unchanged = fingerprints.set_aside(blanked, known)
        batches = (
            bibtex_batches(text, refused=refused, warnings=warnings)
            if fingerprints is None or not unchanged or len(unchanged) < fingerprints.count
            else iter(())
        )
        report, _ids = save_batches(
            batches, format=format, owner=owner, dry_run=dry_run, progress=progress, total=total,
            strict=strict, refused=refused, warnings=warnings, by=by, unchanged=unchanged,
            fingerprints=fingerprints,
        )  # fmt: skip
        return report
    refused = None
    if format == "markdown":
        refused = [] if not strict else None
        parsed, skipped = parse_markdown_list(text, refused=refused)
    else:
        parsed, skipped = parse_entries(text, format)
    report, _ids = save_publications(
        parsed, format=format, owner=owner, dry_run=dry_run, progress=progress, skipped=skipped,
        strict=strict, refused=refused, by=by,
    )  # fmt: skip
    return report
