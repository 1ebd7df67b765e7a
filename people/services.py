"""The roster: who is in the lab in which role, since when, supervised by whom, and where alumni went.

Pages, the API and the annual report read it from here; everything is computed in one pass over the
stints, loaded with their people and supervisors in a fixed number of queries.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise

from .models import ROLE_ORDER, ROLE_PLURALS, Membership, Person, Precision, Role, Supervision


def stints_of(people: QuerySet[Person]) -> list[Membership]:
    """Every stint of `people` (a queryset), with its person, the person's research areas and the
    visible supervisors; a person without any stint gets one made from their role and dates (not
    stored), so that nobody drops off the roster."""
    supervisions = Supervision.objects.filter(supervisor__in=people).select_related("supervisor")
    stints = list(
        Membership.objects.filter(person__in=people)
        .select_related("person")
        .prefetch_related("person__research_areas", Prefetch("supervisions", queryset=supervisions))
    )
    with_stints = {stint.person_id for stint in stints}
    for person in people.exclude(pk__in=with_stints).prefetch_related("research_areas"):
        stint = Membership(
            person=person, role=person.role, start_on=person.joined_on, end_on=person.left_on,
            start_precision=Precision.DAY, end_precision=Precision.DAY,
        )  # fmt: skip
        stints.append(stint)
    return stints


@dataclass
class Roster:
    groups: list[tuple[str, str | Promise, list[Membership]]] = field(
        default_factory=list
    )  # role, label, stints
    alumni: list[tuple[int, list[Membership]]] = field(default_factory=list)  # (year left, stints)


def ended(stint: Membership) -> datetime.date:
    """The day an ended stint ended (only ended stints are asked)."""
    assert stint.end_on is not None
    return stint.end_on


def roster(people: QuerySet[Person]) -> Roster:
    """Current members by role (senior roles first), and alumni by the year they left (latest first).
    A person with a current stint and an ended one (a master's student now a PhD student elsewhere
    supervised from here) is in both, as rosters print them."""
    stints = stints_of(people)
    current = sorted(
        (s for s in stints if s.end_on is None),
        key=lambda s: (
            ROLE_ORDER[s.role],
            s.person.display_order,
            s.start_on is None,
            s.start_on,
            s.person.slug,
        ),
    )
    former = sorted(
        (s for s in stints if s.end_on is not None),
        key=lambda s: (-ended(s).year, ROLE_ORDER[s.role], s.person.display_order, s.person.slug),
    )
    groups = [(role, list(group)) for role, group in groupby(current, key=lambda s: s.role)]
    return Roster(
        groups=[(role, ROLE_PLURALS[role] if len(g) > 1 else Role(role).label, g) for role, g in groups],
        alumni=[(year, list(group)) for year, group in groupby(former, key=lambda s: ended(s).year)],
    )


def roster_counts(year: int | None = None, people: QuerySet[Person] | None = None) -> dict[str, Any]:
    """Head counts: current members per role, and per year the stints that began and ended, per role.
    With `year`, "members" counts the stints that lasted into that year, and only that year's joins and
    leaves are given. For the annual report and the API."""
    people = Person.objects.public() if people is None else people
    rows = Membership.objects.filter(person__in=people).values_list("role", "start_on", "end_on")
    members: Counter[str] = Counter()
    joined: defaultdict[int, Counter[str]] = defaultdict(Counter)
    left: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for role, start_on, end_on in rows:
        if year is None:
            if end_on is None:
                members[role] += 1
        elif (start_on is None or start_on.year <= year) and (end_on is None or end_on.year >= year):
            members[role] += 1
        if start_on and (year is None or start_on.year == year):
            joined[start_on.year][role] += 1
        if end_on and (year is None or end_on.year == year):
            left[end_on.year][role] += 1

    def by_role(counter: Counter[str]) -> dict[str, int]:
        return {role: counter[role] for role in Role.values if counter[role]}

    return {
        "year": year,
        "members": by_role(members),
        "members_total": sum(members.values()),
        "joined": {y: by_role(c) for y, c in sorted(joined.items(), reverse=True)},
        "left": {y: by_role(c) for y, c in sorted(left.items(), reverse=True)},
    }


def students_of(person: Person, people: QuerySet[Person]) -> tuple[list[Supervision], list[Supervision]]:
    """The stints `person` supervises among `people`, (current, former), each with its person."""
    supervisions = list(
        Supervision.objects.filter(supervisor=person, membership__person__in=people)
        .select_related("membership__person")
        .order_by("membership__role", "-membership__start_on", "membership__person__slug")
    )
    supervisions.sort(key=lambda s: (ROLE_ORDER[s.membership.role], not s.is_main))
    current = [s for s in supervisions if s.membership.end_on is None]
    former = [s for s in supervisions if s.membership.end_on is not None]
    former.sort(key=lambda s: -ended(s.membership).toordinal())
    return current, former
