"""Jekyll sites of one researcher or lab: al-folio (BibTeX bibliography, news, an about page) and
academicpages (a Markdown file per paper whose author list lives in its citation string, and posts);
their projects, repositories, talks and courses are read by siteimport.activities."""

import re
from pathlib import PurePosixPath

import bibtexparser
from bibtexparser.model import Entry

from people.roster.parse import parse_roster
from portal.imports import ImportFailed
from publications.importers import ParsedAuthor, ParsedPublication
from publications.importers.bibtex import bibtex_batches

from .activities import read_academicpages_activities, read_al_folio_activities
from .content import (
    COMMENT,
    IMAGE_SUFFIXES,
    SiteContent,
    SiteNews,
    SitePaper,
    SitePerson,
    a_date,
    each_page,
    language_of,
    plain,
    read_page,
    read_yaml,
    relative_links,
    site_image,
    social_links,
    text,
)  # fmt: skip
from .members import read_members
from .tree import SiteTree

LAB_NAME = re.compile(r"(?i)\b(?:lab|laboratory|group|team|cent(?:er|re)|institute)\b|实验室|课题组|团队")
LIQUID = re.compile(r"(?s)\{%.*?%\}|\{\{.*?\}\}")
FILE_DATE = re.compile(r"^(\d{4})[-_](\d{1,2})[-_](\d{1,2})")


def is_al_folio(tree: SiteTree) -> bool:
    return tree.exists("_config.yml") and any(p.startswith("_bibliography/") for p in tree.paths)


def is_academicpages(tree: SiteTree) -> bool:
    return tree.exists("_config.yml") and any(p.startswith("_publications/") for p in tree.paths)


def read_al_folio(tree: SiteTree) -> SiteContent:
    site = SiteContent(generator="al-folio")
    config = read_yaml(tree, "_config.yml")
    name = " ".join(
        text(config.get(part))
        for part in ("first_name", "middle_name", "last_name")
        if text(config.get(part))
    )
    owner = SitePerson(place="_config.yml", key="owner", is_owner=True)
    if LAB_NAME.search(name) or names_an_organisation(tree, name):
        site.lab_names[language_of(name)] = name  # "first_name: CACTI, last_name: Lab": the lab's site
    elif name:
        owner.names[language_of(name)] = name
    owner.email = text(config.get("email"))
    owner.google_scholar_id = text(config.get("scholar_userid"))
    owner.github = text(config.get("github_username"))
    owner.orcid = text(config.get("orcid_id"))
    if (title := text(config.get("title"))) and title.lower() != "blank":
        site.lab_names[language_of(title)] = title
    scholar = config.get("scholar") if isinstance(config.get("scholar"), dict) else {}
    for last in scholar.get("last_name") or []:
        for first in scholar.get("first_name") or []:
            owner.aliases.append(f"{text(first)} {text(last)}")
    if tree.exists("_pages/about.md"):
        meta, body = read_page(tree, "_pages/about.md")
        owner.place = "_pages/about.md"
        if body.strip():
            owner.bios["en"] = body.strip()
        if subtitle := plain(text(meta.get("subtitle"))):
            owner.titles["en"] = subtitle[:300]
        profile = meta.get("profile") if isinstance(meta.get("profile"), dict) else {}
        if image := text(profile.get("image")):
            owner.photo = site_image(tree, site, "_pages/about.md", "assets/img", image, "profile image")
    if owner.names:
        site.people.append(owner)
    for path in tree.glob("_bibliography", (".bib",)):
        read_bibliography(tree, site, path)
    for path in [*tree.glob("_news"), *tree.glob("_posts")]:
        each_page(site, path, read_news_page, tree, site, path)
    read_members(tree, site)
    read_roster_pages(tree, site)
    read_al_folio_activities(tree, site)
    return site


def names_an_organisation(tree: SiteTree, name: str) -> bool:
    """A name of one word ("ASISys") that the about page calls an organisation, a lab or a group: the
    site is the lab's, not a person's."""
    if not name or " " in name.strip() or not tree.exists("_pages/about.md"):
        return False
    _meta, body = read_page(tree, "_pages/about.md")
    kind = r"(?:organi[sz]ation|lab|laboratory|group|team)\b"
    pattern = rf"(?i)\b{re.escape(name)}\b\W{{0,5}}(?:\w+\W+){{0,3}}{kind}"
    return bool(re.search(pattern, body))


# What the themes ship as examples, left in place by labs: al-folio's announcements and posts,
# academicpages' talks and blog posts. They are the theme's, not the lab's news.
THEME_SAMPLES = re.compile(
    r"(?i)^\W*(?:a simple inline announcement|a long announcement with details|"
    r"(?:talk|tutorial|conference proceeding talk) \d+ on relevant topic in your field|"
    r"blog post number \d|future blog post|a post with |a distill-style blog post|displaying external posts)"
)


def read_news_page(tree: SiteTree, site: SiteContent, path: str) -> None:
    meta, body = read_page(tree, path)
    if THEME_SAMPLES.match(text(meta.get("title")) or body.strip()):
        site.warn(path, "the theme's own example, not the lab's news: left out")
        return
    add_news(site, path, meta, body)


def read_bibliography(tree: SiteTree, site: SiteContent, path: str) -> None:
    source = tree.text(path)
    refused, warnings = [], []
    try:
        entries = [
            entry for batch in bibtex_batches(source, refused=refused, warnings=warnings) for entry in batch
        ]
    except ImportFailed as error:
        refused += error.problems
        entries = []
    site.refused += [(f"{path}: {place}", message) for place, message in refused]
    site.warnings += [(f"{path}: {place}", message) for place, message in warnings]
    # al-folio's own fields, which the BibTeX reader leaves aside: the teaser and the PDF as files.
    files = {}
    library = bibtexparser.parse_string(source)
    failed = [getattr(block, "ignore_error_block", None) for block in library.failed_blocks]
    for raw in [*library.entries, *(entry for entry in failed if isinstance(entry, Entry))]:
        fields = {key.lower(): str(value.value).strip('{}" ') for key, value in raw.fields_dict.items()}
        files[raw.key] = fields
    for entry in entries:
        entry.place = f"{path}: {entry.place}"
        key = re.search(r"entry (\S+)", entry.place)
        fields = files.get(key.group(1) if key else "", {})
        paper = SitePaper(parsed=entry)
        preview = fields.get("preview", "")
        abbr = fields.get("abbr", "")
        if not preview and abbr.lower().endswith(IMAGE_SUFFIXES):
            preview = abbr  # sites whose badge is an image
            entry.venue_acronym = ""
        if preview:
            paper.teaser = (
                tree.resolve("assets/img/publication_preview/x", preview)
                or tree.resolve("assets/img/x", preview)
                or ""
            )
            if not paper.teaser:
                site.warn(entry.place, f"the preview {preview!r} is not in assets/img/: left out")
        pdf = fields.get("pdf", "")
        if pdf and not pdf.startswith(("http://", "https://")):
            paper.pdf = tree.resolve("assets/pdf/x", pdf) or ""
            entry.warnings = [w for w in entry.warnings if "is a file name" not in w]
            if not paper.pdf:
                site.warn(entry.place, f"the pdf {pdf!r} is not in assets/pdf/: left out")
        site.papers.append(paper)


def add_news(site: SiteContent, path: str, meta: dict, body: str) -> None:
    date = a_date(meta.get("date"))
    if date is None and (found := FILE_DATE.match(PurePosixPath(path).name)):
        date = a_date("-".join(found.groups()))
    if date is None:
        site.refused.append((path, "no date: a news item needs one"))
        return
    content = COMMENT.sub("", body).strip() or text(meta.get("excerpt"))
    if not content and not text(meta.get("title")):
        site.refused.append((path, "no text"))
        return
    item = SiteNews(place=path, key=path, date=date)
    if title := text(meta.get("title")):
        item.titles["en"] = title
    item.bodies["en"] = content or text(meta.get("title"))
    item.links = [(path, link) for link in relative_links(body)]
    site.news.append(item)


ROSTER_PAGES = [f"_pages/{name}.{suffix}" for name in ("people", "team", "members", "group", "lab")
                for suffix in ("md", "markdown")]  # fmt: skip


def read_roster_pages(tree: SiteTree, site: SiteContent) -> None:
    """A Jekyll site's people page written by hand (names in lists, tables or bold lines under role
    headings), for the roster importer; a page that only loops over a data file has no entries."""
    for path in ROSTER_PAGES:
        if tree.exists(path):
            _meta, body = read_page(tree, path)
            body = LIQUID.sub("", body)  # a loop over the site's member pages names nobody itself
            entries, _skipped = parse_roster(body)
            if entries:
                site.rosters.append((path, body))


def read_academicpages(tree: SiteTree) -> SiteContent:
    site = SiteContent(generator="academicpages")
    config = read_yaml(tree, "_config.yml")
    author = config.get("author") if isinstance(config.get("author"), dict) else {}
    owner = SitePerson(place="_config.yml", key="owner", is_owner=True)
    if name := text(author.get("name")) or text(config.get("name")):
        owner.names[language_of(name)] = name
    if (email := text(author.get("email"))) and not re.search(r"@example\.(org|com)$", email):
        owner.email = email
    if bio := text(author.get("bio")):
        owner.bios["en"] = bio
    if employer := text(author.get("employer")):
        owner.titles["en"] = employer[:300]
    social_links(owner, [author.get("googlescholar"), author.get("orcid"), ("home", author.get("uri"))])
    if uri := text(author.get("uri")):
        owner.homepage = uri
    if (orcid := text(author.get("orcid"))) and not owner.orcid:
        site.warn("_config.yml", f"the ORCID {orcid!r} is not an ORCID iD: left out")
    if avatar := text(author.get("avatar")):
        owner.photo = site_image(tree, site, "_config.yml", "images", avatar, "avatar")
    if owner.names:
        site.people.append(owner)
    for path in tree.glob("_publications"):
        each_page(site, path, read_paper_page, tree, site, path, owner)
    for path in tree.glob("_posts"):
        each_page(site, path, read_news_page, tree, site, path)
    read_members(tree, site)
    read_roster_pages(tree, site)
    read_academicpages_activities(tree, site)
    return site


VENUE_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z\-]{1,15}?)\s*'?(?:19|20)?\d{2}\)\s*$")


def read_paper_page(tree: SiteTree, site: SiteContent, path: str, owner: SitePerson) -> None:
    meta, body = read_page(tree, path)
    date = a_date(meta.get("date"))
    title = text(meta.get("title"))
    venue = plain(text(meta.get("venue")) or text(meta.get("prevenue")))
    entry = ParsedPublication(place=path, title=title, year=date.year if date else None, date=date)
    entry.venue_name = venue
    if found := VENUE_ACRONYM.search(venue):
        entry.venue_acronym = found.group(1)
    names = text(meta.get("authors")) or text(meta.get("author")) or text(meta.get("Author"))
    citation = plain(re.sub(r"&quot;|&#34;", '"', text(meta.get("citation"))))
    authors = split_authors(names) if names else authors_of_citation(citation, title)
    if authors:
        entry.authors = [ParsedAuthor(name) for name in authors]
    elif owner.names:
        entry.authors = [ParsedAuthor(next(iter(owner.names.values())), is_owner=True)]
        entry.authors_cut_short = True
        site.warn(path, "no author list (the citation is empty): recorded as the site owner's, et al.")
    paper = SitePaper(parsed=entry)
    for key in ("paperurl", "pdf"):
        link = text(meta.get(key))
        if link.startswith(("http://", "https://")):
            entry.url = entry.url or link
        elif link:
            paper.pdf = paper.pdf or tree.resolve(path, link) or tree.resolve("files/x", link) or ""
    kept = []
    for line in body.strip().splitlines():
        links = relative_links(line)
        for link in links:
            found = tree.resolve(path, link)
            if found and found.lower().endswith(".pdf") and not paper.pdf and re.search(r"(?i)paper", line):
                paper.pdf = found
            elif not found:
                site.warn(path, f"the link {link!r} points nowhere in the site: left out")
        if links and not re.sub(r"\[[^\]]*\]\([^)]*\)|<[^>]*>|\s", "", line):
            continue  # a line of links into the old site only
        kept.append(line)
    abstract = re.sub(r"(?im)^\s*(#+\s*abstract\s*|\*\*abstract:?\*\*:?)\s*$", "", "\n".join(kept)).strip()
    entry.abstract = abstract or text(meta.get("excerpt"))
    if teaser := text(meta.get("teaser")) or text(
        meta.get("header", {}).get("teaser") if isinstance(meta.get("header"), dict) else ""
    ):
        paper.teaser = tree.resolve(path, teaser) or tree.resolve("images/x", teaser) or ""
    site.papers.append(paper)


INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*){1,4}$")


def split_authors(names: str) -> list[str]:
    """ "A, B and C" or "A; B & C" -> names; "Last, F., Last, G." (APA) -> "F. Last", "G. Last"."""
    names = re.sub(r"\s*(?:,?\s+and\s+|&|;)\s*", ", ", names.strip())
    parts = [part.strip() for part in names.split(",") if part.strip()]
    parts = [part if INITIALS.match(part) else part.rstrip(".").strip() for part in parts]
    if len(parts) >= 2 and all(INITIALS.match(part) for part in parts[1::2]) and len(parts) % 2 == 0:
        return [f"{initials} {last}" for last, initials in zip(parts[::2], parts[1::2], strict=True)]
    if len(parts) >= 2 and len(parts) % 2 == 0 and all(len(part.split()) == 1 for part in parts):
        return [f"{first} {last}" for last, first in zip(parts[::2], parts[1::2], strict=True)]
    return parts


def authors_of_citation(citation: str, title: str) -> list[str]:
    """The authors a citation string names before its title or its "(2023" year."""
    if not citation:
        return []
    cut = len(citation)
    for marker in (title[:30], '"', "“", "(19", "(20"):
        if marker and (at := citation.find(marker)) > 0:
            cut = min(cut, at)
    head = citation[:cut].strip().rstrip(",").strip()
    if not head or len(head) > 2000:
        return []
    return [name for name in split_authors(head) if 1 < len(name) <= 200]
