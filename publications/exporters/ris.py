"""RIS (reference managers' exchange format: Zotero, EndNote, Mendeley), written with rispy."""

import rispy

from ..interchange import extras, first, split_suffix
from ..models import PublicationKind

RIS_TYPES = {
    PublicationKind.CONFERENCE: "CPAPER",
    PublicationKind.WORKSHOP: "CPAPER",
    PublicationKind.JOURNAL: "JOUR",
    PublicationKind.MAGAZINE: "MGZN",
    PublicationKind.PREPRINT: "UNPB",
    PublicationKind.BOOK: "BOOK",
    PublicationKind.CHAPTER: "CHAP",
    PublicationKind.THESIS: "THES",
    PublicationKind.PATENT: "PAT",
    PublicationKind.OTHER: "GEN",
}


def ris_name(printed: str) -> str:
    """RIS wants "Family, Given" ("Family, Given, Suffix"); a name in one piece (宋卓然) stays as printed."""
    name, suffix = split_suffix(printed)
    if suffix:
        return f"{ris_name(name)}, {suffix}"
    if "," in printed:
        return printed
    parts = printed.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else printed


def ris_entry(publication) -> dict:
    start, _dash, end = publication.pages.replace("--", "-").partition("-")
    entry = {
        "type_of_reference": RIS_TYPES.get(publication.kind, "GEN"),
        "id": publication.slug,
        "title": first(publication, "title"),
        "authors": [ris_name(a.name) for a in publication.authorships.all()],
        "year": str(publication.year),
        "date": publication.date.strftime("%Y/%m/%d") if publication.date else "",
        "secondary_title": publication.venue.name if publication.venue_id else publication.venue_text,
        "alternate_title2": publication.venue.acronym if publication.venue_id else "",
        "volume": publication.volume,
        "number": publication.issue,
        "start_page": start,
        "end_page": end,
        "publisher": publication.publisher or (publication.venue.publisher if publication.venue_id else ""),
        "doi": publication.doi,
        "urls": [publication.url] if publication.url else [],
        "abstract": first(publication, "abstract"),
        "keywords": list(publication.keywords),
        "notes": [str(award) for award in publication.awards.all()]
        + [f"{name}: {value}" for name, value in extras(publication)],
        "language": publication.language,
    }
    return {key: value for key, value in entry.items() if value}


class PlainRisWriter(rispy.RisWriter):
    """RIS without rispy's "1." line before each record, which Zotero and EndNote do not expect."""

    def set_header(self, count):
        return ""


def publications_ris(publications) -> str:
    return rispy.dumps(
        [ris_entry(publication) for publication in publications], implementation=PlainRisWriter
    )
