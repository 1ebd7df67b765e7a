"""/api/v1/projects/, /software/, /talks/, /courses/, /openings/: the other lists' conventions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from activities.models import Project
from tests.activities.factories import (
    CourseFactory,
    OpeningFactory,
    ProjectFactory,
    SoftwareFactory,
    TalkFactory,
)
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db
LISTS = {
    "projects": ProjectFactory, "software": SoftwareFactory, "talks": TalkFactory, "courses": CourseFactory,
    "openings": OpeningFactory,
}  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_each_list_answers_with_translated_fields_its_page_and_no_drafts(api, name):
    LISTS[name]()
    LISTS[name](is_published=False)
    data = api.get(f"/api/v1/{name}/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["page"].startswith("http://testserver/en/") and item["is_published"] is True
    if "title" in item:
        assert set(item["title"]) == {"en", "zh-hans"}


@pytest.mark.parametrize("name", LISTS)
def test_each_list_runs_the_same_queries_for_5_and_50_records(api, name):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/{name}/?page_size=100").status_code == 200
        return len(captured)

    people, papers = PersonFactory.create_batch(3), PublicationFactory.create_batch(3)

    def make(count):
        for record in LISTS[name].create_batch(count):
            for field in ("people", "speakers", "teachers", "supervisors"):
                if hasattr(record, field):
                    getattr(record, field).set(people)
            if hasattr(record, "publications"):
                record.publications.set(papers)

    make(5)
    small = queries()
    make(45)
    assert queries() == small


@pytest.mark.parametrize("name", LISTS)
def test_anonymous_clients_never_write(api, name):
    record = LISTS[name]()
    assert api.post(f"/api/v1/{name}/", {}, format="json").status_code in (401, 403)
    assert api.delete(f"/api/v1/{name}/{record.pk}/").status_code in (401, 403)


def test_an_editor_creates_a_project_in_both_languages_and_refuses_one_ending_before_it_starts(staff_api):
    lead = PersonFactory(slug="li-jiang")
    made = staff_api.post("/api/v1/projects/", {
        "title": {"en": "PIM for AI", "zh-hans": "存算一体"}, "kind": "national", "role": "lead",
        "principal_investigator": "li-jiang", "people": ["li-jiang"], "start_on": "2024-01-01",
        "programme": {"zh-hans": "面上项目"},
    }, format="json")  # fmt: skip
    assert made.status_code == 201, made.json()
    project = Project.objects.get()
    assert project.slug == "pim-for-ai" and project.principal_investigator == lead
    assert made.json()["years"] == "2024–"
    wrong = staff_api.post("/api/v1/projects/", {
        "title": {"en": "Backwards"}, "start_on": "2024-01-01", "end_on": "2023-01-01",
    }, format="json")  # fmt: skip
    assert wrong.status_code == 400 and "end_on" in wrong.json()


def test_a_bad_query_gets_a_clear_400(api):
    assert api.get("/api/v1/projects/?year=abc").status_code == 400
    assert api.get("/api/v1/talks/?kind=party").status_code == 400
    assert api.get("/api/v1/courses/?level=").status_code == 400


def test_projects_filter_by_the_year_they_ran_and_by_person(api):
    person = PersonFactory(slug="ann")
    old = ProjectFactory(start_on=datetime.date(2015, 1, 1), end_on=datetime.date(2017, 12, 31))
    running = ProjectFactory(start_on=datetime.date(2022, 1, 1), end_on=None)
    running.people.add(person)
    slugs = lambda query: [p["slug"] for p in api.get(f"/api/v1/projects/?{query}").json()["results"]]  # noqa: E731
    assert slugs("year=2016") == [old.slug]
    assert slugs("year=2025") == [running.slug]
    assert slugs("person=ann") == [running.slug]


def test_an_amount_is_given_to_visitors_only_when_the_lab_shows_it(api, staff_api):
    ProjectFactory(amount_en="¥580,000", show_amount=False)
    assert api.get("/api/v1/projects/").json()["results"][0]["amount"] == {"en": "", "zh-hans": ""}
    assert staff_api.get("/api/v1/projects/").json()["results"][0]["amount"]["en"] == "¥580,000"


def test_an_opening_past_its_deadline_is_gone_for_visitors_and_kept_for_editors(api, staff_api):
    OpeningFactory(deadline=timezone.localdate() - datetime.timedelta(days=1))
    open_one = OpeningFactory(deadline=None)
    assert [o["slug"] for o in api.get("/api/v1/openings/").json()["results"]] == [open_one.slug]
    assert staff_api.get("/api/v1/openings/").json()["count"] == 2


@pytest.mark.django_db(transaction=True)  # the content version moves when a change commits
def test_a_list_answers_304_to_a_client_that_has_it(api):
    TalkFactory()
    first = api.get("/api/v1/talks/")
    assert api.get("/api/v1/talks/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    TalkFactory()
    assert api.get("/api/v1/talks/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_member_adds_a_talk_as_a_draft_and_may_change_only_their_own(django_user_model):
    user = django_user_model.objects.create_user("talker", password="member-pass-123")
    user.groups.add(Group.objects.get(name="Member"))
    PersonFactory(slug="talker", user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    made = client.post("/api/v1/talks/", {"title": {"en": "My talk"}, "date": "2025-03-01",
                                          "speakers": ["talker"]}, format="json")  # fmt: skip
    assert made.status_code == 201 and made.json()["is_published"] is False
    other = TalkFactory()
    assert client.patch(f"/api/v1/talks/{other.pk}/", {"kind": "keynote"}, format="json").status_code in (
        403,
        404,
    )


def test_the_schema_documents_the_new_lists(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/projects/", "/api/v1/software/", "/api/v1/talks/", "/api/v1/courses/",
                 "/api/v1/openings/"):  # fmt: skip
        assert path in schema["paths"], path
