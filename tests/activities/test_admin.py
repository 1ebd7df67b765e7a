"""Projects, software, talks and courses in the admin under the members' rules: a member edits those
they are among the people of, adds drafts, and their change to a published one waits for an editor;
openings are the editors'."""

import pytest
from django.urls import reverse

from accounts.models import PendingChange
from accounts.roles import EDITOR, MEMBER
from activities.models import Project, Talk
from tests.accounts.test_review_history import account, form_as
from tests.activities.factories import OpeningFactory, ProjectFactory, TalkFactory
from tests.people.factories import PersonFactory
from tests.portal.admin_forms import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    me = PersonFactory(slug="zongwu-wang", name_en="Zongwu Wang")
    mine = ProjectFactory(title_en="Mine")
    mine.people.add(me)
    return {"me": me, "mine": mine, "theirs": ProjectFactory(title_en="Theirs"),
            "member": account("member", MEMBER, me), "editor": account("editor", EDITOR)}  # fmt: skip


def test_a_member_sees_and_changes_the_projects_they_are_in_and_no_other(client, group):
    client.force_login(group["member"])
    listing = client.get(reverse("admin:activities_project_changelist"))
    assert [p.title_en for p in listing.context["cl"].result_list] == ["Mine"]
    assert client.get(change_url(group["theirs"])).status_code == 404
    assert client.get(change_url(group["mine"])).status_code == 200


def test_a_members_change_to_a_published_project_waits_for_an_editor(client, group):
    data = form_as(client, group["member"], group["mine"])
    data["title_en"] = "Mine, renamed"
    assert client.post(change_url(group["mine"]), data).status_code == 302
    assert Project.objects.get(pk=group["mine"].pk).title_en == "Mine"
    assert PendingChange.objects.get().author == group["member"]


def test_what_a_member_adds_is_a_draft_until_an_editor_publishes_it(client, group):
    client.force_login(group["member"])
    added = client.post(reverse("admin:activities_talk_add"), {
        "title_en": "My seminar", "kind": "seminar", "date": "2025-04-01", "speakers": [group["me"].pk],
        "is_published": "on",
    })  # fmt: skip
    assert added.status_code == 302, added.context["adminform"].form.errors if added.context else added
    talk = Talk.objects.get()
    assert talk.is_published is False and talk.created_by == group["member"]
    assert (
        client.get(talk.get_absolute_url()).status_code == 404
    )  # (their session sees no drafts on the site)


def test_openings_are_the_editors(client, group):
    opening = OpeningFactory()
    client.force_login(group["member"])
    assert client.get(reverse("admin:activities_opening_changelist")).status_code == 403
    client.force_login(group["editor"])
    assert client.get(change_url(opening)).status_code == 200


def test_an_editor_publishes_a_members_draft_talk(client, group):
    draft = TalkFactory(is_published=False, created_by=group["member"])
    client.force_login(group["editor"])
    done = client.post(reverse("admin:activities_talk_changelist"),
                       {"action": "publish", "_selected_action": [draft.pk]})  # fmt: skip
    assert done.status_code == 302 and Talk.objects.get(pk=draft.pk).is_published
