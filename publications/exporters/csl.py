"""CSL-JSON (the Citation Style Language's input format) for publications loaded with_authors()."""

from ..interchange import extras, first, split_suffix
from ..models import PublicationKind

CSL_TYPES = {
    PublicationKind.CONFERENCE: "paper-conference",
    PublicationKind.WORKSHOP: "paper-conference",
    PublicationKind.JOURNAL: "article-journal",
    PublicationKind.MAGAZINE: "article-magazine",
    PublicationKind.PREPRINT: "article",
    PublicationKind.BOOK: "book",
    PublicationKind.CHAPTER: "chapter",
    PublicationKind.THESIS: "thesis",
    PublicationKind.PATENT: "patent",
    PublicationKind.OTHER: "document",
}


def csl_name(printed: str) -> dict:
    """ "Zhuoran Song" → family/given; a name in one piece ("宋卓然") or "Last, First" kept as printed;
    "R. J. Kelleher, 3rd" with its suffix."""
    name, suffix = split_suffix(printed)
    if suffix:
        return {**csl_name(name), "suffix": suffix}
    if "," in printed:
        family, _comma, given = printed.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    parts = printed.split()
    if len(parts) < 2:
        return {"literal": printed}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def csl_item(publication) -> dict:
    item = {
        "id": publication.slug,
        "type": CSL_TYPES.get(publication.kind, "document"),
        "title": first(publication, "title"),
        "author": [csl_name(a.name) for a in publication.authorships.all()],
        "issued": {
            "date-parts": [
                [publication.date.year, publication.date.month, publication.date.day]
                if publication.date
                else [publication.year]
            ]
        },
        "language": publication.language,
    }
    if publication.venue_id:
        item["container-title"] = publication.venue.name
        if publication.venue.acronym:
            item["container-title-short"] = publication.venue.acronym
    elif publication.venue_text:
        item["container-title"] = publication.venue_text
    optional = {
        "volume": publication.volume,
        "issue": publication.issue,
        "page": publication.pages,
        "publisher": publication.publisher or (publication.venue.publisher if publication.venue_id else ""),
        "DOI": publication.doi,
        "URL": publication.url
        or (f"https://arxiv.org/abs/{publication.arxiv_id}" if publication.arxiv_id else ""),
        "abstract": first(publication, "abstract"),
        # Keywords holding commas ("Polymorphism, Single Nucleotide") are joined by semicolons
        "keyword": ("; " if any("," in k for k in publication.keywords) else ", ").join(publication.keywords),
        "note": "\n".join(
            [awards for awards in [", ".join(str(award) for award in publication.awards.all())] if awards]
            + [f"{name}: {value}" for name, value in extras(publication)]
            + (["portal-url: arxiv"] if not publication.url and publication.arxiv_id else [])
        ),
        "number": f"arXiv:{publication.arxiv_id}"
        if publication.arxiv_id and publication.kind == "preprint"
        else "",
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def publications_csl(publications) -> list[dict]:
    return [csl_item(publication) for publication in publications]
