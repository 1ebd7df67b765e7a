"""What a site holds, read into plain records before anything is written, and the helpers its
readers share (front matter, names, links, dates)."""

import datetime
import re
import tomllib
from dataclasses import dataclass, field

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler

from news.importers import text_key
from people.names import CJK
from portal.imports import ImportFailed, leading_date
from publications.importers import ParsedPublication

from .tree import SiteTree

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")


@dataclass
class SitePerson:
    place: str
    key: str  # the site's own id for them (an author folder), or "owner"
    names: dict = field(default_factory=dict)  # language -> name ("en", "zh_hans")
    titles: dict = field(default_factory=dict)  # language -> position ("Chair Professor of SUSTech")
    bios: dict = field(default_factory=dict)  # language -> Markdown
    email: str = ""
    homepage: str = ""
    orcid: str = ""
    google_scholar_id: str = ""
    github: str = ""
    dblp: str = ""
    destination: str = ""  # where an alumnus went ("now_at")
    links: list[str] = field(default_factory=list)  # their other pages: a publisher's author page, …
    groups: list[str] = field(default_factory=list)  # Hugo's user_groups, in every language
    courses: list[dict] = field(default_factory=list)  # education: course, institution, year
    organizations: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    photo: str = ""  # a site path
    aliases: list[str] = field(default_factory=list)
    is_owner: bool = False


@dataclass
class SitePaper:
    parsed: ParsedPublication
    teaser: str = ""  # site paths
    pdf: str = ""


@dataclass
class SiteNews:
    place: str
    key: str  # the same item in each language shares it
    date: datetime.date
    titles: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)
    image: str = ""
    links: list[str] = field(default_factory=list)  # relative links in the text, as written


@dataclass
class SiteContent:
    generator: str
    lab_names: dict = field(default_factory=dict)  # language -> name
    people: list[SitePerson] = field(default_factory=list)
    papers: list[SitePaper] = field(default_factory=list)
    news: list[SiteNews] = field(default_factory=list)
    rosters: list[tuple[str, str]] = field(default_factory=list)  # (path, Markdown) of its people pages
    # siteimport.activities' records: SiteProject, SiteSoftware, SiteTalk, SiteCourse
    projects: list = field(default_factory=list)
    software: list = field(default_factory=list)
    talks: list = field(default_factory=list)
    courses: list = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (place, why) of unreadable files

    def warn(self, place: str, message: str) -> None:
        self.warnings.append((place, message))

    @property
    def owner(self) -> SitePerson | None:
        return next((person for person in self.people if person.is_owner), None)


class TOMLHandler(BaseHandler):
    """Hugo's `+++` front matter, read with the standard library's tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm, **kwargs):
        return tomllib.loads(fm)

    def export(self, metadata, **kwargs):  # pragma: no cover - the portal only reads sites
        raise NotImplementedError


def read_page(tree: SiteTree, path: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page; ImportFailed naming the file when its front matter
    cannot be read."""
    text = tree.text(path)
    handler = TOMLHandler() if text.lstrip().startswith("+++") else None
    try:
        post = frontmatter.loads(text, handler=handler) if handler else frontmatter.loads(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as error:
        raise ImportFailed([(path, f"its front matter cannot be read: {first_line(error)}")]) from error
    metadata = post.metadata if isinstance(post.metadata, dict) else {}
    return metadata, post.content


def read_yaml(tree: SiteTree, path: str) -> dict:
    try:
        data = yaml.safe_load(tree.text(path))
    except yaml.YAMLError as error:
        raise ImportFailed([(path, f"cannot be read as YAML: {first_line(error)}")]) from error
    return data if isinstance(data, dict) else {}


def read_toml(tree: SiteTree, path: str) -> dict:
    try:
        return tomllib.loads(tree.text(path))
    except tomllib.TOMLDecodeError as error:
        raise ImportFailed([(path, f"cannot be read as TOML: {first_line(error)}")]) from error


def first_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def text(value) -> str:
    """A front matter value as one line of plain text ("" for None, lists joined)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(text(item) for item in value if item is not None)
    return " ".join(str(value).split())


TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """Text without tags or Markdown emphasis: "In *CVPR*" -> "In CVPR"."""
    return " ".join(re.sub(r"[*_`]", "", TAG.sub(" ", html or "")).split())


COMMENT = re.compile(r"(?s)<!--.*?-->\n?")


def label_of(markdown: str) -> str:
    """The words of a page's text for a report line: no comments, tags, link targets or marks."""
    words = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", COMMENT.sub(" ", markdown or ""))
    return plain(words)


def language_of(value: str) -> str:
    return "zh_hans" if CJK.search(value or "") else "en"


def site_language(code: str) -> str:
    """Our language for a site's language code: zh, zh-cn, zh-Hans -> zh_hans; anything else -> en."""
    return "zh_hans" if (code or "").lower().startswith("zh") else "en"


def a_date(value) -> datetime.date | None:
    """A front matter date: a date, a datetime, text that starts with YYYY-MM-DD (or YYYY-M-D), or a
    date as labs write one ("2024.6.25-28", "2024年7月", "Jul 2024": portal.imports.leading_date)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    found = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value or ""))
    try:
        if found:
            return datetime.date(*(int(part) for part in found.groups()))
        written = leading_date(str(value or "").strip())
    except ValueError:
        return None
    return written[0] if written else None


MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", re.I)


def relative_links(body: str) -> list[str]:
    """Links in a page's text that point into the site itself (not to the web, mail or an anchor)."""
    links = MARKDOWN_LINK.findall(body or "") + HTML_LINK.findall(body or "")
    return [
        link for link in links
        if not re.match(r"(?i)^(https?:|mailto:|tel:|#|data:|//)", link) and "{{" not in link
    ]  # fmt: skip


SCHOLAR_USER = re.compile(r"[?&]user=([\w-]{6,20})")
ORCID_LINK = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


HOME_ICONS = re.compile(r"(?i)^(?:home|house|globe|link|user|address-card|website|homepage|blog)$")
DBLP_LINK = re.compile(r"dblp\.(?:org|uni-trier\.de)/pid/([\w/-]+?)(?:\.html)?/?$")


def social_links(person: SitePerson, links) -> None:
    """E-mail, Google Scholar, ORCID, GitHub, DBLP and a homepage from a list of links (or of (icon,
    link) pairs, as Hugo's `social:` gives them); any other page about them (a publisher's author page,
    Semantic Scholar, LinkedIn) is kept among their links."""
    for item in links:
        icon, link = item if isinstance(item, tuple) else ("", item)
        link = text(link)
        if not link:
            continue
        if link.startswith("mailto:"):
            person.email = person.email or link.removeprefix("mailto:")
        elif (found := SCHOLAR_USER.search(link)) and "scholar.google" in link:
            person.google_scholar_id = person.google_scholar_id or found.group(1)
        elif "orcid.org" in link and (found := ORCID_LINK.search(link)):
            person.orcid = person.orcid or found.group(1)
        elif found := re.match(r"https?://(?:www\.)?github\.com/([\w-]{1,39})/?$", link):
            person.github = person.github or found.group(1)
        elif found := DBLP_LINK.search(link):
            person.dblp = person.dblp or found.group(1)
        elif not link.startswith(("http://", "https://")):
            continue  # "#contact", a file of the site
        elif HOME_ICONS.match(icon or "") and not person.homepage:
            person.homepage = link
        elif link not in person.links and link != person.homepage:
            person.links.append(link)


def find_image(tree: SiteTree, folder: str, stem: str) -> str:
    """`folder/stem.jpg` (or .png, .jpeg, .webp, .gif, .svg) when the site has one."""
    for suffix in IMAGE_SUFFIXES:
        path = f"{folder}/{stem}{suffix}".lstrip("/")
        if tree.exists(path):
            return path
    return ""


def each_page(site: SiteContent, path: str, read, *args) -> None:
    """`read(*args)` for one page; a page that cannot be read is refused alone, named."""
    try:
        read(*args)
    except ImportFailed as error:
        site.refused += error.problems


def site_image(tree: SiteTree, site: SiteContent, place: str, folder: str, name: str, what: str) -> str:
    """The site path of an image a page names in `folder`, or "" with a warning."""
    found = tree.resolve(f"{folder}/x", name)
    if not found:
        site.warn(place, f"the {what} {name!r} is not in {folder}/: left out")
    return found or ""


def same_place(one: str, other: str) -> bool:
    """Whether two institutions as printed are one: "Southern University of Science and Technology"
    and "Department of …, Southern University of Science and Technology"."""
    one, other = (" ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split()) for s in (one, other))
    return bool(one and other) and (one in other or other in one)


def news_key(date, words: str | None):
    return (date.year, date.month, date.day, text_key(words)[:200]) if words and text_key(words) else None
