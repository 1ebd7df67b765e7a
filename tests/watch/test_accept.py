"""Deciding on what the watch found: accepting creates the paper (a draft for a member, published for an
editor) with its authors linked, merges a preprint with its published version into one paper, betters a
record; a member's change to a published paper waits for review; a member decides only their own. In
the admin, the API and the weekly e-mail."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import PendingChange, Preferences
from publications.models import Publication, PublicationKind
from tests.accounts.test_review_history import account
from tests.people.factories import MembershipFactory, PersonFactory
from watch.accepting import Refused, accept, reject
from watch.models import Suggestion, SuggestionKind, SuggestionState
from watch.tasks import mail_found_papers, run_watch

from .conftest import papers

pytestmark = pytest.mark.django_db
GRAPH = "GraphPIM: Processing-in-Memory for Graph Neural Networks"


@pytest.fixture
def found(lab, sources):
    run_watch()
    return {s.kind if s.kind != SuggestionKind.NEW else s.title: s for s in Suggestion.objects.all()}


def test_a_member_accepting_a_new_paper_gets_a_draft_with_its_authors_linked(lab, found):
    before = papers()
    outcome = accept(found[GRAPH], lab["member"])
    assert "draft" in outcome
    paper = Publication.objects.get(doi="10.5555/watch.new.3")
    assert not paper.is_published and paper.created_by == lab["member"] and papers() == before + 1
    assert paper.kind == PublicationKind.CONFERENCE and paper.venue.acronym == "DAC"
    assert [(a.name, a.person and a.person.slug) for a in paper.authorships.order_by("position")] == [
        ("Mei Lin", "mei-lin"),
        ("Rui Zhao", "rui-zhao"),
        ("Wei Wang", None),
    ]
    suggestion = Suggestion.objects.get(pk=found[GRAPH].pk)
    assert suggestion.state == SuggestionState.ACCEPTED and suggestion.publication == paper
    assert suggestion.decided_by == lab["member"]
    job = run_watch()  # held now: nothing new, nothing filed again
    assert Suggestion.objects.count() == 4 and not any(k.startswith("filed") for k in job.report["counts"])


def test_an_editor_accepting_publishes_it(lab, found):
    accept(found["Photonic Accelerators for Attention, Revisited"], lab["editor"])
    paper = Publication.objects.get(arxiv_id="2501.00004")
    assert paper.is_published and paper.kind == PublicationKind.PREPRINT
    assert paper.authorships.get(position=1).person == lab["mei"]


def test_accepting_the_published_version_of_a_held_preprint_makes_one_paper(lab, found):
    before = papers()
    accept(found[SuggestionKind.PUBLISHED_VERSION], lab["editor"])
    paper = Publication.objects.get(pk=lab["preprint"].pk)
    assert papers() == before
    assert (paper.kind, paper.year, paper.doi, paper.arxiv_id) == (
        PublicationKind.CONFERENCE,
        2024,
        "10.5555/watch.pub.2",
        "2405.00002",
    )
    assert paper.venue.acronym == "MICRO" and paper.venue_text == "" and paper.pages == "100-113"
    assert [a.person.slug for a in paper.authorships.order_by("position")] == ["mei-lin", "rui-zhao"]


def test_a_members_merge_of_a_published_paper_waits_for_review(lab, found):
    outcome = accept(found[SuggestionKind.BETTER_RECORD], lab["member"])
    assert "waits for an editor's review" in outcome
    survey = Publication.objects.get(pk=lab["survey"].pk)
    assert survey.doi == "" and survey.pages == ""  # unchanged until an editor approves
    change = PendingChange.objects.get()
    assert change.author == lab["member"] and change.object_id == survey.pk
    assert change.proposed["fields"]["doi"] == "10.5555/watch.better.6"
    assert change.proposed["fields"]["pages"] == "1-20"


def test_a_member_may_not_change_through_a_suggestion_a_paper_they_may_not_edit(lab, found):
    lab["survey"].authorships.filter(person=lab["mei"]).update(person=None)  # the lab's record lacks them
    with pytest.raises(Refused, match="an editor can accept it"):
        accept(found[SuggestionKind.BETTER_RECORD], lab["member"])
    assert not PendingChange.objects.exists()
    assert Suggestion.objects.get(pk=found[SuggestionKind.BETTER_RECORD].pk).state == SuggestionState.WAITING


def test_an_editors_better_record_fills_what_was_empty(lab, found):
    accept(found[SuggestionKind.BETTER_RECORD], lab["editor"])
    survey = Publication.objects.get(pk=lab["survey"].pk)
    assert (survey.doi, survey.pages, survey.volume) == ("10.5555/watch.better.6", "1-20", "41")
    assert survey.venue_text.startswith("IEEE Transactions")  # what the lab entered stays


def test_only_a_member_it_names_or_an_editor_decides_and_only_once(lab, found):
    other = PersonFactory(slug="other-member")
    MembershipFactory(person=other, end_on=None)
    stranger = account("other", "Member", other)
    with pytest.raises(Refused):
        accept(found[GRAPH], stranger)
    with pytest.raises(Refused):
        reject(found[GRAPH], AnonymousUser())
    reject(found[GRAPH], lab["member"])
    with pytest.raises(Refused, match="decided already"):
        accept(Suggestion.objects.get(pk=found[GRAPH].pk), lab["editor"])


def test_the_admin_home_says_how_many_were_found_and_the_member_decides_there(client, lab, found):
    client.force_login(lab["member"])
    assert "4 new papers found for you" in client.get(reverse("admin:index")).content.decode()
    listing = client.get(reverse("admin:watch_suggestion_changelist")).content.decode()
    assert GRAPH in listing and "ORCID" in listing
    page = client.get(reverse("admin:watch_suggestion_change", args=[found[GRAPH].pk])).content.decode()
    assert "accept-suggestion" in page
    response = client.post(reverse("admin:watch_suggestion_accept", args=[found[GRAPH].pk]))
    assert response.status_code == 302
    assert Publication.objects.filter(doi="10.5555/watch.new.3", is_published=False).exists()
    assert "3 new papers found for you" in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse("admin:watch_suggestion_accept", args=[found[GRAPH].pk])).status_code == 405


def test_an_editor_accepts_several_at_once_in_the_admin(client, lab, found):
    client.force_login(lab["editor"])
    assert "4 found papers wait for a decision" in client.get(reverse("admin:index")).content.decode()
    new = Suggestion.objects.filter(kind=SuggestionKind.NEW)
    response = client.post(
        reverse("admin:watch_suggestion_changelist"),
        {"action": "accept_selected", "_selected_action": [s.pk for s in new]},
    )
    assert response.status_code == 302
    assert Publication.objects.filter(doi="10.5555/watch.new.3", is_published=True).exists()
    assert Publication.objects.filter(arxiv_id="2501.00004", is_published=True).exists()
    assert set(new.values_list("state", flat=True)) == {SuggestionState.ACCEPTED}


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_api_lists_a_members_own_and_lets_them_decide(lab, found):
    assert APIClient().get("/api/v1/suggestions/").status_code in (401, 403)
    member = token_client(lab["member"])
    listing = member.get("/api/v1/suggestions/?state=waiting&kind=new").json()
    assert listing["count"] == 2
    graph = next(row for row in listing["results"] if row["title"] == GRAPH)
    assert graph["members"] == ["mei-lin"] and {s["source"] for s in graph["sources"]} == {
        "ORCID",
        "DBLP",
        "OpenAlex",
    }
    answer = member.post(f"/api/v1/suggestions/{graph['id']}/accept/")
    assert answer.status_code == 200 and answer.json()["state"] == "accepted"
    assert answer.json()["publication"] == Publication.objects.get(doi="10.5555/watch.new.3").slug
    again = member.post(f"/api/v1/suggestions/{graph['id']}/reject/")
    assert again.status_code == 409 and "decided already" in again.json()["detail"]
    assert member.get("/api/v1/suggestions/?state=maybe").status_code == 400

    other = PersonFactory(slug="other-member")
    MembershipFactory(person=other, end_on=None)
    stranger = token_client(account("other", "Member", other))
    assert stranger.get("/api/v1/suggestions/").json()["count"] == 0
    assert stranger.post(f"/api/v1/suggestions/{graph['id']}/accept/").status_code == 404


def test_the_api_accepts_several_and_names_what_it_could_not(lab, found):
    editor = token_client(lab["editor"])
    ids = list(Suggestion.objects.order_by("pk").values_list("pk", flat=True))
    answer = editor.post("/api/v1/suggestions/accept/", {"ids": [*ids, 99999]}, format="json")
    assert answer.status_code == 200
    assert len(answer.json()["accepted"]) == 4 and answer.json()["problems"] == [
        "no suggestion 99999 of yours"
    ]
    assert editor.post("/api/v1/suggestions/accept/", {"ids": "all"}, format="json").status_code == 400
    huge = editor.post("/api/v1/suggestions/accept/", {"ids": [2**70]}, format="json")
    assert huge.status_code == 400  # not a number the database can hold


def test_the_list_runs_a_fixed_number_of_queries(lab, found):
    editor = token_client(lab["editor"])
    with CaptureQueriesContext(connection) as few:
        assert editor.get("/api/v1/suggestions/").status_code == 200
    for number in range(20):
        Suggestion.objects.create(title=f"Found {number}", keys=[f"title:found{number}"]).people.add(
            lab["mei"]
        )
    with CaptureQueriesContext(connection) as many:
        assert editor.get("/api/v1/suggestions/").json()["count"] == 24
    assert len(many) == len(few)


def test_a_member_hears_once_a_week_what_was_found_for_them(lab, found):
    assert mail_found_papers() == 1
    [message] = mail.outbox
    assert message.to == ["mei@lab.example"] and "4 new papers found for you" in message.subject
    assert GRAPH in message.body and "/admin/watch/suggestion/" in message.body
    assert mail_found_papers() == 0  # told already
    Suggestion.objects.update(mailed_at=None)
    Preferences.objects.create(user=lab["member"], found_papers_emails=False)
    assert mail_found_papers() == 0
