"""What every import gives back, whatever it imports (papers, a roster, news, honours): a report of
each entry created, updated, left unchanged, skipped or refused and why; or, when the input cannot be
imported at all, ImportFailed naming each place."""

import datetime
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from .models import MAX_YEAR, MIN_YEAR

# Told (done, total) as an import goes on; None where nobody listens.
Progress = Callable[[int, int], None] | None


class ImportFailed(Exception):
    """The input cannot be imported; `problems` holds (place, message) pairs. Nothing was changed."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__(
            "; ".join(f"{place}: {message}" if place else message for place, message in problems)
        )

    def __reduce__(self):  # so that Celery can carry it between processes
        return (type(self), (self.problems,))


@dataclass
class ReportRow:
    action: str  # created, updated, unchanged, skipped (a duplicate), refused (an error: not stored)
    place: str
    title: str
    reason: str = ""
    publication_id: int | None = None


@dataclass
class ImportReport:
    format: str
    dry_run: bool = False
    rows: list[ReportRow] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)  # place, name, person, how
    notes: list[str] = field(default_factory=list)
    # Stored, but look at this: (place, message) as dicts.
    warnings: list[dict] = field(default_factory=list)

    ACTIONS = ("created", "updated", "unchanged", "skipped", "refused")

    def add(self, action, place, title, reason="", publication_id=None):
        self.rows.append(ReportRow(action, place, title, reason, publication_id))

    def warn(self, place: str, message: str) -> None:
        self.warnings.append({"place": place, "message": message})

    @property
    def importable(self) -> int:
        """Entries that are (or, after a dry run, would be) stored: neither refused nor duplicates."""
        counts = self.counts
        return counts["created"] + counts["updated"] + counts["unchanged"]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def summary(self) -> str:
        text = ", ".join(f"{number} {action}" for action, number in self.counts.items())
        return f"{text}{' (dry run: nothing saved)' if self.dry_run else ''}"

    def as_dict(self) -> dict:
        return {**asdict(self), "counts": self.counts}

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        return cls(
            format=data.get("format", ""),
            dry_run=data.get("dry_run", False),
            rows=[ReportRow(**row) for row in data.get("rows", [])],
            matches=data.get("matches", []),
            notes=data.get("notes", []),
            warnings=data.get("warnings", []),
        )


MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
LEADING_DATE = re.compile(
    r"^\s*(?:\*{1,2}|_{1,2})?\s*[\[【(（]?\s*(?:\*{1,2}|_{1,2})?\s*(?:"
    r"(?P<y2>\d{4})\s*年(?:\s*(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*日)?)?"
    rf"|(?P<y1>\d{{4}})(?!\d)(?:\s*[./\-]\s*(?P<m1>\d{{1,2}})(?:\s*[./\-]\s*(?P<d1>\d{{1,2}}))?)?\.?"
    rf"|(?P<mn>{_MONTH_NAMES})\.?\s+(?:(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y3>\d{{4}})"
    r")\s*(?:\*{1,2}|_{1,2})?\s*[\]】)）]?\s*(?:\*{1,2}|_{1,2})?\s*(?:[:：,，、|\-–—]\s*)?",
    re.I,
)


def leading_date(text: str) -> tuple[datetime.date, str, str] | None:
    """(date, precision, the rest of the text) of text that begins with a date as labs write one:
    "2024.07.", "2024-07-15", "2024/7", "2024年7月", "2024年", "Jul 2024", "**[2024.07]**",
    "*2024.07*:". Precision: "year", "month" or "day"; None when the text begins with no date.
    Raises ValueError for a date that cannot be (2024.13)."""
    match = LEADING_DATE.match(text)
    if not match or not match.group(0).strip():
        return None
    groups = match.groupdict()
    year = int(groups["y1"] or groups["y2"] or groups["y3"])
    month = groups["m1"] or groups["m2"] or (MONTHS[groups["mn"].casefold()] if groups["mn"] else None)
    day = groups["d1"] or groups["d2"] or groups["d3"]
    rest = text[match.end() :].strip()
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year {year} is not between {MIN_YEAR} and {MAX_YEAR}")
    try:
        date = datetime.date(year, int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{match.group(0).strip()!r} is not a date") from None
    return date, "day" if day else "month" if month else "year", rest


def in_file_order(report: ImportReport) -> None:
    """Sort the report's rows by the line each names ("line 12")."""
    report.rows.sort(key=lambda row: int(row.place.split()[-1]) if row.place.split()[-1].isdigit() else 0)


def start_report(
    format: str, entries: list, skipped: list[tuple[str, str, str]], *, strict: bool, dry_run: bool
) -> ImportReport:
    """The report of a list import, with the lines the parser skipped; strict, ImportFailed naming each
    entry with a problem (entries carry `place` and `problems`) before anything is written."""
    if strict and (bad := [(e.place, "; ".join(e.problems)) for e in entries if e.problems]):
        raise ImportFailed(bad)
    report = ImportReport(format=format, dry_run=dry_run)
    for place, text, reason in skipped:
        report.add("skipped", place, text, reason)
    return report


class JoinedFiles:
    """Several files read as one text (a lab's BibTeX entries in one file, its @string venue macros in
    another: the macros and crossrefs of each serve all), with the places of the one text ("entry k
    (line 812)") named again by file and line ("B.bib: entry k (line 12)")."""

    LINE = re.compile(r"\bline (\d+)")

    def __init__(self, named_texts: list[tuple[str, str]]):
        self.starts: list[tuple[int, str]] = []  # (first line in the joined text, file name)
        parts, line = [], 1
        for name, text in named_texts:
            self.starts.append((line, name))
            text = text if text.endswith("\n") else text + "\n"
            parts.append(text)
            line += text.count("\n")
        self.text = "".join(parts)

    def place(self, place: str) -> str:
        found = self.LINE.search(place or "")
        if not found:
            return place
        number = int(found.group(1))
        start, name = next((s for s in reversed(self.starts) if s[0] <= number), self.starts[0])
        return f"{name}: {place[: found.start()]}line {number - start + 1}{place[found.end() :]}"

    def relabel(self, report: ImportReport) -> ImportReport:
        for row in report.rows:
            row.place = self.place(row.place)
        for item in (*report.warnings, *report.matches):
            item["place"] = self.place(item["place"])
        return report

    def failed(self, error: ImportFailed) -> ImportFailed:
        return ImportFailed([(self.place(place), message) for place, message in error.problems])
