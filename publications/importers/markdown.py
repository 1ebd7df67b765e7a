"""Publication lists as people write them in Markdown (Jekyll, Hugo, GitHub pages):

    # 2024
    [C23] Xueyuan Liu, **Zhuoran Song***, … and Xiaoyao Liang. FusionArch: … . Accepted by Design,
    Automation, and Test in Europe (DATE 2024, CCF-B). <font color=red>Best Paper Award.</font>
    [[paper]](https://…) [[cite]](https://…)

Year headings; `[C#]`/`[J#]` codes (or plain list items under a year); the owner in bold; `*` for the
corresponding author and `=` for equal contribution; the venue with its acronym, year and CCF rank in
parentheses; awards in any markup; `[[label]](url)` links; entries written in Chinese.
"""

import re

from portal.imports import ImportFailed
from portal.lines import read_lines

from ..models import PublicationKind
from .parsed import ParsedAuthor, ParsedPublication
from .text import CJK, arxiv_from_url, doi_from_url, find_awards

CODED = re.compile(r"^\[([A-Za-z])(\d+)\]\s*(.+)$")
LINK = re.compile(r"\\?\[\s*\[([^\[\]]+)\]\s*\]?\(([^()\s]+)\)\\?\]?|\\\[\[([^\[\]]+)\]\(([^()\s]+)\)\\\]")
VENUE_PARENS = re.compile(r"\(([^()]*?\b(?:19|20)\d{2}\b[^()]*)\)")
INTRO = re.compile(r"(?:^|(?<=\.)\s+)(?:(?i:accepted (?:by|to|at|in)|to appear in|published in)|In:?)\s+")
KINDS = {
    "C": PublicationKind.CONFERENCE,
    "J": PublicationKind.JOURNAL,
    "W": PublicationKind.WORKSHOP,
    "P": PublicationKind.PREPRINT,
    "B": PublicationKind.BOOK,
    "T": PublicationKind.THESIS,
}
LINK_FIELDS = {
    "paper": "url", "html": "url", "link": "url", "doi": "url", "pdf": "pdf_url", "code": "code_url",
    "github": "code_url", "slides": "slides_url", "poster": "poster_url", "video": "video_url",
    "talk": "video_url", "project": "project_url", "website": "project_url", "cite": "citation_url",
    "bibtex": "citation_url", "bib": "citation_url", "arxiv": "url",
}  # fmt: skip
SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def parse_markdown_list(
    text: str, refused: list | None = None
) -> tuple[list[ParsedPublication], list[tuple[str, str, str]]]:
    """(entries, skipped lines as (place, text, reason)). A line that cannot be read is named with
    why: appended to `refused` when given (the rest is read on), else raised in an ImportFailed."""
    entries, skipped, headings = [], [], []
    problems = refused if refused is not None else []
    codes: dict[str, int] = {}
    for line in read_lines(text):
        if line.kind == "heading":
            continue
        number, place, year = line.number, line.place, line.year
        coded = CODED.match(line.text)
        item = coded.group(3) if coded else None
        if item is None and year and line.kind == "item":
            item = line.text
        if item is None:
            skipped.append((place, line.raw.strip()[:120], "not a publication entry"))
            continue
        code = f"{coded.group(1).upper()}{coded.group(2)}" if coded else ""
        if code and code in codes:
            problems.append((place, f"the code [{code}] is used twice (also on line {codes[code]})"))
            continue
        if code:
            codes[code] = number
        try:
            entry = parse_entry(item, place, year)
        except ValueError as error:
            problems.append((place, str(error)))
            continue
        if code:
            entry.kind = KINDS.get(code[0], "")
            entry.printed_code = code
        entries.append(entry)
        headings.append(year)
    if problems and refused is None:
        raise ImportFailed(problems)
    if not entries and not problems:
        raise ImportFailed([("", "no publication entries found: expected lines such as “[C1] Authors. Title. "
                                 "Venue (DAC 2024).” under year headings")])  # fmt: skip
    return oldest_first(entries, headings), skipped


def oldest_first(entries: list[ParsedPublication], headings: list) -> list[ParsedPublication]:
    """The entries in the order they were published, which numbers them on the site ([C1] oldest):
    by printed code within a year where the list prints codes, else as printed, turned round when the
    list runs newest first (its year headings descend)."""
    years = [year for year in dict.fromkeys(headings) if year]
    newest_first = len(years) > 1 and years == sorted(years, reverse=True)
    order = {id(entry): index for index, entry in enumerate(entries)}

    def key(entry):
        number = int(entry.printed_code[1:]) if entry.printed_code else None
        within = number if number is not None else (-order[id(entry)] if newest_first else order[id(entry)])
        return (entry.year, within)

    return sorted(entries, key=key)


def plain(text: str) -> str:
    """Inline HTML and emphasis removed; <sup>2</sup> as ²."""
    text = re.sub(r"<sup>([0-9+\-]+)</sup>", lambda m: m.group(1).translate(SUPERSCRIPTS), text)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split())


def parse_entry(body: str, place: str, heading_year: int | None) -> ParsedPublication:
    links: dict[str, str] = {}
    for match in LINK.finditer(body):
        label = (match.group(1) or match.group(3)).strip().lower()
        links.setdefault(LINK_FIELDS.get(label, "url"), match.group(2) or match.group(4))
    body = plain(LINK.sub(" ", body))
    if CJK.search(body) and "。" in body:
        entry = parse_chinese_entry(body, place, heading_year)
    else:
        entry = parse_english_entry(body, place, heading_year)
    for name, url in links.items():
        if name == "url" and (doi := doi_from_url(url)):
            entry.doi = doi
        if name == "url" and (arxiv := arxiv_from_url(url)):
            entry.arxiv_id = arxiv
        setattr(entry, name, url)
    return entry


def split_authors(text: str) -> list[ParsedAuthor]:
    authors = []
    for token in re.split(r",\s*(?:and\s+)?|\s+and\s+|，|、|;\s*", text):
        owner = "**" in token or "__" in token
        name = token.replace("**", "").replace("__", "").replace("\\*", "*").replace("\\=", "=").strip()
        corresponding = equal = False
        while name and name[-1] in "*=†‡":
            corresponding |= name[-1] in "*†"
            equal |= name[-1] in "=‡"
            name = name[:-1].rstrip()
        if not name or re.fullmatch(r"et\.? al\.?|等", name, re.I):
            continue
        authors.append(ParsedAuthor(name, corresponding, equal, is_owner=owner))
    return authors


def authors_end(text: str) -> int:
    """Where the author list ends: the first full stop not after an initial or "et al"."""
    for match in re.finditer(r"\.(?:\s|$)", text):
        word = re.search(r"(\S+)$", text[: match.start()])
        token = word.group(1).replace("*", "").replace("\\", "").replace("=", "") if word else ""
        if token.lower() == "al":  # "…, et al." closes the list
            return match.start()
        if re.fullmatch(r"[A-Z](?:\.?-[A-Z])*", token):  # an initial: "J. Smith", "Z.-R. Song"
            continue
        return match.start()
    return -1


def parse_english_entry(body: str, place: str, heading_year: int | None) -> ParsedPublication:
    parens = list(VENUE_PARENS.finditer(body))
    paren = parens[-1] if parens else None
    before = body[: paren.start()] if paren else body
    after = body[paren.end() :] if paren else ""
    end = authors_end(before)
    if end < 0:
        raise ValueError(
            "cannot tell the authors from the title: expected “Authors. Title. Venue (ACRONYM year)”"
        )
    authors = split_authors(before[:end])
    rest = before[end + 1 :].strip()
    if intro := INTRO.search(rest):
        title, venue_name = rest[: intro.start()].strip().rstrip("."), rest[intro.end() :]
    else:
        stop = rest.rfind(". ")
        title, venue_name = (rest[:stop], rest[stop + 2 :]) if stop > 0 else (rest, "")
    title = re.sub(r"\s*\[[A-Z]\]\s*$", "", title.strip().rstrip("."))
    acronym, rank, notes, year = "", "", [], heading_year
    if paren:
        parts = [part.strip() for part in paren.group(1).split(",")]
        head = re.search(r"^(.*?)\s*'?((?:19|20)\d{2})$", parts[0])
        if head:
            acronym, year = head.group(1).strip(), int(head.group(2))
        else:
            notes.append(parts[0])
        for part in parts[1:]:
            if ccf := re.fullmatch(r"CCF[-\s]?([ABC])", part, re.I):
                rank = ccf.group(1).upper()
            elif part:
                notes.append(part)
    warnings = []
    if heading_year and year != heading_year:
        # The lab filed it under its year; the venue's own year is said, not silently taken.
        warnings.append(f"listed under {heading_year}, but its venue says {year}: kept under {heading_year}")
        year = heading_year
    if year is None:
        raise ValueError("no year: neither a year heading above nor “(ACRONYM year)” after the venue")
    venue_name = venue_name.strip().rstrip(".").strip()
    if not (venue_name or acronym):
        raise ValueError(
            "no venue after the title: the entry may be cut short; "
            "expected “Authors. Title. Venue (ACRONYM year)”"
        )
    awards = find_awards(after)
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        authors=authors,
        authors_cut_short=bool(re.search(r"\bet\.?\s*al\b|等", before[:end], re.I)),
        venue_acronym=acronym,
        venue_name=venue_name,
        ccf_rank=rank,
        awards=awards,
        note=", ".join(notes),
        warnings=warnings,
    )


def parse_chinese_entry(body: str, place: str, heading_year: int | None) -> ParsedPublication:
    """宋卓然，蒋力。标题。期刊名，2021年第3期。"""
    parts = [part.strip() for part in body.split("。") if part.strip()]
    if len(parts) < 2:
        raise ValueError("cannot tell the authors from the title: expected “作者。标题。期刊，年份。”")
    authors, title = split_authors(parts[0]), parts[1]
    venue = parts[2] if len(parts) > 2 else ""
    year_match = re.search(r"((?:19|20)\d{2})\s*年?", venue)
    year = int(year_match.group(1)) if year_match else heading_year
    if year is None:
        raise ValueError("no year: neither a year heading above nor a year after the venue")
    issue = re.search(r"第\s*(\d+)\s*期", venue)
    return ParsedPublication(
        place=place,
        title=title,
        year=year,
        title_language="zh_hans",
        authors=authors,
        authors_cut_short="等" in parts[0],
        venue_name=re.split(r"[，,]", venue)[0].strip() if venue else "",
        issue=issue.group(1) if issue else "",
        awards=find_awards(" ".join(parts[3:])),
        language="zh",
    )
