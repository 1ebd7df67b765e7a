"""Hugo Blox (Wowchemy, Academic) sites: config, authors, publications with their cite.bib, posts,
projects and events (talks), in every language folder the site has."""

import re
from pathlib import PurePosixPath

from portal.imports import ImportFailed
from publications.importers import ParsedAuthor, ParsedPublication
from publications.importers.bibtex import parse_bibtex
from publications.models import PublicationKind

from .activities import read_hugo_event, read_hugo_project
from .content import (
    COMMENT,
    SiteContent,
    SiteNews,
    SitePaper,
    SitePerson,
    a_date,
    each_page,
    find_image,
    language_of,
    plain,
    read_page,
    read_toml,
    read_yaml,
    relative_links,
    site_language,
    social_links,
    text,
)  # fmt: skip
from .tree import SiteTree

CONFIG_FILES = (
    "config/_default/hugo.yaml", "config/_default/config.yaml", "config/_default/hugo.toml",
    "config/_default/config.toml", "hugo.yaml", "hugo.toml", "config.yaml", "config.toml",
)  # fmt: skip
LANGUAGE_FILES = ("config/_default/languages.yaml", "config/_default/languages.toml")

# publication_types: the old numeric codes and the CSL names newer sites use.
KINDS = {
    "1": PublicationKind.CONFERENCE, "paper-conference": PublicationKind.CONFERENCE,
    "2": PublicationKind.JOURNAL, "article-journal": PublicationKind.JOURNAL,
    "article": PublicationKind.JOURNAL, "3": PublicationKind.PREPRINT, "preprint": PublicationKind.PREPRINT,
    "5": PublicationKind.BOOK, "book": PublicationKind.BOOK, "6": PublicationKind.BOOK,
    "chapter": PublicationKind.BOOK, "7": PublicationKind.THESIS, "thesis": PublicationKind.THESIS,
    "4": PublicationKind.OTHER, "report": PublicationKind.OTHER, "8": PublicationKind.OTHER,
    "patent": PublicationKind.OTHER, "0": PublicationKind.OTHER,
}  # fmt: skip
PREPRINT = re.compile(r"(?i)arxiv|\bcorr\b|preprint|biorxiv|medrxiv|ssrn")
LINK_FIELDS = {
    "url_pdf": "pdf_url", "url_code": "code_url", "url_slides": "slides_url", "url_video": "video_url",
    "url_poster": "poster_url", "url_project": "project_url", "url_source": "url",
}  # fmt: skip


def is_hugo(tree: SiteTree) -> bool:
    return any(tree.exists(path) for path in (*CONFIG_FILES, *LANGUAGE_FILES)) and any(
        path.startswith("content/") for path in tree.paths
    )


def read_config(tree: SiteTree) -> tuple[dict, dict]:
    """(the site's settings, its languages: code -> settings)."""
    config = {}
    for path in CONFIG_FILES:
        if tree.exists(path):
            config = {
                **(read_toml(tree, path) if path.endswith(".toml") else read_yaml(tree, path)),
                **config,
            }
    languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    for path in LANGUAGE_FILES:
        if tree.exists(path):
            languages = read_toml(tree, path) if path.endswith(".toml") else read_yaml(tree, path)
    return config, {code: value or {} for code, value in languages.items() if isinstance(value or {}, dict)}


def read_hugo(tree: SiteTree) -> SiteContent:
    site = SiteContent(generator="hugo-blox")
    config, languages = read_config(tree)
    # A site of one language (a Chinese lab's `zh:` alone) is in that language, whatever Hugo's default.
    default = text(config.get("defaultContentLanguage")) or (
        next(iter(languages)) if len(languages) == 1 else "en"
    )
    folders = {}  # content folder -> our language
    for code, settings in languages.items():
        folder = text(settings.get("contentDir")) or ("content" if code == default else f"content/{code}")
        folders[folder.strip("/")] = site_language(code)
        if title := text(settings.get("title")):
            site.lab_names.setdefault(site_language(code), title)
    folders = folders or {"content": site_language(default)}
    if title := text(config.get("title")):
        site.lab_names.setdefault(site_language(default), title)
    # The default language first: its pages are the base the others add their language to.
    ordered = sorted(folders.items(), key=lambda item: item[1] != site_language(default))
    people: dict[str, SitePerson] = {}
    for folder, language in ordered:
        for path in tree.glob(f"{folder}/authors"):
            if PurePosixPath(path).name != "_index.md":
                continue
            read_author(tree, site, people, path, language)
    site.people = list(people.values())
    names = {
        key: person.names.get("en") or next(iter(person.names.values()), "") for key, person in people.items()
    }
    papers: dict[str, SitePaper] = {}
    for folder, language in ordered:
        for path in section_pages(tree, f"{folder}/publication"):
            each_page(site, path, read_publication, tree, site, papers, path, language, names)
    site.papers = list(papers.values())
    news: dict[str, SiteNews] = {}
    for folder, language in ordered:
        for path in section_pages(tree, f"{folder}/post"):
            each_page(site, path, read_news, tree, site, news, path, language, "post")
    site.news = list(news.values())
    projects: dict = {}
    talks: dict = {}
    for folder, language in ordered:
        for path in section_pages(tree, f"{folder}/project"):
            each_page(site, path, read_hugo_project, tree, site, path, language, projects)
        for path in section_pages(tree, f"{folder}/event"):
            each_page(site, path, read_hugo_event, tree, site, path, language, talks, names)
    return site


def section_pages(tree: SiteTree, section: str) -> list[str]:
    """A section's pages: page bundles (`<section>/<name>/index.md`) and single files
    (`<section>/<name>.md`), not the section's own `_index.md`."""
    pages = []
    for path in tree.glob(section):
        page = PurePosixPath(path)
        if page.name == "index.md" or (page.name != "_index.md" and str(page.parent) == section):
            pages.append(path)
    return pages


def read_author(tree, site, people, path, language) -> None:
    meta, body = read_page(tree, path)
    folder = str(PurePosixPath(path).parent)
    key = PurePosixPath(folder).name
    person = people.setdefault(key, SitePerson(place=path, key=key))
    display = text(meta.get("title")) or text(meta.get("name"))
    full = " ".join(part for part in (text(meta.get("first_name")), text(meta.get("last_name"))) if part)
    if display:
        person.names.setdefault(language_of(display), display)
    if full:
        person.names.setdefault(language_of(full), full)
    if not person.names:
        person.names["en"] = key.replace("-", " ").replace("_", " ").title()
    if position := position_of(text(meta.get("role")), person.names.values()):
        person.titles.setdefault(language, position)
    bio = "\n\n".join(part for part in (text(meta.get("bio")), body.strip()) if part)
    if bio:
        person.bios.setdefault(language, bio)
    social = [
        (text(item.get("icon")), item.get("link"))
        for item in meta.get("social") or []
        if isinstance(item, dict)
    ]
    social_links(person, social)
    if (home := HOMEPAGE_LINK.search(body)) and not person.homepage:
        person.homepage = home.group("url")  # "[访问个人主页](https://…)"
    if (email := text(meta.get("email"))) and not person.email:
        person.email = email
    person.groups += [text(group) for group in meta.get("user_groups") or [] if text(group)]
    courses = (meta.get("education") or {}).get("courses") if isinstance(meta.get("education"), dict) else []
    person.courses += [course for course in courses or [] if isinstance(course, dict)]
    person.organizations += [
        text(org.get("name")) for org in meta.get("organizations") or [] if isinstance(org, dict)
    ]
    person.interests += [text(item) for item in meta.get("interests") or [] if text(item)]
    if not person.photo:
        person.photo = find_image(tree, folder, "avatar")
    if meta.get("superuser") is True and key == "admin":
        person.is_owner = True


HOMEPAGE_LINK = re.compile(
    r"\[[^\]]*(?:主页|homepage|home page|personal (?:site|website|page)|website)[^\]]*\]\((?P<url>https?://[^)\s]+)\)",
    re.I,
)


def position_of(role: str, names) -> str:
    """The first line of Hugo's `role` that is neither the person's name nor an address."""
    for line in re.split(r"(?i)</?br\s*/?>|\n", role or ""):
        line = plain(line)
        if not line or "@" in line or any(line.endswith(name) for name in names if name):
            continue
        return line[:300]
    return ""


def read_publication(tree, site, papers, path, language, names) -> None:
    meta, body = read_page(tree, path)
    page = PurePosixPath(path)
    folder = str(page.parent)
    key = page.parent.name if page.name == "index.md" else page.stem
    title = text(meta.get("title"))
    date = a_date(meta.get("date"))
    entry = None
    if tree.exists(cite := f"{folder}/cite.bib") and page.name == "index.md":
        try:
            cited = parse_bibtex(tree.text(cite))
        except ImportFailed as error:
            site.warn(cite, f"left aside: {error}")
            cited = []
        if len(cited) == 1:
            entry = cited[0]
            entry.place = path
    from_cite = entry is not None
    if entry is None:
        authors = [
            ParsedAuthor(names.get(text(a), text(a)).rstrip("*"), is_corresponding=text(a).endswith("*"))
            for a in meta.get("authors") or [] if text(a)
        ]  # fmt: skip
        entry = ParsedPublication(place=path, title=title, year=date.year if date else None, authors=authors)
    entry.date = entry.date or date
    for author, note in zip(entry.authors, meta.get("author_notes") or [], strict=False):
        note = text(note).casefold()
        author.is_equal_contribution |= "equal" in note or "共同" in note
        author.is_corresponding |= "corresponding" in note or "通讯" in note
    types = [text(t) for t in meta.get("publication_types") or []]
    if types and types[0] in KINDS and not entry.kind:
        entry.kind = KINDS[types[0]]
        if entry.kind == PublicationKind.PREPRINT:
            entry.status = "preprint"
    venue = plain(text(meta.get("publication")))
    short = plain(text(meta.get("publication_short")))
    if (
        from_cite
        and venue
        and PREPRINT.search(f"{entry.venue_name} {entry.kind}")
        and not PREPRINT.search(venue)
    ):
        # cite.bib written when the paper was on arXiv, the page updated on its acceptance ("WWW 2025")
        site.warn(
            path, f"cite.bib gives {entry.venue_name or 'a preprint'!r}, the page {venue!r}: the page's kept"
        )
        entry.venue_name, entry.venue_acronym, entry.status = "", "", ""
        entry.kind = KINDS.get(types[0], "") if types else ""
        entry.year = date.year if date else entry.year
    entry.venue_name = entry.venue_name or re.sub(r"^In\s+", "", venue)
    entry.venue_acronym = entry.venue_acronym or re.sub(r"^In\s+", "", short)
    entry.doi = entry.doi or text(meta.get("doi"))
    entry.abstract = entry.abstract or text(meta.get("abstract")) or text(meta.get("summary"))
    entry.keywords = entry.keywords or [text(tag) for tag in meta.get("tags") or [] if text(tag)]
    if isinstance(meta.get("featured"), bool):
        entry.featured = meta["featured"]
    paper = SitePaper(parsed=entry)
    for name, attribute in LINK_FIELDS.items():
        link = text(meta.get(name))
        if not link or link == "#":
            continue
        if link.startswith(("http://", "https://")):
            setattr(entry, attribute, getattr(entry, attribute) or link)
        elif name == "url_pdf" and (found := tree.resolve(path, link) or tree.resolve("static/x", link)):
            paper.pdf = found
        else:
            site.warn(path, f"the {name} {link!r} points nowhere in the site: left out")
    paper.teaser = find_image(tree, folder, "featured") if page.name == "index.md" else ""
    if key in papers:  # the same paper in another language
        base = papers[key].parsed
        if language_of(entry.title) != base.title_language:
            base.translations.setdefault(f"title_{language_of(entry.title)}", entry.title)
        if entry.abstract and language_of(entry.abstract) != base.title_language:
            base.translations.setdefault(f"abstract_{language_of(entry.abstract)}", entry.abstract)
        papers[key].teaser = papers[key].teaser or paper.teaser
        papers[key].pdf = papers[key].pdf or paper.pdf
        return
    papers[key] = paper


def read_news(tree, site, news, path, language, section) -> None:
    meta, body = read_page(tree, path)
    page = PurePosixPath(path)
    key = f"{section}/{page.parent.name if page.name == 'index.md' else page.stem}"
    date = a_date(meta.get("date")) or a_date(meta.get("publishDate"))
    if date is None:
        site.refused.append((path, "no date: a news item needs one"))
        return
    title = text(meta.get("title"))
    summary = text(meta.get("summary")) or text(meta.get("abstract"))
    content = COMMENT.sub("", body).strip() or summary
    item = news.get(key)
    if item is None:
        item = news[key] = SiteNews(place=path, key=key, date=date)
    if title:
        item.titles.setdefault(language, title)
    if content:
        item.bodies.setdefault(language, content)
    if page.name == "index.md" and not item.image:
        item.image = find_image(tree, str(page.parent), "featured")
    item.links += [(path, link) for link in relative_links(body)]
