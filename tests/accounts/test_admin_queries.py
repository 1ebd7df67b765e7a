"""The admin's lists run a fixed number of SQL queries with the object-level checks in place, for an
editor (everything) and for a member (their own records), whatever the size of the lab's data."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import EDITOR, MEMBER
from devtools.bench import BenchSize, make_bench_data
from people.models import Person
from portal.models import Lab

pytestmark = pytest.mark.django_db

SMALL = BenchSize(publications=10, people=6, venues=5, achievements=3, heavy_author_papers=8)
LARGE = BenchSize(publications=400, people=60, venues=30, achievements=20, heavy_author_papers=150)
LISTS = {
    "papers": "admin:publications_publication_changelist",
    "people": "admin:people_person_changelist",
    "news": "admin:news_newsitem_changelist",
    "achievements": "admin:achievements_achievement_changelist",
    "honours": "admin:people_honor_changelist",
    "review": "admin:accounts_pendingchange_changelist",
    "imports": "admin:jobs_importjob_changelist",
}
# Each: session, user, two-factor devices, role groups, content types, the user's and their groups'
# permissions, their person, the count waiting for review (editors) or their own (members), the lab;
# then the list's own: counts (filtered and whole), rows, filter choices. The papers: one count (no
# "N total", portal.admin_lists), and for an editor, on PostgreSQL, the table's estimated size first.
EXPECTED = {
    EDITOR: {
        "papers": 15 if connection.vendor == "postgresql" else 14,
        "people": 13,
        "news": 14,
        "achievements": 14,
        "honours": 13,
        "review": 12,  # its filter of kinds is the kinds that are reviewed: no query for them
        "imports": 15,
    },
    MEMBER: {"papers": 13, "people": 12, "news": 13, "achievements": 13, "review": 11, "imports": 14},
}


def accounts():
    editor = User.objects.create_user("list-editor", password="x-pass-12345", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    member = User.objects.create_user("list-member", password="x-pass-12345", is_staff=True)
    member.groups.add(Group.objects.get(name=MEMBER))
    return {EDITOR: editor, MEMBER: member}


def link_member(member) -> None:
    """The member is the lab's busiest author (the bench data replaces its people each time)."""
    busiest = Person.objects.annotate(papers=Count("authorships")).order_by("-papers", "pk").first()
    Person.objects.filter(pk=busiest.pk).update(user=member)


def count_queries(client, users):
    link_member(users[MEMBER])
    counts = {}
    for role, user in users.items():
        client.force_login(user)
        counts[role] = {}
        for name, url in LISTS.items():
            if role == MEMBER and name == "honours":
                continue  # not a member's to see
            client.get(reverse(url))  # sessions and caches settled
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(url))
            assert response.status_code == 200, (role, name, response.status_code)
            counts[role][name] = len(queries)
    return counts


def test_admin_lists_run_the_same_queries_for_small_and_large_labs(client):
    Lab.objects.create(name_en="Bench Lab")
    users = accounts()
    make_bench_data(SMALL)
    small = count_queries(client, users)
    make_bench_data(LARGE)
    large = count_queries(client, users)
    assert small == large == EXPECTED
