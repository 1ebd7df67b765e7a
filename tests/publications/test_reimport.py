"""Re-importing a list: an entry as it was last imported, into a paper nobody changed since, in a lab
whose people, aliases and venues are as they were, is reported unchanged without being read; every other
entry goes the whole way, and the result is the same as reading them all."""

import pytest

from people.models import PersonAlias
from publications.importers import import_publications
from publications.importers.writing import AS_LAST_IMPORTED
from publications.models import ImportedEntry, Publication
from tests.accounts.test_review_history import account
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

BIB = """@string{isca = {International Symposium on Computer Architecture}}

% a lab's own comment line
@inproceedings{lin2024nearbank,
  title = {NearBank: Near-Bank Processing for Sparse Attention},
  author = {Lin, Mei and Zhao, Rui},
  booktitle = isca,
  year = {2024},
  doi = {10.5555/reimport.1}
}

@article{lin2023survey,
  title = {A Survey of Near-Data Processing},
  author = {Lin, Mei},
  journal = {IEEE Transactions on Computers},
  year = {2023}
}

@misc{zhao2025graph,
  title = {GraphPIM: Processing-in-Memory for Graph Neural Networks},
  author = {Zhao, Rui and Lin, Mei},
  year = {2025},
  eprint = {2501.00004},
  archivePrefix = {arXiv}
}
"""


@pytest.fixture
def mei():
    return PersonFactory(slug="mei-lin", name_en="Mei Lin")


def reasons(report) -> dict[str, tuple[str, str]]:
    return {row.title[:8]: (row.action, row.reason) for row in report.rows}


def test_a_second_import_of_the_same_file_reads_nothing_and_says_so(mei):
    first = import_publications(BIB, "bibtex")
    assert first.counts["created"] == 3 and ImportedEntry.objects.count() == 3
    again = import_publications(BIB, "bibtex")
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0, "refused": 0}
    assert {reason for _action, reason in reasons(again).values()} == {AS_LAST_IMPORTED}
    assert [row.place for row in again.rows] == [
        "entry lin2024nearbank (line 4)", "entry lin2023survey (line 12)", "entry zhao2025graph (line 19)",
    ]  # fmt: skip
    assert {row.place for row in first.rows} == {row.place for row in again.rows}
    assert again.matches == []  # nothing read: no author matched again


def test_a_changed_entry_or_a_changed_paper_is_read_again_the_others_not(mei):
    import_publications(BIB, "bibtex")
    survey = Publication.objects.get(title_en__startswith="A Survey")
    survey.note_en = "Invited"
    survey.save()  # the lab changed this paper since
    changed = BIB.replace("year = {2024},", "year = {2024},\n  pages = {1--14},")
    report = import_publications(changed, "bibtex")
    seen = reasons(report)
    assert seen["NearBank"] == ("updated", "matched by DOI; changed: pages")
    assert seen["A Survey"] == ("unchanged", "matched by title and year")
    assert seen["GraphPIM"] == ("unchanged", AS_LAST_IMPORTED)
    assert Publication.objects.get(doi="10.5555/reimport.1").pages == "1-14"
    assert reasons(import_publications(changed, "bibtex"))["NearBank"] == ("unchanged", AS_LAST_IMPORTED)


@pytest.mark.parametrize(
    "change",
    [
        lambda mei: PersonAlias.objects.create(person=mei, name="M. Lin"),  # a new alias may link an author
        lambda mei: PersonFactory(slug="rui-zhao", name_en="Rui Zhao"),  # so may a new member
    ],
)
def test_a_change_to_the_lab_reads_every_entry_again(mei, change):
    import_publications(BIB, "bibtex")
    change(mei)
    report = import_publications(BIB, "bibtex")
    assert AS_LAST_IMPORTED not in {reason for _action, reason in reasons(report).values()}


def test_a_changed_macro_or_owner_reads_every_entry_again(mei):
    import_publications(BIB, "bibtex")
    renamed = BIB.replace("International Symposium on Computer Architecture", "ISCA")
    assert AS_LAST_IMPORTED not in str(import_publications(renamed, "bibtex").rows)
    assert AS_LAST_IMPORTED not in str(import_publications(renamed, "bibtex", owner=mei).rows)
    assert AS_LAST_IMPORTED in str(import_publications(renamed, "bibtex", owner=mei).rows)


def test_an_entry_given_twice_is_read_both_times(mei):
    twice = BIB + BIB.split("% a lab's own comment line")[1].split("@article")[0]
    import_publications(twice, "bibtex")
    report = import_publications(twice, "bibtex")
    nearbank = [(row.action, row.reason) for row in report.rows if row.title.startswith("NearBank")]
    assert nearbank == [
        ("unchanged", "matched by DOI"),
        ("skipped", "the same paper as entry lin2024nearbank (line 4)"),
    ]


def test_a_dry_run_reports_the_same_and_keeps_nothing(mei):
    import_publications(BIB, "bibtex")
    ImportedEntry.objects.all().delete()
    assert AS_LAST_IMPORTED not in str(import_publications(BIB, "bibtex", dry_run=True).rows)
    assert not ImportedEntry.objects.exists()


def test_an_entry_of_a_paper_set_aside_makes_another_entry_of_it_a_duplicate(mei):
    import_publications(BIB, "bibtex")
    copy = BIB + "\n@inproceedings{copy, title = {NearBank: Near-Bank Processing for Sparse Attention},\n" \
        "  author = {Lin, Mei}, year = {2024}, doi = {10.5555/reimport.1}}\n"  # fmt: skip
    report = import_publications(copy, "bibtex")
    assert reasons(report)["NearBank"][0] in {"unchanged", "skipped"}
    assert [row.action for row in report.rows if row.place.startswith("entry copy")] == ["skipped"]
    assert Publication.objects.count() == 3


def test_a_members_import_is_read_whole(mei):
    import_publications(BIB, "bibtex")
    member = account("member", "Member", mei)
    report = import_publications(BIB, "bibtex", owner=mei, by=member)
    assert AS_LAST_IMPORTED not in str(report.rows)


@pytest.mark.parametrize("text", ["0", "@string{a = {b}}", "% only a comment"])
def test_a_file_without_entries_is_refused_as_before(text):
    from publications.importers import ImportFailed

    with pytest.raises(ImportFailed, match="no BibTeX entries found"):
        import_publications(text, "bibtex")
