"""Importers: the seeds and a varied BibTeX file come in faithfully, bad input changes nothing."""

import re

import pytest
from django.core.management import CommandError, call_command

from devtools.bench import bench_bibtex
from people.models import Person, PersonAlias
from people.names import NameIndex
from publications.importers import ImportFailed, guess_format, import_publications
from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

SEED_LIST = "000_a45be4815440dae4.txt"
SEED_OPENALEX = "003_5f3fdcf699f36a8b.txt"
SEED_READING_LIST = "004_f9a115d7d1c8cd0c.txt"


@pytest.fixture
def venues():
    call_command("load_ccf_venues", verbosity=0)


@pytest.fixture
def zhuoran():
    person = PersonFactory(slug="zhuoran-song", name_en="Zhuoran Song", name_zh_hans="宋卓然")
    PersonAlias.objects.create(person=person, name="Z. Song")
    return person


def snapshot():
    """Everything an import could touch, to show a failed one changed nothing."""
    return (
        list(Publication.objects.order_by("pk").values()),
        list(Authorship.objects.order_by("pk").values()),
        list(Award.objects.order_by("pk").values()),
        list(CollectionEntry.objects.order_by("pk").values()),
        list(Venue.objects.order_by("pk").values_list("pk", flat=True)),
    )


# -- seed 000: a Markdown publication list ---------------------------------------------------------


def test_seed_markdown_list_imports_every_entry_with_marks_awards_and_links(seeds_dir, venues, zhuoran):
    text = (seeds_dir / SEED_LIST).read_text(encoding="utf-8")
    codes = re.findall(r"^\[([CJ]\d+)\]", text, re.M)  # counted independently of the importer

    report = import_publications(text, "markdown", owner=zhuoran)

    assert report.counts["created"] == len(codes) == Publication.objects.count() == 45
    mine = Publication.objects.for_person(zhuoran)
    assert mine.count() == 45, "the bold owner is linked on every entry"
    fusion = Publication.objects.get(title_en__startswith="FusionArch")
    assert fusion.year == 2024 and fusion.kind == "conference"
    assert fusion.venue.acronym == "DATE" and fusion.ccf_rank == "B"
    assert [a.kind for a in fusion.awards.all()] == ["best_paper"]
    assert fusion.url == "https://ieeexplore.ieee.org/abstract/document/10546759/"
    assert fusion.citation_url.startswith("https://scholar.googleusercontent.com/")
    authors = list(fusion.authorships.order_by("position"))
    assert [a.name for a in authors[:2]] == ["Xueyuan Liu", "Zhuoran Song"]
    assert authors[1].is_corresponding and authors[1].person == zhuoran
    dtq = Publication.objects.get(title_en__startswith="DTQAtten")
    assert [a.kind for a in dtq.awards.all()] == ["best_paper_nomination"]
    sharing = Publication.objects.get(title_en__startswith="ReRAM-Sharing")
    assert [a.is_equal_contribution for a in sharing.authorships.order_by("position")][:3] == [
        True,
        True,
        False,
    ]
    cmc = Publication.objects.get(title_en__startswith="CMC")
    assert cmc.doi == "10.1145/3620665.3640393" and cmc.note == "Accept rate=14%"
    chinese = Publication.objects.get(title_zh_hans="深度神经网络专用架构与压缩技术演进")
    assert chinese.kind == "journal" and chinese.year == 2021 and chinese.issue == "3"
    assert [a.name for a in chinese.authorships.order_by("position")] == ["宋卓然", "蒋力"]
    assert chinese.authorships.get(position=1).person == zhuoran
    assert Publication.objects.get(
        title_en__startswith="Energy-Efficient and Quality-Assured"
    ).title_en.endswith("Co-Training Method"), (
        "the “[J]” after the title is dropped and “et al.” ends the author list"
    )
    skipped = [row for row in report.rows if row.action == "skipped"]
    assert {row.place for row in skipped} == {"line 27", "line 29"}  # the two “Remark:” lines


def test_importing_the_same_list_twice_changes_nothing(seeds_dir, venues, zhuoran):
    text = (seeds_dir / SEED_LIST).read_text(encoding="utf-8")
    import_publications(text, "markdown", owner=zhuoran)
    before = snapshot()

    again = import_publications(text, "markdown", owner=zhuoran)

    assert again.counts == {"created": 0, "updated": 0, "unchanged": 45, "skipped": 2, "refused": 0}
    assert snapshot() == before


def test_command_imports_a_list_and_prints_the_report(seeds_dir, venues, zhuoran, capsys):
    call_command("import_publications", str(seeds_dir / SEED_LIST), "--owner", "zhuoran-song", "--dry-run")
    out = capsys.readouterr().out
    assert "45 created" in out and "dry run" in out and "matched" in out
    assert Publication.objects.count() == 0, "a dry run saves nothing"

    call_command("import_publications", str(seeds_dir / SEED_LIST), "--owner", "zhuoran-song")
    assert Publication.objects.count() == 45


# -- seed 003: an OpenAlex work ----------------------------------------------------------------------


def test_seed_openalex_work_imports_with_orcid_linked_authors_and_counts(seeds_dir, venues):
    he = PersonFactory(slug="zhezhi-he", name_en="Zhezhi He", orcid="0000-0002-6357-236X")
    text = (seeds_dir / SEED_OPENALEX).read_text(encoding="utf-8")
    assert guess_format(text) == "openalex"

    report = import_publications(text)

    paper = Publication.objects.get()
    assert report.counts["created"] == 1
    assert paper.doi == "10.1109/iscas51556.2021.9401155" and paper.openalex_id == "W3157696568"
    assert paper.year == 2021 and str(paper.date) == "2021-04-27" and paper.kind == "conference"
    assert paper.venue.acronym == "ISCAS"
    assert paper.abstract_en.startswith("Deep Neural Networks (DNNs) have gained a strong momentum")
    assert paper.cited_by_count == 6 and paper.citations_by_year == {"2022": 1, "2023": 1, "2025": 4}
    assert "Resistive random-access memory" in paper.keywords and paper.pages == "1-5"
    authors = list(paper.authorships.order_by("position"))
    assert [a.name for a in authors] == [
        "Zhuoran Song",
        "Dongyue Li",
        "Zhezhi He",
        "Xiaoyao Liang",
        "Li Jiang",
    ]
    assert authors[0].is_corresponding and not authors[1].is_corresponding
    assert authors[2].person == he and "Shanghai Jiao Tong University" in authors[2].affiliation
    assert {"name": "Zhezhi He", "person": "zhezhi-he", "how": "orcid", "place": "work 1 (W3157696568)"} in (
        report.matches
    )


def test_openalex_and_a_lab_list_merge_their_marks(seeds_dir, venues, zhuoran):
    import_publications((seeds_dir / SEED_LIST).read_text(encoding="utf-8"), "markdown", owner=zhuoran)
    report = import_publications((seeds_dir / SEED_OPENALEX).read_text(encoding="utf-8"))

    assert report.counts["updated"] == 1 and Publication.objects.count() == 45, "matched by DOI, not doubled"
    authors = list(
        Publication.objects.get(doi="10.1109/iscas51556.2021.9401155").authorships.order_by("position")
    )
    assert authors[0].is_corresponding and authors[0].is_equal_contribution  # one from each source
    assert authors[1].is_equal_contribution


# -- seed 004: a curated reading list ----------------------------------------------------------------


def test_seed_reading_list_imports_into_a_collection(seeds_dir, venues):
    text = (seeds_dir / SEED_READING_LIST).read_text(encoding="utf-8")
    report = import_publications(text, "collection")

    collection = Collection.objects.get(slug="neural-networks-on-silicon")
    assert collection.title_en == "Neural Networks on Silicon"
    assert "Fengbin Tu" in collection.description_en
    entries = collection.entries.select_related("publication")
    eyeriss = entries.get(publication__title_en__startswith="Eyeriss: A Spatial Architecture")
    assert eyeriss.section == "2016 ISCA" and eyeriss.is_highlighted
    assert eyeriss.publication.year == 2016 and eyeriss.publication.institutions == "MIT, NVIDIA"
    assert eyeriss.publication.is_lab_work is False
    assert "Row Stationary" in eyeriss.comment_en and "*" not in eyeriss.comment_en
    isaac = entries.get(publication__title_en__startswith="ISAAC")
    assert not isaac.is_highlighted and "Newton" in isaac.comment_en
    fpga = entries.get(publication__title_en__startswith="Going Deeper with Embedded FPGA")
    assert fpga.publication.slides_url.endswith("1_2.pdf") and fpga.publication.video_url.endswith(".m4v")
    compensated = entries.get(publication__title_en__startswith="Compensated-DNN")
    assert [a.kind for a in compensated.publication.awards.all()] == ["best_paper"]
    assert compensated.publication.institutions == "Purdue, IBM"
    deep = entries.get(publication__title_en__startswith="Deep Compression")
    assert deep.publication.year == 2016 and deep.publication.arxiv_id == "1510.00149"
    assert deep.section == "Network Compression — Conference Papers"
    wrapped = entries.get(publication__title_en__startswith="ThUnderVolt")
    assert wrapped.publication.title_en.endswith("Deep Learning Accelerators"), (
        "an entry wrapped onto two lines"
    )
    bullets = len(re.findall(r"^ ?- ", text.split("## Conference Papers")[1], re.M))
    skipped_entries = [
        r for r in report.rows if r.action == "skipped" and r.reason.startswith(("no year", "the same"))
    ]
    assert entries.count() + len(skipped_entries) >= bullets - 20  # every entry accounted for
    assert entries.count() > 300
    assert all(r.reason for r in report.rows if r.action == "skipped")

    again = import_publications(text, "collection")
    assert again.counts["created"] == again.counts["updated"] == 0
    assert "unchanged" in again.notes[0]


# -- BibTeX ---------------------------------------------------------------------------------------------


def test_a_varied_bibtex_file_imports_with_accents_chinese_names_and_notes(venues):
    song = PersonFactory(slug="zhuoran-song", name_en="Zhuoran Song", name_zh_hans="宋卓然")
    muller = PersonFactory(slug="jorg-muller", name_en="Jörg Müller")
    text = bench_bibtex(120)

    report = import_publications(text, "bibtex")

    assert report.counts["created"] == 120 == Publication.objects.count()
    assert Authorship.objects.filter(name="Jörg Müller", person=muller).exists()  # "M{\"u}ller, J{\"o}rg"
    assert Authorship.objects.filter(name="François Lefèvre").exists()
    assert Authorship.objects.filter(name="宋卓然", person=song).exists()
    assert Authorship.objects.filter(name="Z. Song", person=song).exists(), (
        "initials, when one person has them"
    )
    kinds = set(Publication.objects.values_list("kind", flat=True))
    assert kinds >= {"conference", "journal", "workshop", "preprint", "thesis", "chapter"}
    assert Publication.objects.filter(title_zh_hans__startswith="面向").exists()
    assert Award.objects.filter(kind="best_paper").exists() and Award.objects.filter(
        kind="best_paper_nomination"
    )
    equal = Publication.objects.get(title_en__endswith=": Part 2")
    assert [a.is_equal_contribution for a in equal.authorships.order_by("position")][:2] == [True, True]
    assert equal.date.month == 3, "month macros"
    assert Publication.objects.exclude(arxiv_id="").filter(kind="preprint").exists()
    assert Publication.objects.get(title_en__endswith=": Part 3").note_en == "Acceptance rate 18%"
    assert Publication.objects.get(title_en__endswith=": Part 0").code_url == "https://github.com/lab/p0"
    assert Publication.objects.get(title_en__endswith=": Part 1").venue.acronym == "DAC"

    assert import_publications(text, "bibtex").counts["unchanged"] == 120


def test_a_paper_with_the_same_doi_is_updated_not_doubled_and_keeps_what_the_lab_stored():
    import_publications(
        "@article{a, title={Old Title}, journal={J}, year=2020, doi={10.5555/same}}", "bibtex"
    )
    report = import_publications(
        "@article{b, title={New Title}, journal={J}, year=2020, volume=3,"
        " doi={https://doi.org/10.5555/SAME}}",
        "bibtex",
    )
    paper = Publication.objects.get()
    assert report.counts["updated"] == 1 and paper.volume == "3", "what was empty is filled"
    assert paper.title_en == "Old Title", "what the lab stored stays"
    assert any("the stored title is kept; the file says 'New Title'" in w["message"] for w in report.warnings)


def test_the_same_paper_twice_in_one_file_is_skipped_with_its_reason():
    report = import_publications(
        "@misc{a, title={Sparse {PIM}}, year=2021}\n@misc{b, title={Sparse PIM.}, year=2021}", "bibtex"
    )
    assert report.counts == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1, "refused": 0}
    assert "the same paper as entry a" in next(r.reason for r in report.rows if r.action == "skipped")


def test_a_field_given_twice_is_read_once_when_both_say_the_same():
    """A real al-folio file gives `year = 2025` twice in one entry: the paper is not lost for it. Two
    different values are the lab's to settle, so that entry alone is refused, saying which field."""
    report = import_publications(
        "@article{same,\n title = {Twice the Year},\n year = 2025,\n journal = {A&A},\n year = {2025}\n}\n"
        "@article{differ,\n title = {Which Year},\n year = 2024,\n year = 2025\n}\n",
        "bibtex",
    )
    assert report.counts["created"] == 1 and report.counts["refused"] == 1
    assert Publication.objects.get().year == 2025
    refused = next(row for row in report.rows if row.action == "refused")
    assert refused.place == "line 7" and "year given twice with different values" in refused.reason
    assert any("read once" in w["message"] for w in report.warnings)


def test_bibtex_field_names_and_entry_types_are_case_insensitive():
    """EndNote writes `DOI = {…}`; some files write every field and type in capitals."""
    report = import_publications(
        "@article{RN12,\n   author = {Song, Zhuoran and Jiang, Li},\n   title = {Endnote Style},\n"
        "   journal = {IEEE Transactions on Computers},\n   YEAR = {2023},\n"
        "   DOI = {10.1109/TC.2023.1234567},\n   Url = {https://example.org/paper}\n}\n"
        "@ARTICLE{X, TITLE={All Capitals}, AUTHOR={Ann Lee and Bo Li}, YEAR={2020}, JOURNAL={J}}",
        "bibtex",
    )
    assert report.counts["created"] == 2
    endnote = Publication.objects.get(title_en="Endnote Style")
    assert (endnote.doi, endnote.year, endnote.url) == (
        "10.1109/tc.2023.1234567",
        2023,
        "https://example.org/paper",
    )
    capitals = Publication.objects.get(title_en="All Capitals")
    assert capitals.kind == "journal" and capitals.year == 2020
    assert [a.name for a in capitals.authorships.order_by("position")] == ["Ann Lee", "Bo Li"]


def test_free_text_is_stored_whole_and_a_long_short_field_is_a_warning():
    """EndNote puts abstracts, ORCIDs and keywords in `note`: 2,000 characters are a lab's words."""
    note = "Keywords: processing-in-memory; " + "x" * 2000
    affiliation = "Department of Computer Science and Engineering, " * 10
    venue = "Proceedings of the " + "Very " * 120 + "Long Workshop"
    report = import_publications(
        f"@inproceedings{{long, title={{Long Fields}}, booktitle={{{venue}}}, year=2024, note={{{note}}},\n"
        f"  publisher={{{'Publisher ' * 30}}}, pages={{{'1' * 40}}},\n"
        f"  author={{Ann Lee}}}}",
        "bibtex",
        strict=True,
    )
    paper = Publication.objects.get(title_en="Long Fields")
    assert report.counts["created"] == 1 and paper.note_en == note and paper.venue_text == venue
    assert paper.publisher.startswith("Publisher") and len(paper.publisher) > 250
    assert paper.pages == "" and report.warnings == [
        {
            "place": "entry long (line 1)",
            "message": f"the pages {'1' * 40!r} is longer than 30 characters: left out",
        }
    ]
    openalex = import_publications(
        '{"id": "https://openalex.org/W9", "title": "Affiliated", "publication_year": 2024, "authorships": ['
        '{"author": {"display_name": "Ann Lee"}, "raw_affiliation_strings": ["' + affiliation + '"]}]}',
        "openalex",
    )
    assert openalex.counts["created"] == 1
    stored = Publication.objects.get(title_en="Affiliated").authorships.get()
    assert stored.affiliation == affiliation, "the affiliation as printed, whole"


def test_a_large_import_refreshes_the_planners_statistics(monkeypatch, django_capture_on_commit_callbacks):
    from django.db import connection

    from publications.importers import writing

    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE and the planner's statistics are PostgreSQL's; SQLite plans without them")
    monkeypatch.setattr(writing, "ANALYZE_AFTER", 25)

    def estimated_rows(model):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
            return cursor.fetchone()[0]

    with django_capture_on_commit_callbacks(execute=True):
        import_publications(bench_bibtex(10, seed=1), "bibtex")  # below the threshold: left to autovacuum
    small = estimated_rows(Publication)
    with django_capture_on_commit_callbacks(execute=True):
        large = import_publications(bench_bibtex(30, seed=2), "bibtex")
    assert large.counts["created"] >= writing.ANALYZE_AFTER
    assert small != Publication.objects.count()
    assert estimated_rows(Publication) == Publication.objects.count(), "ANALYZE ran after the import"
    assert estimated_rows(Authorship) == Authorship.objects.count()


CHINESE_BIBTEX = (
    "@article{song2021, title={深度神经网络专用架构与压缩技术演进}, author={宋卓然 and 梁晓峣 and 蒋力},\n"
    "  journal={中国计算机学会通讯}, year={2021}, language={chinese}}\n"
)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-8"])
def test_files_in_the_encodings_labs_use_are_read(tmp_path, capsys, encoding):
    path = tmp_path / "list.bib"
    path.write_bytes(CHINESE_BIBTEX.encode(encoding))

    call_command("import_publications", str(path))

    paper = Publication.objects.get()
    assert paper.title_zh_hans == "深度神经网络专用架构与压缩技术演进"
    assert [a.name for a in paper.authorships.order_by("position")] == ["宋卓然", "梁晓峣", "蒋力"]
    if encoding.startswith("gb"):
        assert "read as gb" in capsys.readouterr().out


def test_a_file_that_is_not_text_is_refused_with_its_line_and_column(tmp_path):
    path = tmp_path / "list.bib"
    path.write_bytes(
        b"@article{a, title={Fine}, year=2020}\n@article{b, title={"
        + bytes(range(128, 256)) * 4
        + b"\x00\x01}"
    )
    with pytest.raises(CommandError, match=r"cannot read .*line 2, column 20: the file is not text"):
        call_command("import_publications", str(path))
    assert Publication.objects.count() == 0


def test_an_empty_file_says_it_holds_no_entries(tmp_path):
    path = tmp_path / "empty.bib"
    path.write_bytes(b"\n  \n")
    with pytest.raises(CommandError, match="the file is empty: no entries"):
        call_command("import_publications", str(path))


def test_a_known_venue_decides_the_kind_whatever_the_entry_type(venues):
    """Labs file conference papers as @article: the venue, not the entry type, makes a [C…] code."""
    import_publications(
        "@article{dac, title={An Article at DAC},\n"
        "  journal={Proceedings of the 61st ACM/IEEE Design Automation Conference (DAC)}, year=2024}\n"
        "@inproceedings{tc, title={Proceedings of a Journal}, booktitle={IEEE Transactions on Computers}, "
        "year=2023}\n"
        "@misc{arxiv, title={Still a Preprint}, howpublished={arXiv preprint arXiv:2401.00001}, year=2024}\n",
        "bibtex",
        strict=True,
    )
    dac = Publication.objects.get(title_en="An Article at DAC")
    assert (dac.kind, dac.venue.acronym, dac.venue.ccf_rank) == ("conference", "DAC", "A")
    tc = Publication.objects.get(title_en="Proceedings of a Journal")
    assert tc.kind == "journal" and tc.venue.acronym == "TC"
    assert Publication.objects.get(title_en="Still a Preprint").kind == "preprint"

    from publications.services import list_codes

    codes = list_codes(Publication.objects.lab_works(), "lab", "v1")
    assert codes[dac.pk].startswith("C") and codes[tc.pk].startswith("J"), codes


ARXIV_SHAPES = {
    "journal": "@article{j, title={In Journal}, journal={arXiv preprint arXiv:2401.00001}, year=2024}",
    "eprint": "@article{e, title={By Eprint}, eprint={2401.00002}, archivePrefix={arXiv}, year=2024}",
    "howpublished": "@misc{h, title={How Published}, howpublished={arXiv:2401.00003v2}, year=2024}",
    "corr": "@article{c, title={Via DBLP}, journal={CoRR}, volume={abs/2401.00004}, year=2024}",
    "html": "@inproceedings{u, title={Linked}, booktitle={DAC}, year=2024, url={https://example.org/u},\n"
    "  html={https://arxiv.org/abs/2401.00005}}",
}


@pytest.mark.parametrize("shape", ARXIV_SHAPES)
def test_arxiv_is_recognised_in_every_field_labs_put_it(shape):
    import_publications(ARXIV_SHAPES[shape], "bibtex", strict=True)
    paper = Publication.objects.get()
    assert paper.arxiv_id == f"2401.0000{list(ARXIV_SHAPES).index(shape) + 1}"
    assert (paper.kind == "preprint") == (shape != "html"), (
        "a published paper with an arXiv link stays published"
    )


def test_the_published_version_of_an_arxiv_paper_is_the_same_paper(venues):
    import_publications(ARXIV_SHAPES["journal"], "bibtex", strict=True)
    published = (
        "@inproceedings{p, title={In Journal: Published Under a Longer Title}, year=2025,\n"
        "  booktitle={Proceedings of the 62nd ACM/IEEE Design Automation Conference (DAC)},\n"
        "  eprint={2401.00001}, archivePrefix={arXiv}}"
    )
    report = import_publications(published, "bibtex", strict=True)
    paper = Publication.objects.get()
    assert report.counts["updated"] == 1 and "matched by arXiv id" in report.rows[0].reason
    assert (paper.kind, paper.year, paper.venue.acronym) == ("conference", 2025, "DAC")

    again = import_publications(ARXIV_SHAPES["journal"], "bibtex", strict=True)
    paper.refresh_from_db()
    assert again.counts["created"] == 0 and (paper.kind, paper.year) == ("conference", 2025), (
        "the preprint read again does not undo the published version"
    )


# -- large files: read and stored a piece at a time ------------------------------------------------------

PIECEWISE = """Lab file, exported 2024.
@string{dac = {Design Automation Conference}}
@inproceedings{one, title={First}, booktitle=dac, year=2021, author={Ann Lee}}
@misc{two, title={Second}, year=2021,
  abstract={A value over lines, with an email@example.org
  and braces {nested {deeply}}}}
@comment{between entries}
@string{micro = "International Symposium on Microarchitecture"}
@inproceedings{three, title={Third}, booktitle=micro, year=2022}
@article{four, title={Fourth}, journal=dac, year=2023}
@article{five, title={Fifth}, journal={J}, year=2024}
"""


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_a_file_read_in_pieces_gives_what_it_gives_whole(size):
    from publications.importers.bibtex import bibtex_batches

    batches = list(bibtex_batches(PIECEWISE, size))
    entries = [entry for batch in batches for entry in batch]

    assert [(e.title, e.venue_name, e.place) for e in entries] == [
        ("First", "Design Automation Conference", "entry one (line 3)"),
        ("Second", "", "entry two (line 4)"),
        ("Third", "International Symposium on Microarchitecture", "entry three (line 9)"),
        ("Fourth", "Design Automation Conference", "entry four (line 10)"),
        ("Fifth", "J", "entry five (line 11)"),
    ], "macros carry over to later pieces, and places are lines of the whole file"
    assert entries[1].abstract.endswith("nested deeply")
    assert (len(batches) > 1) == (size < len(entries)), "read in pieces when the file holds more than one"


@pytest.mark.parametrize("size", [2, 1000])
def test_problems_in_later_pieces_are_named_by_their_line_in_the_file(size):
    from publications.importers.bibtex import bibtex_batches

    text = PIECEWISE + "@article{two, title={Again}, year=2024}\n@article{cut,\n  title = {Unclosed,\n"
    with pytest.raises(ImportFailed) as failure:
        list(bibtex_batches(text, size))
    assert [place for place, _message in failure.value.problems] == ["line 13"]

    refused, warnings = [], []
    entries = [
        entry for batch in bibtex_batches(text, size, refused=refused, warnings=warnings) for entry in batch
    ]
    assert [place for place, _message in refused] == ["line 13"], "refused, and the rest read on"
    assert [entry.title for entry in entries][-2:] == ["Fifth", "Again"]
    assert warnings == [("entry two (line 12)", "the key is also used at line 4: both entries are read")]


def test_a_large_import_holds_a_piece_at_a_time_not_the_file(monkeypatch):
    """What grows with the file is its report (a row an entry, about 1-2 KB with what tells papers
    apart), not the parse: reading the whole file at once held about 10 KB more an entry. Measured
    with the automatic cycle collector off, as in a worker whose large heap makes it run rarely."""
    import gc
    import tracemalloc

    from publications.importers import bibtex

    monkeypatch.setattr(bibtex, "BLOCKS_PER_PIECE", 200)
    peaks = {}
    for entries in (600, 1800):
        text = bench_bibtex(entries)
        gc.collect()
        gc.disable()
        tracemalloc.start()
        try:
            report = import_publications(text, "bibtex", dry_run=True)
            peaks[entries] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            gc.enable()
        assert report.counts["created"] == entries
    assert peaks[1800] - peaks[600] < 1200 * 3000, peaks


def test_a_problem_in_a_later_batch_undoes_the_earlier_ones(monkeypatch):
    from publications.importers import bibtex

    monkeypatch.setattr(bibtex, "BLOCKS_PER_PIECE", 10)
    text = bench_bibtex(45) + "\n@article{bad, title={Bad DOI}, year=2020, doi={not-a-doi}}\n"
    with pytest.raises(ImportFailed, match="entry bad .*not a valid DOI"):
        import_publications(text, "bibtex", strict=True)
    assert Publication.objects.count() == 0, "batches written before the problem was found are undone"


# -- bad input changes nothing ------------------------------------------------------------------------

BAD_INPUTS = [
    ("bibtex", "@article{ok, title={Fine}, year=2020}\n@article{cut,\n  title = {Truncated,\n  year = 2021\n",
     "line 2"),
    ("bibtex", "@article{y, title={Bad year}, year={next year}}", "entry y (line 1): the year 'next year'"),
    ("bibtex", "@article{d, title={Bad DOI}, year=2020, doi={not-a-doi}}", "not a valid DOI"),
    ("openalex", '{"id": "https://openalex.org/W1", "title": "Broken", ', "line 1, column"),
    ("openalex", '{"id": "https://openalex.org/W1", "title": "T", "publication_year": "2020"}',
     "work 1 (W1): publication_year: expected a whole number"),
    ("openalex", '{"id": "https://openalex.org/W1", "title": "T", "publication_year": 2020, "biblio": 1}',
     "biblio: expected an object"),
    ("markdown", "# 2024\n[C2] A. Author, B. Author. Good Title. In DAC (DAC 2024).\n[C1] no title here\n",
     "line 3: cannot tell the authors from the title"),
    ("markdown", "[C1] Ann Lee. Title. Venue.\n", "line 1: no year"),
    ("markdown", "# 2024\n[C1] Ann Lee. One. In X (X 2024).\n[C1] Bo Li. Two. In X (X 2024).\n",
     "used twice"),
    ("crossref", '{"message": {"title": ["T"], "issued": {"date-parts": [["2020"]]}}}', "date-parts"),
    ("openalex", '{"id": "W1", "title": "Deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested more than 32 deep"),
    ("crossref", '{"message": ' + "{\"a\": " * 990 + "1" + "}" * 990 + "}", "nested more than 32 deep"),
]  # fmt: skip


@pytest.mark.parametrize("format, text, message", BAD_INPUTS)
def test_malformed_input_names_the_place_and_changes_nothing(format, text, message):
    import_publications("@article{keep, title={Already here}, year=2019, author={Ann Lee}}", "bibtex")
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_publications(text, format, strict=True)

    assert message in str(failure.value)
    assert snapshot() == before


def test_command_reports_a_bad_file_and_exits_with_an_error(tmp_path):
    bad = tmp_path / "broken.bib"
    bad.write_text("@inproceedings{x,\n  title = {Unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"1 entries with errors were not imported"):
        call_command("import_publications", str(bad))
    assert Publication.objects.count() == 0


# -- a problem in one entry does not sink the others ----------------------------------------------------

MIXED = (
    "@article{good, title={A Good Paper}, journal={J}, year=2021, author={Ann Lee}}\n"
    "@article{untitled, journal={J}, year=2021}\n"
    "@article{baddoi, title={Bad DOI}, journal={J}, year=2022, doi={not-a-doi}}\n"
    "@article{cut,\n  title = {Truncated,\n  year = 2021\n"
    "@article{fine, title={Another Good Paper}, journal={J}, year=2023}\n"
)


def test_entries_with_errors_are_refused_and_the_rest_imported():
    report = import_publications(MIXED, "bibtex")

    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 3}
    refused = {row.place: row.reason for row in report.rows if row.action == "refused"}
    assert refused["entry untitled (line 2)"] == "no title"
    assert "not a valid DOI" in refused["entry baddoi (line 3)"]
    assert any(place.startswith("line 4") for place in refused), refused
    assert set(Publication.objects.values_list("title_en", flat=True)) == {
        "A Good Paper",
        "Another Good Paper",
    }


def test_strict_keeps_all_or_nothing():
    with pytest.raises(ImportFailed) as failure:
        import_publications(MIXED, "bibtex", strict=True)
    assert {place for place, _message in failure.value.problems} >= {
        "entry untitled (line 2)",
        "entry baddoi (line 3)",
    }
    assert Publication.objects.count() == 0


def test_a_key_used_for_two_papers_imports_both_and_the_same_paper_twice_once():
    report = import_publications(
        "@article{a, title={One Paper}, journal={J}, year=2020}\n"
        "@article{a, title={Another Paper}, journal={J}, year=2021}\n"
        "@article{a, title={One Paper}, journal={J}, year=2020}\n",
        "bibtex",
        strict=True,
    )
    assert report.counts["created"] == 2 and report.counts["skipped"] == 1
    assert Publication.objects.count() == 2
    assert [warning["place"] for warning in report.warnings] == ["entry a (line 2)", "entry a (line 3)"]
    assert "the same paper as entry a (line 1)" in next(
        r.reason for r in report.rows if r.action == "skipped"
    )


def test_the_command_imports_what_it_can_prints_what_it_refused_and_fails(tmp_path, capsys):
    mixed = tmp_path / "mixed.bib"
    mixed.write_text(MIXED, encoding="utf-8")
    with pytest.raises(CommandError, match="3 entries with errors were not imported"):
        call_command("import_publications", str(mixed))
    printed = capsys.readouterr().out
    assert "refused   entry untitled (line 2)" in printed and "no title" in printed
    assert Publication.objects.count() == 2

    Publication.objects.all().delete()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_publications", str(mixed), "--strict")
    assert Publication.objects.count() == 0


# -- author matching ---------------------------------------------------------------------------------


def test_authors_match_lab_members_through_every_spelling():
    song = PersonFactory(name_en="Zhuoran Song", name_zh_hans="宋卓然")
    jiang = PersonFactory(name_en="Li Jiang")
    PersonAlias.objects.create(person=jiang, name="L. Jiang")
    muller = PersonFactory(name_en="Jörg Müller")
    PersonFactory(name_en="Wei Wang")
    PersonFactory(name_en="Wen Wang")
    index = NameIndex.from_database()

    for printed in ["Zhuoran Song", "Song, Zhuoran", "ZHUORAN SONG", "Zhuo-ran Song", "宋卓然", "Z. Song"]:
        assert index.match(printed).person_id == song.pk, printed
    assert index.match("Song Zhuoran").person_id == song.pk, "宋卓然 says Song is the family name"
    assert (
        index.match("Jorg Muller").person_id == muller.pk and index.match("Müller, J.").person_id == muller.pk
    )
    assert index.match("Jiang Li").person_id is None, "Li Jiang and Jiang Li are different people"
    assert index.match("W. Wang").how == "ambiguous"
    assert index.match("Nobody Here").how == "none"


def test_an_owner_in_bold_is_linked_even_when_printed_differently(zhuoran):
    report = import_publications(
        "# 2024\n[C1] Ann Lee, **Z.-R. Song\\***. A Title. In DAC (DAC 2024).\n", "markdown", owner=zhuoran
    )
    authorship = Authorship.objects.get(position=2)
    assert authorship.person == zhuoran and authorship.is_corresponding
    assert report.matches[0]["person"] == "zhuoran-song"


def test_unmatched_authors_stay_as_printed_names():
    import_publications("@misc{a, title={T}, year=2020, author={Grace Hopper and Alan Turing}}", "bibtex")
    assert list(Authorship.objects.values_list("name", "person")) == [
        ("Grace Hopper", None),
        ("Alan Turing", None),
    ]
    assert Person.objects.count() == 0


def test_an_import_runs_the_same_number_of_queries_for_5_or_60_entries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PersonFactory(name_en="Zhuoran Song", name_zh_hans="宋卓然")
    counts = {}
    for size in (5, 60):
        Publication.objects.all().delete()
        with CaptureQueriesContext(connection) as first:
            import_publications(bench_bibtex(size, seed=size), "bibtex")
        with CaptureQueriesContext(connection) as again:
            import_publications(bench_bibtex(size, seed=size), "bibtex")
        counts[size] = (len(first), len(again))
    assert counts[5][1] == counts[60][1], counts  # importing again: reads only, a batch at a time
    if connection.vendor == "postgresql":  # SQLite splits one bulk insert by its parameter limit
        assert counts[5][0] == counts[60][0], counts


def test_imported_markup_never_runs_on_the_site(client):
    import_publications(
        "@article{x, title={<script>alert(1)</script> Paper}, journal={J}, year=2024,"
        " abstract={<img src=x onerror=alert(2)> *fine*}, author={<b onmouseover=alert(3)>Eve</b>}}",
        "bibtex",
    )
    paper = Publication.objects.get()
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "onerror" not in paper.abstract_html_en and "<em>fine</em>" in paper.abstract_html_en
    assert "onmouseover=alert(3)>" not in page


def test_a_commented_out_entry_is_a_comment_and_an_entry_the_file_ends_inside_is_closed(capsys):
    """A lab's file with an entry set aside as `% @inproceedings{…` lines, and a Hugo Blox cite.bib
    whose last `}` is missing although its year is there: before, the first was "malformed with an
    empty key" (and bibtexparser's log lines printed into the report), the second refused."""
    text = (
        "% @inproceedings{old2019,\n%   title = {Set aside},\n% }\n"
        "@article{kept2020, title={Kept}, author={Ada Quin}, year={2020}}\n"
        "@article{HUANG2024110257,\ntitle = {Superpixel-based learning},\n"
        "author = {Shiluo Huang and Zheng Liu},\n"
        "year = {2024},\nabstract = {Superpixels define local regions.}"
    )
    report = import_publications(text, "bibtex")
    assert report.counts["created"] == 2 and not report.counts["refused"], report.rows
    assert Publication.objects.get(title_en="Superpixel-based learning").year == 2024
    assert any("closing brace" in warning["message"] for warning in report.warnings)
    assert "bibtexparser" not in capsys.readouterr().err
    field_left_open = import_publications("@article{cut,\n  title = {Unclosed,\n", "bibtex")
    assert field_left_open.counts["refused"] == 1, "a field left open: what it holds cannot be told"


def test_a_secondary_field_never_costs_a_paper():
    """A relative `slides = {talk.pdf}` refused whole entries of a real lab's file (19 of 122 papers,
    HPCA, FAST, EuroSys, ASPLOS among them); a script address in `url` is no link either. The paper is
    stored, the field left out, and the report says which."""
    report = import_publications(
        "@inproceedings{a, title={Fast PIM}, author={Ann Lee}, booktitle={HPCA}, year={2024},"
        " slides={talk.pdf}}\n"
        "@article{u, title={Bad link}, year=2020, url={javascript:alert(1)}}",
        "bibtex",
    )
    assert report.counts["created"] == 2 and not report.counts["refused"]
    assert not Publication.objects.filter(slides_url__gt="").exists()
    assert not Publication.objects.filter(url__contains="javascript").exists()
    assert {w["message"].split(" is not")[0] for w in report.warnings} == {
        "the slides url 'talk.pdf'", "the url 'javascript:alert(1)'",
    }  # fmt: skip


def test_what_real_lab_files_write_in_their_author_corresponding_and_link_fields():
    """`and and` in an author list; `corresponding = {…}`; a DOI only in a lab's own link field (with a
    tab after the slash); a conference named in `journal`; an undefined macro; a thesis's type and a
    patent's number and country: each came from a real file, and each was lost or misfiled before."""
    text = (
        "@article{a, title={One}, author={Gang Pan and and Yu Li}, journal={J}, year={2024},"
        " corresponding={Yu Li}, publishlink={https://doi.org/\t10.1109/TC.2024.123}}\n"
        "@article{b, title={Two}, author={Ann Lee}, year={2022},"
        " journal={IEEE 25th International Conference on Intelligent Transportation Systems (ITSC)}}\n"
        "@inproceedings{c, title={Three}, author={Ann Lee}, booktitle=aspdac, year={2024}}\n"
        "@phdthesis{d, title={Four}, author={Ann Lee}, school={SJTU}, year={2024}, type={PhD Thesis}}\n"
        "@patent{e, title={Five}, author={Ann Lee}, number={CN123456A}, nationality={CN}, year={2024}}\n"
    )
    report = import_publications(text, "bibtex")
    assert report.counts["created"] == 5, report.rows
    one = Publication.objects.get(title_en="One")
    assert [(a.name, a.is_corresponding) for a in one.authorships.order_by("position")] == [
        ("Gang Pan", False), ("Yu Li", True),
    ]  # fmt: skip
    assert one.doi == "10.1109/tc.2024.123"
    assert Publication.objects.get(title_en="Two").kind == "conference"
    messages = " ".join(w["message"] for w in report.warnings)
    assert "'and and'" in messages and "'aspdac' is defined nowhere" in messages
    assert Publication.objects.get(title_en="Four").note_en == "PhD Thesis"
    patent = Publication.objects.get(title_en="Five")
    assert (patent.issue, patent.note_en) == ("", "CN CN123456A")


def test_a_journal_paper_with_the_title_and_year_of_a_conference_paper_is_a_second_paper():
    """A real faculty list: the TCAD version after the ASP-DAC paper of one title and year was skipped
    as "the same paper"; in one file or over a stored paper, they are two papers."""
    conference = "@inproceedings{a, title={Fast PIM}, author={Ann Lee}, booktitle={ASP-DAC}, year={2024}}\n"
    journal = (
        "@article{b, title={Fast PIM}, author={Ann Lee}, year={2024},"
        " journal={IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems}}\n"
    )
    assert import_publications(conference + journal, "bibtex").counts["created"] == 2
    Publication.objects.all().delete()
    import_publications(conference, "bibtex")
    assert import_publications(journal, "bibtex").counts["created"] == 1
    assert sorted(Publication.objects.values_list("kind", flat=True)) == ["conference", "journal"]
    # An @article in a conference's proceedings (NeurIPS) is the conference paper: again, the same one.
    from django.core.management import call_command

    call_command("load_ccf_venues", verbosity=0)
    neurips = (
        "@article{n, title={Domain Adaptation}, author={Ann Lee}, journal={Advances in Neural Information "
    )
    neurips += "Processing Systems}, abbr={NeurIPS}, year={2021}}"
    assert import_publications(neurips, "bibtex").counts["created"] == 1
    assert import_publications(neurips, "bibtex").counts == {
        "created": 0, "updated": 0, "unchanged": 1, "skipped": 0, "refused": 0,
    }  # fmt: skip


def test_an_update_never_removes_authors_or_text_the_lab_stored():
    """Importing a faculty list over the demo replaced a stored paper's nine authors with the list's
    seven and overwrote its note: the stored, richer record stays and the report says what differs."""
    nine = " and ".join(f"Author {letter}" for letter in "ABCDEFGHI")
    import_publications(f"@article{{a, title={{Fast PIM}}, author={{{nine}}}, journal={{J}}, year={{2024}},"
                        " note={Accepted in the first round; code released}}", "bibtex")  # fmt: skip
    seven = " and ".join(f"Author {letter}" for letter in "ABDEFGH")  # two of the nine left out
    report = import_publications(
        f"@article{{a, title={{Fast PIM}}, author={{{seven}}}, journal={{J}}, year={{2024}}, note={{Short}},"
        " pages={1--9}}",
        "bibtex",
    )
    paper = Publication.objects.get()
    assert paper.authorships.count() == 9 and paper.note_en == "Accepted in the first round; code released"
    assert paper.pages == "1-9", "what was empty is filled"
    messages = [w["message"] for w in report.warnings]
    assert any("the stored 9 authors are kept; the file lists 7" in m for m in messages)
    assert any("the stored note is kept; the file says 'Short'" in m for m in messages)


def test_the_command_reads_several_bibtex_files_as_one_sharing_their_macros(tmp_path, capsys):
    """A lab keeps its venues as 420 @string macros in a second file: `import_publications papers.bib
    venues.bib` reads both, each macro serving the entries of the other file; what the report names is
    placed by file and line."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("load_ccf_venues", verbosity=0)
    venues = tmp_path / "venues.bib"
    venues.write_text('@string{isca = "International Symposium on Computer Architecture"}\n')
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "@inproceedings{a, title={Fast PIM}, author={Ann Lee}, booktitle=isca, year={2024}}\n"
        "@inproceedings{b, title={No year}, author={Ann Lee}, booktitle=isca}\n"
    )
    with pytest.raises(CommandError):  # entry b has no year: refused, named by its file and line
        call_command("import_publications", str(venues), str(papers))
    out = capsys.readouterr().out
    assert f"{papers}: entry b (line 2)" in out
    paper = Publication.objects.get(title_en="Fast PIM")
    assert paper.venue.acronym == "ISCA"
    assert not Publication.objects.filter(venue_text__iexact="isca").exists()


def test_the_venue_as_printed_is_kept_beside_the_venue_of_the_list():
    """The README says the venue is kept whole as printed; it was dropped whenever a CCF venue
    matched. An acronym alone, or the list's own name (with its acronym, as exports write it), says
    nothing more and is not kept twice."""
    from django.core.management import call_command

    call_command("load_ccf_venues", verbosity=0)
    printed = "ISCA '23: Proceedings of the 50th Annual International Symposium on Computer Architecture"
    printed += ", Orlando"
    import_publications(
        f"@inproceedings{{a, title={{One}}, author={{Ann Lee}}, booktitle={{{printed}}}, year={{2023}}}}\n"
        "@inproceedings{b, title={Two}, author={Ann Lee}, booktitle={ISCA}, year={2023}}\n",
        "bibtex",
    )
    one, two = Publication.objects.get(title_en="One"), Publication.objects.get(title_en="Two")
    assert one.venue.acronym == two.venue.acronym == "ISCA"
    assert (one.venue_text, two.venue_text) == (printed, "")


def test_a_reference_managers_record_in_the_note_is_not_shown_even_without_an_issn_first():
    """EndNote notes that did not start with an ISSN (an author list, grants, "Epub …") were shown
    publicly as the paper's note; a lab's own note stays."""
    record = "Lee, Ann\nQuin, Bo\nEpub 2023 Jan 5\nResearch Support, Non-U.S. Gov't\nJournal Article"
    report = import_publications(
        f"@article{{a, title={{One}}, author={{Ann Lee}}, journal={{J}}, year={{2023}}, note={{{record}}}}}\n"
        "@article{b, title={Two}, author={Ann Lee}, journal={J}, year={2023}, note={Invited paper}}\n",
        "bibtex",
    )
    assert report.counts["created"] == 2
    assert not Publication.objects.get(title_en="One").note_en
    assert Publication.objects.get(title_en="Two").note_en == "Invited paper"
