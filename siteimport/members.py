"""A Jekyll site's people as a collection: one page per member (`_people/`, `_members/`, `_group/`,
`_team/`), the way al-folio labs keep them, with the name, role, group and links in the front matter
and the member's own words below it."""

import re
from pathlib import PurePosixPath

from .content import COMMENT, SiteContent, SitePerson, language_of, plain, read_page, read_yaml, text
from .tree import SiteTree

COLLECTIONS = ("people", "members", "group", "team", "lab_members", "students")
IMAGE_FOLDERS = (
    "assets/img/people",
    "assets/img/members",
    "assets/img/group",
    "assets/img/team",
    "assets/img",
)
PROFILES = {
    "linkedin": "https://www.linkedin.com/in/{}",
    "semanticscholar_id": "https://www.semanticscholar.org/author/{}",
    "research_gate_profile": "https://www.researchgate.net/profile/{}",
    "x_username": "https://x.com/{}",
}
HONORIFIC = re.compile(r"(?i)^(?:prof\.?|professor|dr\.?|mr\.?|ms\.?|mrs\.?)\s+")
# a description that says what they study or when ("HMC '28, Summer '26"), not a position they hold
STUDENT = re.compile(
    r"(?i)student|candidate|ph\.?\s?d|master|undergrad|intern|'\d\d|(?:spring|summer|fall|winter)\s*\d\d|"
    r"\b(?:19|20)\d\d\b|生"
)
ALUMNI = re.compile(r"(?i)alumn|former|past|graduated|毕业|校友")


def member_collections(tree: SiteTree) -> list[str]:
    """The folders of the site's member collections: those the configuration declares under a people
    name, and the usual folders when they are there."""
    config = read_yaml(tree, "_config.yml")
    declared = config.get("collections") if isinstance(config.get("collections"), dict) else {}
    names = [name for name in declared if str(name).lower() in COLLECTIONS]
    names += [name for name in COLLECTIONS if name not in names]
    return [f"_{name}" for name in names if tree.glob(f"_{name}")]


def read_members(tree: SiteTree, site: SiteContent) -> None:
    for folder in member_collections(tree):
        for path in tree.glob(folder):
            meta, body = read_page(tree, path)
            if person := member(tree, site, path, meta, body):
                site.people.append(person)


def member(tree: SiteTree, site: SiteContent, path: str, meta: dict, body: str) -> SitePerson | None:
    person = SitePerson(place=path, key=PurePosixPath(path).stem)
    full = " ".join(part for part in (text(meta.get("first_name")), text(meta.get("last_name"))) if part)
    shown = HONORIFIC.sub("", text(meta.get("name")) or text(meta.get("title"))).strip()
    roles = [text(meta.get(key)) for key in ("position", "role", "group", "category", "description")]
    roles = [role for role in roles if role]
    for name in (full, shown):
        # "title: Under Graduate" beside first_name/last_name is the member's role, not a second name
        if name and not (full and name != full and language_of(name) == language_of(full)):
            person.names.setdefault(language_of(name), name)
    if not person.names:
        site.warn(path, "a member page without a name (title, name or first_name/last_name): left out")
        return None
    if meta.get("alumni") is True or any(ALUMNI.search(role) for role in roles):
        person.groups.append("alumni")
    person.groups += roles
    said = [plain(text(meta.get(key))) for key in ("position", "description")]
    if position := next((words for words in said if words and not STUDENT.search(words)), ""):
        person.titles[language_of(position)] = position[:300]
    if bio := COMMENT.sub("", body).strip():
        person.bios[language_of(bio)] = bio
    person.email = text(meta.get("email"))
    person.homepage = text(meta.get("website")) or text(meta.get("homepage")) or text(meta.get("url"))
    person.github = text(meta.get("github")) or text(meta.get("github_username"))
    person.google_scholar_id = text(meta.get("google_scholar")) or text(meta.get("scholar_userid"))
    person.orcid = text(meta.get("orcid")) or text(meta.get("orcid_id"))
    person.dblp = text(meta.get("dblp"))
    for key, address in PROFILES.items():  # "linkedin: ardonfloros", as al-folio's socials take them
        if (handle := text(meta.get(key))) and re.fullmatch(r"[\w.-]{1,100}", handle):
            person.links.append(address.format(handle))
    person.destination = (
        text(meta.get("now_at")) or text(meta.get("now")) or text(meta.get("current_position"))
    )
    if image := text(meta.get("image")) or text(meta.get("img")) or text(meta.get("photo")):
        bases = [path, "x", *(f"{folder}/x" for folder in IMAGE_FOLDERS)]
        found = next((found for base in bases if (found := tree.resolve(base, image))), "")
        if not found:
            site.warn(path, f"the photo {image!r} is not in the site: left out")
        person.photo = found or ""
    return person
