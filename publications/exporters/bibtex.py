"""BibTeX for publications, written with bibtexparser so that it parses back to the same fields."""

import re

import bibtexparser
from bibtexparser.model import Entry, Field
from django.utils.text import slugify

from ..interchange import annotation, author_marks, bibtex_author, first, translations
from ..models import PublicationKind

ENTRY_TYPES = {
    PublicationKind.CONFERENCE: ("inproceedings", "booktitle"),
    PublicationKind.WORKSHOP: ("inproceedings", "booktitle"),
    PublicationKind.JOURNAL: ("article", "journal"),
    PublicationKind.MAGAZINE: ("article", "journal"),
    PublicationKind.BOOK: ("book", "series"),
    PublicationKind.CHAPTER: ("incollection", "booktitle"),
    PublicationKind.THESIS: ("phdthesis", "school"),
    PublicationKind.PREPRINT: ("misc", "howpublished"),
    PublicationKind.PATENT: ("misc", "howpublished"),
    PublicationKind.OTHER: ("misc", "howpublished"),
}
# biblatex's publication states for a paper not yet out (a published one has none).
PUBSTATE = {"accepted": "forthcoming", "preprint": "prepublished"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Characters LaTeX treats as commands; escaped in text fields, never in URLs or DOIs.
LATEX_SPECIALS = re.compile(r"([&%$#_{}])")

FORMAT = bibtexparser.BibtexFormat()
FORMAT.indent = "  "
FORMAT.block_separator = "\n"


def latex_text(value: str) -> str:
    return LATEX_SPECIALS.sub(r"\\\1", value)


def latex_unescape(value: str) -> str:
    """The inverse of latex_text."""
    return re.sub(r"\\([&%$#_{}])", r"\1", value)


def citation_key(publication, taken: set[str]) -> str:
    """`song2020drq`: first author's family name, year, first word of the title; unique in `taken`."""
    authors = list(publication.authorships.all())
    family = ""
    if authors:
        words = authors[0].name.replace(",", " ").split()
        family = slugify(words[-1] if "," not in authors[0].name else words[0]).replace("-", "")
    title_word = next(
        (w for w in slugify(publication.title_en or publication.title or "").split("-") if len(w) > 3), ""
    )
    base = f"{family or 'paper'}{publication.year}{title_word}"
    key, suffix = base, ord("a")
    while key in taken:
        key, suffix = f"{base}{chr(suffix)}", suffix + 1
    taken.add(key)
    return key


def venue_name(publication) -> str:
    if publication.venue_id:
        venue = publication.venue
        return (
            f"{venue.name} ({venue.acronym})" if venue.acronym and venue.acronym != venue.name else venue.name
        )
    return publication.venue_text


def stated_kind(publication) -> str:
    """The kind, when the lab's differs from what the venue says (a magazine article it numbers as a
    journal paper): biblatex's entrysubtype, which the importer takes as stated."""
    venue_kind = publication.venue.kind if publication.venue_id else ""
    loose = {"conference", "journal", "workshop", "magazine"}
    if venue_kind in loose and publication.kind in loose and publication.kind != venue_kind:
        return publication.kind
    return "magazine" if publication.kind == PublicationKind.MAGAZINE else ""


def publication_entry(publication, key: str) -> Entry:
    entry_type, venue_field = ENTRY_TYPES.get(publication.kind, ("misc", "howpublished"))
    note = first(publication, "note")
    notes = [str(award) for award in publication.awards.all()] + ([note] if note else [])
    authors = list(publication.authorships.all())
    marks = {position: author_marks(a) for position, a in enumerate(authors, 1) if author_marks(a)}
    affiliations = {position: a.affiliation for position, a in enumerate(authors, 1) if a.affiliation}
    fields = [
        ("title", latex_text(first(publication, "title"))),
        (
            "author",
            " and ".join(
                [latex_text(bibtex_author(a.name)) for a in authors]
                + ["others"] * publication.authors_cut_short
            ),
        ),
        # biblatex's data annotations: the marks and affiliations as the lab printed them
        ("author+an", annotation(marks)),
        ("author+an:affiliation", annotation(affiliations)),
        (venue_field, latex_text(venue_name(publication))),
        ("year", str(publication.year)),
        ("month", MONTHS[publication.date.month - 1] if publication.date else ""),
        ("volume", latex_text(publication.volume)),
        ("number", latex_text(publication.issue)),
        ("pages", publication.pages.replace("--", "-").replace("-", "--")),
        (
            "publisher",
            latex_text(
                publication.publisher or (publication.venue.publisher if publication.venue_id else "")
            ),
        ),
        ("date", publication.date.isoformat() if publication.date else ""),
        ("doi", publication.doi),
        ("url", publication.url),
        ("eprint", publication.arxiv_id),
        ("archiveprefix", "arXiv" if publication.arxiv_id else ""),
        ("note", latex_text(", ".join(notes))),
        ("abstract", latex_text(first(publication, "abstract"))),
        ("keywords", latex_text("; ".join(publication.keywords))),
        ("language", publication.language if publication.language != "en" else ""),
        ("institutions", latex_text(publication.institutions)),
        ("ccf_rank", publication.ccf_rank_printed),
        ("citation_url", publication.citation_url),
        ("selected", "true" if publication.featured else ""),
        ("entrysubtype", stated_kind(publication)),
        ("venue_as_printed", latex_text(publication.venue_text) if publication.venue_id else ""),
        ("pubstate", PUBSTATE.get(publication.status, "")),
        *((name, latex_text(value)) for name, value in translations(publication).items()),
        # al-folio's link fields, which the portal's importer and al-folio both read
        ("pdf", publication.pdf_url),
        ("code", publication.code_url),
        ("slides", publication.slides_url),
        ("poster", publication.poster_url),
        ("video", publication.video_url),
        ("website", publication.project_url),
    ]
    return Entry(entry_type, key, [Field(name, value) for name, value in fields if value])


def publications_bibtex(publications) -> str:
    """BibTeX for publications loaded with `with_authors()`, keys unique within the text."""
    library = bibtexparser.Library()
    taken: set[str] = set()
    for publication in publications:
        library.add(publication_entry(publication, citation_key(publication, taken)))
    return bibtexparser.write_string(library, bibtex_format=FORMAT)
