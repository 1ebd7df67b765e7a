"""The permission matrix: role × record × action, through the admin, the API and the import screens.

Every cell of EXPECTED is asserted by a test of its own, on both sides: what is allowed happens (the
record changes, is deleted, is published, the import is checked), and what is refused answers with the
login page, 401, 403 or 404 and changes nothing. "review" is a change kept aside for an editor (the
record as visitors see it does not change)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import PendingChange
from accounts.roles import ALUMNUS, EDITOR, LAB_ADMIN, MEMBER
from achievements.models import Achievement
from jobs.models import ImportJob
from news.models import NewsItem
from people.models import Person
from portal.models import Lab
from publications.models import Publication
from tests.achievements.factories import AchievementFactory
from tests.news.factories import NewsItemFactory
from tests.people.factories import PersonFactory
from tests.portal.admin_forms import change_form_data, change_url
from tests.publications.factories import AuthorshipFactory, PublicationFactory

ROLES = ["anonymous", "alumnus", "member", "editor", "lab admin"]
RECORDS = ["own profile", "another's profile", "own paper", "another's paper", "news", "achievement", "lab",
           "accounts"]  # fmt: skip
ACTIONS = ["view", "change", "delete", "publish", "import"]
GROUPS = {"alumnus": ALUMNUS, "member": MEMBER, "editor": EDITOR, "lab admin": LAB_ADMIN}

# Which actions make sense for which records: publishing is for what has drafts, importing for papers
# (into one's own list, or into another member's list).
APPLIES = {
    "view": set(RECORDS),
    "change": set(RECORDS),
    "delete": set(RECORDS),
    "publish": set(RECORDS) - {"lab", "accounts"},
    "import": {"own paper", "another's paper"},
}


def expected(role: str, record: str, action: str) -> str:
    """ "yes", "no" or "review", from the roles as the issue describes them."""
    if role == "anonymous":
        return "no"
    if role == "lab admin":
        return "no" if (record, action) == ("lab", "delete") else "yes"  # the lab is never deleted
    if role == "editor":
        if record in ("lab", "accounts"):
            return "yes" if (record, action) == ("lab", "view") else "no"
        if record.endswith("profile") and action == "delete":
            return "no"  # people are removed by lab admins
        return "yes"
    if record == "own profile":
        return "yes" if action in ("view", "change") else "no"
    if role == "member" and record == "own paper":
        return {"view": "yes", "change": "review", "import": "yes"}.get(action, "no")
    return "no"


CELLS = [
    (role, record, action)
    for role in ROLES
    for record in RECORDS
    for action in ACTIONS
    if record in APPLIES[action]
]


@pytest.fixture
def world(db):
    """Two people, a paper of each, a news item, an achievement, the lab and another account."""
    me, other = PersonFactory(slug="me"), PersonFactory(slug="other")
    mine, theirs = PublicationFactory(title_en="My paper"), PublicationFactory(title_en="Their paper")
    AuthorshipFactory(publication=mine, person=me, position=1, name="Me")
    AuthorshipFactory(publication=theirs, person=other, position=1, name="Other")
    return {
        "own profile": me,
        "another's profile": other,
        "own paper": mine,
        "another's paper": theirs,
        "news": NewsItemFactory(title_en="Lab news"),
        "achievement": AchievementFactory(title_en="An achievement"),
        "lab": Lab.objects.create(name_en="The lab"),
        "accounts": User.objects.create_user("someone-else", password="another-pass-123", is_staff=True),
    }


def make_user(role: str, world) -> User | None:
    if role == "anonymous":
        return None
    user = User.objects.create_user(f"{role.replace(' ', '-')}-user", password="a-pass-12345", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUPS[role]))
    Person.objects.filter(pk=world["own profile"].pk).update(user=user)
    return user


def admin_client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def api_client(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# What a change edits, in the admin form and in the API.
EDITS = {
    Person: ("title_en", "Changed title"),
    Publication: ("title_en", "Changed paper title"),
    NewsItem: ("title_en", "Changed news title"),
    Achievement: ("title_en", "Changed achievement title"),
    Lab: ("name_en", "Changed lab name"),
    User: ("first_name", "Changed"),
}


def fresh(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def refused(response, user) -> bool:
    if user is None:
        return response.status_code == 302 and "/login/" in response["Location"]
    return response.status_code in (403, 404)


# -- the admin ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "record", "action"), [c for c in CELLS if c[2] != "import"])
def test_admin(client, django_user_model, world, role, record, action):
    obj = world[record]
    user = make_user(role, world)
    outcome = expected(role, record, action)
    lab_admin = User.objects.create_superuser("form-maker", password="x-pass-12345")
    if action == "view":
        response = admin_client(client, user).get(change_url(obj))
        assert response.status_code == 200 if outcome == "yes" else refused(response, user)
    elif action == "change":
        field, value = EDITS[type(obj)]
        client.force_login(lab_admin)
        data = change_form_data(client.get(change_url(obj)))
        client.logout()
        data[field] = value
        if isinstance(obj, User):  # the admin splits the account's date joined into a date and a time
            data.update({"date_joined_0": "2026-01-01", "date_joined_1": "09:00:00"})
        before = getattr(obj, field)
        response = admin_client(client, user).post(change_url(obj), data)
        after = getattr(fresh(obj), field)
        if outcome == "yes":
            assert response.status_code == 302 and after == value
        elif outcome == "review":
            assert response.status_code == 302 and after == before
            change = PendingChange.objects.get(object_id=obj.pk)
            assert change.proposed["fields"][field] == value and change.author == user
        else:
            assert refused(response, user) and after == before and not PendingChange.objects.exists()
    elif action == "delete":
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
        response = admin_client(client, user).post(url, {"post": "yes"})
        if outcome == "yes":
            assert response.status_code == 302 and fresh(obj) is None
        else:
            assert refused(response, user) and fresh(obj) is not None
    elif action == "publish":
        type(obj).objects.filter(pk=obj.pk).update(is_published=False)
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")
        response = admin_client(client, user).post(url, {"action": "publish", "_selected_action": [obj.pk]})
        assert fresh(obj).is_published is (outcome == "yes")
        if outcome != "yes":
            assert refused(response, user) or response.status_code in (200, 302)


# -- the API ---------------------------------------------------------------------------------------------

API = {Person: "person", Publication: "publication", NewsItem: "news", Achievement: "achievement"}


def api_url(obj) -> str:
    name = API[type(obj)]
    lookup = obj.slug if type(obj) in (Person, Publication) else obj.pk
    return reverse(f"{name}-detail", args=[lookup])


def api_refused(response, user) -> bool:
    return response.status_code == (401 if user is None else 403) or (user and response.status_code == 404)


@pytest.mark.parametrize(
    ("role", "record", "action"),
    [c for c in CELLS if c[1] not in ("lab", "accounts") and c[2] not in ("import",)],  # no API for those
)
def test_api(world, role, record, action):
    obj = world[record]
    user = make_user(role, world)
    client = api_client(user)
    outcome = expected(role, record, action)
    field, value = EDITS[type(obj)]
    if action == "view":
        # The API shows what visitors see (published records) to everyone, drafts to editors, and to
        # a member or alumnus the drafts they may change (their profile, their papers).
        assert client.get(api_url(obj)).status_code == 200
        type(obj).objects.filter(pk=obj.pk).update(is_published=False)
        sees = role in ("editor", "lab admin") or expected(role, record, "change") != "no"
        assert client.get(api_url(obj)).status_code == (200 if sees else 404)
    elif action == "change":
        before = getattr(obj, field)
        response = client.patch(api_url(obj), {field.removesuffix("_en"): {"en": value}}, format="json")
        after = getattr(fresh(obj), field)
        if outcome == "yes":
            assert response.status_code == 200 and after == value
        elif outcome == "review":
            assert response.status_code == 202 and after == before
            assert PendingChange.objects.get(pk=response.json()["pending_change"]).author == user
        else:
            assert api_refused(response, user) and after == before and not PendingChange.objects.exists()
    elif action == "delete":
        response = client.delete(api_url(obj))
        if outcome == "yes":
            assert response.status_code == 204 and fresh(obj) is None
        else:
            assert api_refused(response, user) and fresh(obj) is not None
    elif action == "publish":
        type(obj).objects.filter(pk=obj.pk).update(is_published=False)
        response = client.patch(api_url(obj), {"is_published": True}, format="json")
        if outcome == "yes":
            assert response.status_code == 200 and fresh(obj).is_published
        else:
            assert api_refused(response, user) and not fresh(obj).is_published


# -- the import screens (admin and API) -------------------------------------------------------------------

BIBTEX = "@inproceedings{new2025, title={A New Paper on Processing in Memory}, author={Me}, year={2025}}"


@pytest.mark.parametrize(("role", "record", "action"), [c for c in CELLS if c[2] == "import"])
def test_import(client, world, role, record, action):
    owner = world["own profile"] if record == "own paper" else world["another's profile"]
    user = make_user(role, world)
    outcome = expected(role, record, action)
    url = reverse("admin:jobs_importjob_import")
    response = admin_client(client, user).post(url, {"text": BIBTEX, "format": "bibtex", "owner": owner.pk})
    jobs = ImportJob.objects.filter(created_by=user) if user else ImportJob.objects.all()
    if outcome == "yes":
        assert response.status_code == 200 and jobs.count() == 1
        assert [row["action"] for row in jobs.get().report["rows"]] == ["created"]
    else:
        assert jobs.count() == 0
        assert refused(response, user) or (response.status_code == 200 and response.context["form"].errors)
    answer = api_client(user).post(
        reverse("import-list"), {"text": BIBTEX, "owner": owner.slug, "dry_run": True}, format="json"
    )
    if outcome == "yes":
        assert answer.status_code == 200 and answer.json()["state"] == "preview"
    else:
        assert answer.status_code == (401 if user is None else 403)


def test_the_matrix_covers_every_role_record_and_action():
    assert {cell[0] for cell in CELLS} == set(ROLES)
    assert {cell[1] for cell in CELLS} == set(RECORDS)
    assert {cell[2] for cell in CELLS} == set(ACTIONS)
    assert len(CELLS) == 5 * (8 * 3 + 6 + 2)
