"""A member's change waiting for review is the thing they edit: reopening shows it beside the published
text, saving again adds to it, withdrawing leaves nothing pending, and lists mark what waits."""

import pytest
from django.urls import reverse

from accounts.models import PendingChange, ReviewState
from publications.models import Publication
from tests.accounts.test_review_history import form_as
from tests.portal.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db


def test_reopening_shows_the_proposal_and_saving_again_adds_to_it(client, lab):
    paper, member, editor = lab["paper"], lab["member"], lab["editor"]
    data = form_as(client, member, paper)
    data["title_en"] = "A new title"
    assert client.post(change_url(paper), data).status_code == 302

    reopened = client.get(change_url(paper))
    form = reopened.context["adminform"].form
    assert form["title_en"].value() == "A new title", "the form shows the change waiting for review"
    page = reopened.content.decode()
    assert "You are editing your change of" in page and "Withdraw my change" in page
    assert [(c["old"], c["new"]) for c in reopened.context["proposal_changes"]] == [
        ("Old title", "A new title")
    ]
    assert Publication.objects.get(pk=paper.pk).title_en == "Old title", "nothing of it reached the record"

    again = change_form_data(reopened)
    again["abstract_en"] = "An abstract added later."
    assert client.post(change_url(paper), again).status_code == 302

    waiting = PendingChange.objects.waiting().get()
    assert (waiting.proposed["fields"]["title_en"], waiting.proposed["fields"]["abstract_en"]) == (
        "A new title", "An abstract added later."
    )  # fmt: skip
    assert PendingChange.objects.filter(state=ReviewState.WITHDRAWN).count() == 1

    client.force_login(editor)
    client.post(reverse("admin:accounts_pendingchange_decide", args=[waiting.pk]), {"approve": "1"})
    site = client.get(f"/en/publications/{paper.slug}/").content.decode()
    assert "A new title" in site and "An abstract added later." in site


def test_a_proposed_author_is_in_the_reopened_form_and_stays_when_the_proposal_is_amended(client, lab):
    paper, member = lab["paper"], lab["member"]
    data = form_as(client, member, paper)
    total = int(data["authorships-TOTAL_FORMS"])
    data.update({f"authorships-{total}-position": "2", f"authorships-{total}-name": "Li Jiang",
                 "authorships-TOTAL_FORMS": str(total + 1)})  # fmt: skip
    assert client.post(change_url(paper), data).status_code == 302

    reopened = client.get(change_url(paper))
    again = change_form_data(reopened)
    names = [
        again[key]
        for key in sorted(again)
        if key.startswith("authorships-") and key.endswith("-name") and again[key]
    ]
    assert names == ["Zongwu Wang", "Li Jiang"]
    again["note_en"] = "Accepted."
    saved = client.post(change_url(paper), again)
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors

    proposed = PendingChange.objects.waiting().get().proposed
    assert [row["fields"]["name"] for row in proposed["rows"]["authorships"]] == ["Zongwu Wang", "Li Jiang"]
    assert proposed["fields"]["note_en"] == "Accepted."
    assert paper.authorships.count() == 1


def test_a_withdrawn_proposal_leaves_nothing_pending(client, lab):
    paper, member = lab["paper"], lab["member"]
    data = form_as(client, member, paper)
    data["title_en"] = "Never mind"
    client.post(change_url(paper), data)
    withdraw = reverse("admin:publications_publication_withdraw", args=[paper.pk])

    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    assert not PendingChange.objects.waiting().exists()
    assert PendingChange.objects.get().state == ReviewState.CANCELLED
    reopened = client.get(change_url(paper))
    assert reopened.context["adminform"].form["title_en"].value() == "Old title"
    assert "Withdraw my change" not in reopened.content.decode()


def test_lists_mark_the_records_with_a_change_waiting_for_review(client, lab):
    paper, member, editor = lab["paper"], lab["member"], lab["editor"]
    changelist = reverse("admin:publications_publication_changelist")
    client.force_login(member)
    assert "change waiting for review" not in client.get(changelist).content.decode()
    data = form_as(client, member, paper)
    data["title_en"] = "Waiting"
    client.post(change_url(paper), data)
    for user in (member, editor):
        client.force_login(user)
        assert "change waiting for review" in client.get(changelist).content.decode()
