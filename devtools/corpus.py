"""The import of a corpus of real files, file by file, against what a person counted in each by hand.

`tests/data/corpus/expected.json` holds, for every file, the entries in it and what each should become.
`corpus_report` imports each file into an empty lab (one transaction per file, rolled back) and says,
per file, how many entries came in right, how many were refused, how many came in wrong, and why.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from news.importers import import_news
from news.models import NewsItem
from people.honors import import_honors
from people.models import Honor, Membership, Person
from people.roster import import_roster
from portal.imports import ImportFailed, ImportReport
from publications.importers import import_publications
from publications.models import Publication
from siteimport.save import import_site

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class FileResult:
    name: str
    entries: int
    right: int = 0
    refused: int = 0
    wrong: list[str] = field(default_factory=list)
    error: str = ""
    again: int = 0  # entries a second import of the same file created or changed (0: none)

    @property
    def share(self) -> float:
        return self.right / self.entries if self.entries else 1.0


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").casefold()


def stored_title(publication: Publication) -> str:
    return publication.title_zh_hans if CJK.search(publication.title_zh_hans or "") else publication.title_en


def check_paper(expected: dict, papers: list[Publication]) -> str:
    """'' when a stored paper is the expected one, else what is wrong with the nearest."""
    start = squash(expected["title"])[:40]
    found = [paper for paper in papers if squash(paper.title_en or paper.title_zh_hans).startswith(start)
             or squash(paper.title_zh_hans or "").startswith(start)]  # fmt: skip
    if not found:
        return f"{expected['title'][:50]!r}: missing"
    paper = next((paper for paper in found if paper.year == expected["year"]), found[0])
    problems = []
    if paper.year != expected["year"]:
        problems.append(f"year {paper.year}, not {expected['year']}")
    if expected.get("doi", "").lower() != (paper.doi or "").lower():
        problems.append(f"DOI {paper.doi!r}, not {expected.get('doi', '')!r}")
    authors = [authorship.name for authorship in paper.authorships.all()]
    if len(authors) != expected["authors"]:
        problems.append(f"{len(authors)} authors, not {expected['authors']}")
    if bad := [name for name in authors if re.search(r"(^|\s)and(\s|$)", name)]:
        problems.append(f"author names with 'and': {bad}")
    if "kind" in expected and paper.kind != expected["kind"]:
        problems.append(f"kind {paper.kind}, not {expected['kind']}")
    chinese = bool(CJK.search(expected["title"]))
    if chinese and not CJK.search(paper.title_zh_hans or ""):
        problems.append("Chinese title not stored as Chinese")
    for name, value in expected.get("fields", {}).items():
        if str(getattr(paper, name)) != str(value):
            problems.append(f"{name} {getattr(paper, name)!r}, not {value!r}")
    return f"{expected['title'][:50]!r}: " + "; ".join(problems) if problems else ""


def check_person(expected: dict, people: dict[str, Person]) -> str:
    person = people.get(squash(expected["name"]))
    if person is None:
        return f"{expected['name']}: missing"
    stints = [stint for stint in person.memberships.all() if stint.role in expected["role"]]
    if not stints:
        roles = [stint.role for stint in person.memberships.all()]
        return f"{expected['name']}: stints {roles}, not {'/'.join(expected['role'])}"
    stint = stints[0]
    problems = []
    if "start" in expected and (stint.start_on.year if stint.start_on else None) != expected["start"]:
        problems.append(f"start {stint.start_on}, not {expected['start']}")
    if expected.get("alumni") and not stint.end_on and not stint.degree and not stint.destination:
        problems.append("current, not an alumnus")
    if not expected.get("alumni") and (stint.end_on or stint.destination):
        problems.append(f"an alumnus (ended {stint.end_on}, {stint.destination!r}), not current")
    if squash(stint.destination) != squash(expected.get("destination", "")):
        problems.append(f"destination {stint.destination!r}, not {expected.get('destination', '')!r}")
    if expected.get("zh") and not CJK.search(person.name_zh_hans or ""):
        problems.append(f"Chinese name not stored as Chinese ({person.name_en!r}, {person.name_zh_hans!r})")
    return f"{expected['name']}: " + "; ".join(problems) if problems else ""


def check_honor(expected: dict, honors: list[Honor]) -> str:
    start = squash(expected["title"])[:30]
    titled = [honor for honor in honors if squash(honor.title).startswith(start)]
    found = [honor for honor in titled if honor.year == expected["year"]] or titled
    if not found:
        return f"{expected['title'][:50]!r}: missing"
    honor = found[0]
    problems = []
    if honor.year != expected["year"]:
        problems.append(f"year {honor.year}, not {expected['year']}")
    if squash(honor.title) != squash(expected["title"]):
        problems.append(f"title {honor.title!r}")
    return f"{expected['title'][:50]!r}: " + "; ".join(problems) if problems else ""


def check_news(expected: dict, items: list[NewsItem]) -> str:
    start = squash(expected["text"])[:30]
    found = [item for item in items if start in squash(f"{item.title_en} {item.title_zh_hans} {item.body_en} "
                                                       f"{item.body_zh_hans}")]  # fmt: skip
    if not found:
        return f"{expected['text'][:40]!r}: missing"
    item = found[0]
    problems = []
    if item.date.strftime("%Y-%m") != expected["month"]:
        problems.append(f"date {item.date}, not {expected['month']}")
    chinese = expected.get("zh", bool(CJK.search(expected["text"])))  # the item's language, not the key's
    if chinese != bool(CJK.search(item.body_zh_hans or item.title_zh_hans or "")):
        problems.append("language wrong (stored as %s)" % ("English" if chinese else "Chinese"))
    return f"{expected['text'][:40]!r}: " + "; ".join(problems) if problems else ""


def importer(kind: str, path: Path) -> Callable[[], ImportReport]:
    if kind == "sites":
        return lambda: import_site(path)
    text = path.read_text(encoding="utf-8")
    return {
        "bib": lambda: import_publications(text, "bibtex"),
        "people": lambda: import_roster(text),
        "honors": lambda: import_honors(text),
        "news": lambda: import_news(text),
    }[kind]


def check_file(name: str, expected: dict) -> FileResult:
    path = CORPUS / name
    kind = Path(name).parts[1]
    result = FileResult(name, expected["entries"])
    with transaction.atomic():
        try:
            report = importer(kind, path)()
        except ImportFailed as failed:
            result.error = "; ".join(message for _, message in failed.problems)[:200]
            result.refused = expected["entries"]
            transaction.set_rollback(True)
            return result
        result.refused = report.counts["refused"] + report.counts["skipped"]
        second = importer(kind, path)().counts
        result.again = second["created"] + second["updated"]
        problems = []
        papers = list(Publication.objects.prefetch_related("authorships"))
        people = {squash(p.name_en or p.name): p for p in Person.objects.prefetch_related("memberships")}
        people.update({squash(p.name_zh_hans): p for p in people.values() if p.name_zh_hans})
        for record in expected.get("papers", []):
            problems.append(check_paper(record, papers))
        for record in expected.get("people", []):
            problems.append(check_person(record, people))
        honors = list(Honor.objects.all())
        for record in expected.get("honors", []):
            problems.append(check_honor(record, honors))
        items = list(NewsItem.objects.all())
        for record in expected.get("news", []):
            problems.append(check_news(record, items))
        result.wrong = [problem for problem in problems if problem]
        wrong = len(result.wrong)
        for model, count in expected.get("counts", {}).items():
            stored = {"papers": len(papers), "people": Person.objects.count(), "news": len(items),
                      "stints": Membership.objects.count(), "honors": len(honors)}[model]  # fmt: skip
            if stored != count:
                result.wrong.append(f"{stored} {model} stored, not {count}")
                wrong += abs(stored - count)
        result.right = max(0, expected["entries"] - wrong)
        transaction.set_rollback(True)
    return result


def expectations() -> dict[str, dict]:
    return json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def report_corpus(half: str) -> list[FileResult]:
    return [check_file(name, expected) for name, expected in expectations().items() if name.startswith(half)]
