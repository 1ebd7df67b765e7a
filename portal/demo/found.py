"""The demo's found papers: what the nightly watch would file for Zongwu Wang (the demo member) from
DBLP and OpenAlex, so that a visitor of `make run` can accept or reject them (admin → Found papers, as
demo-member or demo-editor).

The answers in found/ are written by us in the shapes of a DBLP person record and an OpenAlex page,
from facts the PI's public publication list prints (titles, authors, venues, years): three papers the
demo's lab has not entered, one of them at both sources. Ids within each service are left out, and each
source's address is its search for the title. They go through the same parsers and the same filing as
the nightly job; no request leaves the machine.
"""

from pathlib import Path
from urllib.parse import quote_plus

from people.models import Person
from portal import jsonlimits
from portal.imports import ImportReport
from publications.importers.dblp import parse_dblp
from publications.importers.matching import Importer
from publications.importers.openalex import openalex_work
from watch.finding import Found, Watch, group_works

FOUND = Path(__file__).resolve().parent / "found"
PERSON = "zongwu-wang"


def load_found() -> dict:
    person = Person.objects.get(slug=PERSON)
    found = []
    parsed, _skipped = parse_dblp((FOUND / f"{PERSON}-dblp.xml").read_text(encoding="utf-8"))
    for entry in parsed:
        address = f"https://dblp.org/search?q={quote_plus(entry.title)}"
        found.append(Found(entry, "DBLP", address, person.pk))
    page = jsonlimits.loads((FOUND / f"{PERSON}-openalex.json").read_text(encoding="utf-8"))
    for number, work in enumerate(page["results"], start=1):
        entry = openalex_work(work, f"OpenAlex work {number}")
        address = f"https://openalex.org/works?search={quote_plus(entry.title)}"
        found.append(Found(entry, "OpenAlex", address, person.pk))
    watch = Watch()
    watch.file(group_works(found), Importer(ImportReport(format="watch"), None))
    return watch.counts
