"""Who may read and write what: anonymous, logged-in non-staff and staff × read/write × published/draft."""

import pytest

from people.models import Supervision
from tests.achievements.factories import AchievementFactory
from tests.activities.factories import (
    CourseFactory,
    OpeningFactory,
    ProjectFactory,
    SoftwareFactory,
    TalkFactory,
)
from tests.news.factories import NewsItemFactory
from tests.people.factories import HonorFactory, MembershipFactory, PersonFactory, ResearchAreaFactory
from tests.publications.factories import (
    AuthorshipFactory,
    CollectionFactory,
    PublicationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def person(published=True):
    return PersonFactory(is_published=published)


ENDPOINTS = {
    # name: (factory(published), lookup, a valid body for create, a change for update)
    "people": (
        person,
        "slug",
        lambda: {"slug": "new-person", "name": {"en": "New Person"}},
        {"display_order": 3},
    ),
    "publications": (
        lambda published=True: PublicationFactory(is_published=published),
        "slug",
        lambda: {"title": {"en": "A new paper"}, "year": 2025, "kind": "conference"},
        {"year": 2024},
    ),
    "achievements": (
        lambda published=True: AchievementFactory(is_published=published),
        "id",
        lambda: {"year": 2025, "slug": "new-result", "title": {"zh-hans": "新成果"}},
        {"order": 3},
    ),
    "collections": (
        lambda published=True: CollectionFactory(is_published=published),
        "slug",
        lambda: {"slug": "new-list", "title": {"en": "New list"}},
        {"order": 2},
    ),
    "honors": (
        lambda published=True: HonorFactory(person=person(published)),
        "id",
        lambda: {"person": PersonFactory().slug, "year": 2024, "title": {"en": "An award"}},
        {"year": 2023},
    ),
    "news": (
        lambda published=True: NewsItemFactory(is_published=published),
        "id",
        lambda: {"date": "2024-07-01", "date_precision": "month", "body": {"en": "Our paper was accepted."}},
        {"date_precision": "day"},
    ),
    "memberships": (
        lambda published=True: MembershipFactory(person=person(published)),
        "id",
        lambda: {"person": PersonFactory().slug, "role": "master", "start_on": "2024-09-01"},
        {"degree": "master"},
    ),
    "research-areas": (
        lambda published=True: ResearchAreaFactory(),
        "slug",
        lambda: {"slug": "new-area", "name": {"en": "New area"}},
        {"order": 4},
    ),
    "venues": (
        lambda published=True: VenueFactory(),
        "id",
        lambda: {"name": "Workshop on New Things", "acronym": "WNT", "kind": "workshop"},
        {"publisher": "ACM"},
    ),
}
WITH_DRAFTS = {"people", "publications", "achievements", "collections", "honors", "news", "memberships"}


def detail(name, record):
    key = ENDPOINTS[name][1]
    return f"/api/v1/{name}/{getattr(record, key)}/"


def listed(client, name, record):
    key = ENDPOINTS[name][1]
    query = {"page_size": 200, **({"search": record.acronym} if name == "venues" else {})}  # 670 CCF venues
    results = client.get(f"/api/v1/{name}/", query).json()["results"]
    return getattr(record, key) in {item[key] for item in results}


@pytest.mark.parametrize("name", ENDPOINTS)
def test_everyone_reads_published_records(api, member_api, staff_api, name):
    record = ENDPOINTS[name][0](True)
    for client in (api, member_api, staff_api):
        assert client.get(detail(name, record)).status_code == 200
        assert listed(client, name, record)


@pytest.mark.parametrize("name", sorted(WITH_DRAFTS))
def test_only_staff_read_drafts(api, member_api, staff_api, name):
    draft = ENDPOINTS[name][0](False)
    for client in (api, member_api):
        assert client.get(detail(name, draft)).status_code == 404
        assert not listed(client, name, draft)
    assert staff_api.get(detail(name, draft)).status_code == 200
    assert listed(staff_api, name, draft)


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("name", ENDPOINTS)
def test_only_staff_write(api, member_api, staff_api, name, published):
    factory, _key, body, change = ENDPOINTS[name]
    record = factory(published)
    url = detail(name, record)
    for client, refused in ((api, 401), (member_api, 403)):
        assert client.post(f"/api/v1/{name}/", body(), format="json").status_code == refused
        assert client.patch(url, change, format="json").status_code == refused
        assert client.delete(url).status_code == refused
    created = staff_api.post(f"/api/v1/{name}/", body(), format="json")
    assert created.status_code == 201, created.json()
    updated = staff_api.patch(url, change, format="json")
    assert updated.status_code == 200, updated.json()
    assert all(updated.json()[field] == value for field, value in change.items())
    if name == "people":  # people are removed by lab admins only (accounts.roles)
        assert staff_api.delete(url).status_code == 403
        from django.contrib.auth.models import Group, User

        lab_admin = User.objects.create_user("api-lab-admin", password="x-pass-12345", is_staff=True)
        lab_admin.groups.add(Group.objects.get(name="Lab admin"))
        staff_api.force_authenticate(lab_admin)
    assert staff_api.delete(url).status_code == 204
    assert staff_api.get(url).status_code == 404


def test_session_writes_need_the_csrf_token(django_user_model):
    from django.contrib.auth.models import Group
    from django.middleware.csrf import _get_new_csrf_string
    from rest_framework.test import APIClient

    user = django_user_model.objects.create_user("session-editor", password="editor-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    body = {"slug": "by-session", "name": {"en": "By Session"}}
    refused = client.post("/api/v1/research-areas/", body, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    accepted = client.post("/api/v1/research-areas/", body, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


# -- filters by a related record treat one the client may not see as unknown -------------------------


def draft_person_on(endpoint, name):
    """A published record of `endpoint` linked to a draft person; returns the person's slug."""
    hidden = person(published=False)
    if endpoint == "achievements":
        AchievementFactory().people.add(hidden)
    elif endpoint == "publications":
        AuthorshipFactory(person=hidden)
    elif endpoint == "honors":
        HonorFactory(person=hidden)
    elif endpoint == "news":
        NewsItemFactory().people.add(hidden)
    elif endpoint in ACTIVITY_PEOPLE:
        factory, field = ACTIVITY_PEOPLE[endpoint]
        getattr(factory(), field).add(hidden)
    elif name == "person":  # memberships
        MembershipFactory(person=hidden)
    else:  # a published person's stint supervised by a draft one
        Supervision.objects.create(membership=MembershipFactory(), supervisor=hidden)
    return hidden.slug


def draft_paper_on(endpoint, name):
    hidden = PublicationFactory(is_published=False)
    (SoftwareFactory() if endpoint == "software" else NewsItemFactory()).publications.add(hidden)
    return hidden.slug


# The lists of projects, software, talks, courses and openings: their factory and people field.
ACTIVITY_PEOPLE = {
    "projects": (ProjectFactory, "people"), "software": (SoftwareFactory, "people"),
    "talks": (TalkFactory, "speakers"), "courses": (CourseFactory, "teachers"),
    "openings": (OpeningFactory, "supervisors"),
}  # fmt: skip


# (endpoint, filter) → how to make a published record linked to a draft one, and the value naming it.
RELATED_FILTERS = {
    ("achievements", "person"): draft_person_on,
    ("publications", "author"): draft_person_on,
    ("honors", "person"): draft_person_on,
    ("news", "person"): draft_person_on,
    ("news", "publication"): draft_paper_on,
    ("memberships", "person"): draft_person_on,
    ("memberships", "supervisor"): draft_person_on,
    **{(endpoint, "person"): draft_person_on for endpoint in ACTIVITY_PEOPLE},
    ("software", "publication"): draft_paper_on,
}
# Filters by a related record that has no drafts (venues, research areas): nothing to hide.
RELATED_WITHOUT_DRAFTS = {("achievements", "area"), ("people", "area"), ("publications", "area"),
                          ("publications", "venue"), ("honors", "lab")}  # fmt: skip
# Filters of lists no visitor reads (found papers: members and editors only, each member their own).
RELATED_FOR_ROLES_ONLY = {("suggestions", "person")}


def relation_filters():
    """Every filter of every API list that names another record, found from the filter sets."""
    from portal.api import router
    from portal.urls import urlpatterns  # noqa: F401 (the apps register their viewsets on import)

    found = set()
    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            fields = {f.name: f for f in filterset._meta.model._meta.get_fields()}
            first = fields.get(declared.field_name.split("__")[0])
            # method filters name no field: their names say what they take
            if (first is not None and first.is_relation) or name in {
                "author",
                "person",
                "venue",
                "publication",
                "supervisor",
            }:
                found.add((prefix, name))
    return found


def test_every_filter_by_a_related_record_is_checked_for_drafts():
    assert relation_filters() == set(RELATED_FILTERS) | RELATED_WITHOUT_DRAFTS | RELATED_FOR_ROLES_ONLY


@pytest.mark.parametrize("endpoint, name", sorted(RELATED_FILTERS))
def test_a_filter_by_a_draft_answers_as_for_an_unknown_record(api, staff_api, endpoint, name):
    slug = RELATED_FILTERS[endpoint, name](endpoint, name)
    url = f"/api/v1/{endpoint}/"
    unknown = api.get(url, {name: "nobody-by-that-name"})
    draft = api.get(url, {name: slug})
    assert (
        (draft.status_code, draft.json()["count"])
        == (unknown.status_code, unknown.json()["count"])
        == (200, 0)
    )
    assert staff_api.get(url, {name: slug}).json()["count"] == 1, "staff see what drafts link to"


@pytest.fixture
def lab_member_api(django_user_model):
    """A member of the lab (the Member role) with a profile of their own, through a token."""
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from accounts.roles import MEMBER

    user = django_user_model.objects.create_user("lab-member", password="member-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name=MEMBER))
    PersonFactory(slug="the-member", user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.parametrize(
    ("name", "body", "change"),
    [
        ("publications", {"title": {"en": "My draft paper"}, "year": 2025, "kind": "conference"},
         {"year": 2024}),
        ("news", {"date": "2024-07-01", "date_precision": "month", "body": {"en": "Accepted."}},
         {"date_precision": "day"}),
    ],
)  # fmt: skip
def test_a_member_reaches_their_own_draft_and_only_they_do(
    api, lab_member_api, staff_api, name, body, change
):
    created = lab_member_api.post(f"/api/v1/{name}/", body, format="json")
    assert created.status_code == 201 and created.json()["is_published"] is False
    key = created.json()["slug" if name == "publications" else "id"]
    url = f"/api/v1/{name}/{key}/"
    assert lab_member_api.get(url).status_code == 200
    updated = lab_member_api.patch(url, change, format="json")
    assert updated.status_code == 200, updated.json()
    assert all(updated.json()[field] == value for field, value in change.items())
    # visitors and other members still do not see it, nor find it in the list
    assert api.get(url).status_code == 404
    assert key not in {item.get("slug", item["id"]) for item in api.get(f"/api/v1/{name}/").json()["results"]}
    assert lab_member_api.delete(url).status_code == 204
    assert staff_api.get(url).status_code == 404


def test_a_member_cannot_take_another_persons_name_and_their_new_variants_wait(lab_member_api, staff_api):
    """A member's own variants that name someone else are refused (imports would leave that person's
    papers unlinked); their other new variants are kept unconfirmed, unused by imports until an editor
    confirms them. An editor may give a shared name."""
    from people.models import PersonAlias
    from people.names import NameIndex

    pi = PersonFactory(slug="li-jiang", name_en="Li Jiang")
    PersonAlias.objects.create(person=pi, name="蒋力")
    url = "/api/v1/people/the-member/"
    for taken in (["Li Jiang"], ["L. Jiang", "蒋力"], ["li  jiang"]):
        refused = lab_member_api.patch(url, {"aliases": taken}, format="json")
        assert refused.status_code == 400, taken
        assert "names another person" in str(refused.json())
    assert not PersonAlias.objects.filter(person__slug="the-member").exists()
    accepted = lab_member_api.patch(url, {"aliases": ["T. Member"]}, format="json")
    assert accepted.status_code == 200 and accepted.json()["aliases"] == ["T. Member"]
    alias = PersonAlias.objects.get(person__slug="the-member")
    assert alias.waits_for_review is True
    assert NameIndex.from_database().match("T. Member").person_id is None, "not used before it is confirmed"
    PersonAlias.objects.filter(pk=alias.pk).update(waits_for_review=False)  # an editor confirms it
    assert NameIndex.from_database().match("T. Member").person_id == alias.person_id
    assert staff_api.patch(url, {"aliases": ["T. Member", "Li Jiang"]}, format="json").status_code == 200
