"""The demo files found papers from recorded answers, so a visitor of `make run` can try the watch."""

import pytest

from portal.demo.loader import load_demo
from publications.models import Publication
from tests.accounts.test_review_history import account
from watch.accepting import accept
from watch.models import Suggestion, SuggestionKind

pytestmark = pytest.mark.django_db
SELF_TERMINATING = "Self-Terminating Write of Multi-Level Cell ReRAM for Efficient Neuromorphic Computing"


def test_the_demo_has_found_papers_waiting_and_loading_it_again_adds_none():
    held = Publication.objects.count()
    load_demo()
    held = Publication.objects.count() - held
    found = {s.title: s for s in Suggestion.objects.waiting().prefetch_related("people")}
    assert set(found) == {
        "ERA-BS: Boosting the Efficiency of ReRAM-based PIM Accelerator with Fine-Grained Bit-Level Sparsity",
        "SoBS-X: Squeeze-Out Bit Sparsity for ReRAM-Crossbar-Based Neural Network Accelerator",
        SELF_TERMINATING,
    }
    write = found[SELF_TERMINATING]
    assert write.kind == SuggestionKind.NEW and sorted(s["source"] for s in write.sources) == [
        "DBLP",
        "OpenAlex",
    ]
    assert [p.slug for p in write.people.all()] == ["zongwu-wang"]
    load_demo()
    assert Suggestion.objects.count() == 3

    accept(write, account("member", "Member", write.people.get()))
    paper = Publication.objects.get(title_en=SELF_TERMINATING)
    assert not paper.is_published and paper.venue.acronym == "DATE"
    authors = [a.person.slug if a.person else a.name for a in paper.authorships.order_by("position")]
    assert authors[:3] == ["zongwu-wang", "zhezhi-he", "Rui Yang"] and len(authors) == 10
    assert Publication.objects.count() == held + 1
