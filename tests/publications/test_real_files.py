"""Real files from public lab and researcher sites (tests/data/real, sources in its README) come in whole
and right, and each rule learnt from them holds on its own."""

from pathlib import Path

import pytest
from django.core.management import call_command

from people.models import Person
from publications.importers import import_publications
from publications.importers.matching import VenueIndex
from publications.models import Publication
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
# file -> (entries in the file, counted by hand; of them the same paper twice; of them with no year at
# all, which no paper can be stored without)
CORPUS = {
    "academicpages-pubs.bib": (36, 0, 0),
    "academicpages-arxiv-link.bib": (1, 0, 0),
    "al-folio-endnote-papers.bib": (3, 0, 0),
    "al-folio-ieee-acm-papers.bib": (11, 0, 0),
    "al-folio-lab-legend-papers.bib": (27, 0, 0),
    "al-folio-html-titles.bib": (23, 0, 5),
    "dblp-lab-export.bib": (16, 4, 0),
    "hugo-blox/publication-cite.bib": (10, 0, 0),
    "hugo-blox/fccm_ppo-cite.bib": (1, 0, 0),
    "hugo-blox/tpds_chi-cite.bib": (1, 0, 0),
}


@pytest.fixture
def venues():
    call_command("load_ccf_venues", verbosity=0)


def real(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def test_every_source_is_named_in_the_readme():
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    files = {str(path.relative_to(REAL)) for path in REAL.rglob("*.*") if path.suffix in {".bib", ".xml"}}
    assert files == set(CORPUS)
    for name in files:
        assert f"`{name}`" in readme, f"{name} has no line (shape, repository, commit, path) in the README"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_real_file_imports_whole_into_an_empty_lab_and_again_changes_nothing(name, venues):
    entries, duplicates, undated = CORPUS[name]

    first = import_publications(real(name), "bibtex")

    counts = first.counts
    refused = [row for row in first.rows if row.action == "refused"]
    assert len(refused) == undated and all(row.reason.startswith("no year") for row in refused), refused
    assert (
        counts["created"] + counts["updated"] + counts["unchanged"] + counts["skipped"] == entries - undated
    )
    assert counts["skipped"] == duplicates
    assert all("the same paper" in row.reason for row in first.rows if row.action == "skipped")
    assert Publication.objects.count() == entries - duplicates - undated
    again = import_publications(real(name), "bibtex")
    assert (again.counts["created"], again.counts["updated"], again.counts["refused"]) == (0, 0, undated)


def test_the_whole_corpus_imports_together_and_the_hugo_site_twice_is_one_list(venues):
    for name in CORPUS:
        import_publications(real(name), "bibtex")
    # fccm_ppo's cite.bib is one of the papers of the collected file: matched, not added.
    assert Publication.objects.filter(title_en__istartswith="Accelerating proximal policy").count() == 1
    stored = sum(entries - duplicates - undated for entries, duplicates, undated in CORPUS.values())
    assert Publication.objects.count() == stored - 1


# -- what the files hold, field by field -----------------------------------------------------------


def test_academicpages_marks_chinese_names_a_missing_year_and_a_borrowed_doi(venues):
    report = import_publications(real("academicpages-pubs.bib"), "bibtex")

    photo = Publication.objects.get(title_en__startswith="Photoinduced Directional Proton")
    assert photo.year == 2019, "no year field: taken from the citation key zhang2019Photoinduced"
    assert photo.doi == "10.1002/adfm.201907549", "its own DOI field"
    dendrite = Publication.objects.get(title_en__startswith="Dendrite suppression")
    assert dendrite.doi == "", "the DOI in its link is the other paper's: left out"
    assert dendrite.url == "https://onlinelibrary.wiley.com/doi/abs/10.1002/adfm.201907549"
    warnings: dict[str, str] = {}
    for warning in report.warnings:
        key = warning["place"].split()[1]
        warnings[key] = f"{warnings.get(key, '')} {warning['message']}"
    assert "citation key" in warnings["zhang2019Photoinduced"] and "DOI" in warnings["kong2020Dendrite"]
    marks = list(photo.authorships.values_list("name", "is_corresponding")[:4])
    assert marks == [
        ("Yanbing Zhang", True),
        ("Fengyu Li", True),
        ("Xian Kong", True),
        ("Tangyue Xue", False),
    ]
    chinese = Publication.objects.get(title_zh_hans="动态表面张力破裂磷脂膜的分子动力学模拟")
    assert list(chinese.authorships.values_list("name", flat=True)) == ["孔宪", "胡晓宇", "卢滇楠", "刘铮"]
    assert chinese.venue_text == "化工学报" and chinese.pages == "641-647"
    thesis = Publication.objects.get(title_zh_hans__startswith="外壁荷电性质")
    assert thesis.kind == "thesis" and thesis.year == 2014


def test_endnote_noise_stays_out_of_the_note_and_its_orcids_link_members(venues):
    carrette = PersonFactory(name_en="Lieselot L. G. Carrette", orcid="0000-0002-5217-2774")
    PersonFactory(name_en="Leah Solberg Woods")  # named otherwise: only the ORCID can tell

    import_publications(real("al-folio-endnote-papers.bib"), "bibtex")

    gwas = Publication.objects.get(title_en__startswith="Genome-wide association study")
    assert gwas.note == "", "ISSN, authors, grants and 'Journal Article' are the export's, not the lab's"
    assert gwas.doi == "10.1038/s41467-026-73694-w" and gwas.featured
    assert gwas.authorships.get(position=2).person == carrette
    assert "Polymorphism, Single Nucleotide" in gwas.keywords
    assert "Genome-Wide Association Study" in gwas.keywords, "MeSH's * (major topic) is not part of the term"
    assert len(gwas.keywords) == 12
    metabolites = Publication.objects.get(title_en__startswith="Identification of Plasma Metabolites")
    assert metabolites.url == "https://www.mdpi.com/2218-1989/15/2/95" and metabolites.pages == "95"


def test_ieee_and_acm_exports_in_al_folio(venues):
    report = import_publications(real("al-folio-ieee-acm-papers.bib"), "bibtex")

    tsc = Publication.objects.get(doi="10.1109/tsc.2018.2841868")
    assert tsc.title_en == "Scheduling Inter-Datacenter Video Flows for Cost Efficiency", "[A+] is a label"
    assert tsc.venue.acronym == "TSC" and tsc.kind == "journal"
    massw = Publication.objects.get(doi="10.1109/massw.2019.00042")
    assert (
        massw.authorships.get(position=1).name == "Ce Pang"
        and massw.authorships.get(position=1).is_corresponding
    )
    assert massw.kind == "workshop"
    icdcs = Publication.objects.get(title_en__startswith="Distributed Data-Sharing Consensus")
    assert icdcs.venue.acronym == "ICDCS" and icdcs.authorships.get(position=2).name == "Sourabh Yadav"
    tmc = Publication.objects.get(doi="10.1109/tmc.2020.3037911")
    assert tmc.featured and tmc.pdf_url == ""
    assert any("TMC2020.pdf" in w["message"] for w in report.warnings), "a file name is said, not lost"
    sensors = Publication.objects.get(doi="10.3390/s21041136")
    assert sensors.url == "https://www.mdpi.com/1424-8220/21/4/1136" and sensors.volume == "21"
    assert Publication.objects.get(doi="10.1016/j.tej.2020.106883").note.startswith("Special Issue")


def test_a_lab_legend_says_what_its_marks_mean(venues):
    import_publications(real("al-folio-lab-legend-papers.bib"), "bibtex")

    speech = Publication.objects.get(title_en__startswith="Watch Your Speech")
    assert list(speech.authorships.values_list("is_equal_contribution", "is_corresponding")) == [
        (True, False),
        (True, False),
        (False, False),
    ], "annotation = {* Equal contribution}"
    eyetag = Publication.objects.get(title_en__startswith="EyeTAG")
    assert list(eyetag.authorships.values_list("name", "is_corresponding")) == [
        ("Jungmin Lee", False),
        ("Niamat Ullah", True),
        ("Yoseob Han", True),
    ], "annotation = {+ Corresponding authors}"
    assert speech.venue.acronym == "BMVC" and speech.kind == "conference"
    sigir = Publication.objects.get(title_en__startswith="Understanding Audio-Text Retrieval")
    assert sigir.doi == "10.1145/3726302.3730261", "read from the ACM PDF link"
    assert sigir.venue.acronym == "SIGIR" and sigir.venue.ccf_rank == "A"
    assert not Publication.objects.filter(awards__label_en="Oral").exists(), "an oral talk is not an award"


def test_dblp_keys_decide_the_venue_and_a_corr_preprint_joins_its_published_paper(venues):
    import_publications(real("dblp-lab-export.bib"), "bibtex")

    jss = Publication.objects.get(doi="10.1016/j.jss.2025.112607")
    assert jss.venue.dblp_key == "journals/jss" and jss.venue.ccf_rank, "by DBLP's key, not 'J. Syst. Softw.'"
    assert jss.arxiv_id == "2503.13310"
    harmone = Publication.objects.get(title_en__startswith="HarmonE")
    assert harmone.doi == "10.1007/978-3-032-02138-0_3", "DBLP's \\_ is an underscore"
    cloudops = Publication.objects.get(title_en__startswith="Engineering LLM Powered Multi-Agent")
    assert cloudops.kind == "conference" and cloudops.arxiv_id == "2501.08243", "its CoRR version's id"
    certification = Publication.objects.filter(title_en__startswith="Approach Towards Semi-Automated")
    assert certification.count() == 1, "'… Certification of …' and '… Certification for …' are one paper"


def test_proceedings_titles_and_arxiv_journals_of_a_hugo_site(venues):
    import_publications(real("hugo-blox/publication-cite.bib"), "bibtex")

    fccm = Publication.objects.get(title_en__startswith="Accelerating proximal policy")
    assert fccm.venue.acronym == "FCCM" and fccm.kind == "conference"
    fpga = Publication.objects.get(title_en__startswith="Dynamap")
    assert fpga.venue.acronym == "FPGA"
    mcts = Publication.objects.get(title_en__startswith="Accelerating Monte-Carlo Tree Search")
    assert (mcts.kind, mcts.arxiv_id) == ("preprint", "2208.11208")
    assert (
        Publication.objects.get(title_en__startswith="Accelerator Design and Exploration").kind == "workshop"
    )


def test_titles_written_as_links_give_the_title_and_the_link_and_patents_are_patents(venues):
    import_publications(real("al-folio-html-titles.bib"), "bibtex")
    knit = Publication.objects.get(title_en__startswith="KNITIT")
    assert knit.title_en == (
        "KNITIT: a computational tool for design, simulation, and fabrication of multiple structured knits"
    )
    assert knit.url.startswith("https://www.researchgate.net/publication/325887522_")
    patent = Publication.objects.get(title_en="Tool for design and fabrication of knitted components")
    assert patent.kind == "patent" and patent.note == "US Patent 11,421,355"


def test_a_published_paper_with_an_arxiv_link_stays_published(venues):
    import_publications(real("academicpages-arxiv-link.bib"), "bibtex")
    paper = Publication.objects.get()
    assert (paper.kind, paper.arxiv_id, paper.venue.acronym) == ("journal", "1909.06605", "TDSC")


# -- rules found on those files, each on its own ---------------------------------------------------


@pytest.mark.parametrize(
    "printed, acronym",
    [
        ("Proceedings of the 51st Annual International Symposium on Computer Architecture", "ISCA"),
        ("2020 ACM/IEEE 47th Annual International Symposium on Computer Architecture (ISCA)", "ISCA"),
        ("Advances in Neural Information Processing Systems", "NeurIPS"),
        ("2024 Design, Automation & Test in Europe Conference & Exhibition (DATE)", "DATE"),
        ("Proceedings of the 61st ACM/IEEE Design Automation Conference", "DAC"),
        ("MICRO-56: 56th Annual IEEE/ACM International Symposium on Microarchitecture", "MICRO"),
        ("Proceedings of the 28th ACM International Conference on Architectural Support for Programming "
         "Languages and Operating Systems, Volume 2", "ASPLOS"),
        ("ISCA", "ISCA"),
    ],
)  # fmt: skip
def test_venues_are_known_by_the_names_labs_print(venues, printed, acronym):
    venue = VenueIndex().match("", printed, "journal")
    assert venue is not None and venue.acronym == acronym


def test_proceedings_words_outweigh_a_journal_of_the_same_acronym(venues):
    conference = (
        "Proceedings of the 22nd International Conference on Autonomous Agents and MultiAgent Systems (AAMAS)"
    )
    assert VenueIndex().match("", conference, "journal").kind == "conference"
    assert VenueIndex().match("", "Autonomous Agents and Multi-Agent Systems", "journal").kind == "journal"


def test_a_dblp_key_names_the_venue_whatever_the_title_says(venues):
    text = (
        "@inproceedings{DBLP:conf/isca/Someone24, title={A Paper}, author={Ann Lee}, year={2024},\n"
        "  booktitle={Proc. of the Symp. on Comp. Arch.}}"
    )
    import_publications(text, "bibtex")
    assert Publication.objects.get().venue.acronym == "ISCA"


def test_name_suffixes_stay_with_the_name():
    import_publications(
        "@article{k, title={T}, author={Kelleher, R. J., 3rd and Smith, Jr., John}, year={2020}}"
    )
    names = list(Publication.objects.get().authorships.values_list("name", flat=True))
    assert names == ["R. J. Kelleher, 3rd", "John Smith, Jr."]


def test_abstract_paragraphs_are_kept():
    import_publications(
        "@article{k, title={T}, year={2020}, abstract={First part\n  wrapped.\n\nSecond part.}}"
    )
    assert Publication.objects.get().abstract == "First part wrapped.\n\nSecond part."


def test_a_doi_already_given_to_a_stored_paper_with_another_title_is_left_out_with_a_warning():
    import_publications("@article{a, title={One Paper}, year={2020}, doi={10.1000/x}}")
    report = import_publications("@article{b, title={Something Else Entirely}, year={2020}, doi={10.1000/x}}")
    assert report.counts["created"] == 1 and Publication.objects.count() == 2
    assert "another title" in report.warnings[0]["message"]
    assert Publication.objects.get(title_en="Something Else Entirely").doi == ""


def test_the_report_lists_entries_in_the_order_of_the_file():
    text = "@article{z2019, title={A}, year={2019}}\n@article{a2001, title={B}, year={2001}}"
    report = import_publications(text, "bibtex")
    assert [row.place for row in report.rows] == ["entry z2019 (line 1)", "entry a2001 (line 2)"]


def test_owner_found_by_a_member_name_in_the_corpus(venues):
    """The corpus's authors link to lab members where their names agree, and only there."""
    kong = PersonFactory(name_en="Xian Kong", name_zh_hans="孔宪")
    import_publications(real("academicpages-pubs.bib"), "bibtex")
    assert Publication.objects.for_person(kong).count() == Publication.objects.count()
    assert Person.objects.count() == 1


def test_a_different_given_name_never_matches_by_initials():
    xueyuan = PersonFactory(name_en="Xueyuan Liu")
    PersonFactory(name_en="Zongwu Wang")
    PersonFactory(name_en="Xuan Zhang")
    import_publications(
        "@article{k, title={T}, year={2024},"
        " author={Xiao Liu and Xueyuan Liu and Zhican Wang and Xulin Zhang}}"
    )
    links = list(Publication.objects.get().authorships.values_list("name", "person"))
    assert links == [
        ("Xiao Liu", None),
        ("Xueyuan Liu", xueyuan.pk),
        ("Zhican Wang", None),
        ("Xulin Zhang", None),
    ]


def test_initials_link_a_member_only_when_no_other_author_of_the_paper_is_them():
    xueyuan = PersonFactory(name_en="Xueyuan Liu")
    report = import_publications("@article{a, title={A}, year={2024}, author={X. Liu and Xueyuan Liu}}")
    assert list(Publication.objects.get(title_en="A").authorships.values_list("person", flat=True)) == [
        None,
        xueyuan.pk,
    ]
    assert any("another author of this paper" in note for note in report.notes)
    import_publications("@article{b, title={B}, year={2024}, author={X. Liu and Ann Lee}}")
    assert Publication.objects.get(title_en="B").authorships.get(position=1).person == xueyuan


# -- Markdown lists as labs print them -------------------------------------------------------------

NEWEST_FIRST = """# 2024
[C3] **Mei Lin**, Rui Zhao. Third Paper on Near-Bank Memory. Accepted by Design Automation Conf. (DAC 2024).
[C2] **Mei Lin**. Second Paper on Sparse Attention. In Symposium on Computer Architecture (ISCA 2024).
# 2023
[C1] Song H, **Mei Lin**, et al. First Paper on Crossbars. Accepted by MICRO (MICRO 2023).
"""


def test_a_newest_first_list_keeps_its_printed_codes_on_the_owners_page(client, venues):
    mei = PersonFactory(slug="mei-lin", name_en="Mei Lin")

    report = import_publications(NEWEST_FIRST, "markdown", owner=mei)

    assert report.warnings == [], "every printed code is the code the page gives"
    page = client.get(f"/en/people/{mei.slug}/").content.decode()
    for code, title in [("C3", "Third Paper"), ("C2", "Second Paper"), ("C1", "First Paper")]:
        entry = page[page.index(f"[{code}]") :]
        assert entry.index(title) < entry.index("</li>"), f"[{code}] is {title}"
    first = Publication.objects.get(title_en__startswith="First Paper")
    assert first.authors_cut_short and list(first.authorships.values_list("name", flat=True)) == [
        "Song H",
        "Mei Lin",
    ]
    assert "et al." in page[page.index("First Paper") :][:2000], "the cut-short list says so"


def test_a_printed_code_the_site_numbers_otherwise_is_a_warning(venues):
    mei = PersonFactory(slug="mei-lin", name_en="Mei Lin")
    import_publications(
        "@inproceedings{old, title={An Older Paper Not in the List}, author={Mei Lin}, year={2020},"
        " booktitle={DAC}}"
    )
    report = import_publications(NEWEST_FIRST, "markdown", owner=mei)
    assert {w["message"] for w in report.warnings} >= {"printed as [C1], numbered [C2] on mei-lin's page"}


def test_an_entry_cut_short_is_refused_and_a_venue_of_another_year_kept_under_its_heading(venues):
    text = (
        "# 2025\n"
        "[C2] **Mei Lin**. A Paper Accepted for Next Year. Accepted by Design Automation Conf. (DAC 2026).\n"
        "[C1] **Mei Lin**, Rui Zhao. AGS: Acceleratin\n"
    )
    report = import_publications(text, "markdown")

    assert report.counts["created"] == 1 and report.counts["refused"] == 1
    refused = next(row for row in report.rows if row.action == "refused")
    assert refused.place == "line 3" and "no venue" in refused.reason
    kept = Publication.objects.get()
    assert kept.year == 2025
    assert report.warnings[0]["message"] == "listed under 2025, but its venue says 2026: kept under 2025"


def test_only_inline_markup_is_taken_out_of_titles():
    import_publications(
        "@article{a, title={<i>In situ</i> Latency <10 ms and >5 GB/s}, year={2024}, author={Ann Lee}}"
    )
    assert Publication.objects.get().title_en == "In situ Latency <10 ms and >5 GB/s"
