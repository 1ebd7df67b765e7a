"""Review before publishing, history with rollback, accounts without e-mail, login protection."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from accounts.models import PendingChange, ReviewState
from accounts.roles import EDITOR, MEMBER
from people.models import Person
from publications.models import Publication
from tests.people.factories import PersonFactory
from tests.portal.admin_forms import change_form_data, change_url
from tests.publications.factories import AuthorshipFactory, PublicationFactory

PASSWORD = "a-pass-for-tests-123"


def account(username, role=None, person=None, **extra):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if person:
        Person.objects.filter(pk=person.pk).update(user=user)
    return user


@pytest.fixture
def lab(db):
    me = PersonFactory(slug="zongwu-wang", name_en="Zongwu Wang")
    paper = PublicationFactory(title_en="Old title", slug="old-title")
    AuthorshipFactory(publication=paper, person=me, position=1, name="Zongwu Wang")
    return {
        "me": me,
        "paper": paper,
        "member": account("member", MEMBER, me),
        "editor": account("editor", EDITOR),
        "admin": User.objects.create_superuser("lab-admin", password=PASSWORD),
    }


def form_as(client, user, obj):
    client.force_login(user)
    return change_form_data(client.get(change_url(obj)))


def test_a_members_change_to_a_published_paper_waits_then_is_approved_and_can_be_undone(client, lab):
    paper, member, editor = lab["paper"], lab["member"], lab["editor"]
    data = form_as(client, member, paper)
    data["title_en"] = "New title"
    response = client.post(change_url(paper), data)
    assert response.status_code == 302
    assert Publication.objects.get(pk=paper.pk).title_en == "Old title"
    assert "Old title" in client.get(f"/en/publications/{paper.slug}/").content.decode()
    change = PendingChange.objects.get()
    assert change.state == ReviewState.PENDING and change.author == member

    client.force_login(editor)
    assert "1 change waits for review" in client.get(reverse("admin:index")).content.decode()
    review = client.get(reverse("admin:accounts_pendingchange_change", args=[change.pk])).content.decode()
    assert "Old title" in review and "New title" in review
    decided = client.post(reverse("admin:accounts_pendingchange_decide", args=[change.pk]), {"approve": "1"})
    assert decided.status_code == 302
    assert Publication.objects.get(pk=paper.pk).title_en == "New title"
    change.refresh_from_db()
    assert change.state == ReviewState.APPROVED and change.decided_by == editor

    versions = list(Version.objects.get_for_object(paper))
    assert len(versions) == 2  # the version before (kept on the first change) and the approved one
    history = client.get(reverse("admin:publications_publication_history", args=[paper.pk])).content.decode()
    assert "Approved the change proposed by member" in history and "New title" in history
    restore = reverse("admin:publications_publication_restore", args=[paper.pk, versions[-1].pk])
    assert client.post(restore).status_code == 302
    paper.refresh_from_db()
    assert paper.title_en == "Old title" and [a.name for a in paper.authorships.all()] == ["Zongwu Wang"]
    assert Version.objects.get_for_object(paper).count() == 3  # the restore is a revision too


def test_rows_are_part_of_their_papers_revision(client, lab):
    paper, editor = lab["paper"], lab["editor"]
    data = form_as(client, editor, paper)
    prefix = "authorships"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-{total}-position": "2", f"{prefix}-{total}-name": "Li Jiang",
                 f"{prefix}-TOTAL_FORMS": str(total + 1)})  # fmt: skip
    assert client.post(change_url(paper), data).status_code == 302
    assert paper.authorships.count() == 2
    first = Version.objects.get_for_object(paper).last()
    restore = reverse("admin:publications_publication_restore", args=[paper.pk, first.pk])
    assert client.post(restore).status_code == 302
    assert [a.name for a in paper.authorships.all()] == ["Zongwu Wang"]


def test_a_rejected_change_leaves_the_published_version_and_a_later_one_replaces_an_earlier(client, lab):
    paper, member, editor = lab["paper"], lab["member"], lab["editor"]
    for title in ("First try", "Second try"):
        data = form_as(client, member, paper)
        data["title_en"] = title
        client.post(change_url(paper), data)
    states = dict(PendingChange.objects.values_list("proposed__fields__title_en", "state"))
    assert states == {"First try": ReviewState.WITHDRAWN, "Second try": ReviewState.PENDING}
    change = PendingChange.objects.waiting().get()
    client.force_login(editor)
    client.post(reverse("admin:accounts_pendingchange_decide", args=[change.pk]), {"reason": "Not yet"})
    change.refresh_from_db()
    assert change.state == ReviewState.REJECTED and change.reason == "Not yet"
    assert Publication.objects.get(pk=paper.pk).title_en == "Old title"


def test_what_a_member_creates_is_a_draft_and_their_profile_edits_go_live(client, lab):
    member, me = lab["member"], lab["me"]
    client.force_login(member)
    response = client.post(reverse("admin:publications_publication_add"), {
        "title_en": "A member's paper", "slug": "a-members-paper", "kind": "conference",
        "status": "published", "year": "2025", "is_published": "on", "language": "en", "keywords": "",
        "authorships-TOTAL_FORMS": "0", "authorships-INITIAL_FORMS": "0",
        "awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Publication.objects.get(slug="a-members-paper")
    assert not created.is_published and created.created_by == member
    data = form_as(client, member, me)
    data["bio_en"] = "I work on processing in memory."
    data["slug"] = "someone-else"  # read-only for a member: ignored
    assert client.post(change_url(me), data).status_code == 302
    me.refresh_from_db()
    assert me.bio_en == "I work on processing in memory." and me.slug == "zongwu-wang"
    assert not PendingChange.objects.exists()
    assert Version.objects.get_for_object(me).count() == 2


def test_a_member_sees_only_their_records_and_autocompletes_published_people(client, lab):
    other = PersonFactory(slug="someone-else", name_en="Someone Else")
    PersonFactory(slug="a-draft", name_en="A Draft", is_published=False)
    PublicationFactory(title_en="Not theirs")
    client.force_login(lab["member"])
    listing = client.get(reverse("admin:publications_publication_changelist")).content.decode()
    assert "Old title" in listing and "Not theirs" not in listing
    people = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "Zongwu Wang" in people and "Someone Else" not in people
    found = client.get(reverse("admin:autocomplete"), {
        "app_label": "publications", "model_name": "authorship", "field_name": "person", "term": "",
    }).json()  # fmt: skip
    names = {item["text"] for item in found["results"]}
    assert str(other) in names and "A Draft" not in names


def test_ten_failed_logins_lock_the_account_until_a_lab_admin_lifts_it(client, lab):
    url = reverse("admin:login")
    for _attempt in range(10):
        client.post(url, {"username": "editor", "password": "wrong"})
    locked = client.post(url, {"username": "editor", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    client.force_login(lab["admin"])
    attempts = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "editor" in attempts
    attempt = AccessAttempt.objects.get(username="editor")
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    client.logout()
    assert client.post(url, {"username": "editor", "password": PASSWORD}).status_code == 302
    assert client.session["_auth_user_id"] == str(lab["editor"].pk)


def test_a_lab_admin_creates_an_account_and_hands_over_a_one_time_link(client, lab):
    person = PersonFactory(slug="new-student", name_en="New Student")
    client.force_login(lab["admin"])
    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "create_accounts", "_selected_action": [person.pk]}, follow=True,
    )  # fmt: skip
    link = re.search(r"http://testserver(/accounts/reset/[\w/-]+/)", response.content.decode()).group(1)
    user = User.objects.get(username="new-student")
    assert (
        user.person == person and user.groups.filter(name=MEMBER).exists() and not user.has_usable_password()
    )
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new = "a-brand-new-pass-987"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert (
        client.post(reverse("admin:login"), {"username": "new-student", "password": new}).status_code == 302
    )
    client.logout()
    assert not client.get(link, follow=True).context["validlink"]  # used once


def test_the_link_lasts_72_hours(lab):
    class Later(PasswordResetTokenGenerator):
        def __init__(self, hours):
            super().__init__()
            self.hours = hours

        def _now(self):
            return super()._now() + timedelta(hours=self.hours)

    token = PasswordResetTokenGenerator().make_token(lab["member"])
    assert Later(71).check_token(lab["member"], token)
    assert not Later(73).check_token(lab["member"], token)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_password_reset_by_email_when_a_server_is_configured(client, lab):
    User.objects.filter(pk=lab["member"].pk).update(email="member@example.org")
    response = client.post(reverse("admin_password_reset"), {"email": "member@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_an_editor_turns_on_two_factor_sign_in_and_then_needs_the_code(client, transactional_db, lab):
    # transactional: the login runs as on a server, outside any test transaction (its device lock needs one)
    editor = lab["editor"]
    client.force_login(editor)
    page = client.get(reverse("admin:two-factor"))
    assert page.status_code == 200 and page.context["qr"].startswith("data:image/svg+xml;base64,")
    device = TOTPDevice.objects.get(user=editor)
    assert (
        client.post(reverse("admin:two-factor"), {"token": f"{totp(device.bin_key):06d}"}).status_code == 302
    )
    assert TOTPDevice.objects.get(user=editor).confirmed
    client.logout()
    url = reverse("admin:login")
    without = client.post(url, {"username": "editor", "password": PASSWORD})
    assert without.status_code == 200 and "authenticator" in without.content.decode()
    device.refresh_from_db()
    code = f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=device.drift + 1):06d}"
    with_code = client.post(url, {"username": "editor", "password": PASSWORD, "otp_token": code})
    assert with_code.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_turning_on_two_factor_ends_the_accounts_other_sessions(client, transactional_db, lab):
    """A session logged in before two-factor sign-in was turned on (another browser, a script using the
    session) is ended at its next request: no API write, no drafts; the session that turned it on stays."""
    from django.test import Client

    editor = lab["editor"]
    draft = PublicationFactory(title_en="Unpublished result", is_published=False)
    other = Client()
    other.force_login(editor)
    assert other.get(f"/api/v1/publications/{draft.slug}/").status_code == 200
    client.force_login(editor)
    client.get(reverse("admin:two-factor"))
    device = TOTPDevice.objects.get(user=editor)
    client.post(reverse("admin:two-factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get(reverse("admin:index")).status_code == 200, "the session that turned it on stays"
    assert client.get(f"/api/v1/publications/{draft.slug}/").status_code == 200
    # (the test client skips CSRF checks: only the ended session can refuse this write)
    patched = other.patch(
        f"/api/v1/publications/{draft.slug}/", {"year": 2001}, content_type="application/json"
    )
    assert patched.status_code in (401, 403)
    assert other.get(f"/api/v1/publications/{draft.slug}/").status_code == 404
    assert other.get(reverse("admin:index")).status_code == 302
    draft.refresh_from_db()
    assert draft.year != 2001


def test_members_cannot_reach_two_factor_or_accounts(client, lab):
    client.force_login(lab["member"])
    assert client.get(reverse("admin:two-factor")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_members_import_makes_drafts_and_leaves_published_papers_alone(lab):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=lab['member']).key}")
    text = (
        "@inproceedings{a, title={Old title}, author={Wang, Zongwu}, year={2024}, booktitle={DAC}}\n"
        "@inproceedings{b, title={A New Accelerator}, author={Wang, Zongwu}, year={2025}, booktitle={DAC}}"
    )
    answer = client.post("/api/v1/imports/", {"text": text, "owner": "zongwu-wang"}, format="json")
    assert answer.status_code == 201, answer.json()
    actions = {row["title"]: row["action"] for row in answer.json()["report"]["rows"]}
    assert actions == {"Old title": "skipped", "A New Accelerator": "created"}
    new = Publication.objects.get(title_en="A New Accelerator")
    assert not new.is_published and new.created_by == lab["member"]
    assert Publication.objects.get(pk=lab["paper"].pk).title_en == "Old title"
    refused = client.post("/api/v1/imports/", {"text": text, "owner": "someone"}, format="json")
    assert refused.status_code in (400, 403)


def test_a_member_restoring_their_profile_brings_back_only_what_they_may_edit(client, lab):
    from people.models import Membership

    me, member = lab["me"], lab["member"]
    data = form_as(client, member, me)
    data["bio_en"] = "First biography."
    client.post(change_url(me), data)
    first = Version.objects.get_for_object(me).first()
    # since then, the lab recorded a stint and renamed the page; the member rewrote the biography
    import datetime

    Membership.objects.create(
        person=me, role="phd", start_on=datetime.date(2021, 9, 1), start_precision="month"
    )
    Person.objects.filter(pk=me.pk).update(slug="zongwu", bio_en="Second biography.")
    client.force_login(member)
    restore = reverse("admin:people_person_restore", args=[me.pk, first.pk])
    assert client.post(restore).status_code == 302
    me.refresh_from_db()
    assert me.bio_en == "First biography." and me.slug == "zongwu"  # the slug is the editors'
    assert Membership.objects.filter(person=me).count() == 1  # the stint stays


def test_a_member_may_not_rename_their_page_through_the_api(lab):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=lab['member']).key}")
    url = "/api/v1/people/zongwu-wang/"
    assert client.patch(url, {"slug": "zw"}, format="json").status_code == 403
    assert client.patch(url, {"display_order": 1}, format="json").status_code == 403
    assert client.patch(url, {"bio": {"en": "Mine."}}, format="json").status_code == 200
    assert Person.objects.get(pk=lab["me"].pk).bio_en == "Mine."


def test_view_on_site_is_offered_only_where_the_site_shows_the_record(client, lab):
    draft = PublicationFactory(
        title_en="My draft", slug="my-draft", is_published=False, created_by=lab["member"]
    )
    client.force_login(lab["member"])
    page = client.get(change_url(draft)).content.decode()
    assert "viewsitelink" not in page  # a member does not see drafts on the site
    client.force_login(lab["editor"])
    assert "viewsitelink" in client.get(change_url(draft)).content.decode()
    assert client.get(f"/en/publications/{draft.slug}/").status_code == 200  # and the editor's link works


@pytest.mark.parametrize("role", ["member", "editor"])
def test_every_account_makes_and_replaces_its_own_api_token(client, lab, role):
    user = lab[role]
    client.force_login(user)
    page = client.get(reverse("admin:api-token"))
    assert page.status_code == 200 and page.context["token"] is None
    assert client.post(reverse("admin:api-token")).status_code == 302
    first = client.get(reverse("admin:api-token")).context["token"].key
    assert first in client.get(reverse("admin:api-token")).content.decode()
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.get("/api/v1/people/").status_code == 200
    client.post(reverse("admin:api-token"))
    assert client.get(reverse("admin:api-token")).context["token"].key != first
    assert api.get("/api/v1/people/").status_code == 401, "the replaced token is refused"


def test_a_login_told_to_go_to_another_site_lands_on_the_admin(client, lab):
    response = client.post(
        reverse("admin:login") + "?next=https://elsewhere.example/steal",
        {"username": lab["member"].username, "password": PASSWORD, "next": "https://elsewhere.example/steal"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_in_the_admin_a_member_cannot_take_another_persons_name_and_new_variants_wait(client, lab):
    from people.models import PersonAlias

    PersonFactory(slug="li-jiang", name_en="Li Jiang")
    data = form_as(client, lab["member"], lab["me"])
    prefix = next(key.removesuffix("-TOTAL_FORMS") for key in data if key.startswith("aliases") and
                  key.endswith("-TOTAL_FORMS"))  # fmt: skip
    data[f"{prefix}-0-name"] = "Li Jiang"
    refused = client.post(change_url(lab["me"]), data)
    assert refused.status_code == 200 and "names another person" in refused.content.decode()
    assert not PersonAlias.objects.filter(person=lab["me"]).exists()
    data[f"{prefix}-0-name"] = "Z. Wang"
    assert client.post(change_url(lab["me"]), data).status_code == 302
    assert PersonAlias.objects.get(person=lab["me"]).waits_for_review is True


def test_changing_the_password_ends_the_accounts_other_sessions(client, lab):
    from django.test import Client

    editor = lab["editor"]
    other = Client()
    other.force_login(editor)
    assert other.get(reverse("admin:index")).status_code == 200
    client.force_login(editor)
    new = "a-new-pass-456-xyz"
    changed = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200, "the session that changed it stays"
    assert other.get(reverse("admin:index")).status_code == 302, "every other session is ended"
