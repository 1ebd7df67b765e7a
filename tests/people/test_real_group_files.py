"""Real roster, news and honours pages from lab sites (tests/data/real/group/README.md) import whole."""

import datetime
from pathlib import Path

import pytest

from news.importers import import_news
from news.models import NewsItem
from people.honors import import_honors
from people.models import Honor, Membership, Person, Supervision
from people.roster import import_roster
from publications.models import Award, Venue
from tests.people.factories import MembershipFactory, PersonFactory
from tests.publications.factories import AuthorshipFactory, PublicationFactory, VenueFactory

pytestmark = pytest.mark.django_db
REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "group"


def read(name):
    return (REAL / name).read_text(encoding="utf-8")


def stint(slug, **filters):
    return Membership.objects.filter(person__slug=slug, **filters).get()


def test_an_academicpages_members_page_imports_whole_and_again_changes_nothing():
    owner = PersonFactory(slug="ali-ouni", name_en="Ali Ouni", name_zh_hans=None, role="faculty")
    report = import_roster(read("academicpages-members.md"), supervisor=owner)
    assert report.counts["refused"] == report.counts["skipped"] == 0
    assert report.counts["created"] + report.counts["unchanged"] == 41
    current = Membership.objects.current()
    assert current.filter(role="phd").count() == 4 and current.filter(role="master").count() == 5
    assert current.filter(role="visitor").count() == 4
    assert Membership.objects.ended().count() == 27
    # listed as a current PhD student and as a master's alumnus: one person, two stints
    moataz = Person.objects.get(slug="moataz-chouchen")
    phd, master = stint("moataz-chouchen", role="phd"), stint("moataz-chouchen", role="master")
    assert (phd.start_on.year, phd.end_on) == (2020, None) and moataz.role == "phd" and not moataz.is_alumnus
    assert (master.end_on.year, master.degree, master.destination_en) == (
        2019,
        "master",
        "PhD student at ETS Montreal",
    )
    nuri = stint("nuri-almarimi")
    assert (nuri.role, nuri.degree, nuri.end_on.year) == ("phd", "doctorate", 2023)
    assert nuri.destination_en == "Postdoctoral researcher at the University of Saskatchewan"
    assert nuri.destination_url == "https://www.usask.ca/"
    assert (
        Person.objects.get(slug="nuri-almarimi").homepage
        == "https://ca.linkedin.com/in/nuri-almarimi-0936116b"
    )
    assert (
        stint("islem-saidani").destination_en == "Data engineer at LGS, an IBM Company"
    )  # a comma in a link
    visit = stint("farah-hachicha")
    assert (visit.role, visit.start_on.year, visit.end_on) == ("visitor", 2023, None)
    before = list(Membership.objects.values().order_by("pk"))
    again = import_roster(read("academicpages-members.md"), supervisor=owner)
    assert again.counts["created"] == again.counts["updated"] == 0
    assert list(Membership.objects.values().order_by("pk")) == before


def test_a_team_page_that_names_roles_in_its_items_and_co_supervisors_by_initials():
    owner = PersonFactory(
        slug="quentin-cappart", name_en="Quentin Cappart", name_zh_hans=None, role="faculty"
    )
    rousseau = PersonFactory(slug="louis-martin-rousseau", name_en="Louis-Martin Rousseau", name_zh_hans=None)
    MembershipFactory(person=rousseau, role="faculty")
    report = import_roster(read("academicpages-team.md"), supervisor=owner)
    assert report.counts == {"created": 25, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    attila = stint("oyku-naz-attila")
    assert (
        attila.role == "postdoc" and not attila.supervisions.get().is_main
    )  # co-supervision with A. Legrain
    assert any("'A. Legrain' is nobody in the lab" in note for note in report.notes)
    bourgeat = stint("max-bourgeat")
    assert (bourgeat.role, bourgeat.start_on.year, bourgeat.end_on) == ("phd", 2024, None)
    kafaei = stint("peyman-kafaei")
    assert (kafaei.role, kafaei.end_on.year, kafaei.degree) == ("phd", 2022, "doctorate")
    assert kafaei.destination_en == "Data scientist at Ivado Labs"
    supervisors = {(s.supervisor.slug, s.is_main) for s in kafaei.supervisions.all()}
    assert supervisors == {("quentin-cappart", False), ("louis-martin-rousseau", False)}  # "L.-M. Rousseau"
    # No supervision named, on a page that names it for others: not recorded
    assert stint("vincent-beiglig").supervisions.count() == 0


def test_an_al_folio_team_page_with_details_on_indented_lines():
    report = import_roster(read("al-folio-team.md"))
    assert report.counts == {"created": 6, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    sprunck = stint("tom-sprunck")  # "Dr." is not part of the name
    assert (sprunck.role, sprunck.start_on.year, sprunck.end_on) == ("postdoc", 2025, None)
    cherif = stint("mostafa-cherif")
    assert (cherif.role, cherif.end_on.year) == ("master", 2024)
    assert cherif.destination_en == "PhD student at IRFU, CEA Saclay, France"
    bonin = stint("jerome-bonin")
    assert (bonin.start_on.year, bonin.end_on.year) == (2019, 2020)
    assert not Supervision.objects.exists()  # its co-supervisors are not in the lab


def test_a_news_page_with_year_headings_and_month_items():
    paper = PublicationFactory(
        title_en="CHROME: Concurrency-Aware Holistic Cache Management Framework with Online "
        "Reinforcement Learning",
        year=2024,
    )
    report = import_news(read("academicpages-news.md"))
    assert report.counts == {"created": 19, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    zion = NewsItem.objects.get(body_en__startswith="Our paper *Zion")
    assert (zion.date, zion.date_precision, zion.date_label) == (
        datetime.date(2025, 11, 1),
        "month",
        "2025.11",
    )
    chrome = NewsItem.objects.get(date=datetime.date(2023, 10, 1))
    assert list(chrome.publications.all()) == [paper]
    assert "<em>CHROME:" in chrome.body_html_en
    relative = [w for w in report.warnings if "points into the old site" in w["message"]]
    assert len(relative) == 2  # the certificates linked as ../files/…
    assert import_news(read("academicpages-news.md")).counts["unchanged"] == 19


def test_an_awards_page_with_the_year_after_the_title_links_best_papers_to_their_awards():
    owner = PersonFactory(slug="ali-ouni", name_en="Ali Ouni", name_zh_hans=None)
    msr = Venue.objects.filter(acronym="MSR").first() or VenueFactory(
        acronym="MSR", name="Mining Repositories"
    )
    mining = PublicationFactory(title_en="A mining challenge paper", year=2022, venue=msr)
    icgse = PublicationFactory(
        title_en="A global software engineering paper", year=2020, doi="10.1145/3372787.3390439"
    )
    for paper in (mining, icgse):
        AuthorshipFactory(publication=paper, person=owner, name="Ali Ouni")
    report = import_honors(read("academicpages-awards.md"), person=owner)
    assert report.counts == {"created": 15, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    best = Honor.objects.get(year=2022, title_en="Best Paper Award")
    assert best.awarding_body_en == "ACM International Conference on Mining Software Repositories (MSR)"
    assert best.note_en == "Mining Challenge track"
    assert Award.objects.get(publication=mining).honor == best  # found by (MSR) and the year
    sigsoft = Honor.objects.get(title_en="ACM SIGSOFT Best Paper Award")
    assert Award.objects.get(publication=icgse).honor == sigsoft  # found by the DOI of its [Paper] link
    assert sigsoft.url == "https://dl.acm.org/doi/10.1145/3372787.3390439"
    phd = Honor.objects.get(title_en="PhD Outstanding Research Award")
    assert (phd.year, phd.awarding_body_en) == (2014, "FESP, University of Montreal")
    assert phd.note_en.startswith("The highest University honor")
    assert Honor.objects.get(title_en="Excellence Doctoral Scholarship Award").year == 2011
    assert Honor.objects.get(title_en="Best Paper Award Runner-up").year == 2016
    again = import_honors(read("academicpages-awards.md"), person=owner)
    assert again.counts["created"] == again.counts["updated"] == 0 and Award.objects.count() == 2
