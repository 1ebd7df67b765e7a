"""The corpus of real files from labs the importers were not written against (tests/data/corpus, sources
in its README): each file imports at least as right as the note of the issue that brought it recorded,
and the held-out half was measured before the importers were changed for it."""

import json

import pytest
from django.core.management import call_command

from devtools.corpus import CORPUS, check_file, expectations

pytestmark = pytest.mark.django_db
# Every held-out file imports whole as last measured (manage.py corpus_report held-out: 276 of 276).
FLOOR = 1.0


@pytest.fixture(autouse=True)
def venues():
    call_command("load_ccf_venues", verbosity=0)


def test_every_file_of_the_corpus_has_its_source_and_its_count():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    expected = expectations()
    kept = {str(path.relative_to(CORPUS)) for path in CORPUS.glob("*/*/*") if path.name != "README.md"}
    assert kept == set(expected)
    for name in expected:
        assert f"`{name.split('/', 1)[1]}`" in readme, f"{name} has no source line in the README"
    assert json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(name for name in expectations() if name.startswith("dev")))
def test_importing_a_file_of_the_other_half_again_changes_nothing(name):
    assert check_file(name, expectations()[name]).again == 0


@pytest.mark.parametrize("name", sorted(name for name in expectations() if name.startswith("held-out")))
def test_a_held_out_file_imports_at_least_as_right_as_measured(name):
    result = check_file(name, expectations()[name])
    assert not result.error, result.error
    assert result.share >= FLOOR, result.wrong
    assert result.again == 0, "importing the file again changed something"
