"""The nightly watch against the four sources replayed: one suggestion per new work whatever the number
of sources, nothing for what the lab holds, a held preprint's published version offered as a merge, a
second run adding nothing, a rejected one staying away; each failing source reported while the others
deliver."""

import pytest
from django.core.management import call_command

from jobs.models import ImportJob, JobHeartbeat, JobKind, JobState
from tests.replay import DATA
from watch.accepting import reject
from watch.models import Suggestion, SuggestionKind, SuggestionState
from watch.tasks import run_watch, watch_sources

from .conftest import ARXIV, DBLP, OPENALEX, ORCID_BULK, ORCID_WORKS

pytestmark = pytest.mark.django_db


def by_title() -> dict[str, Suggestion]:
    return {s.title: s for s in Suggestion.objects.prefetch_related("people")}


def test_one_suggestion_per_new_work_a_merge_for_the_held_preprint_nothing_for_held_papers(lab, sources):
    job = run_watch()
    assert job.state == JobState.SUCCEEDED and job.error == ""
    found = by_title()
    assert set(found) == {
        "GraphPIM: Processing-in-Memory for Graph Neural Networks",
        "Photonic Accelerators for Attention, Revisited",
        "SparseCore-PIM: Sparse Tensor Cores in Memory",
        "A Survey of Near-Data Processing",
    }  # not NearBank (held whole), not the namesake's paper at arXiv
    graph = found["GraphPIM: Processing-in-Memory for Graph Neural Networks"]
    assert graph.kind == SuggestionKind.NEW and graph.publication is None
    assert sorted(s["source"] for s in graph.sources) == ["DBLP", "ORCID", "OpenAlex"]
    assert graph.doi == "10.5555/watch.new.3" and graph.year == 2025
    assert [p.slug for p in graph.people.all()] == ["mei-lin"]
    assert graph.authors == "Mei Lin, Rui Zhao, Wei Wang"
    photonic = found["Photonic Accelerators for Attention, Revisited"]
    assert photonic.kind == SuggestionKind.NEW and photonic.arxiv_id == "2501.00004"
    assert [s["source"] for s in photonic.sources] == ["arXiv"]
    merge = found["SparseCore-PIM: Sparse Tensor Cores in Memory"]
    assert merge.kind == SuggestionKind.PUBLISHED_VERSION and merge.publication == lab["preprint"]
    assert merge.changes["kind"] == "conference" and merge.changes["doi"] == "10.5555/watch.pub.2"
    assert "MICRO" in merge.changes["venue"]
    assert sorted(s["source"] for s in merge.sources) == ["DBLP", "DBLP", "arXiv"]  # the CoRR record too
    better = found["A Survey of Near-Data Processing"]
    assert better.kind == SuggestionKind.BETTER_RECORD and better.publication == lab["survey"]
    assert better.changes == {"doi": "10.5555/watch.better.6", "pages": "1-20", "volume": "41"}
    assert job.report["counts"]["held already"] == 1 and job.report["counts"]["works found"] == 2 + 4 + 3 + 2
    assert sources.requests.count(ORCID_WORKS) == 1 and ORCID_BULK in sources.requests
    assert sources.headers[0]["Accept"] == "application/json"


def test_a_second_run_adds_nothing_and_a_rejected_one_stays_away(lab, sources):
    run_watch()
    photonic = Suggestion.objects.get(arxiv_id="2501.00004")
    reject(photonic, lab["member"])
    job = run_watch()
    assert Suggestion.objects.count() == 4
    photonic.refresh_from_db()
    assert photonic.state == SuggestionState.REJECTED
    counts = job.report["counts"]
    assert counts["rejected before"] == 1 and counts["waiting already"] == 3
    assert not any(name.startswith("filed") for name in counts)


def test_a_dry_run_files_nothing_and_says_what_it_would(lab, sources):
    job = run_watch(dry_run=True)
    assert Suggestion.objects.count() == 0
    assert job.dry_run and job.report["counts"]["filed: New paper"] == 2


def test_one_member_only(lab, sources):
    assert run_watch("rui-zhao").report["counts"] == {}  # no id to ask with
    assert sources.requests == []
    run_watch("mei-lin")
    assert Suggestion.objects.count() == 4


def test_beat_runs_it_as_a_job_and_the_command_prints_its_log(lab, sources, capsys):
    watch_sources.apply()
    job = ImportJob.objects.get(kind=JobKind.WATCH_SOURCES)
    assert job.state == JobState.SUCCEEDED
    assert JobHeartbeat.objects.filter(job=job).exists()  # it beats while it waits on the sources
    call_command("watch_sources", "--person", "mei-lin", "--dry-run")
    out = capsys.readouterr().out
    assert "ORCID for mei-lin: 2 works" in out and "arXiv for mei-lin: 2 works" in out
    assert "a dry run: nothing was filed" in out


def test_a_former_member_is_not_watched(lab, sources):
    lab["mei"].memberships.update(end_on="2024-06-30")
    assert lab["mei"].update_from_memberships()  # as saving a stint in the admin does
    run_watch()
    assert sources.requests == [] and Suggestion.objects.count() == 0


SOURCE_FAILED, WORK_UNREADABLE = "1 source did not deliver", "1 work could not be read"


@pytest.mark.parametrize(
    ("route", "answer", "why", "said"),
    [
        (ORCID_WORKS, (500, '{"error": "boom"}'), "ORCID answered 500", SOURCE_FAILED),
        (DBLP, (200, "<dblpperson><r><inproceedings"), "the XML is not well formed", SOURCE_FAILED),
        (OPENALEX, (200, "<html>busy</html>"), "not JSON", SOURCE_FAILED),
        (ARXIV, (200, "<html><body>Rate exceeded</body></html>"), "not an Atom feed", SOURCE_FAILED),
        (ORCID_BULK, (200, '{"bulk": "nothing"}'), "bulk: expected a list", SOURCE_FAILED),
        # one bad work among good ones costs that work only
        (OPENALEX, (200, '{"results": [{"id": "W1", "title": 7}]}'), "title: expected text", WORK_UNREADABLE),
    ],
)
def test_a_failing_source_is_reported_and_the_others_deliver(lab, sources, route, answer, why, said):
    sources.answer(route, answer)
    job = run_watch()
    assert job.state == JobState.SUCCEEDED and said in job.error
    [warning] = job.report["warnings"]
    assert why in warning["message"]
    titles = {title.casefold() for title in by_title()}
    assert "graphpim: processing-in-memory for graph neural networks" in titles  # three sources have it
    assert len(titles) >= 3


def test_one_unreadable_entry_costs_only_itself(lab, sources):
    feed = (DATA / "watch" / "arxiv-query.xml").read_text(encoding="utf-8")
    broken = feed.replace("<published>2025-01-06T18:30:00Z</published>", "<published>soon</published>")
    sources.answer(ARXIV, (200, broken))
    job = run_watch()
    [warning] = job.report["warnings"]
    assert not Suggestion.objects.filter(arxiv_id="2501.00004").exists()
    assert "no date: 'soon'" in warning["message"] and job.report["counts"]["works unreadable"] == 1
    merge = Suggestion.objects.get(publication=lab["preprint"])
    assert "arXiv" in [source["source"] for source in merge.sources]  # arXiv's other entries count


def test_a_source_that_answers_500_is_asked_again_then_given_up(lab, sources, settings):
    settings.WATCH_RETRIES = 2
    sources.answer(ORCID_WORKS, (503, "{}"), (503, "{}"), (200, "watch/orcid-works.json"))
    run_watch()
    assert sources.requests.count(ORCID_WORKS) == 3  # two failures, then the answer
    assert Suggestion.objects.count() == 4

    sources.answer(DBLP, (500, "boom"))
    job = run_watch()
    assert sources.requests.count(DBLP) == 1 + 3
    assert "DBLP answered 500 for /pid/00/0009.xml (3 tries)" in job.report["warnings"][0]["message"]


def test_a_source_that_times_out_is_reported_and_the_others_deliver(lab, sources, settings):
    settings.REMOTE_TIMEOUT_SECONDS = 0.3
    settings.WATCH_RETRIES = 0
    sources.answer(ARXIV, (200, "sleep:1"))
    job = run_watch()
    [warning] = job.report["warnings"]
    assert warning["place"] == "arXiv for mei-lin" and "did not answer: ReadTimeout" in warning["message"]
    assert Suggestion.objects.count() == 3  # all but the arXiv-only preprint


def test_requests_to_one_source_are_spaced(lab, sources, settings):
    import time

    settings.ARXIV_REQUEST_INTERVAL = 0.4
    settings.WATCH_RETRIES = 1
    sources.answer(ARXIV, (503, "{}"), (200, "watch/arxiv-query.xml"))
    start = time.monotonic()
    run_watch()
    assert time.monotonic() - start >= 0.4  # the second request to arXiv waited its turn
