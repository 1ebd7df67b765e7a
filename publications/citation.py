"""How a publication is cited and described to machines: plain text, Google Scholar's citation_*
meta tags, schema.org JSON-LD and OpenGraph. Absolute addresses come from the request."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import get_language

from .models import PublicationKind

# OpenGraph wants a territory: zh_CN, not Django's zh_Hans.
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}
JOURNAL_KINDS = {PublicationKind.JOURNAL, PublicationKind.MAGAZINE}
CONFERENCE_KINDS = {PublicationKind.CONFERENCE, PublicationKind.WORKSHOP}


def plain_citation(publication) -> str:
    """`A. One, B. Two. Title. DAC 2024, 17(3): 1–5. doi:10.1145/…`"""
    authors = ", ".join(a.name for a in publication.authorships.all()) or publication.institutions
    venue = " ".join(part for part in (publication.venue_label, str(publication.year)) if part)
    if publication.volume:
        venue += f", {publication.volume}" + (f"({publication.issue})" if publication.issue else "")
    if publication.pages:
        venue += f": {publication.pages}"
    parts = [authors, publication.title, venue]
    if publication.doi:
        parts.append(f"doi:{publication.doi}")
    elif publication.arxiv_id:
        parts.append(f"arXiv:{publication.arxiv_id}")
    return ". ".join(part.rstrip(".") for part in parts if part) + "."


def abstract_text(publication) -> str:
    return " ".join(strip_tags(publication.abstract_html).split())


def page_range(pages: str) -> tuple[str, str]:
    first, _dash, last = pages.replace("–", "-").replace("--", "-").partition("-")
    return first.strip(), last.strip()


def pdf_address(publication, request) -> str:
    if publication.pdf:
        return request.build_absolute_uri(publication.pdf.url)
    return publication.pdf_url


def scholar_meta(publication, request) -> list[tuple[str, str]]:
    """citation_* tags in the order Google Scholar's inclusion guidelines list them."""
    tags = [("citation_title", publication.title)]
    for authorship in publication.authorships.all():
        tags.append(("citation_author", authorship.name))
        if authorship.affiliation:
            tags.append(("citation_author_institution", authorship.affiliation))
    if publication.date:
        tags.append(("citation_publication_date", publication.date.strftime("%Y/%m/%d")))
    else:
        tags.append(("citation_publication_date", str(publication.year)))
    venue = publication.venue.name if publication.venue_id else publication.venue_text
    if venue and publication.kind in JOURNAL_KINDS:
        tags.append(("citation_journal_title", venue))
        if publication.venue_id and publication.venue.acronym:
            tags.append(("citation_journal_abbrev", publication.venue.acronym))
    elif venue and publication.kind in CONFERENCE_KINDS:
        tags.append(("citation_conference_title", venue))
    elif venue and publication.kind == PublicationKind.THESIS:
        tags.append(("citation_dissertation_institution", venue))
    elif venue and publication.kind == PublicationKind.PREPRINT:
        tags.append(("citation_technical_report_institution", venue))
    if publication.volume:
        tags.append(("citation_volume", publication.volume))
    if publication.issue:
        tags.append(("citation_issue", publication.issue))
    if publication.pages:
        first, last = page_range(publication.pages)
        tags.append(("citation_firstpage", first))
        if last:
            tags.append(("citation_lastpage", last))
    publisher = publication.publisher or (publication.venue.publisher if publication.venue_id else "")
    if publisher:
        tags.append(("citation_publisher", publisher))
    if publication.doi:
        tags.append(("citation_doi", publication.doi))
    if publication.arxiv_id:
        tags.append(("citation_arxiv_id", publication.arxiv_id))
    pdf = pdf_address(publication, request)
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    tags.append(("citation_abstract_html_url", request.build_absolute_uri(publication.get_absolute_url())))
    tags.append(("citation_language", publication.language))
    if publication.keywords:
        tags.append(("citation_keywords", "; ".join(publication.keywords)))
    return tags


def json_ld(publication, request) -> dict:
    """A schema.org ScholarlyArticle describing the publication."""
    url = request.build_absolute_uri(publication.get_absolute_url())
    authors = []
    for authorship in publication.authorships.all():
        author = {"@type": "Person", "name": authorship.name}
        person = authorship.person if authorship.person_id and authorship.person.is_published else None
        if person:
            author["url"] = request.build_absolute_uri(person.get_absolute_url())
            if person.orcid:
                author["sameAs"] = f"https://orcid.org/{person.orcid}"
        if authorship.affiliation:
            author["affiliation"] = {"@type": "Organization", "name": authorship.affiliation}
        authors.append(author)
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": url,
        "url": url,
        "name": publication.title,
        "headline": publication.title[:110],
        "author": authors,
        "datePublished": publication.date.isoformat() if publication.date else str(publication.year),
        "inLanguage": publication.language,
    }
    venue = publication.venue.name if publication.venue_id else publication.venue_text
    if venue:
        part_of = {"@type": "Periodical" if publication.kind in JOURNAL_KINDS else "CreativeWorkSeries"}
        part_of["name"] = venue
        if publication.venue_id and publication.venue.acronym:
            part_of["alternateName"] = publication.venue.acronym
        data["isPartOf"] = part_of
    publisher = publication.publisher or (publication.venue.publisher if publication.venue_id else "")
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if publication.pages:
        data["pagination"] = publication.pages
    same_as = []
    if publication.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
        same_as.append(f"https://doi.org/{publication.doi}")
    if publication.arxiv_id:
        same_as.append(f"https://arxiv.org/abs/{publication.arxiv_id}")
    if same_as:
        data["sameAs"] = same_as
    abstract = abstract_text(publication)
    if abstract:
        data["abstract"] = abstract
    if publication.keywords:
        data["keywords"] = ", ".join(publication.keywords)
    awards = [str(award) for award in publication.awards.all()]
    if awards:
        data["award"] = awards
    return data


def open_graph(publication, request, site_name: str) -> list[tuple[str, str]]:
    language = get_language()
    others = [code for code, _name in settings.LANGUAGES if code != language]
    description = abstract_text(publication) or plain_citation(publication)
    tags = [
        ("og:type", "article"),
        ("og:title", publication.title),
        ("og:description", description[:300]),
        ("og:url", request.build_absolute_uri(publication.get_absolute_url())),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALES.get(language, "en_US")),
        *[("og:locale:alternate", OG_LOCALES.get(code, "en_US")) for code in others],
    ]
    if publication.date:
        tags.append(("article:published_time", publication.date.isoformat()))
    return tags
