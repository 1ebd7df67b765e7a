"""The API's representations, renditions, validation and HTTP behaviour."""

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from django.core.exceptions import ValidationError

from people.models import Person, profile_label
from portal.content import bump_content_version
from portal.demo.loader import load_demo
from portal.validators import WebAddressesField, validate_web_addresses
from publications.exporters.bibtex import latex_unescape
from publications.models import Authorship, Publication
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

DATA = Path(__file__).resolve().parents[1] / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the content version is set on commit
        load_demo()


def test_translated_fields_carry_both_languages(api, demo):
    person = api.get("/api/v1/people/zhuoran-song/").json()
    assert person["name"] == {"en": "Zhuoran Song", "zh-hans": "宋卓然"}
    assert set(person["bio_html"]) == {"en", "zh-hans"} and person["bio_html"]["zh-hans"].startswith("<p>")
    # the search also finds English papers on deep neural networks (a synonym): take the Chinese one
    found = api.get("/api/v1/publications/", {"search": "深度神经网络"}).json()["results"]
    paper = next(item for item in found if item["title"]["zh-hans"])
    assert paper["title"] == {"en": "", "zh-hans": "深度神经网络专用架构与压缩技术演进"}
    assert any("Deep Neural Network" in item["title"]["en"] for item in found)


def test_publication_nests_authorships_in_order_with_marks_and_people(api, demo):
    slug = Publication.objects.get(title_en__startswith="ReRAM-Sharing").slug
    paper = api.get(f"/api/v1/publications/{slug}/").json()
    authors = paper["authorships"]
    assert [a["position"] for a in authors] == list(range(1, len(authors) + 1))
    assert authors[0] == {
        "position": 1, "name": "Zhuoran Song", "person": "zhuoran-song", "is_corresponding": False,
        "is_equal_contribution": True, "affiliation": "",
    }  # fmt: skip
    assert authors[1]["person"] == "dongyue-li" and authors[1]["is_equal_contribution"]
    assert paper["venue"]["acronym"] == "ISCAS" and paper["ccf_rank"] == "C"  # as printed, not the list's B


def test_filters_ordering_and_pages(api, demo):
    def count(**query):
        return api.get("/api/v1/publications/", query).json()["count"]

    assert count(lab_work="true") == 52
    assert count(author="zhuoran-song") == 46
    recent = Publication.objects.public().filter(year__gte=2024, authorships__person__slug="zhuoran-song")
    assert count(author="zhuoran-song", year_min=2024, year_max=2025) == recent.count() > 10
    assert count(award="best_paper") == 2 and count(award="any") == 3
    # CCF-C as the seed prints it: GLSVLSI, HPCC, ISCAS (printed C, listed B), ISPA
    assert count(ccf_rank="C", author="zhuoran-song") == 4
    assert count(author="nobody-by-this-slug") == 0
    page = api.get("/api/v1/publications/", {"ordering": "year", "page_size": 5}).json()
    assert [p["year"] for p in page["results"]] == sorted(p["year"] for p in page["results"])
    assert len(page["results"]) == 5 and "page=2" in page["next"]
    for bad in (
        {"year": "abc"},
        {"page_size": "0"},
        {"page_size": "1000"},
        {"ordering": "bogus"},
        {"featured": "x"},
    ):
        response = api.get("/api/v1/publications/", bad)
        assert response.status_code == 400, bad
        assert list(response.json()) == list(bad), response.json()  # the message names the parameter
    assert api.get("/api/v1/publications/", {"page": 99}).status_code == 404


def test_drafts_stay_out_of_counts_and_filters(api, staff_api, demo):
    draft_query = {"search": "Unpublished Draft"}
    assert api.get("/api/v1/publications/", draft_query).json()["count"] == 0
    assert staff_api.get("/api/v1/publications/", draft_query).json()["count"] == 1
    hidden = PersonFactory(is_published=False, slug="hidden-member")
    paper = PublicationFactory()
    Authorship.objects.create(publication=paper, position=1, name="Hidden Member", person=hidden)
    shown = api.get(f"/api/v1/publications/{paper.slug}/").json()
    assert shown["authorships"][0]["person"] is None  # the name stays, the draft person does not
    assert api.get("/api/v1/publications/", {"author": "hidden-member"}).json()["count"] == 0
    assert (
        staff_api.get(f"/api/v1/publications/{paper.slug}/").json()["authorships"][0]["person"]
        == "hidden-member"
    )


def test_bibtex_export_of_the_demo_parses_back_to_the_same_entries(api, demo):
    by_header = api.get(
        "/api/v1/publications/", {"page_size": 200, "lab_work": "true"}, HTTP_ACCEPT="application/x-bibtex"
    )
    assert by_header["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert by_header["X-Total-Count"] == "52"
    library = bibtexparser.parse_string(by_header.content.decode())
    assert not library.failed_blocks and len(library.entries) == 52
    expected = {p.title: p for p in Publication.objects.public().lab_works().with_authors()}
    for entry in library.entries:
        paper = expected.pop(latex_unescape(entry["title"]))
        assert entry["year"] == str(paper.year)
        assert latex_unescape(entry["author"]).split(" and ") == [a.name for a in paper.authorships.all()]
        assert entry.fields_dict.get("doi") is None or entry["doi"] == paper.doi
    assert expected == {}
    by_query = api.get("/api/v1/publications/", {"page_size": 200, "lab_work": "true", "format": "bibtex"})
    assert by_query.content == by_header.content
    slug = Publication.objects.get(title_en__startswith="DRQ").slug
    one = bibtexparser.parse_string(
        api.get(f"/api/v1/publications/{slug}/", {"format": "bibtex"}).content.decode()
    )
    assert [entry.key for entry in one.entries] == ["song2020dynamic"]


def test_csl_json_validates_against_the_csl_schema(api, demo):
    schema = json.loads((DATA / "csl" / "csl-data.json").read_text())
    response = api.get(
        "/api/v1/publications/", {"page_size": 200}, HTTP_ACCEPT="application/vnd.citationstyles.csl+json"
    )
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    items = response.json()
    jsonschema.Draft3Validator(schema).validate(items)
    assert len(items) == Publication.objects.public().count()
    drq = next(item for item in items if item["title"].startswith("DRQ"))
    assert drq["type"] == "paper-conference" and drq["container-title-short"] == "ISCA"
    assert drq["author"][0] == {"family": "Song", "given": "Zhuoran"}
    chinese = next(item for item in items if item["title"] == "深度神经网络专用架构与压缩技术演进")
    assert chinese["author"][0] == {"literal": "宋卓然"} and chinese["type"] == "article-journal"
    slug = Publication.objects.get(title_en__startswith="DRQ").slug
    single = api.get(f"/api/v1/publications/{slug}/", {"format": "csljson"}).json()
    jsonschema.Draft3Validator(schema).validate(single)


def test_staff_write_validates_like_the_admin(staff_api, demo):
    body = {
        "title": {"en": "Checked Paper", "zh-hans": "校验论文"},
        "year": 2025,
        "kind": "journal",
        "doi": "not a doi",
        "arxiv_id": "2501.1",
        "authorships": [{"name": "A", "position": 1}, {"name": "B", "position": 1}],
    }
    refused = staff_api.post("/api/v1/publications/", body, format="json")
    assert refused.status_code == 400
    assert set(refused.json()) == {"doi", "arxiv_id", "authorships"}
    assert not Publication.objects.filter(title_en="Checked Paper").exists()

    existing = Publication.objects.exclude(doi="").first()
    same_doi = {**body, "doi": f"https://doi.org/{existing.doi.upper()}", "arxiv_id": "", "authorships": []}
    refused = staff_api.post("/api/v1/publications/", same_doi, format="json")
    assert refused.status_code == 409 and "doi" in refused.json(), "valid, but conflicts with a stored paper"
    person = {"slug": "zhuoran-song", "name": {"en": "Another Person", "zh-hans": ""}}
    taken = staff_api.post("/api/v1/people/", person, format="json")
    assert taken.status_code == 409 and set(taken.json()) == {"slug"}
    also_wrong = staff_api.post("/api/v1/people/", {**person, "homepage": "nope"}, format="json")
    assert also_wrong.status_code == 400 and set(also_wrong.json()) == {"slug", "homepage"}

    body.update(doi="10.1234/checked.2025", arxiv_id="2501.01234")
    body["authorships"] = [
        {"name": "Zhuoran Song", "person": "zhuoran-song", "is_corresponding": True},
        {"name": "Li Jiang", "person": "li-jiang", "position": 5},
        {"name": "Guest Author"},
    ]
    created = staff_api.post("/api/v1/publications/", body, format="json")
    assert created.status_code == 201, created.json()
    authors = created.json()["authorships"]
    assert [(a["position"], a["name"]) for a in authors] == [
        (5, "Li Jiang"),
        (6, "Zhuoran Song"),
        (7, "Guest Author"),
    ]
    paper = Publication.objects.get(doi="10.1234/checked.2025")
    assert paper.title_zh_hans == "校验论文" and paper.authorships.get(position=6).is_corresponding

    wrong_orcid = staff_api.patch(
        "/api/v1/people/zhuoran-song/", {"orcid": "0000-0002-1825-0098"}, format="json"
    )
    assert wrong_orcid.status_code == 400 and "orcid" in wrong_orcid.json()
    no_name = staff_api.post(
        "/api/v1/people/", {"slug": "nameless", "name": {"en": "", "zh-hans": ""}}, format="json"
    )
    assert no_name.status_code == 400 and "name" in no_name.json()
    wrong_type = staff_api.patch("/api/v1/people/zhuoran-song/", {"is_published": "yes"}, format="json")
    assert wrong_type.status_code == 400
    bad_link = staff_api.patch("/api/v1/people/zhuoran-song/", {"homepage": "nope"}, format="json")
    assert bad_link.json() == {"homepage": ["Enter a valid URL, or leave the field empty."]}
    assert staff_api.patch("/api/v1/people/zhuoran-song/", {"homepage": ""}, format="json").status_code == 200


def test_a_persons_other_pages_are_a_list_of_web_addresses(api, staff_api, demo, client):
    ieee = "https://ieeexplore.ieee.org/author/37089000000"
    refused = staff_api.patch("/api/v1/people/zhuoran-song/", {"links": [ieee, "not a link"]}, format="json")
    assert refused.status_code == 400 and "links" in refused.json()
    too_many = [f"https://example.org/{number}" for number in range(21)]
    many = staff_api.patch("/api/v1/people/zhuoran-song/", {"links": too_many}, format="json")
    assert many.status_code == 400
    assert Person.objects.get(slug="zhuoran-song").links == []
    saved = staff_api.patch("/api/v1/people/zhuoran-song/", {"links": [ieee]}, format="json")
    assert saved.status_code == 200 and api.get("/api/v1/people/zhuoran-song/").json()["links"] == [ieee]
    page = client.get("/en/people/zhuoran-song/").content.decode()
    assert f'<a href="{ieee}">IEEE Xplore</a>' in page


def test_the_admin_takes_other_pages_one_per_line():
    field = WebAddressesField()
    assert field.clean(" https://a.example/x \n\nhttps://www.linkedin.com/in/ab\n") == [
        "https://a.example/x",
        "https://www.linkedin.com/in/ab",
    ]
    assert (
        field.prepare_value(["https://a.example/x", "https://b.example/"])
        == "https://a.example/x\nhttps://b.example/"
    )
    with pytest.raises(ValidationError, match="is not a web address"):
        validate_web_addresses(["https://a.example/", "javascript:alert(1)"])
    assert profile_label("https://www.semanticscholar.org/author/123") == "Semantic Scholar"
    assert profile_label("https://lab.example.edu/~ab/") == "lab.example.edu"


def test_conditional_requests_are_answered_with_304(api, staff_api, demo, django_capture_on_commit_callbacks):
    first = api.get("/api/v1/people/")
    assert first["Cache-Control"] == "public, max-age=60" and first["Last-Modified"]
    again = api.get("/api/v1/people/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    since = api.get("/api/v1/people/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # Staff see drafts: their answer has its own tag and is never cached publicly.
    staff = staff_api.get("/api/v1/people/")
    assert staff["ETag"] != first["ETag"] and staff["Cache-Control"] == "private, no-cache"
    assert api.get("/api/v1/people/?role=phd")["ETag"] != first["ETag"]


@pytest.mark.django_db(transaction=True)
def test_a_change_changes_the_etag(api):
    load_demo()
    tag = api.get("/api/v1/people/")["ETag"]
    PersonFactory()
    fresh = api.get("/api/v1/people/", HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200 and fresh["ETag"] != tag


@pytest.mark.django_db(transaction=True)
def test_a_saved_change_shows_in_the_next_list(api, staff_api):
    """Publications are serialised once per content version: an edit, or a person turned draft, is
    in the very next answer."""
    load_demo()
    paper = Publication.objects.public().filter(authorships__person__slug="li-jiang").first()
    listed = {
        item["id"]: item for item in api.get("/api/v1/publications/", {"page_size": 200}).json()["results"]
    }
    assert "li-jiang" in [author["person"] for author in listed[paper.pk]["authorships"]]
    assert (
        staff_api.patch(
            f"/api/v1/publications/{paper.slug}/",
            {"title": {"en": "Renamed", "zh-hans": "改名"}},
            format="json",
        ).status_code
        == 200
    )
    Person.objects.filter(slug="li-jiang").update(is_published=False)
    bump_content_version()  # update() bypasses the signals, as the docstring of the helper says
    for client, slug in ((api, None), (staff_api, "li-jiang")):
        listed = {
            item["id"]: item
            for item in client.get("/api/v1/publications/", {"page_size": 200}).json()["results"]
        }
        assert listed[paper.pk]["title"] == {"en": "Renamed", "zh-hans": "改名"}
        authors = [author["person"] for author in listed[paper.pk]["authorships"]]
        assert "li-jiang" not in authors if slug is None else slug in authors


def test_reads_are_open_to_other_origins_and_writes_are_not(api):
    preflight = api.options(
        "/api/v1/people/",
        HTTP_ORIGIN="https://department.example.edu",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    response = api.get("/api/v1/people/", HTTP_ORIGIN="https://department.example.edu")
    assert (
        response["Access-Control-Allow-Origin"] == "*" and "ETag" in response["Access-Control-Expose-Headers"]
    )
    assert "Access-Control-Allow-Origin" not in api.get("/en/", HTTP_ORIGIN="https://x.example").headers


def test_anonymous_clients_are_throttled_with_a_clear_429(api, settings):
    from rest_framework.throttling import AnonRateThrottle

    AnonRateThrottle.THROTTLE_RATES = {"anon": "3/minute"}
    try:
        codes = [api.get("/api/v1/research-areas/").status_code for _ in range(4)]
        limited = api.get("/api/v1/research-areas/")
    finally:
        AnonRateThrottle.THROTTLE_RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert codes == [200, 200, 200, 429]
    assert "throttled" in limited.json()["detail"] and int(limited["Retry-After"]) > 0


def test_errors_are_json(api, staff_api):
    assert api.get("/api/v1/people/nobody/").json() == {"detail": "No Person matches the given query."}
    assert api.get("/api/v1/venues/99999999999999999999999/").status_code == 404
    assert staff_api.patch("/api/v1/honors/%C2%B3/", {}, format="json").status_code == 404  # "³"
    assert api.get("/api/v1/no-such-endpoint/").json() == {"detail": "Not found."}
    broken = staff_api.post("/api/v1/venues/", "{not json", content_type="application/json")
    assert broken.status_code == 400 and "JSON parse error" in broken.json()["detail"]
    for text in ('"Li\\u0000Jiang"', '"Li\\udad5Jiang"'):  # escapes JSON allows and no column stores
        body = '{"slug": "stored-nowhere", "name": {"en": "TEXT", "zh-hans": ""}}'.replace('"TEXT"', text)
        refused = staff_api.post("/api/v1/people/", body, content_type="application/json")
        assert refused.status_code == 400 and "JSON parse error" in refused.json()["detail"]
    assert not Person.objects.filter(slug="stored-nowhere").exists()
    bibtex_error = api.get("/api/v1/publications/nothing/", {"format": "bibtex"})
    assert bibtex_error.status_code == 404 and bibtex_error["Content-Type"] == "application/json"
    for rendition in ("", "xml"):
        unknown = api.get("/api/v1/publications/", {"format": rendition})
        assert unknown.status_code == 404 and unknown["Content-Type"] == "application/json"


def test_schema_and_docs_are_served_locally(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    paths = document["paths"]
    for name in [
        "people",
        "publications",
        "venues",
        "achievements",
        "research-areas",
        "collections",
        "honors",
    ]:
        assert f"/api/v1/{name}/" in paths
    listing = paths["/api/v1/publications/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {
        "year", "year_min", "year_max", "kind", "venue", "ccf_rank", "author", "award", "area", "featured",
        "search", "ordering", "page", "page_size",
    }  # fmt: skip
    assert {"200", "304", "400", "429"} <= set(listing["responses"])
    assert "application/x-bibtex" in listing["responses"]["200"]["content"]
    docs = api.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs and "cdn" not in docs.lower()


@pytest.mark.parametrize("depth", [40, 990, 100_000])
def test_deeply_nested_json_is_refused_with_a_message(staff_api, depth):
    body = '{"slug": "deep", "name": {"en": "Deep"}, "aliases": ' + "[" * depth + "]" * depth + "}"
    refused = staff_api.post("/api/v1/people/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "nested more than 32 deep" in refused.json()["detail"]
    assert not Person.objects.filter(slug="deep").exists()


def test_json_nested_within_the_limit_and_brackets_in_strings_are_read(staff_api):
    brackets = "[[[{{{" * 20  # inside a string: not nesting
    body = json.dumps({"slug": "shallow", "name": {"en": brackets}, "aliases": ["S. Hallow"]})
    created = staff_api.post("/api/v1/people/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert Person.objects.get(slug="shallow").name_en == brackets


def test_the_api_root_without_a_version_leads_to_the_current_one(api):
    response = api.get("/api/")
    assert response.status_code == 302 and response["Location"] == "/api/v1/"
    assert api.get(response["Location"]).status_code == 200
