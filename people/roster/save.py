"""Writing roster entries as people and their stints, recognising what is stored."""

import calendar
import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from pypinyin import lazy_pinyin

from portal.imports import ImportFailed, ImportReport, Progress, in_file_order, start_report
from publications.models import Authorship

from ..models import Membership, Person, Precision, Role, Supervision
from ..names import CJK, NameIndex, full_keys, split_name
from .parse import RosterEntry, parse_roster

Point = tuple[int, int | None]  # (year, month or None), as a roster prints a date


SUPERVISED_ROLES = {Role.PHD, Role.MASTER, Role.UNDERGRADUATE, Role.POSTDOC, Role.MEMBER}


def first_day(point: Point) -> datetime.date:
    year, month = point
    return datetime.date(year, month or 1, 1)


def last_day(point: Point) -> datetime.date:
    year, month = point
    month = month or 12
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def precision(point: Point) -> str:
    return Precision.MONTH if point[1] else Precision.YEAR


def new_slug(entry: RosterEntry, taken: set[str]) -> str:
    """From the English name, else the Chinese name's pinyin, given name first ("siyuan-chen")."""
    parts = split_name(entry.name_zh_hans) if entry.name_zh_hans else None
    pinyin = f"{parts[0]} {parts[1]}" if parts else " ".join(lazy_pinyin(entry.name_zh_hans))
    base = slugify(entry.name_en) or slugify(pinyin) or "person"
    slug, number = base[:70], 2
    while slug in taken:
        slug, number = f"{base[:70]}-{number}", number + 1
    taken.add(slug)
    return slug


class RosterImporter:
    def __init__(self, report: ImportReport, supervisor: Person | None):
        self.report = report
        self.supervisor = supervisor
        self.names = NameIndex.from_database()
        self.people = {p.pk: p for p in Person.objects.all()}
        self.taken = {p.slug for p in self.people.values()}
        self.created: dict[str, Person] = {}  # full name keys of people this import created
        self.stints: dict[int, list[Membership]] = {}
        for stint in Membership.objects.prefetch_related("supervisions"):
            self.stints.setdefault(stint.person_id, []).append(stint)
        self.claimed: set[int] = set()  # stints an entry of this roster has taken
        self.touched: set[int] = set()
        self.own_page = False  # a supervisor's own page, marking no one: their students are theirs

    def link_earlier_papers(self) -> None:
        """The people this roster added are the authors of papers imported before them that print
        their full name: linked now, not at the papers' next import."""
        created: dict[str, set[int]] = {}
        for key, person in self.created.items():
            created.setdefault(key, set()).add(person.pk)
        if not created:
            return
        linked: dict[int, list[int]] = {}
        for pk, name in Authorship.objects.filter(person__isnull=True).values_list("pk", "name"):
            found = set().union(*(created.get(key, set()) for key in full_keys(name)))
            if len(found) == 1:
                linked.setdefault(found.pop(), []).append(pk)
        for person_id, authorships in linked.items():
            Authorship.objects.filter(pk__in=authorships).update(person_id=person_id)
            slug = self.people[person_id].slug
            self.report.notes.append(f"{slug}: linked to {len(authorships)} authorships of stored papers")

    def person_for(self, entry: RosterEntry) -> Person | None:
        for key in full_keys(entry.name):
            if key in self.created:
                return self.created[key]
        names = [n for n in (entry.name_en, entry.name_zh_hans) if n] or [entry.name]
        found = {}
        for name in names:
            match = self.names.match(name)
            if match.how == "ambiguous":
                candidates = ", ".join(self.people[pk].slug for pk in match.candidates)
                entry.problems.append(
                    f"{name!r} could be {candidates}: add a name variant to tell them apart"
                )
                return None
            if match.person_id and match.how != "initials":
                found[match.person_id] = match.how
        if len(found) > 1:
            entry.problems.append(
                f"{entry.name!r} names two people: {', '.join(self.people[pk].slug for pk in found)}"
            )
            return None
        if found:
            person_id, how = next(iter(found.items()))
            person = self.people[person_id]
            self.report.matches.append(
                {"place": entry.place, "name": entry.name, "person": person.slug, "how": how}
            )
            if entry.homepage and not person.homepage:
                person.homepage = entry.homepage
                person.save(update_fields=["homepage", "updated_at"])
            return person
        person = Person.objects.create(
            slug=new_slug(entry, self.taken), name=entry.name_en or entry.name_zh_hans,
            name_en=entry.name_en or None, name_zh_hans=entry.name_zh_hans or None, homepage=entry.homepage,
            role=entry.role,
        )  # fmt: skip
        self.people[person.pk] = person
        for key in full_keys(entry.name):
            self.created[key] = person
        self.report.notes.append(
            f"{entry.place}: {entry.name!r} is nobody in the lab yet: person {person.slug} created"
        )
        return person

    def find_stint(self, person: Person, entry: RosterEntry) -> Membership | None:
        stints = [s for s in self.stints.get(person.pk, []) if s.pk not in self.claimed]
        if not entry.is_alumnus:
            same_role = [s for s in stints if s.role == entry.role]
            start_year = entry.start[0] if entry.start else None
            ranked = [
                s for s in same_role if s.end_on is None and s.start_on and s.start_on.year == start_year
            ]
            ranked += [s for s in same_role if s.end_on is None]
            ranked += [s for s in same_role if start_year and s.start_on and s.start_on.year == start_year]
            return ranked[0] if ranked else None
        role_fits = [s for s in stints if entry.role == Role.MEMBER or s.role in (entry.role, Role.MEMBER)]
        end_year = entry.end[0] if entry.end else None
        ranked = [s for s in role_fits if s.end_on and s.end_on.year == end_year]
        ranked += [s for s in role_fits if end_year is None and s.end_precision == Precision.UNKNOWN]
        ranked += [
            s for s in role_fits
            if s.end_on is None and (s.start_on is None or end_year is None or s.start_on.year <= end_year)
        ]  # fmt: skip
        return ranked[0] if ranked else None

    def values(self, entry: RosterEntry) -> dict[str, Any]:
        values: dict[str, Any] = {"role": entry.role}
        if entry.start:
            values |= {"start_on": first_day(entry.start), "start_precision": precision(entry.start)}
        if entry.end:
            values |= {"end_on": last_day(entry.end), "end_precision": precision(entry.end)}
        elif entry.is_alumnus:  # listed among the alumni with no year: they had left by today
            values |= {"end_on": timezone.localdate(), "end_precision": Precision.UNKNOWN}
        if entry.degree:
            values["degree"] = entry.degree
        if entry.destination:
            language = "zh_hans" if CJK.search(entry.destination) else "en"
            values[f"destination_{language}"] = entry.destination
        if entry.destination_url:
            values["destination_url"] = entry.destination_url
        return values

    def save(self, entry: RosterEntry) -> None:
        person = self.person_for(entry)
        if person is None:
            self.report.add("refused", entry.place, entry.label, "; ".join(entry.problems))
            return
        for message in entry.warnings:
            self.report.warn(entry.place, message)
        if entry.title and not person.title:  # a position the page prints, where none is stored
            language = "zh_hans" if CJK.search(entry.title) else "en"
            setattr(person, f"title_{language}", entry.title)
            person.title = person.title or entry.title
            person.save(update_fields=["title", f"title_{language}"])
        stint = self.find_stint(person, entry)
        values = self.values(entry)
        changed = []
        if stint is None:
            if entry.role == Role.MEMBER and not self.stints.get(person.pk):
                values["role"] = person.role  # the one role known of them
            stint = Membership(person=person, **values)
            stint.save()
            self.stints.setdefault(person.pk, []).append(stint)
            action = "created"
            if stint.role == Role.MEMBER:
                self.report.warn(entry.place, "the roster does not say the role: recorded as member")
        else:
            for name, value in values.items():
                current = getattr(stint, name)
                if name == "role":
                    if stint.role == Role.MEMBER and value != Role.MEMBER:
                        stint.role = entry.role
                        changed.append(name)
                elif name.endswith("_precision"):
                    continue  # set with its date
                elif current in (None, ""):
                    setattr(stint, name, value)
                    if name in ("start_on", "end_on"):
                        precision_name = name.replace("_on", "_precision")
                        setattr(stint, precision_name, values[precision_name])
                    changed.append(name)
            if changed:
                stint.save()
            action = "updated" if changed else "unchanged"
        self.claimed.add(stint.pk)
        if self.supervise(stint, entry):
            changed.append("supervisor")
            action = "updated" if action == "unchanged" else action
        self.touched.add(person.pk)
        reason = f"{'new stint of ' if action == 'created' else ''}{person.slug}"
        if changed:
            reason += f"; changed: {', '.join(changed)}"
        label = f"{entry.name} — {stint.get_role_display()}{(' ' + stint.period) if stint.period else ''}"
        self.report.add(action, entry.place, label, reason)

    def supervise(self, stint: Membership, entry: RosterEntry) -> bool:
        """Record the roster's supervisor on the stint, and the co-supervisors it names who are in the
        lab ("co-supervision with A. Legrain"); whether that changed anything. On a supervisor's own
        page (--supervisor) that says of nobody whether they are supervised, each student it lists is
        theirs, alumni too."""
        if not entry.supervision and self.own_page and stint.role in SUPERVISED_ROLES:
            entry.supervision = "main"
        if not entry.supervision:
            return False
        changed = False
        for name in entry.co_supervisors:
            match = self.names.match(name)
            if match.person_id and match.how != "ambiguous":
                changed |= self.add_supervisor(stint, self.people[match.person_id], is_main=False)
            else:
                self.report.notes.append(
                    f"{entry.place}: co-supervisor {name!r} is nobody in the lab: not recorded"
                )
        if self.supervisor is None:
            if not entry.co_supervisors:
                self.report.warn(
                    entry.place,
                    f"{entry.supervision == 'co' and 'co-' or ''}supervised, but by whom? Give the roster's "
                    "supervisor (--supervisor SLUG) to record it",
                )
            return changed
        return self.add_supervisor(stint, self.supervisor, is_main=entry.supervision == "main") or changed

    def add_supervisor(self, stint: Membership, supervisor: Person, is_main: bool) -> bool:
        existing = next((s for s in stint.supervisions.all() if s.supervisor_id == supervisor.pk), None)
        if existing is None:
            Supervision.objects.create(
                membership=stint, supervisor=supervisor, is_main=is_main, order=len(stint.supervisions.all())
            )
            stint._prefetched_objects_cache = {}  # type: ignore[attr-defined]  # read afresh if asked again
            return True
        if existing.is_main != is_main:
            existing.is_main = is_main
            existing.save(update_fields=["is_main"])
            return True
        return False


def import_roster(text: str, *, supervisor: Person | None = None, dry_run: bool = False, strict: bool = False,
                  progress: Progress = None) -> ImportReport:  # fmt: skip
    """Import a roster in one transaction: each entry that can be read is stored as a stint (and its
    person, when new); an entry with a problem is refused and named. Strict: all or nothing, raising
    ImportFailed. `supervisor`: whose roster it is, recorded on the entries marked "supervised" or
    "co-supervised"."""
    entries, skipped = parse_roster(text)
    if not entries and not skipped:
        raise ImportFailed([("", "no roster entries: write them as list items under role headings (## PhD)")])
    report = start_report("roster", entries, skipped, strict=strict, dry_run=dry_run)
    with transaction.atomic():
        importer = RosterImporter(report, supervisor)
        importer.own_page = supervisor is not None and not any(entry.supervision for entry in entries)
        # Current stints first, so that an alumni line of someone also listed as current ("Name A"
        # above) is not taken for the end of their current stint.
        ordered = sorted(entries, key=lambda e: e.is_alumnus)
        for done, entry in enumerate(ordered, start=1):
            if entry.problems:
                report.add("refused", entry.place, entry.label, "; ".join(entry.problems))
            else:
                importer.save(entry)
            if progress:
                progress(done, len(entries))
        if strict and report.counts["refused"]:
            raise ImportFailed([(row.place, row.reason) for row in report.rows if row.action == "refused"])
        for person_id in importer.touched:
            person = importer.people[person_id]
            person.update_from_memberships(importer.stints.get(person_id, []))
        importer.link_earlier_papers()
        if dry_run:
            transaction.set_rollback(True)
    in_file_order(report)
    return report
