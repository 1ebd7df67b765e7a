"""A lab with one member who has all four ids, the papers it holds, and the four sources replayed
(tests/data/watch/README.md says what each holds and what the watch should make of it)."""

import datetime

import pytest

from accounts.roles import EDITOR, MEMBER
from people.models import Person
from publications.models import Publication, PublicationKind, Venue
from tests.accounts.test_review_history import account
from tests.people.factories import MembershipFactory, PersonFactory
from tests.publications.factories import AuthorshipFactory, PublicationFactory
from tests.replay import ReplayServer

ORCID = "0000-0003-1234-5674"
ORCID_WORKS = f"/v3.0/{ORCID}/works"
ORCID_BULK = f"/v3.0/{ORCID}/works/1001,1002"
DBLP = "/pid/00/0009.xml"
OPENALEX = "/works?filter=author.id:A5000000009&per-page=200&cursor=*"
ARXIV = "/api/query?search_query=au:Lin_Mei&start=0&max_results=100&sortBy=submittedDate&sortOrder=descending"
ROUTES = {
    ORCID_WORKS: [(200, "watch/orcid-works.json")],
    ORCID_BULK: [(200, "watch/orcid-works-bulk.json")],
    DBLP: [(200, "watch/dblp-person.xml")],
    OPENALEX: [(200, "watch/openalex-author.json")],
    ARXIV: [(200, "watch/arxiv-query.xml")],
}


@pytest.fixture
def sources(settings):
    with ReplayServer(ROUTES) as server:
        for name in ("ORCID_URL", "DBLP_URL", "OPENALEX_URL", "ARXIV_URL"):
            setattr(settings, name, server.url)
        settings.WATCH_REQUEST_INTERVAL = settings.ARXIV_REQUEST_INTERVAL = 0
        settings.WATCH_BACKOFF_SECONDS = 0
        yield server


@pytest.fixture
def lab(db):
    """Mei Lin (all four ids, a current member with an account), Rui Zhao (a member without ids), and
    three papers the lab holds: NearBank whole, SparseCore-PIM as its arXiv preprint, the survey
    without DOI or pages."""
    mei = PersonFactory(
        slug="mei-lin",
        name_en="Mei Lin",
        name_zh_hans="林梅",
        orcid=ORCID,
        dblp="00/0009",
        openalex_id="A5000000009",
        arxiv_query="au:Lin_Mei",
    )
    rui = PersonFactory(slug="rui-zhao", name_en="Rui Zhao", name_zh_hans="赵锐")
    for person in (mei, rui):
        MembershipFactory(person=person, end_on=None)
    # The CCF list's venues, as every installation has them (made here when a transactional test on
    # this worker emptied the tables the migrations filled).
    venues = {
        key: Venue.objects.get_or_create(
            dblp_key=key, defaults={"name": name, "acronym": acronym, "kind": "conference", "ccf_rank": "A"}
        )[0]
        for key, acronym, name in [
            ("conf/isca", "ISCA", "International Symposium on Computer Architecture"),
            ("conf/micro", "MICRO", "IEEE/ACM International Symposium on Microarchitecture"),
            ("conf/dac", "DAC", "Design Automation Conference"),
        ]
    }
    isca = venues["conf/isca"]
    nearbank = PublicationFactory(
        title_en="NearBank: Near-Bank Processing for Sparse Attention",
        year=2023,
        venue=isca,
        doi="10.5555/watch.held.1",
        pages="1-14",
        slug="nearbank",
    )
    preprint = PublicationFactory(
        title_en="SparseCore-PIM: Sparse Tensor Cores in Memory",
        year=2024,
        kind=PublicationKind.PREPRINT,
        venue=None,
        venue_text="arXiv preprint",
        arxiv_id="2405.00002",
        slug="sparsecore-pim",
    )
    survey = PublicationFactory(
        title_en="A Survey of Near-Data Processing",
        year=2022,
        kind=PublicationKind.JOURNAL,
        venue=None,
        venue_text="IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems",
        slug="near-data-survey",
    )
    for paper in (nearbank, preprint, survey):
        AuthorshipFactory(publication=paper, person=mei, position=1, name="Mei Lin")
        AuthorshipFactory(publication=paper, person=rui, position=2, name="Rui Zhao")
    return {
        "mei": Person.objects.get(pk=mei.pk),
        "rui": rui,
        "nearbank": nearbank,
        "preprint": preprint,
        "survey": survey,
        "member": account("mei", MEMBER, mei, email="mei@lab.example"),
        "editor": account("editor", EDITOR, email="editor@lab.example"),
    }


def papers() -> int:
    return Publication.objects.count()


TODAY = datetime.date.today()
