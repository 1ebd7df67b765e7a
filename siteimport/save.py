"""import_site: read a whole site, then write it through the portal's pipelines in one transaction."""

import hashlib
import io
import re
from pathlib import PurePosixPath
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from pypinyin import lazy_pinyin

from news.importers import Linker, ParsedNews
from news.models import NewsItem, news_slug
from people.models import Person, PersonAlias, Precision, ResearchArea
from people.names import NameIndex, language_by_script
from people.roster import import_roster
from people.roster.save import new_slug
from portal.content import bump_content_version_on_commit
from portal.imports import ImportFailed, ImportReport
from portal.models import Lab
from portal.validators import (
    MAX_LINKS,
    normalise_orcid,
    orcid_checksum_ok,
    validate_image_upload,
    validate_pdf_upload,
    validate_web_addresses,
)
from publications.importers import save_publications
from publications.models import Publication

from .content import SiteContent, SitePerson, label_of, news_key
from .hugo import is_hugo, read_hugo
from .jekyll import is_academicpages, is_al_folio, read_academicpages, read_al_folio
from .save_activities import ActivityWriter
from .stints import site_stint
from .tree import SiteTree, open_site

GENERATORS = {"hugo-blox": read_hugo, "al-folio": read_al_folio, "academicpages": read_academicpages}


def guess_generator(tree: SiteTree) -> str:
    if is_hugo(tree):
        return "hugo-blox"
    if is_al_folio(tree):
        return "al-folio"
    if is_academicpages(tree):
        return "academicpages"
    raise ImportFailed(
        [("", "not a site this portal knows: no Hugo config with content/, no _config.yml with "
              "_bibliography/ (al-folio) or _publications/ (academicpages)")]
    )  # fmt: skip


def import_site(source, *, generator: str = "", dry_run: bool = False, progress=None) -> ImportReport:
    """Import a site's folder or zip archive whole, in one transaction: the lab's name, people with
    their photos and stints, publications (with teasers and PDFs), news, projects, software, talks and
    courses. A site that is hostile (a
    path out of it, a zip bomb, a file too large, an SVG with script) raises ImportFailed and nothing is
    written; an entry with a problem is refused alone, and a link that points nowhere is a warning."""
    tree = open_site(source)
    try:
        return import_tree(tree, generator, dry_run, progress)
    finally:
        tree.close()


def import_tree(tree: SiteTree, generator: str, dry_run: bool, progress) -> ImportReport:
    generator = generator or guess_generator(tree)
    if generator not in GENERATORS:
        raise ImportFailed([("", f"unknown generator {generator!r}: one of {', '.join(GENERATORS)}")])
    site = GENERATORS[generator](tree)
    if not (site.people or site.papers or site.news or site.rosters or site.projects or site.software
            or site.talks or site.courses):  # fmt: skip
        raise ImportFailed([("", f"nothing to import: the {generator} site has no people, papers or news")])
    files = Files(tree, dry_run)
    files.check_all(site)  # every file the import would store, before anything is written
    try:
        with transaction.atomic():
            report = SiteWriter(site, files, dry_run, progress).write()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        files.discard()
        raise
    return report


class Files:
    """The site's images and PDFs, checked like uploads and stored under names made from their
    content, so a second import finds them already there."""

    def __init__(self, tree: SiteTree, dry_run: bool):
        self.tree, self.dry_run = tree, dry_run
        self.checked: dict[str, bytes | None] = {}  # path -> content, None: left out (a warning)
        self.problems: dict[str, str] = {}
        self.written: list[str] = []

    def check_all(self, site: SiteContent) -> None:
        paths = [(p.place, p.photo, "image") for p in site.people if p.photo]
        paths += [(p.parsed.place, p.teaser, "image") for p in site.papers if p.teaser]
        paths += [(p.parsed.place, p.pdf, "pdf") for p in site.papers if p.pdf]
        paths += [(n.place, n.image, "image") for n in site.news if n.image]
        paths += [(p.place, p.image, "image") for p in site.projects if p.image]
        for _place, path, kind in paths:
            self.check(path, kind)

    def check(self, path: str, kind: str) -> None:
        if path in self.checked:
            return
        data = self.tree.read(path)  # refuses a file over the site's limit, naming it
        if path.lower().endswith(".svg"):
            if re.search(rb"(?i)<script|\son\w+\s*=|javascript:", data):
                raise ImportFailed([(path, "an SVG image with script in it: the site is refused")])
            self.checked[path], self.problems[path] = (
                None,
                "an SVG image: only JPEG, PNG, GIF and WebP are taken",
            )
            return
        upload = ContentFile(data, name=PurePosixPath(path).name)
        try:
            (validate_pdf_upload if kind == "pdf" else validate_image_upload)(upload)
        except ValidationError as error:
            self.checked[path], self.problems[path] = None, " ".join(error.messages)
            return
        self.checked[path] = data

    def store(self, path: str, folder: str, field_file) -> str | None:
        """Put the file in its field (not saved); returns what happened ("stored", "unchanged") or
        None with the reason in `problems` when the file was left out. A file the lab uploaded here
        (not one an import stored) is theirs and stays."""
        data = self.checked.get(path)
        if data is None:
            return None
        if field_file.name and not PurePosixPath(field_file.name).name.startswith("site-"):
            return "unchanged"
        suffix = PurePosixPath(path).suffix.lower()
        name = f"{folder}/site-{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
        if field_file.name == name:
            return "unchanged"
        if not self.dry_run and not default_storage.exists(name):
            saved = default_storage.save(name, io.BytesIO(data))
            self.written.append(saved)
            name = saved
        field_file.name = name
        return "stored"

    def discard(self) -> None:
        for name in self.written:
            default_storage.delete(name)


class SiteWriter:
    def __init__(self, site: SiteContent, files: Files, dry_run: bool, progress):
        self.site, self.files, self.dry_run, self.progress = site, files, dry_run, progress
        self.report = ImportReport(format=f"site ({site.generator})", dry_run=dry_run)
        self.total = len(site.people) + len(site.papers) + len(site.news) + len(site.projects)
        self.total += len(site.software) + len(site.talks) + len(site.courses)
        self.done = 0
        self.names: NameIndex | None = None  # loaded once; again only after a person or variant is added

    def step(self):
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def write(self) -> ImportReport:
        report = self.report
        for place, message in self.site.refused:
            report.add("refused", place, "", message)
        for place, message in self.site.warnings:
            report.warn(place, message)
        self.write_lab()
        people = {person.key: self.write_person(person) for person in self.site.people}
        owner = next((people[p.key] for p in self.site.people if p.is_owner and people.get(p.key)), None)
        self.write_rosters()
        self.write_papers(owner)
        self.write_news()
        ActivityWriter(self.site, report, self.files, self.step).write()
        bump_content_version_on_commit()
        return report

    # -- the lab --------------------------------------------------------------------------------
    def write_lab(self):
        if not self.site.lab_names:
            return
        lab = Lab.load()
        created = lab is None
        lab = lab or Lab(pk=1)
        changed = []
        for language, name in self.site.lab_names.items():
            language = language_by_script(name) if language == "en" else language  # Chinese, not English
            if not getattr(lab, f"name_{language}", None):
                setattr(lab, f"name_{language}", name[:200])
                changed.append(f"name ({language})")
        if changed:
            lab.save()  # the name in the languages it is written in (lab.name would write the active one)
        self.report.add(
            "created" if created else "updated" if changed else "unchanged",
            "config",
            str(lab.name or ""),
            f"the lab's {', '.join(changed)}" if changed else "",
        )

    # -- people ---------------------------------------------------------------------------------
    def write_rosters(self) -> None:
        """The site's people pages, read as rosters: before the papers, so that their authors are
        linked to the people the pages name."""
        for path, text in self.site.rosters:
            roster = import_roster(text)
            for row in roster.rows:
                self.report.add(row.action, f"{path}, {row.place}", row.title, row.reason)
            for warning in roster.warnings:
                self.report.warn(f"{path}, {warning['place']}", warning["message"])
            self.report.notes += [f"{path}: {note}" for note in roster.notes]
            self.names = None  # the people the pages added are authors to match

    def write_person(self, site_person: SitePerson) -> Person | None:
        self.step()
        place = site_person.place
        label = " / ".join(site_person.names.values())
        if self.names is None:
            self.names = NameIndex.from_database()
        found = {}
        for name in site_person.names.values():
            match = self.names.match(name)
            if match.how == "ambiguous":
                self.report.add(
                    "refused", place, label, f"{name!r} could be several people: add a name variant"
                )
                return None
            if match.person_id and match.how not in ("initials",):
                found[match.person_id] = match.how
        if len(found) > 1:
            self.report.add("refused", place, label, "its names are two different people's")
            return None
        values = self.person_values(site_person)
        if found:
            person = Person.objects.get(pk=next(iter(found)))
            changed = [name for name, value in values.items() if value and not getattr(person, name)]
            for name in changed:
                setattr(person, name, values[name])
            if added := [link for link in self.links_of(site_person) if link not in person.links]:
                person.links = [*person.links, *added][:MAX_LINKS]  # the lab's own links stay, first
                changed.append("links")
            action = "updated" if changed else "unchanged"
        else:
            taken = set(Person.objects.values_list("slug", flat=True))
            names = site_person.names
            entry = SimpleNamespace(name_en=names.get("en", ""), name_zh_hans=names.get("zh_hans", ""))
            first = values["name_en"] or values["name_zh_hans"]
            person = Person(
                slug=new_slug(entry, taken),
                name=first,
                links=self.links_of(site_person)[:MAX_LINKS],
                **{k: v or None if k.startswith("name_") else v for k, v in values.items() if v},
            )
            changed, action = [], "created"
        if site_person.photo:
            outcome = self.files.store(site_person.photo, "people", person.photo)
            if outcome is None:
                self.report.warn(
                    place, f"{site_person.photo}: {self.files.problems[site_person.photo]}: left out"
                )
            elif outcome == "stored":
                changed.append("photo")
                action = "updated" if action == "unchanged" else action
        if action != "unchanged":
            person.save()
        if action == "created":
            self.names = None
        for alias in site_person.aliases:
            if alias not in site_person.names.values():
                _alias, added = PersonAlias.objects.get_or_create(person=person, name=alias[:200])
                self.names = None if added else self.names
        if self.write_areas(person, site_person):
            changed.append("research areas")
            action = "updated" if action == "unchanged" else action
        if site_stint(person, site_person, self.site, self.report):
            changed.append("stint")
            action = "updated" if action == "unchanged" else action
        reason = f"person {person.slug}" + (
            f"; changed: {', '.join(changed)}" if changed and action == "updated" else ""
        )
        self.report.add(action, place, label, reason)
        return person

    def person_values(self, site_person: SitePerson) -> dict:
        values = {
            "name_en": site_person.names.get("en", ""),
            "name_zh_hans": site_person.names.get("zh_hans", ""),
            "title_en": site_person.titles.get("en", ""),
            "title_zh_hans": site_person.titles.get("zh_hans", ""),
            "bio_en": site_person.bios.get("en", ""),
            "bio_zh_hans": site_person.bios.get("zh_hans", ""),
            "email": site_person.email[:254] if "@" in site_person.email else "",
            "homepage": site_person.homepage if site_person.homepage.startswith("http") else "",
            "google_scholar_id": site_person.google_scholar_id[:20],
            "github": site_person.github[:39],
            "dblp": site_person.dblp[:100],
        }
        orcid = normalise_orcid(site_person.orcid) if site_person.orcid else ""
        if orcid and re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid) and orcid_checksum_ok(orcid):
            if not Person.objects.filter(orcid=orcid).exists():
                values["orcid"] = orcid
        elif orcid:
            self.report.warn(
                site_person.place, f"the ORCID {site_person.orcid!r} fails its checksum: left out"
            )
        return values

    def links_of(self, site_person: SitePerson) -> list[str]:
        """Their other pages that are web addresses; one that is not is said and left out."""
        kept = []
        for link in dict.fromkeys(site_person.links):
            try:
                validate_web_addresses([link])
            except ValidationError:
                self.report.warn(site_person.place, f"the link {link!r} is not a web address: left out")
                continue
            kept.append(link)
        return kept

    def write_areas(self, person: Person, site_person: SitePerson) -> bool:
        if not site_person.interests:
            return False
        have = set(person.research_areas.values_list("pk", flat=True))
        added = False
        for name in site_person.interests:
            # 阵列信号处理 is zhenlie-xinhao-chuli, in its own order (not read as a person's name)
            slug = slugify(name)[:80] or slugify(" ".join(lazy_pinyin(name)))[:80]
            language = language_by_script(name)
            area, _created = ResearchArea.objects.get_or_create(
                slug=slug, defaults={f"name_{language}": name[:200]}
            )
            if area.pk not in have:
                person.research_areas.add(area)
                added = True
        return added

    # -- papers ---------------------------------------------------------------------------------
    def write_papers(self, owner: Person | None):
        papers = self.site.papers
        if not papers:
            return
        report, ids = save_publications(
            [paper.parsed for paper in papers], format="site", owner=owner, strict=False, refused=[]
        )
        self.report.rows += report.rows
        self.report.matches += report.matches
        self.report.notes += report.notes
        self.report.warnings += report.warnings
        stored = Publication.objects.in_bulk([pk for pk in ids if pk])
        for paper, pk in zip(papers, ids, strict=True):
            self.step()
            if not pk:
                continue
            publication = stored[pk]
            changed = []
            for path, folder, field in (
                (paper.teaser, "papers/teasers", "teaser"),
                (paper.pdf, "papers", "pdf"),
            ):
                if not path:
                    continue
                outcome = self.files.store(path, folder, getattr(publication, field))
                if outcome is None:
                    self.report.warn(paper.parsed.place, f"{path}: {self.files.problems[path]}: left out")
                elif outcome == "stored":
                    changed.append(field)
            if changed:
                # the teaser's size is read and its variants made by the save
                sizes = ["teaser_width", "teaser_height"] if "teaser" in changed else []
                publication.save(update_fields=[*changed, *sizes])
                row = next(r for r in self.report.rows if r.publication_id == pk)
                if row.action == "unchanged":
                    row.action = "updated"
                row.reason += f"; files: {', '.join(changed)}"

    # -- news -----------------------------------------------------------------------------------
    def write_news(self):
        if not self.site.news:
            return
        linker = Linker()
        stored = {}
        for item in NewsItem.objects.all():
            for language in ("en", "zh_hans"):
                if key := news_key(
                    item.date, getattr(item, f"title_{language}") or getattr(item, f"body_{language}")
                ):
                    stored.setdefault(key, item)
        taken = set(NewsItem.objects.values_list("slug", flat=True))
        for news in self.site.news:
            self.step()
            for place, link in news.links:
                self.report.warn(place, f"the link {link!r} points into the old site: not carried over")
            keys = [
                news_key(news.date, news.titles.get(lang) or news.bodies.get(lang))
                for lang in ("en", "zh_hans")
            ]
            item = next((stored[key] for key in keys if key in stored), None)
            label = label_of(next(iter(news.titles.values()), "") or next(iter(news.bodies.values()), ""))
            values = {}
            for language in ("en", "zh_hans"):
                values[f"title_{language}"] = (news.titles.get(language) or "")[:300]
                values[f"body_{language}"] = news.bodies.get(language) or ""
            changed = []
            if item is None:
                item = NewsItem(
                    date=news.date,
                    date_precision=Precision.DAY,
                    slug=news_slug(news.date, label, taken),
                    title=values["title_en"] or values["title_zh_hans"],
                    body=values["body_en"] or values["body_zh_hans"],
                    **{name: value or None for name, value in values.items()},
                )
                action = "created"
            else:
                changed = [n for n, v in values.items() if v and not getattr(item, n)]
                for name in changed:
                    setattr(item, name, values[name])
                action = "updated" if changed else "unchanged"
            if news.image:
                outcome = self.files.store(news.image, "news", item.image)
                if outcome is None:
                    self.report.warn(news.place, f"{news.image}: {self.files.problems[news.image]}: left out")
                elif outcome == "stored" and action != "created":
                    changed.append("image")
                    action = "updated"
            if action != "unchanged":
                item.save()
            text = "\n\n".join(news.bodies.values()) + " " + " ".join(news.titles.values())
            found = ParsedNews(news.place, text, news.date)
            for name, ids in (("publications", linker.papers_in(found)), ("people", linker.people_in(found))):
                have = set(getattr(item, name).values_list("pk", flat=True))
                if ids - have:
                    getattr(item, name).add(*(ids - have))
                    changed.append(name)
                    action = "updated" if action == "unchanged" else action
            for key in keys:
                if key:
                    stored.setdefault(key, item)
            reason = item.slug + (
                f"; changed: {', '.join(changed)}" if changed and action == "updated" else ""
            )
            self.report.add(action, news.place, label[:100], reason)
