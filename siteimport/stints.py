"""A person's stint in the lab from what a site says of them: the group they are listed in (Hugo's
user_groups, an al-folio member's group or category), the course they took at the lab's institution,
and the open-ended line of their career that is the position they hold now."""

import datetime
import re

from django.utils import timezone

from people.models import Membership, Person, Precision, Role
from portal.imports import ImportReport

from .content import SiteContent, SitePerson, same_place

# Group names in the words labs use: the first that fits wins (a supervisor before a student, so that
# "Full Professor | Doctoral supervisor" is faculty).
GROUP_ROLES = [
    (r"alumn|former|graduated|毕业|已毕业|校友", "alumni"),
    (r"principal investigator|\bpi\b|lab director|group leader|lab head|负责人|课题组长", Role.PI),
    (r"post-?doc|博士后", Role.POSTDOC),
    (r"faculty|professor|lecturer|supervisor|staff scientist|教师|教授|讲师|导师", Role.FACULTY),
    (r"ph\.?\s?d|doctoral|博士", Role.PHD),
    (r"master|m\.?sc|硕士", Role.MASTER),
    (r"under\s?grad|bachelor|本科", Role.UNDERGRADUATE),
    (r"visit|访问", Role.VISITOR),
    (r"research(er| staff| scientist)|研究员", Role.RESEARCHER),
    (r"engineer|工程师", Role.ENGINEER),
    (r"admin|secretar|staff|行政|秘书", Role.STAFF),
]

DEGREE_ROLES = [
    (r"ph\.?\s?d|doctor|博士", Role.PHD),
    (r"master|m\.?\s?sc|m\.?\s?eng|m\.?\s?s\.|硕士", Role.MASTER),
    (r"bachelor|b\.?\s?sc|b\.?\s?eng|b\.?\s?s\.|学士|本科", Role.UNDERGRADUATE),
]

YEAR_MONTH = r"((?:19|20)\d\d)(?:\s*[./年-]\s*(\d{1,2})月?)?"
COURSE_YEARS = re.compile(rf"\s*{YEAR_MONTH}\s*[-–—~至]+\s*{YEAR_MONTH}\s*")
# "- **2023-至今** 西南财经大学 计算机与人工智能学院 副教授", "2024/11 - present, Example University"
NOW_HELD = re.compile(
    rf"^\s*(?:[-*+]|\d+\.)?\s*(?:\*\*|__)?\s*{YEAR_MONTH}\s*[-–—~至]+\s*"
    r"(?:至今|今|现在|present|now|current|today)\s*(?:\*\*|__)?\s*[,，:：]?\s*(?P<rest>.+)$",
    re.I | re.M,
)


def role_of(group: str):
    for pattern, role in GROUP_ROLES:
        if re.search(pattern, group, re.I):
            return role
    return None


def a_month(year: str, month: str | None) -> tuple[datetime.date, str]:
    if month and 1 <= int(month) <= 12:
        return datetime.date(int(year), int(month), 1), Precision.MONTH
    return datetime.date(int(year), 1, 1), Precision.YEAR


def site_stint(person: Person, site_person: SitePerson, site: SiteContent, report: ImportReport) -> bool:
    """A stint from the site's groups, for someone the lab has none for yet: its role; for a current
    member the start of the position they hold now; for an alumnus the years of the course they took
    in the lab's own institution (or, without one, an end not known, as the roster keeps them)."""
    if not site_person.groups or person.memberships.exists():
        return False
    roles = [role_of(group) for group in site_person.groups]
    alumnus = "alumni" in roles
    # the lab's head whatever else the page says of them ("Assistant Professor", "Principal Investigator")
    role = Role.PI if Role.PI in roles else next((r for r in roles if r and r != "alumni"), Role.MEMBER)
    stint = Membership(person=person, role=role, destination=site_person.destination[:300])
    institutions = lab_institutions(site)
    if alumnus:
        course = course_in_lab(site_person, institutions)
        if course is None:
            stint.start_on, stint.end_on, stint.end_precision = None, timezone.localdate(), Precision.UNKNOWN
            report.warn(
                site_person.place,
                f"{site_person.groups[0]!r}: an alumnus, but no course at the lab's institution gives the "
                "years: kept as having left by now",
            )
        else:
            (stint.start_on, stint.start_precision), (stint.end_on, stint.end_precision), degree_role = course
            stint.role = degree_role or (role if role != Role.MEMBER else Role.MASTER)
    elif held := position_held(site_person, institutions):
        stint.start_on, stint.start_precision = held
    stint.save()
    person.update_from_memberships()
    return True


def course_in_lab(site_person: SitePerson, institutions: list[str]):
    for course in site_person.courses:
        years = COURSE_YEARS.fullmatch(str(course.get("year") or ""))
        place = str(course.get("institution") or "")
        if not years or not any(same_place(place, known) for known in institutions):
            continue
        words = str(course.get("course") or "")
        role = next((r for pattern, r in DEGREE_ROLES if re.search(pattern, words, re.I)), "")
        start, start_precision = a_month(years[1], years[2])
        end, end_precision = a_month(years[3], years[4])
        if not years[4]:
            end = datetime.date(end.year, 12, 31)
        return (start, start_precision), (end, end_precision), role
    return None


def position_held(site_person: SitePerson, institutions: list[str]):
    """(start, precision) of the open-ended line of their career ("2023-至今 西南财经大学 … 副教授") at
    the lab's institution or their own organisation."""
    places = [*institutions, *site_person.organizations]
    for bio in site_person.bios.values():
        for found in NOW_HELD.finditer(bio):
            rest = found.group("rest")
            if not places or any(same_place(place, rest) for place in places):
                return a_month(found.group(1), found.group(2))
    return None


def lab_institutions(site: SiteContent) -> list[str]:
    """Where the lab is: the organisations of its faculty, as the site names them."""
    found = []
    for person in site.people:
        if any(role_of(group) in (Role.PI, Role.FACULTY) for group in person.groups):
            found += person.organizations
    return found
