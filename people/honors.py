"""Import honours as labs and members list them, for a person or (no person) for the lab.

    * 2024 Best Paper Award, DATE 2024 (1 out of 1000+ submissions)
    * 2023.06 Outstanding Reviewer Award by IEEE TCAD
    * 2023年,入选国家级青年人才计划(QB)
    * 2019年,中国图灵大会,ACM上海新星奖

A line begins with its year (or year and month). A last parenthesis that counts ("4 out of 1000",
"top 1%", "1/300") is the note; "by X", "from X" or a second comma-separated part without an award's
words is the awarding body. A best-paper honour (best paper, nomination, distinguished paper,
honorable mention, Top Picks) is linked to its paper when one paper fits it: the title named in the
line, or the one paper of that venue and year by the person (or the lab); the paper's award of that
kind then is the honour (one fact), and an award is created only where the paper had none. An honour
already stored (same person, year and title) is recognised: importing the list again changes nothing.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

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
from publications.models import Award, AwardKind, Publication

from .models import Honor, Person
from .names import CJK, fold

NOTE = re.compile(
    r"\s*[(（]([^()（）]*(?:\d+\s*(?:out\s+)?of\s+\d|top\s*\d|\d+\s*/\s*\d|\d+\s*%|among|入选率|共\d|\d+\s*篇"
    r"|only\s+\d|\d+\s*(?:students?|recipients?|winners?|persons?|people|teams?|awardees?|submissions?)\b"
    r"|\d+\s*[人名])"
    r"[^()（）]*)[)）]\s*\.?\s*$",
    re.I,
)
BY = re.compile(r"\s+(?:by|from|awarded by|granted by)\s+(.+)$", re.I)
AWARD_WORDS = re.compile(
    r"award|prize|honou?r|fellow|medal|scholarship|nominat|best|distinguished|mention|top picks|star|"
    r"grant|talent|奖|荣誉|入选|称号|计划|人才|提名|学者|新星",
    re.I,
)
PAPER_AWARDS = [
    (
        AwardKind.BEST_PAPER_NOMINATION,
        r"best paper (?:award )?(?:nominat|candidate|finalist|runner)|nominee|最佳论文提名",
    ),
    (AwardKind.DISTINGUISHED, r"distinguished paper"),
    (AwardKind.HONORABLE_MENTION, r"honou?rable mention"),
    (AwardKind.TOP_PICKS, r"top picks"),
    (AwardKind.BEST_PAPER, r"best paper|最佳论文"),
]
ANY_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\s*\)")
TAG = re.compile(r"<[^>]+>")
DOI_IN_URL = re.compile(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,9}/[^\s?#]+)", re.I)
YEARS = re.compile(r"(?<![\d./-])((?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)\d\d)?(?![\d])")  # 2015 – 2019
VENUE_YEAR = re.compile(r"\b([A-Z][A-Za-z\-]{1,15})\s*['’]?\s*((?:19|20)?\d{2})\b")


@dataclass
class ParsedHonor:
    place: str
    year: int | None
    title: str
    awarding_body: str = ""
    note: str = ""
    url: str = ""
    paper_urls: list[str] = field(default_factory=list)  # "[Paper](https://doi.org/…)" beside it
    problems: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        return "zh_hans" if CJK.search(self.title) else "en"

    @property
    def award_kind(self) -> str:
        text = f"{self.title} {self.awarding_body}"
        return next((kind for kind, pattern in PAPER_AWARDS if re.search(pattern, text, re.I)), "")


def parse_honor(text: str, place: str) -> ParsedHonor:
    """One honour: its year leads the line ("2024 Best Paper Award, DATE 2024 (4 out of 1000)"), or the
    title is in bold and the year follows it ("**Best Paper Award**, [MSR](…) 2022, Mining Challenge
    track." as academic sites print them)."""
    text = TAG.sub("", text).strip()
    links = ANY_LINK.findall(text)
    try:
        found = leading_date(re.sub(r"\*\*|__", "", text))
    except ValueError as error:
        return ParsedHonor(place, None, text, problems=[str(error)])
    if found is None:
        return bold_honor(text, place, links)
    date, _precision, rest = found
    honor = ParsedHonor(place, date.year, rest)
    honor.url = next((url for _words, url in links if url.startswith("http")), "")
    honor.title = ANY_LINK.sub(r"\1", honor.title)
    if note := NOTE.search(honor.title):
        honor.note = note.group(1).strip()
        honor.title = honor.title[: note.start()].strip()
    if by := BY.search(honor.title):
        honor.awarding_body = by.group(1).strip(" .")
        honor.title = honor.title[: by.start()].strip()
    parts = [part.strip() for part in re.split(r"[,，]", honor.title) if part.strip()]
    if not honor.awarding_body and len(parts) == 2:
        awardish = [bool(AWARD_WORDS.search(part)) for part in parts]
        if awardish == [False, True]:  # "中国图灵大会,ACM上海新星奖": the body first
            honor.awarding_body, honor.title = parts
        elif awardish == [True, False]:  # "Best Paper Award, DATE 2024"
            honor.title, honor.awarding_body = parts
    return checked(honor, "a year and no title")


def bold_honor(text: str, place: str, links: list[tuple[str, str]]) -> ParsedHonor:
    """ "**Title**, body, 2021. A note." — the bold words are the title, the last year the honour's."""
    plain = re.sub(r"(?<![*\w])\*(?!\*)|(?<!\*)\*(?![*\w])", "", ANY_LINK.sub(r"\1", text))  # *2023*
    bold = re.search(r"(\*\*|__)(?P<title>.+?)\1", plain)
    years = list(YEARS.finditer(plain))
    if not years:
        return ParsedHonor(place, None, re.sub(r"\*\*|__", "", plain), problems=["no year"])
    if bold is None or plain[: bold.start()].strip(" [*_"):  # bold inside the line is emphasis
        plain = re.sub(r"\*\*|__", "", plain)
        return plain_honor(plain, list(YEARS.finditer(plain))[-1], place, links)
    year = years[-1]
    honor = ParsedHonor(place, int(year.group(1)), bold.group("title").strip(" .,"))
    before = plain[bold.end() : year.start()] if year.start() > bold.end() else ""
    after = plain[year.end() :] if year.start() > bold.end() else plain[bold.end() :]
    body = DATE_WORDS.sub("", re.sub(r"\*\*|__", "", before)).strip(" ,.;:")
    if re.fullmatch(r"[(（][^()（）]*[)）]", body):  # "**Title** (UMD), *2023*"
        body = body[1:-1]
    body = body.strip(" ,.;:(")
    body = re.sub(r"^(?:the|at the|at|of the|of|in|by|from)\s+", "", body, flags=re.I)
    honor.awarding_body = re.sub(r"\s*\($", "", body).strip(" ,")
    honor.note = re.sub(r"^[).,;:\s]+|[\s.]+$", "", re.sub(r"\*\*|__", "", after))
    honor.note = re.sub(r"^Paper$", "", honor.note).strip()
    # The link to the honour itself ("[**Best Paper Award** of …](url)"), else one named "Paper".
    own = [url for words, url in links if "**" in words or "__" in words]
    paper = [url for words, url in links if words.strip().casefold() in {"paper", "[paper]", "pdf"}]
    honor.url = next((url for url in own + paper if url.startswith("http")), "")
    honor.paper_urls = paper
    return checked(honor, "no title")


DATE_WORDS = re.compile(rf"(?:\s+(?:in|on|since)\b)?\s*[(（]?\s*(?:(?:{'|'.join(MONTHS)})\.?\s+)?$", re.I)


def plain_honor(plain: str, year: re.Match[str], place: str, links: list[tuple[str, str]]) -> ParsedHonor:
    """ "Title, awarding body, September 2013. (0.2%)", "National Scholarship 2012", "Best Paper Award at
    DATE in 2024 (4 out of 1000 submissions)": the year is the last one in the line, wherever it is;
    what comes before it is the title and the body, a counting parenthesis the note."""
    honor = ParsedHonor(place, int(year.group(1)), "")
    before = DATE_WORDS.sub("", plain[: year.start()])
    after = plain[year.end() :].strip(" .,;)）")
    if note := NOTE.search(f"{before} {after}".strip()):
        honor.note = note.group(1).strip()
    before = NOTE.sub("", before).strip(" ,，.;")
    after = NOTE.sub("", after).strip(" ,，.;()（）")
    if by := BY.search(before):
        honor.awarding_body, before = by.group(1).strip(" .,"), before[: by.start()]
    parts = [part.strip() for part in re.split(r"[,，]\s*", before) if part.strip()]
    honor.title = parts[0] if parts else ""
    if len(parts) > 1 and not honor.awarding_body:
        honor.awarding_body = ", ".join(parts[1:])
    if after and not honor.note:
        honor.note = after
    honor.url = next((url for _words, url in links if url.startswith("http")), "")
    return checked(honor, "no title")


def checked(honor: ParsedHonor, empty: str) -> ParsedHonor:
    honor.title = honor.title.strip(" .。")
    if not honor.title:
        honor.problems.append(empty)
    for name, limit in (("title", 300), ("awarding_body", 300), ("note", 300)):
        if len(getattr(honor, name)) > limit:
            honor.problems.append(f"the {name.replace('_', ' ')} is longer than {limit} characters")
    return honor


YEAR = re.compile(r"(?<![\d./-])(?:19|20)\d\d(?![\d])")


def parse_honors(text: str) -> tuple[list[ParsedHonor], list[tuple[str, str, str]]]:
    """Honours are the list items and the lines that begin with a year or a title in bold ("**Title**,
    *2023*"); a line with no year right under an honour ("• Awarded to the top 1% …") describes it and
    becomes its note."""
    entries: list[ParsedHonor] = []
    skipped: list[tuple[str, str, str]] = []
    last = None  # the line of the honour above
    for line in read_lines(text):
        if line.kind in ("heading", "header") or line.text.startswith("{%"):
            continue  # a heading, a template tag
        stated = line.is_item or re.match(r"^\s*(?:\*\*|__)?[\[【(（]?\d{4}|^\s*(?:\*\*|__)\S", line.text)
        if not stated:
            continue  # prose between the lists
        beneath = last is not None and (
            (line.kind, line.marker) != (last.kind, last.marker) or line.indent > last.indent
        )  # not a sibling of the honour above: "• Awarded to …" under "**Title**, *2023*"
        if beneath and not YEAR.search(line.text) and not entries[-1].problems:
            described = entries[-1]
            words = TAG.sub("", ANY_LINK.sub(r"\1", line.text)).strip(" \\")
            described.note = f"{described.note}; {words}" if described.note else words
            continue
        entries.append(parse_honor(line.text.rstrip(" \\"), line.place))
        last = line
    for honor in entries:
        checked(honor, "no title")
    return entries, skipped


class PaperFinder:
    """The paper a best-paper honour is the award of, among the person's (or the lab's) papers."""

    def __init__(self, person: Person | None):
        papers = Publication.objects.lab_works()
        if person is not None:
            papers = papers.for_person(person)
        self.papers = list(
            papers.select_related("venue")
            .prefetch_related(Prefetch("awards", queryset=Award.objects.select_related("honor")))
            .only("id", "slug", "title_en", "title_zh_hans", "year", "doi", "venue__acronym", "venue_text")
        )
        self.by_doi = {paper.doi.lower(): paper for paper in self.papers if paper.doi}

    def find(self, honor: ParsedHonor) -> tuple[Publication | None, str]:
        """(paper, how) or (None, why not)."""
        text = f"{honor.title} {honor.awarding_body}"
        for url in honor.paper_urls:  # "[Paper](https://dl.acm.org/doi/10.1145/…)"
            if (doi := DOI_IN_URL.search(url)) and (
                paper := self.by_doi.get(doi.group(1).lower().rstrip("."))
            ):
                return paper, "its DOI"
        folded = fold(text)
        named = [p for p in self.papers if any(t and len(fold(t)) >= 20 and fold(t) in folded
                                               for t in (p.title_en, p.title_zh_hans))]  # fmt: skip
        if len(named) == 1:
            return named[0], "its title"
        venues = {}
        for acronym, year in VENUE_YEAR.findall(text):
            year = int(year) if len(year) == 4 else 2000 + int(year)
            venues[acronym.casefold()] = year
        for acronym in re.findall(r"\(([A-Z][A-Za-z\-]{1,15})(?:@\w+)?\)", text):  # "… Repositories (MSR)"
            venues.setdefault(acronym.casefold(), honor.year or 0)
        kind = honor.award_kind
        candidates = [
            p for p in self.papers
            if any(
                p.year in (year, honor.year)
                and (
                    (p.venue_id and p.venue.acronym.casefold() == acronym)
                    or re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", p.venue_text, re.I)
                )
                for acronym, year in venues.items()
            )
        ]  # fmt: skip
        with_award = [p for p in candidates if any(a.kind == kind for a in p.awards.all())]
        if len(with_award) == 1:
            return with_award[0], "its venue and year, and its award"
        if len(candidates) == 1:
            return candidates[0], "its venue and year"
        if not venues:
            return None, "the honour names no venue and year (DATE 2024) nor a paper's title"
        if not candidates:
            return None, f"no paper at {', '.join(f'{a.upper()} {y}' for a, y in venues.items())}"
        return None, f"{len(candidates)} papers fit it: link it to its paper in the admin (the paper's award)"


def import_honors(text: str, *, person: Person | None = None, dry_run: bool = False, strict: bool = False,
                  progress: Progress = None) -> ImportReport:  # fmt: skip
    """Import an honours list in one transaction, for `person` or (None) for the lab. A line with a
    problem is refused and named, the others stored (strict: nothing is, ImportFailed names each)."""
    entries, skipped = parse_honors(text)
    if not entries:
        raise ImportFailed([("", "no honours: write them as lines that begin with a year (2024 …)")])
    report = start_report("honors", entries, skipped, strict=strict, dry_run=dry_run)
    with transaction.atomic():
        finder = PaperFinder(person)
        stored: dict[tuple, list[Honor]] = {}
        for kept in Honor.objects.filter(Q(person=person) if person else Q(person__isnull=True)):
            for title in {kept.title_en, kept.title_zh_hans} - {"", None}:  # type: ignore[attr-defined]
                stored.setdefault((kept.year, title_key(title)), []).append(kept)
        order: dict[int | None, int] = {}
        for done, entry in enumerate(entries, start=1):
            if progress:
                progress(done, len(entries))
            label = f"{entry.year or ''} {entry.title}".strip()[:100]
            if entry.problems:
                report.add("refused", entry.place, label, "; ".join(entry.problems))
                continue
            language = entry.language
            values = {f"title_{language}": entry.title, f"awarding_body_{language}": entry.awarding_body,
                      f"note_{language}": entry.note, "url": entry.url}  # fmt: skip
            found = finder.find(entry) if entry.award_kind else (None, "")
            honor = same_honor(stored.get((entry.year, title_key(entry.title)), []), entry)
            honor = honor or same_award(found[0], entry, person)
            changed = []
            if honor is None:
                assert entry.year is not None  # an entry with no year has that problem, and is refused
                order[entry.year] = order.get(entry.year, -1) + 1
                honor = Honor(person=person, year=entry.year, order=order[entry.year], **values)
                honor.save()
                stored.setdefault((entry.year, title_key(entry.title)), []).append(honor)
                action = "created"
            else:
                for name, value in values.items():
                    if value and not getattr(honor, name):
                        setattr(honor, name, value)
                        changed.append(name)
                if changed:
                    honor.save()
                action = "updated" if changed else "unchanged"
            reason = f"{'for ' + person.slug if person else 'of the lab'}"
            if kind := entry.award_kind:
                paper_note, linked = link_paper(honor, kind, found)
                reason += f"; {paper_note}"
                if linked:
                    changed.append("paper")
                    action = "updated" if action == "unchanged" else action
                elif not paper_note.startswith("the award of"):
                    report.warn(entry.place, paper_note)
            if changed:
                reason += f"; changed: {', '.join(changed)}"
            report.add(action, entry.place, label, reason)
        if dry_run:
            transaction.set_rollback(True)
    in_file_order(report)
    return report


def title_key(title: str) -> str:
    """A title without what its parentheses add and without spaces: "入选国家级青年人才计划(QB)" and
    "入选国家级青年人才计划" are one honour, as are "ACM上海新星奖" and "ACM 上海新星奖"."""
    return re.sub(r"\W", "", fold(re.sub(r"[(（][^()（）]*[)）]", " ", title)))


def same_honor(candidates: list[Honor], entry: ParsedHonor) -> Honor | None:
    """Of the stored honours with the entry's year and title, the one it is: the same awarding body, or
    one of the two names none ("Best Paper Award" twice in a year, at two venues, is two honours)."""
    body = title_key(entry.awarding_body)
    for honor in candidates:
        bodies = {title_key(b) for b in (honor.awarding_body_en, honor.awarding_body_zh_hans) if b}  # type: ignore[attr-defined]
        if not body or not bodies or body in bodies:
            return honor
    return None


def same_award(paper: Publication | None, entry: ParsedHonor, person: Person | None) -> Honor | None:
    """The stored honour that is already `paper`'s award of this kind for the same person (or the lab)
    and year: listed again under another title ("DATE 2024 Best Paper Award (FusionArch)")."""
    if paper is None:
        return None
    for award in paper.awards.all():
        honor = award.honor
        if award.kind == entry.award_kind and honor and honor.person_id == (person.pk if person else None):
            return honor if honor.year == entry.year else None
    return None


def link_paper(honor: Honor, kind: str, found: tuple[Publication | None, str]) -> tuple[str, bool]:
    """Make the paper's award of `kind` this honour (creating the award where the paper had none);
    (what was done, whether anything changed)."""
    paper, how = found
    current = Award.objects.filter(honor=honor).select_related("publication").first()
    if paper is None:
        if current:
            return f"the award of {current.publication.slug}", False
        return f"not linked to a paper: {how}", False
    if current and current.publication_id == paper.pk:
        return f"the award of {paper.slug}", False
    if current:  # the admin linked it elsewhere: that stands
        return f"the award of {current.publication.slug} (linked before; {paper.slug} also fits)", False
    award = next((a for a in paper.awards.all() if a.kind == kind and a.honor_id is None), None)
    if award is None and any(a.kind == kind for a in paper.awards.all()):
        # Another's honour already (a co-author lists the same best paper): one award, one honour.
        return f"not linked: {paper.slug}'s award is already another honour", False
    if award is None:
        award = Award.objects.create(publication=paper, kind=kind, order=len(paper.awards.all()), honor=honor)
        # Its entry's cached fragment is keyed on this stamp: it shows the new badge.
        Publication.objects.filter(pk=paper.pk).update(updated_at=timezone.now())
        return f"the award of {paper.slug} (found by {how}; award added to the paper)", True
    award.honor = honor
    award.save(update_fields=["honor"])
    return f"the award of {paper.slug} (found by {how})", True
