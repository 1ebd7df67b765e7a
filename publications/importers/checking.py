"""Checking parsed entries before anything is written: every problem named with its place."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from portal.imports import ImportReport
from portal.models import MAX_YEAR, MIN_YEAR
from portal.validators import normalise_arxiv_id, normalise_doi, validate_arxiv_id, validate_doi

from ..models import Publication
from .parsed import SHORT_FIELDS, URL_FIELDS, ParsedPublication


def check(
    parsed: list[ParsedPublication], warnings: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """Every error in the entries, with its place; normalises DOIs and arXiv ids in place.

    Free text is stored whole. A short field whose value cannot be what it says (pages, volume, issue
    or a language code longer than the column allows) or a link that is no web address (a relative
    `slides = {talk.pdf}`) is left out with a warning in `warnings`: the entry is still stored."""
    problems = []
    url = URLValidator(schemes=["http", "https"])
    for entry in parsed:

        def problem(message, entry=entry):
            problems.append((entry.place, message))

        if warnings is not None:
            warnings += [(entry.place, message) for message in entry.warnings]

        entry.title = " ".join(entry.title.split())
        if not entry.title:
            problem("no title")
        elif len(entry.title) > 500:
            problem("the title is longer than 500 characters")
        if entry.year is None:
            problem("no year: the entry gives none (nor does its citation key)")
        elif not isinstance(entry.year, int) or not MIN_YEAR <= entry.year <= MAX_YEAR:
            problem(f"the year {entry.year!r} is not a year between {MIN_YEAR} and {MAX_YEAR}")
        for name in ("doi", "arxiv_id"):
            value = getattr(entry, name)
            if not value:
                continue
            normalise, validate = {
                "doi": (normalise_doi, validate_doi),
                "arxiv_id": (normalise_arxiv_id, validate_arxiv_id),
            }[name]
            try:
                setattr(entry, name, normalise(value))
                validate(getattr(entry, name))
            except ValidationError:
                problem(f"{value!r} is not a valid {'DOI' if name == 'doi' else 'arXiv id'}")
        for name in URL_FIELDS:
            value = getattr(entry, name)
            if value:
                try:
                    url(value)
                    if len(value) > field_limit(name):
                        raise ValidationError("too long")
                except ValidationError:  # a link is a secondary field: it never costs the paper
                    setattr(entry, name, "")
                    if warnings is not None:
                        warnings.append(
                            (
                                entry.place,
                                f"the {name.replace('_', ' ')} {value[:80]!r} is not a web address: left out",
                            )
                        )
        for name in SHORT_FIELDS:
            limit = field_limit(name)
            if len(value := getattr(entry, name)) > limit:
                setattr(entry, name, "" if name != "language" else "en")
                if warnings is not None:
                    warnings.append(
                        (
                            entry.place,
                            f"the {name} {value[:60]!r} is longer than {limit} characters: left out",
                        )
                    )
        for author in entry.authors:
            author.name = " ".join(author.name.split())
            if not author.name or len(author.name) > 200:
                problem(f"the author name {author.name[:80]!r} is empty or longer than 200 characters")
    return problems


def refuse(report: ImportReport, batch: list[ParsedPublication], problems: list[tuple[str, str]]) -> set[str]:
    """Report the entries that have problems as refused, one row each; their places."""
    messages: dict[str, list[str]] = {}
    for place, message in problems:
        messages.setdefault(place, []).append(message)
    for entry in batch:
        if entry.place in messages:
            report.add("refused", entry.place, entry.title, "; ".join(messages[entry.place]))
    return set(messages)


def field_limit(name: str) -> int:
    """How many characters a publication's text field holds."""
    field = Publication._meta.get_field(name)
    return getattr(field, "max_length", None) or 0
