"""Import a lab's news list ("* 2024.07. Our paper … has been accepted by MICRO. [[paper]](url)").

Each list item (or paragraph) that begins with a date is one item: "2024.07.", "2024-07-15", "2024年7月",
"Jul 2024". Its text is kept as Markdown, in Chinese or English by its characters. The papers, people
and achievements an item mentions are linked: a paper by a DOI, arXiv or paper link, by its title or
by the short name that leads its title ("NDPBridge: …") in the item's year or the next; a member by
their full name; an achievement by its short name. An item already stored (same month, same text) is
recognised: importing the same list again changes nothing.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from achievements.models import Achievement
from people.models import Person, Precision
from people.names import fold, language_by_script
from portal.imports import (
    MONTHS,
    ImportFailed,
    ImportReport,
    Progress,
    in_file_order,
    leading_date,
    start_report,
)
from portal.lines import read_lines
from portal.validators import normalise_doi
from publications.models import Publication

from .models import NewsItem, news_slug

URL = re.compile(r"https?://[^\s)\]>]+")
ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I)
DOI = re.compile(r"(?:doi\.org/|doi:\s*)(10\.\d{4,9}/[^\s)\]>]+)", re.I)
SHORT_NAME = re.compile(r"^([A-Z][A-Za-z0-9\-+]{2,30}):")
RELATIVE_LINK = re.compile(r"\]\((?!\(?(?:https?://|mailto:|#))([^)\s]+)\)")
# "**置顶:** Mar 2025, …", "[Pinned] 2025.03 …": a short label before the date
LABEL = re.compile(r"^\s*(?:(\*\*|__)[^*_\n]{1,16}?\1|[\[【][^\]】]{1,12}[\]】])\s*[:：]?\s*")
PINNED = re.compile(r"(?i)^\W*(?:top|pinned|sticky|highlights?|置顶|置頂|重要)\W*$")
# LaTeX a lab writes in a line ("E$^2$SR"): the characters it stands for
SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
SCRIPT = re.compile(r"\$\s*([\^_])\s*\{?([0-9+\-=()ni]{1,6})\}?\s*\$")


def latex_scripts(text: str) -> str:
    return SCRIPT.sub(lambda m: m.group(2).translate(SUPERSCRIPTS if m.group(1) == "^" else SUBSCRIPTS), text)


MONTH_FIRST = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:(?P<number>\d{1,2})\s*月|(?P<name>[A-Za-z]{3,9}\.?))\s*(?:\*\*|__)?\s*[:：]\s*"
)


@dataclass
class ParsedNews:
    place: str
    text: str
    date: datetime.date | None = None
    precision: str = Precision.MONTH
    problems: list[str] = field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        """The date of an item that has one: every item without problems."""
        assert self.date is not None, f"{self.place} has no date"
        return self.date

    @property
    def language(self) -> str:
        return language_by_script(self.text)


def text_key(text: str) -> str:
    """The words of an item's text, links and Markdown left out: the same item written again."""
    return re.sub(r"\W", "", fold(URL.sub(" ", text)))


def item_key(day: datetime.date, precision: str, text: str) -> tuple:
    """What tells a stored item from another: its month and words; a pinned item's words alone (its
    date is the day it was imported)."""
    if precision == Precision.UNKNOWN:
        return ("pinned", text_key(text))
    return (day.year, day.month, text_key(text))


def leading_month(text: str, year: int | None) -> tuple[datetime.date, str, str] | None:
    """(date, "month", the rest) of "**November**: …" or "11月：…" under a year heading; else None."""
    found = MONTH_FIRST.match(text)
    if not found or year is None:
        return None
    name = found.group("name").casefold().rstrip(".")
    month = MONTHS.get(name) or (int(found.group("number")) if found.group("number") else None)
    if not month or not 1 <= month <= 12:
        return None
    return datetime.date(year, month, 1), Precision.MONTH, text[found.end() :].strip()


def parse_news(text: str) -> tuple[list[ParsedNews], list[tuple[str, str, str]]]:
    """Items that begin with a date (or, under a year heading, with a month); list items that do not are
    returned as (place, text, why)."""
    entries, skipped = [], []
    for line in read_lines(text):
        if line.kind in ("heading", "header"):
            continue
        place, body = line.place, latex_scripts(line.text)
        # items that give only their month ("- **November**: …") take the year of the year heading above
        year = next((heading.year for heading in reversed(line.headings) if heading.is_year), None)
        try:
            found = leading_date(body) or leading_month(body, year)
            if found is None and (label := LABEL.match(body)):
                found = leading_date(body[label.end() :])
        except ValueError as error:
            entries.append(ParsedNews(place, body, problems=[str(error)]))
            continue
        pinned = any(PINNED.match(heading.text) for heading in line.headings)
        if found is None and pinned and line.is_item:  # a pinned item gives no date: it stays on top
            entries.append(
                ParsedNews(place, LABEL.sub("", body, count=1), timezone.localdate(), Precision.UNKNOWN)
            )
            continue
        if found is None:
            if line.is_item:
                skipped.append(
                    (place, body[:80], "does not begin with a date (2024.07., 2024-07-15, 2024年7月)")
                )
            elif entries and line.indent and not entries[-1].problems:
                entries[-1].text += "\n" + body  # an item that goes on, indented, on the next line
            continue
        date, precision, rest = found
        entry = ParsedNews(place, rest, date, Precision.MONTH if precision == "year" else precision)
        if precision == "year":
            entry.problems.append("the date gives the year only: news needs its month (2024.07.)")
        if not rest.strip():
            entry.problems.append("a date and no text")
        entries.append(entry)
    return entries, skipped


class Linker:
    """Finds what an item mentions among the lab's papers, people and achievements (loaded once)."""

    def __init__(self):
        self.papers = list(
            Publication.objects.lab_works().values_list("id", "title_en", "title_zh_hans", "year", "doi",
                                                        "arxiv_id", "url", "pdf_url")
        )  # fmt: skip
        self.by_doi = {doi.lower(): pk for pk, _en, _zh, _y, doi, *_rest in self.papers if doi}
        self.by_arxiv = {arxiv: pk for pk, _en, _zh, _y, _doi, arxiv, *_rest in self.papers if arxiv}
        self.by_url = {u: pk for pk, *_t, url, pdf in self.papers for u in (url, pdf) if u}
        self.titles = []  # (folded title, year, id), long enough to be told apart
        self.short_names: dict[str, list[tuple[int, int]]] = {}  # "ndpbridge" -> [(year, id)]
        for pk, en, zh, year, *_rest in self.papers:
            for title in (en, zh):
                if title and len(key := fold(title)) >= 20:
                    self.titles.append((key, year, pk))
                if title and (short := SHORT_NAME.match(unicodedata.normalize("NFKC", title))):  # E²SR
                    self.short_names.setdefault(short.group(1).casefold(), []).append((year, pk))
        self.people = []
        for pk, en, zh in Person.objects.values_list("id", "name_en", "name_zh_hans"):
            if en and len(en.split()) >= 2:
                self.people.append((re.compile(rf"(?<!\w){re.escape(fold(en))}(?!\w)"), pk))
            if zh and len(zh) >= 2:
                self.people.append((re.compile(re.escape(zh)), pk))
        self.achievements = [
            (re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])", re.I), year, pk)
            for pk, short, year in Achievement.objects.exclude(short_name="").values_list(
                "id", "short_name", "year"
            )
        ]

    def papers_in(self, entry: ParsedNews) -> set[int]:
        found = set()
        for url in URL.findall(entry.text):
            url = url.rstrip(".,;")
            if doi := DOI.search(url):
                found |= (
                    {self.by_doi[d]} if (d := normalise_doi(doi.group(1)).lower()) in self.by_doi else set()
                )
            if arxiv := ARXIV.search(url):
                found |= {self.by_arxiv[a]} if (a := arxiv.group(1)) in self.by_arxiv else set()
            if url in self.by_url:
                found.add(self.by_url[url])
        folded = fold(entry.text)
        found |= {pk for key, _year, pk in self.titles if key in folded}
        for word in set(
            re.findall(r"[A-Za-z][A-Za-z0-9\-+]{2,30}", unicodedata.normalize("NFKC", entry.text))
        ):
            for year, pk in self.short_names.get(word.casefold(), []):
                if entry.day.year - 1 <= year <= entry.day.year + 1:
                    found.add(pk)
        return found

    def people_in(self, entry: ParsedNews) -> set[int]:
        folded = fold(entry.text)
        return {pk for pattern, pk in self.people if pattern.search(folded) or pattern.search(entry.text)}

    def achievements_in(self, entry: ParsedNews) -> set[int]:
        return {
            pk for pattern, year, pk in self.achievements
            if entry.day.year - 1 <= year <= entry.day.year + 1 and pattern.search(entry.text)
        }  # fmt: skip


def import_news(
    text: str, *, dry_run: bool = False, strict: bool = False, progress: Progress = None
) -> ImportReport:
    """Import a news list in one transaction; an item with a problem (no month, a date that cannot be)
    is refused and named, the others stored (strict: nothing is, and ImportFailed names each)."""
    entries, skipped = parse_news(text)
    if not entries and not skipped:
        raise ImportFailed([("", "no news items: write them as lines that begin with a date (2024.07.)")])
    report = start_report("news", entries, skipped, strict=strict, dry_run=dry_run)
    with transaction.atomic():
        linker = Linker()
        stored: dict[tuple, NewsItem] = {}
        for kept in NewsItem.objects.prefetch_related("publications", "people", "achievements"):
            for body in (kept.body_en, kept.body_zh_hans):  # type: ignore[attr-defined]
                if body:
                    stored.setdefault(item_key(kept.date, kept.date_precision, body), kept)
        taken = set(NewsItem.objects.values_list("slug", flat=True))
        seen: dict[tuple, str] = {}
        for done, entry in enumerate(entries, start=1):
            if progress:
                progress(done, len(entries))
            title = " ".join(entry.text.split())[:100]
            if entry.problems:
                report.add("refused", entry.place, title, "; ".join(entry.problems))
                continue
            key = item_key(entry.day, entry.precision, entry.text)
            if key in seen:
                report.add("skipped", entry.place, title, f"the same item as {seen[key]}")
                continue
            seen[key] = entry.place
            for target in dict.fromkeys(RELATIVE_LINK.findall(entry.text)):
                report.warn(
                    entry.place, f"the link {target!r} points into the old site: it will not work here"
                )
            links = {
                "publications": linker.papers_in(entry),
                "people": linker.people_in(entry),
                "achievements": linker.achievements_in(entry),
            }
            item = stored.get(key)
            changed: list[str] = []
            if item is None:
                item = NewsItem(date=entry.day, date_precision=entry.precision,
                                slug=news_slug(entry.day, entry.text, taken))  # fmt: skip
                setattr(item, f"body_{entry.language}", entry.text)
                item.save()
                for name, ids in links.items():
                    getattr(item, name).set(ids)
                action = "created"
            else:
                if item.date_precision == Precision.MONTH and entry.precision == Precision.DAY:
                    item.date, item.date_precision = entry.day, entry.precision
                    item.save(update_fields=["date", "date_precision", "updated_at"])
                    changed.append("date")
                for name, ids in links.items():
                    have = {obj.pk for obj in getattr(item, name).all()}
                    if ids - have:
                        getattr(item, name).add(*(ids - have))  # links are added, never taken away
                        changed.append(name)
                action = "updated" if changed else "unchanged"
            linked = [f"{len(ids)} {name}" for name, ids in links.items() if ids]
            reason = f"{item.slug}" + (f"; links: {', '.join(linked)}" if linked else "")
            if changed:
                reason += f"; changed: {', '.join(changed)}"
            report.add(action, entry.place, title, reason)
        if dry_run:
            transaction.set_rollback(True)
    in_file_order(report)
    return report
