"""Exporters: BibTeX, RIS and CSL-JSON from the command line, the admin and the site; BibTeX round trip."""

import json
from collections import Counter

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.urls import reverse

from portal.demo.loader import load_demo
from publications.exporters import export_publications
from publications.importers import import_publications
from publications.models import Publication

pytestmark = pytest.mark.django_db


def entries(text: str) -> Counter:
    """BibTeX entries as (type, fields) whatever their order and citation keys."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return Counter(
        (entry.entry_type, tuple(sorted((f.key, f.value) for f in entry.fields))) for entry in library.entries
    )


def test_export_then_import_of_the_demo_is_lossless_for_bibtex_fields():
    load_demo()
    exported = export_publications(Publication.objects.all().with_authors(), "bibtex")
    count = Publication.objects.count()
    Publication.objects.all().delete()

    report = import_publications(exported, "bibtex")

    assert report.counts["created"] == count
    again = export_publications(Publication.objects.all().with_authors(), "bibtex")
    assert entries(again) == entries(exported)
    assert "note = {Best Paper Award}" in exported and "date = {" in exported, "the fields at stake are there"


def test_export_command_filters_by_person_and_year(capsys):
    load_demo()
    call_command("export_publications", "--format", "bibtex", "--person", "zhuoran-song", "--year", "2024")
    text = capsys.readouterr().out
    expected = (
        Publication.objects.public().filter(year=2024, authorships__person__slug="zhuoran-song").distinct()
    )
    assert sum(entries(text).values()) == expected.count() > 5
    assert all("year = {2024}" in block for block in text.split("\n@")[1:])


def test_ris_and_csl_json_carry_every_paper(capsys, tmp_path):
    load_demo()
    public = Publication.objects.public().count()
    call_command("export_publications", "--format", "ris", "--output", str(tmp_path / "all.ris"))
    records = rispy.loads((tmp_path / "all.ris").read_text(encoding="utf-8"))
    assert len(records) == public
    fusion = next(r for r in records if r["title"].startswith("FusionArch"))
    assert fusion["type_of_reference"] == "CPAPER" and fusion["year"] == "2024"
    assert "Liu, Xueyuan" in fusion["authors"] and fusion["notes"] == ["Best Paper Award"]

    call_command("export_publications", "--format", "csljson")
    items = json.loads(capsys.readouterr().out)
    assert len(items) == public and all(item["title"] for item in items)


def test_site_offers_the_filtered_list_in_three_formats(client):
    load_demo()
    page = client.get(reverse("publications:publication-list"), {"year": "2023"}).content.decode()
    for name in ("publication-list-bibtex", "publication-list-ris", "publication-list-csljson"):
        assert f"{reverse(f'publications:{name}')}?year=2023" in page
    ris = client.get(reverse("publications:publication-list-ris"), {"year": "2023"})
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert {r["year"] for r in rispy.loads(ris.content.decode())} == {"2023"}
    csl = client.get(reverse("publications:publication-list-csljson"), {"year": "2023"})
    assert len(json.loads(csl.content)) == Publication.objects.public().filter(year=2023).count()


def test_admin_exports_the_selected_publications(staff_client):
    load_demo()
    chosen = list(Publication.objects.filter(year=2020).values_list("pk", flat=True))
    response = staff_client.post(
        reverse("admin:publications_publication_changelist"),
        {"action": "export_bibtex", "_selected_action": chosen},
    )
    assert response["Content-Disposition"] == 'attachment; filename="publications.bib"'
    assert sum(entries(response.content.decode()).values()) == len(chosen)


def test_a_person_page_offers_their_list_for_download(client):
    load_demo()
    page = client.get(reverse("people:person-detail", kwargs={"slug": "zhuoran-song"})).content.decode()
    link = f"{reverse('publications:publication-list-bibtex')}?author=zhuoran-song"
    assert link in page
    text = client.get(link).content.decode()
    expected = (
        Publication.objects.public().lab_works().filter(authorships__person__slug="zhuoran-song").distinct()
    )
    assert sum(entries(text).values()) == expected.count() > 20
