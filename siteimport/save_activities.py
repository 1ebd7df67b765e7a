"""Writing a site's projects, software, talks and courses (siteimport.activities) as the portal's
records: a record already stored (the same title, or the same repository) is completed, never emptied,
so a second import of the same site changes nothing."""

from django.db.models import Q

from activities.models import Course, Project, Software, Talk
from people.names import NameIndex
from portal.imports import ImportReport

from .activities import SiteCourse, SiteProject, SiteSoftware, SiteTalk
from .content import SiteContent, label_of

LANGUAGES = ("en", "zh_hans")


def fill(record, values: dict) -> list[str]:
    """Set the fields of `values` that the record has empty; the names of those set."""
    changed = []
    for name, value in values.items():
        if value not in ("", None, [], {}) and getattr(record, name) in ("", None):
            setattr(record, name, value)
            changed.append(name)
    return changed


def translated(field: str, texts: dict, limit: int | None = None) -> dict:
    return {
        f"{field}_{language}": (texts.get(language) or "")[:limit] if limit else texts.get(language) or ""
        for language in LANGUAGES
    }


def by_title(model, titles: dict, **same):
    """A stored record of `model` with one of these titles (in its language), narrowed by `same`."""
    query = Q(pk__in=[])
    for language, title in titles.items():
        query |= Q(**{f"title_{language}": title[:300]})
    return model.objects.filter(query, **same).first()


class ActivityWriter:
    def __init__(self, site: SiteContent, report: ImportReport, files, step):
        self.site, self.report, self.files, self.step = site, report, files, step
        self.names = NameIndex.from_database()

    def people(self, names: list[str]) -> list:
        found = []
        for name in names:
            match = self.names.match(name)
            if match.person_id and match.how not in ("initials", "ambiguous"):
                found.append(match.person_id)
        return found

    def outcome(self, record, changed: list[str], created: bool, place: str, label: str) -> None:
        if created or changed:
            record.save()
        action = "created" if created else "updated" if changed else "unchanged"
        self.report.add(action, place, label[:100], "" if created or not changed else ", ".join(changed))

    def write(self) -> None:
        for project in self.site.projects:
            self.write_project(project)
        for item in self.site.software:
            self.write_software(item)
        for talk in self.site.talks:
            self.write_talk(talk)
        for course in self.site.courses:
            self.write_course(course)

    def write_project(self, site_project: SiteProject) -> None:
        self.step()
        record = by_title(Project, site_project.titles)
        created = record is None
        record = record or Project(kind=site_project.kind, role="lead")
        values = {
            **translated("title", site_project.titles, 300),
            **translated("summary", site_project.summaries),
            **translated("funder", site_project.funders, 200),
            **translated("programme", site_project.programmes, 200),
            "start_on": site_project.start,
            "end_on": site_project.end,
            "url": site_project.url[:500],
        }
        changed = fill(record, values)
        leaders = self.people([site_project.leader]) if site_project.leader else []
        if leaders and record.principal_investigator_id is None:
            record.principal_investigator_id = leaders[0]
            changed.append("principal investigator")
        if site_project.image:
            outcome = self.files.store(site_project.image, "projects", record.image)
            if outcome is None:
                self.report.warn(
                    site_project.place, f"{site_project.image}: {self.files.problems[site_project.image]}"
                )
            elif outcome == "stored":
                changed.append("image")
        label = label_of(next(iter(site_project.titles.values()), ""))
        self.outcome(record, [] if created else changed, created, site_project.place, label)
        if leaders:
            record.people.add(*leaders)

    def write_software(self, site_item: SiteSoftware) -> None:
        self.step()
        record = (
            Software.objects.filter(repository__iexact=site_item.repository).first()
            if site_item.repository
            else None
        )
        record = record or Software.objects.filter(name=site_item.name, repository="").first()
        created = record is None
        record = record or Software(name=site_item.name[:120])
        changed = fill(
            record, {"repository": site_item.repository, **translated("tagline", site_item.descriptions, 300)}
        )
        self.outcome(record, [] if created else changed, created, site_item.place, site_item.name)

    def write_talk(self, site_talk: SiteTalk) -> None:
        self.step()
        record = by_title(Talk, site_talk.titles, date=site_talk.date)
        created = record is None
        record = record or Talk(date=site_talk.date, kind=site_talk.kind)
        values = {
            **translated("title", site_talk.titles, 300),
            **translated("event", site_talk.events, 300),
            **translated("place", site_talk.places, 200),
            **translated("abstract", site_talk.abstracts),
            "url": site_talk.url[:500],
            "slides_url": site_talk.slides_url[:500],
            "video_url": site_talk.video_url[:500],
        }
        changed = fill(record, values)
        self.outcome(
            record,
            [] if created else changed,
            created,
            site_talk.place,
            label_of(next(iter(site_talk.titles.values()), "")),
        )
        if speakers := self.people(site_talk.speakers):
            record.speakers.add(*speakers)

    def write_course(self, site_course: SiteCourse) -> None:
        self.step()
        record = by_title(Course, site_course.titles, year=site_course.year, season=site_course.season)
        created = record is None
        record = record or Course(year=site_course.year, season=site_course.season, level=site_course.level)
        values = {
            **translated("title", site_course.titles, 300),
            **translated("institution", site_course.institutions, 200),
            **translated("description", site_course.descriptions),
            "code": site_course.code,
            "url": site_course.url,
        }
        changed = fill(record, values)
        self.outcome(
            record,
            [] if created else changed,
            created,
            site_course.place,
            label_of(next(iter(site_course.titles.values()), "")),
        )
        if teachers := self.people(site_course.teachers):
            record.teachers.add(*teachers)
