"""Importers: one parser per format, one pipeline (base.save_publications) behind them all.

report = import_publications(text, "bibtex", owner=person, dry_run=True)
"""

import re

from .base import ImportFailed, ImportReport, ParsedAuthor, ParsedPublication, save_publications
from .bibtex import parse_bibtex
from .collection import import_collection
from .markdown import parse_markdown_list
from .openalex import parse_crossref, parse_openalex

FORMATS = ("bibtex", "markdown", "openalex", "crossref", "collection")

__all__ = [
    "FORMATS", "ImportFailed", "ImportReport", "ParsedAuthor", "ParsedPublication", "guess_format",
    "import_collection", "import_publications", "parse_entries", "save_publications",
]  # fmt: skip


def guess_format(text: str, filename: str = "") -> str:
    """The format a file is in, from its name or else its first characters."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in {"bib", "bibtex"}:
        return "bibtex"
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        return "crossref" if '"message"' in head or '"container-title"' in head else "openalex"
    if re.search(r"^\s*@\w+\s*[{(]", head, re.M):
        return "bibtex"
    if re.search(r"^\s*(?:[-*+]\s+|\d+\.\s+)?\[[A-Za-z]\d+\]", text, re.M):
        return "markdown"
    if re.search(r"^#\s+\S", head, re.M) and re.search(r"^#{2,3}\s+", text, re.M):
        return "collection"
    return "markdown"


def parse_entries(text: str, format: str) -> tuple[list[ParsedPublication], list[tuple[str, str, str]]]:
    if format == "bibtex":
        return parse_bibtex(text), []
    if format == "markdown":
        return parse_markdown_list(text)
    if format == "openalex":
        return parse_openalex(text), []
    if format == "crossref":
        return parse_crossref(text), []
    raise ImportFailed([("", f"unknown format {format!r}: one of {', '.join(FORMATS)}")])


def import_publications(
    text: str, format: str = "", *, owner=None, dry_run: bool = False, collection: str = "", progress=None
) -> ImportReport:
    """Import `text` all or nothing; raises ImportFailed (naming each bad place) and changes nothing."""
    if "\x00" in text:
        raise ImportFailed([("", "the file holds NUL characters: it is not a text file")])
    format = format or guess_format(text)
    if format == "collection":
        return import_collection(text, slug=collection, dry_run=dry_run, progress=progress)
    parsed, skipped = parse_entries(text, format)
    report, _ids = save_publications(
        parsed, format=format, owner=owner, dry_run=dry_run, progress=progress, skipped=skipped
    )
    return report
