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
from publications.importers import ImportFailed, guess_format, import_publications
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
    assert "Liu, Xueyuan" in fusion["authors"] and fusion["notes"][0] == "Best Paper Award"
    assert 'portal-author-marks: 2="corresponding"' in fusion["notes"], "what RIS has no field for, as notes"

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


# -- export, then import into an empty lab: the same records, field by field ------------------------

RECORD_FIELDS = [
    "title_en", "title_zh_hans", "abstract_en", "abstract_zh_hans", "note_en", "note_zh_hans", "kind", "year",
    "date", "venue_id", "venue_text", "ccf_rank_printed", "volume", "issue", "pages", "publisher", "doi",
    "arxiv_id", "url", "pdf_url", "code_url", "slides_url", "poster_url", "video_url", "project_url",
    "citation_url", "institutions", "language", "keywords", "featured", "status", "authors_cut_short",
]  # fmt: skip


def records() -> dict[str, dict]:
    """Every lab paper as what an export must carry: its fields, its authors with their marks,
    affiliations and member links, its awards."""
    found = {}
    for paper in Publication.objects.lab_works().with_authors().prefetch_related("awards"):
        found[paper.title_en or paper.title_zh_hans] = {
            **{name: getattr(paper, name) for name in RECORD_FIELDS},
            "authors": [
                (a.position, a.name, a.person_id, a.is_corresponding, a.is_equal_contribution, a.affiliation)
                for a in paper.authorships.all()
            ],
            "awards": sorted((award.kind, award.label_en or "") for award in paper.awards.all()),
        }
    return found


@pytest.mark.parametrize("format", ["bibtex", "ris", "csljson"])
def test_export_then_import_into_an_empty_lab_gives_the_same_records(format):
    load_demo()
    paper = Publication.objects.lab_works().filter(authorships__position=2).first()
    second = paper.authorships.get(position=2)
    second.affiliation = 'Shanghai Jiao Tong University; "Qi Zhi" Institute'
    second.name, second.person = "R. J. Kelleher, 3rd", None  # came back as "3rd R. J. Kelleher"
    second.save()
    Publication.objects.filter(pk=paper.pk).update(
        title_zh_hans="一篇双语论文",
        abstract_zh_hans="中文摘要。\n\n第二段。",
        institutions="SJTU, Tsinghua",
        language="zh",
        status="accepted",
        citation_url="https://scholar.example.org/citations?cite=1",
        authors_cut_short=True,
        keywords=["Polymorphism, Single Nucleotide", "Processing-in-memory"],  # split at its comma before
    )
    # A paper whose own link is its arXiv page: CSL-JSON dropped it, as if the exporter had written it
    arxiv = Publication.objects.lab_works().exclude(pk=paper.pk).filter(url="").first()
    Publication.objects.filter(pk=arxiv.pk).update(
        arxiv_id="2401.00001", url="https://arxiv.org/abs/2401.00001"
    )
    before = records()
    assert any(r["ccf_rank_printed"] for r in before.values()) and any(
        r["citation_url"] for r in before.values()
    )
    assert any(r["featured"] for r in before.values())
    assert any(mark for r in before.values() for *_name, mark, _eq, _aff in r["authors"])
    text = export_publications(Publication.objects.lab_works().with_authors(), format)
    text = text if isinstance(text, str) else json.dumps(text)
    Publication.objects.all().delete()

    report = import_publications(text, format)

    assert report.counts["created"] == len(before) and report.counts["refused"] == 0
    after = records()
    assert after.keys() == before.keys()
    for title, record in before.items():
        assert after[title] == record, title


def test_ris_and_csl_json_from_other_tools_import_with_their_own_fields():
    ris = (
        "TY  - CPAPER\nAU  - Song, Zhuoran\nAU  - 蒋, 力\nTI  - A Paper from a Reference Manager\n"
        "T2  - Design Automation Conference\nPY  - 2024\nDA  - 2024/06/23\nSP  - 1\nEP  - 6\n"
        "DO  - 10.5555/ris.1\nUR  - https://example.org/paper\nKW  - PIM\nKW  - accelerators\n"
        "N1  - Best Paper Award\nN1  - Presented as an oral\nLA  - en\nER  - \n"
    )
    csl = json.dumps([{
        "id": "x", "type": "article-journal", "title": "An Item from Zotero", "container-title": "IEEE Micro",
        "author": [{"family": "Lee", "given": "Ann"}, {"literal": "宋卓然"}],
        "issued": {"date-parts": [[2023, 5, 2]]}, "DOI": "10.5555/csl.1", "page": "10-20",
    }])  # fmt: skip
    assert guess_format(ris) == "ris" and guess_format(csl) == "csljson"

    import_publications(ris)
    import_publications(csl)

    paper = Publication.objects.get(doi="10.5555/ris.1")
    assert (paper.kind, paper.year, str(paper.date), paper.pages) == ("conference", 2024, "2024-06-23", "1-6")
    assert list(paper.authorships.values_list("name", flat=True)) == ["Zhuoran Song", "蒋力"]
    assert [a.kind for a in paper.awards.all()] == ["best_paper"] and paper.note == "Presented as an oral"
    assert paper.keywords == ["PIM", "accelerators"] and paper.url == "https://example.org/paper"
    item = Publication.objects.get(doi="10.5555/csl.1")
    assert (item.kind, str(item.date), item.pages) == ("journal", "2023-05-02", "10-20")
    assert list(item.authorships.values_list("name", flat=True)) == ["Ann Lee", "宋卓然"]


def test_broken_ris_and_csl_json_are_refused_and_change_nothing():
    with pytest.raises(ImportFailed):
        import_publications("not ris at all", "ris")
    with pytest.raises(ImportFailed):
        import_publications('{"items": 3}', "csljson")
    assert Publication.objects.count() == 0
