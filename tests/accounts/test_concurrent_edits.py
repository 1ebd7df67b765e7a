"""Two people edit the same record from the same version: the later save is refused with who changed
what, and nothing is lost (accounts.versions), in the admin and in the API."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import PendingChange
from accounts.roles import EDITOR, MEMBER
from publications.models import Publication
from tests.accounts.test_review_history import account
from tests.people.factories import PersonFactory
from tests.portal.admin_forms import change_form_data, change_url
from tests.publications.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(db):
    paper = PublicationFactory(title_en="Processing in Memory", abstract_en="First abstract.", slug="pim")
    AuthorshipFactory(publication=paper, position=1, name="Zongwu Wang")
    return paper


def opened(user, obj) -> tuple[Client, dict]:
    """A session of `user` with the change form of `obj` open: the client and what the form would send."""
    client = Client()
    client.force_login(user)
    page = client.get(change_url(obj))
    assert page.status_code == 200
    data = change_form_data(page)
    data["_based_on"] = page.context["based_on"]
    assert data["_based_on"] and f'name="_based_on" value="{data["_based_on"]}"' in page.content.decode()
    return client, data


def test_the_later_of_two_admin_saves_from_one_version_is_refused_and_keeps_its_edits(paper):
    ann, bob = account("ann", EDITOR, first_name="Ann", last_name="Editor"), account("bob", EDITOR)
    ann_client, ann_form = opened(ann, paper)
    bob_client, bob_form = opened(bob, paper)

    ann_form["title_en"] = "Processing in Memory, Revisited"
    assert ann_client.post(change_url(paper), ann_form).status_code == 302
    bob_form["abstract_en"] = "Bob's abstract."
    refused = bob_client.post(change_url(paper), bob_form)

    assert refused.status_code == 200, "the form is shown again, not saved"
    page = refused.content.decode()
    assert "was saved by Ann Editor" in page and "after you opened it" in page
    assert "They changed: title" in page.replace("Title", "title")
    assert "Bob&#x27;s abstract." in page or "Bob's abstract." in page, "Bob's edit is kept in the form"
    stored = Publication.objects.get(pk=paper.pk)
    assert (stored.title_en, stored.abstract_en) == ("Processing in Memory, Revisited", "First abstract.")

    # the form shown again carries the version now stored and Ann's title (a field Bob had left as it
    # was): saving it again keeps both edits
    again = change_form_data(refused)
    again["_based_on"] = refused.context["based_on"]
    assert again["_based_on"] != ann_form["_based_on"]
    assert (again["title_en"], again["abstract_en"]) == ("Processing in Memory, Revisited", "Bob's abstract.")
    assert bob_client.post(change_url(paper), again).status_code == 302
    stored = Publication.objects.get(pk=paper.pk)
    assert (stored.title_en, stored.abstract_en) == ("Processing in Memory, Revisited", "Bob's abstract.")


def test_a_members_proposal_made_from_a_version_an_editor_replaced_is_refused(paper):
    me = PersonFactory(slug="zongwu-wang")
    paper.authorships.update(person=me)
    member = account("member", MEMBER, me)
    editor_client, editor_form = opened(account("editor", EDITOR), paper)
    member_client, member_form = opened(member, paper)

    editor_form["title_en"] = "Edited by the editor"
    assert editor_client.post(change_url(paper), editor_form).status_code == 302
    member_form["abstract_en"] = "The member's abstract."
    refused = member_client.post(change_url(paper), member_form)

    assert refused.status_code == 200 and "after you opened it" in refused.content.decode()
    assert not PendingChange.objects.exists(), "nothing proposed from the old version"
    assert Publication.objects.get(pk=paper.pk).title_en == "Edited by the editor"


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_an_api_write_names_the_version_it_changes_and_a_stale_one_gets_412(paper):
    ann, bob = api_client(account("ann", EDITOR)), api_client(account("bob", EDITOR))
    url = f"/api/v1/publications/{paper.slug}/"
    read = ann.get(url)
    etag = read["ETag"]
    assert read.status_code == 200 and "-r" in etag and bob.get(url)["ETag"] == etag

    first = ann.patch(url, {"title": {"en": "Ann's title"}}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"].startswith('"r') and first["ETag"] not in etag
    stale = bob.patch(url, {"abstract": {"en": "Bob's abstract."}}, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert "after you opened it" in stale.json()["detail"] and stale.json()["current_etag"] == first["ETag"]
    stored = Publication.objects.get(pk=paper.pk)
    assert (stored.title_en, stored.abstract_en) == ("Ann's title", "First abstract.")
    assert bob.delete(url, HTTP_IF_MATCH=etag).status_code == 412 and Publication.objects.filter(pk=paper.pk)

    # with the version it now is, the write goes through; a write naming no version is not checked
    again = bob.patch(
        url, {"abstract": {"en": "Bob's abstract."}}, format="json", HTTP_IF_MATCH=first["ETag"]
    )
    assert again.status_code == 200
    assert bob.patch(url, {"note": {"en": "A note."}}, format="json").status_code == 200
    assert Publication.objects.get(pk=paper.pk).abstract_en == "Bob's abstract."


def test_a_read_of_the_same_version_is_not_modified_whatever_record_tag_it_carries(paper):
    client = api_client(account("ann", EDITOR))
    url = f"/api/v1/publications/{paper.slug}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
