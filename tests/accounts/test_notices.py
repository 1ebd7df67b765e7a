"""Members always know where their change stands: the editor's decision reaches them by e-mail (unless
they turned it off) and at their next visit; editors get a digest of what waits (accounts.notices)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import PendingChange
from accounts.notices import review_digest
from tests.accounts.test_review_history import form_as
from tests.portal.admin_forms import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(client, lab):
    lab["member"].email, lab["editor"].email = "member@lab.example", "editor@lab.example"
    lab["member"].save()
    lab["editor"].save()
    data = form_as(client, lab["member"], lab["paper"])
    data["title_en"] = "A better title"
    client.post(change_url(lab["paper"]), data)
    return PendingChange.objects.waiting().get()


def decide(client, editor, change, captured, **post):
    client.force_login(editor)
    with captured(execute=True):
        response = client.post(reverse("admin:accounts_pendingchange_decide", args=[change.pk]), post)
    assert response.status_code == 302


def test_a_rejection_and_its_reason_reach_the_member_by_mail_and_at_the_next_visit(
    client,
    lab,
    proposal,
    django_capture_on_commit_callbacks,
):
    decide(
        client,
        lab["editor"],
        proposal,
        django_capture_on_commit_callbacks,
        reject="1",
        reason="Keep the old one",
    )

    (message,) = mail.outbox
    assert message.to == ["member@lab.example"]
    assert "was rejected by editor" in message.body and "Keep the old one" in message.body
    assert "被 editor 退回" in message.body, "in Chinese too"
    assert change_url(lab["paper"]) in message.body

    client.force_login(lab["member"])
    first = client.get(reverse("admin:index")).content.decode()
    assert "was rejected by editor" in first and "Keep the old one" in first
    assert "was rejected by editor" not in client.get(reverse("admin:index")).content.decode(), "told once"


def test_an_approval_is_told_and_a_member_who_turned_mails_off_gets_none(
    client,
    lab,
    proposal,
    django_capture_on_commit_callbacks,
):
    client.force_login(lab["member"])
    page = client.get(reverse("admin:email-preferences"))
    assert 'name="review_emails" checked' in page.content.decode()
    assert client.post(reverse("admin:email-preferences"), {}).status_code == 302

    decide(client, lab["editor"], proposal, django_capture_on_commit_callbacks, approve="1")

    assert mail.outbox == []
    client.force_login(lab["member"])
    assert "was approved by editor" in client.get(reverse("admin:index")).content.decode()


def test_editors_get_a_digest_of_what_waits_and_members_do_not(lab, proposal):
    assert review_digest() == 1
    (message,) = mail.outbox
    assert message.to == ["editor@lab.example"] and "Old title" in message.body
    assert "Changes waiting for review: 1" in message.body and "等待审核的修改：1 项" in message.body
    PendingChange.objects.update(state="rejected")
    mail.outbox.clear()
    assert review_digest() == 0 and mail.outbox == []
