"""A site's projects, software, talks and courses, read into plain records before anything is written.

- Hugo Blox: `content/project/` (a page per project, or a page listing a funder's projects as table rows or
  list items under programme headings, as Chinese labs keep them) and `content/event/` (a page per talk);
- al-folio: `_projects/`, `_data/repositories.yml` (the lab's GitHub repositories) and `_teachings/`;
- academicpages: `_talks/`, `_teaching/` and `_portfolio/` (a page per item).

What the themes ship as examples (al-folio's sample repositories and courses, academicpages' sample talks
and teaching) is left out with a warning, as for news."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from people.names import CJK
from portal.lines import read_lines

from .content import COMMENT, SiteContent, a_date, find_image, language_of, plain, read_page, read_yaml, text
from .tree import SiteTree

LIQUID = re.compile(r"(?s)\{%.*?%\}|\{\{.*?\}\}")
YEARS = re.compile(r"((?:19|20)\d{2})\s*(?:[-–—~至到]|to)\s*((?:19|20)\d{2})|((?:19|20)\d{2})")
REPOSITORY = re.compile(r"repository\s*=\s*['\"]([\w.-]+/[\w.-]+)['\"]")


@dataclass
class SiteProject:
    place: str
    key: str
    titles: dict = field(default_factory=dict)  # language -> text
    summaries: dict = field(default_factory=dict)
    funders: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)
    kind: str = "other"
    start: datetime.date | None = None
    end: datetime.date | None = None
    url: str = ""
    image: str = ""  # a site path
    leader: str = ""  # a name as the site prints it


@dataclass
class SiteSoftware:
    place: str
    name: str
    repository: str = ""
    descriptions: dict = field(default_factory=dict)


@dataclass
class SiteTalk:
    place: str
    key: str
    date: datetime.date
    titles: dict = field(default_factory=dict)
    kind: str = "invited"
    events: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    abstracts: dict = field(default_factory=dict)
    url: str = ""
    slides_url: str = ""
    video_url: str = ""
    speakers: list[str] = field(default_factory=list)  # author keys or names


@dataclass
class SiteCourse:
    place: str
    key: str
    year: int
    titles: dict = field(default_factory=dict)
    code: str = ""
    season: str = ""
    level: str = "undergraduate"
    institutions: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)
    url: str = ""
    teachers: list[str] = field(default_factory=list)


# -- shared readings -------------------------------------------------------------------------------
def project_kind(words: str) -> str:
    """The level of a project from what the page calls it: 国家自然科学基金 → national, 省部级 → provincial,
    校企合作 / a company → industry."""
    if re.search(r"国家|national|NSFC|NSF\b|973|863", words, re.I):
        return "national"
    if re.search(r"省|市|部|provincial|municipal|ministry", words, re.I):
        return "provincial"
    if re.search(r"校企|企业|横向|公司|industry|company|horizontal", words, re.I):
        return "industry"
    if re.search(r"校级|university", words, re.I):
        return "university"
    return "other"


def period(words: str) -> tuple[datetime.date | None, datetime.date | None]:
    """ "2024-2027" → (2024-01-01, 2027-12-31); "2023" → that year."""
    found = YEARS.search(words or "")
    if not found:
        return None, None
    if found.group(1):
        return datetime.date(int(found.group(1)), 1, 1), datetime.date(int(found.group(2)), 12, 31)
    year = int(found.group(3))
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


SEASONS = {
    "spring": "spring",
    "summer": "summer",
    "fall": "autumn",
    "autumn": "autumn",
    "winter": "winter",
    "春": "spring",
    "夏": "summer",
    "秋": "autumn",
    "冬": "winter",
}


def season_of(words: str) -> str:
    found = re.search(r"(?i)spring|summer|fall|autumn|winter|[春夏秋冬]", words or "")
    return SEASONS[found.group().lower()] if found else ""


def level_of(words: str) -> str:
    if re.search(r"(?i)graduate|master|ph\.?d|研究生|博士|硕士", words or "") and not re.search(
        r"(?i)undergraduate|本科", words or ""
    ):
        return "graduate"
    if re.search(r"(?i)summer school|short course|tutorial|暑期", words or ""):
        return "short"
    return "undergraduate"


def talk_kind(words: str) -> str:
    for pattern, kind in (
        (r"(?i)keynote|plenary|主旨", "keynote"),
        (r"(?i)tutorial|教程", "tutorial"),
        (r"(?i)panel", "panel"),
        (r"(?i)seminar|colloquium|lecture|讲座|报告会", "seminar"),
        (r"(?i)poster", "poster"),
        (r"(?i)invited|特邀|邀请", "invited"),
        (r"(?i)conference|contributed|oral|口头|分组报告", "contributed"),
    ):
        if re.search(pattern, words or ""):
            return kind
    return "invited"


def page_key(path: str) -> str:
    page = PurePosixPath(path)
    return page.parent.name if page.name == "index.md" else page.stem


# The text academicpages' sample talks and teaching pages come with, left under a lab's own title.
SAMPLE_TEXT = re.compile(
    r"(?im)^\[more information here\]\(https?://example[\w.]*\)\s*$|"
    r"^this is a description of (?:your|a) (?:talk|tutorial|teaching experience)\b.*$|"
    r"^heading [123]\s*\n=+\s*$"
)


def body_text(body: str) -> str:
    """A page's text without comments, Liquid tags and the theme's sample sentences."""
    text = SAMPLE_TEXT.sub("", LIQUID.sub("", COMMENT.sub("", body)))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# -- Hugo Blox -------------------------------------------------------------------------------------
def read_hugo_project(tree: SiteTree, site: SiteContent, path: str, language: str, found: dict) -> None:
    """One project per page, or (a Chinese lab's habit) a page listing projects as table rows or list
    items under headings naming the programme or the funder."""
    meta, body = read_page(tree, path)
    title = text(meta.get("title"))
    listed = read_project_list(site, path, body, title)
    if listed:
        return
    key = f"project/{page_key(path)}"
    project = found.get(key)
    if project is None:
        project = found[key] = SiteProject(place=path, key=key, kind=project_kind(title))
        site.projects.append(project)
    if title:
        project.titles.setdefault(language, title)
    summary = body_text(body) or text(meta.get("summary"))
    if summary:
        project.summaries.setdefault(language, summary)
    start, end = a_date(meta.get("date")), a_date(meta.get("date_end"))
    project.start, project.end = project.start or start, project.end or end
    project.url = project.url or text(meta.get("external_link")) or text(meta.get("url_code"))
    if not project.image and PurePosixPath(path).name == "index.md":
        project.image = find_image(tree, str(PurePosixPath(path).parent), "featured")


def read_project_list(site: SiteContent, path: str, body: str, page_title: str) -> bool:
    """Projects as rows of a table (name, years, leader) or as "**name**, leader" items, each under a
    heading naming its programme (国家自然科学基金面上项目) or its funder (a company)."""
    kind = project_kind(page_title)
    added = False
    for line in read_lines(body):
        if line.kind not in ("row", "item"):
            continue
        heading = line.headings[-1].text if line.headings else ""
        if line.kind == "row":
            cells = [plain(cell).strip() for cell in line.cells]
            name, rest = (cells[0], cells[1:]) if cells else ("", [])
        else:
            bold = re.match(r"\s*\*\*(.+?)\*\*\s*[，,、]?\s*(.*)$", line.text)
            if not bold:
                continue
            name, rest = plain(bold.group(1)).strip(), [plain(bold.group(2)).strip()]
        if not name or len(name) > 300:
            continue
        start, end = period(" ".join(rest))
        leader = next((cell for cell in rest if cell and not YEARS.search(cell) and len(cell) <= 60), "")
        language = "zh_hans" if CJK.search(name) else "en"
        project = SiteProject(
            place=f"{path}: {line.place}",
            key=f"{path}:{name}",
            kind=kind or "other",
            start=start,
            end=end,
            leader=leader,
        )
        project.titles[language] = name
        if heading:
            # a company's name heads its projects; a programme's name heads a funder's
            target = project.funders if kind == "industry" else project.programmes
            target["zh_hans" if CJK.search(heading) else "en"] = heading
        site.projects.append(project)
        added = True
    return added


def read_hugo_event(
    tree: SiteTree, site: SiteContent, path: str, language: str, found: dict, names: dict
) -> None:
    meta, body = read_page(tree, path)
    date = a_date(meta.get("date")) or a_date(meta.get("publishDate"))
    title = text(meta.get("title"))
    if date is None or not title:
        site.refused.append((path, "no date or no title: a talk needs both"))
        return
    key = f"event/{page_key(path)}"
    talk = found.get(key)
    if talk is None:
        talk = found[key] = SiteTalk(
            place=path, key=key, date=date, kind=talk_kind(title + text(meta.get("event")))
        )
        site.talks.append(talk)
    talk.titles.setdefault(language, title)
    if event := text(meta.get("event")):
        talk.events.setdefault(language, event)
    if location := text(meta.get("location")):
        talk.places.setdefault(language, location)
    if abstract := text(meta.get("abstract")) or body_text(body) or text(meta.get("summary")):
        talk.abstracts.setdefault(language, abstract)
    talk.url = talk.url or text(meta.get("event_url"))
    talk.slides_url = talk.slides_url or external(meta.get("url_slides")) or external(meta.get("url_pdf"))
    talk.video_url = talk.video_url or external(meta.get("url_video"))
    for author in meta.get("authors") or []:
        name = names.get(text(author), text(author))
        if name and name not in talk.speakers:
            talk.speakers.append(name)


def external(value) -> str:
    link = text(value)
    return link if link.startswith(("http://", "https://")) else ""


# -- al-folio --------------------------------------------------------------------------------------
# al-folio's _data/repositories.yml as the theme ships it: its own and well-known projects' repositories.
THEME_REPOSITORIES = {
    "alshedivat/al-folio",
    "jekyll/jekyll",
    "twbs/bootstrap",
    "jquery/jquery",
    "fortawesome/font-awesome",
    "mathjax/mathjax",
    "jpswalsh/academicons",
    "torvalds/linux",
    "academicpages/academicpages.github.io",
}
THEME_COURSES = re.compile(r"(?i)^prof\.?\s+example$|^instructor name$")


def read_al_folio_activities(tree: SiteTree, site: SiteContent) -> None:
    for path in tree.glob("_projects"):
        if path.endswith((".md", ".markdown", ".html")):
            read_jekyll_project(tree, site, path)
    if tree.exists("_data/repositories.yml"):
        read_repositories(tree, site, "_data/repositories.yml")
    for path in tree.glob("_teachings"):
        if path.endswith((".md", ".markdown")):
            read_al_folio_course(tree, site, path)


def read_jekyll_project(tree: SiteTree, site: SiteContent, path: str) -> None:
    meta, body = read_page(tree, path)
    title = text(meta.get("title"))
    if not title:
        site.refused.append((path, "no title: a project needs one"))
        return
    if re.match(r"(?i)^project \d+$", title) and "lorem ipsum" in body.lower():
        site.warn(path, "the theme's own example, not the lab's project: left out")
        return
    language = language_of(title)
    project = SiteProject(place=path, key=f"project/{page_key(path)}", titles={language: title})
    summary = "\n\n".join(part for part in (text(meta.get("description")), body_text(body)) if part)
    if summary:
        project.summaries[language] = summary
    if image := text(meta.get("img")) or text(meta.get("image")):
        project.image = tree.resolve(path, image.lstrip("/")) or tree.resolve("x", image.lstrip("/")) or ""
        if not project.image:
            site.warn(path, f"the image {image!r} is not in the site: left out")
    project.start = a_date(meta.get("date"))
    if found := REPOSITORY.search(body):
        project.url = f"https://github.com/{found.group(1)}"
        add_repository(site, path, found.group(1), text(meta.get("description")))
    elif link := text(meta.get("redirect")):
        project.url = link if link.startswith(("http://", "https://")) else ""
    site.projects.append(project)


def read_repositories(tree: SiteTree, site: SiteContent, path: str) -> None:
    data = read_yaml(tree, path)
    for name in data.get("github_repos") or []:
        name = text(name).strip().strip("/")
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", name):
            site.warn(path, f"{name!r} is not a GitHub repository (owner/name): left out")
        elif name.lower() in THEME_REPOSITORIES:
            site.warn(path, f"{name}: the theme's own example, not the lab's repository: left out")
        else:
            add_repository(site, path, name, "")


def add_repository(site: SiteContent, place: str, name: str, description: str) -> None:
    address = f"https://github.com/{name}"
    if any(item.repository.lower() == address.lower() for item in site.software):
        return
    item = SiteSoftware(place=place, name=name.split("/")[1], repository=address)
    if description:
        item.descriptions[language_of(description)] = description
    site.software.append(item)


def read_al_folio_course(tree: SiteTree, site: SiteContent, path: str) -> None:
    meta, body = read_page(tree, path)
    title, year = text(meta.get("title")), text(meta.get("year"))
    if THEME_COURSES.match(text(meta.get("instructor"))):
        site.warn(path, "the theme's own example, not the lab's course: left out")
        return
    if not title or not year.isdigit():
        site.refused.append((path, "no title or no year: a course needs both"))
        return
    language = language_of(title)
    course = SiteCourse(place=path, key=f"course/{page_key(path)}", year=int(year), titles={language: title})
    course_id = text(meta.get("course_id"))
    course.code = course_id if re.fullmatch(r"[A-Za-z]{2,5}[\s-]?\d{2,5}[A-Za-z]?", course_id) else ""
    course.season = season_of(text(meta.get("term")))
    course.level = level_of(f"{title} {text(meta.get('description'))}")
    if location := text(meta.get("location")):
        course.institutions[language] = location[:200]
    description = "\n\n".join(part for part in (text(meta.get("description")), body_text(body)) if part)
    if description:
        course.descriptions[language] = description
    if instructor := text(meta.get("instructor")):
        course.teachers.append(instructor)
    site.courses.append(course)


# -- academicpages ---------------------------------------------------------------------------------
# The theme's sample pages, left in place by labs.
ACADEMICPAGES_SAMPLES = re.compile(
    r"(?i)^(?:talk|tutorial|conference proceeding talk) \d+ on relevant topic in your field$|"
    r"^teaching experience \d$|^portfolio item number \d$"
)


def read_academicpages_activities(tree: SiteTree, site: SiteContent) -> None:
    for path in tree.glob("_talks"):
        if path.endswith((".md", ".markdown")):
            read_academicpages_talk(tree, site, path)
    for path in tree.glob("_teaching"):
        if path.endswith((".md", ".markdown")):
            read_academicpages_course(tree, site, path)
    for path in tree.glob("_portfolio"):
        if path.endswith((".md", ".markdown", ".html")):
            read_jekyll_project(tree, site, path)


def read_academicpages_talk(tree: SiteTree, site: SiteContent, path: str) -> None:
    meta, body = read_page(tree, path)
    title = text(meta.get("title"))
    if ACADEMICPAGES_SAMPLES.match(title):
        site.warn(path, "the theme's own example, not the lab's talk: left out")
        return
    # the page's own date (often "2024.6.25-28"), else the one its file name starts with
    date = a_date(meta.get("date")) or a_date("-".join(PurePosixPath(path).name.split("-")[:3]))
    if date is None or not title:
        site.refused.append((path, "no date or no title: a talk needs both"))
        return
    language = language_of(title)
    talk = SiteTalk(
        place=path,
        key=f"talk/{page_key(path)}",
        date=date,
        titles={language: title},
        kind=talk_kind(text(meta.get("type"))),
    )
    if venue := text(meta.get("venue")):
        talk.events[language] = venue[:300]
    if location := text(meta.get("location")):
        talk.places[language] = location[:200]
    if abstract := body_text(body):
        talk.abstracts[language] = abstract
    talk.url = external(meta.get("talk_url")) or external(meta.get("link"))
    talk.slides_url = external(meta.get("slidesurl"))
    site.talks.append(talk)


def read_academicpages_course(tree: SiteTree, site: SiteContent, path: str) -> None:
    meta, body = read_page(tree, path)
    title = text(meta.get("title"))
    if ACADEMICPAGES_SAMPLES.match(title):
        site.warn(path, "the theme's own example, not the lab's course: left out")
        return
    date = a_date(meta.get("date"))
    if date is None or not title:
        site.refused.append((path, "no date or no title: a course needs both"))
        return
    language = language_of(title)
    course = SiteCourse(place=path, key=f"course/{page_key(path)}", year=date.year, titles={language: title})
    kind = text(meta.get("type"))
    course.level = level_of(kind)
    course.season = season_of(f"{kind} {PurePosixPath(path).stem}") or season_of_month(date.month)
    if venue := text(meta.get("venue")):
        course.institutions[language_of(venue)] = venue[:200]
    if description := body_text(body):
        course.descriptions[language] = description
    site.courses.append(course)


def season_of_month(month: int) -> str:
    return {
        1: "winter",
        2: "spring",
        3: "spring",
        4: "spring",
        5: "spring",
        6: "summer",
        7: "summer",
        8: "summer",
        9: "autumn",
        10: "autumn",
        11: "autumn",
        12: "autumn",
    }[month]
