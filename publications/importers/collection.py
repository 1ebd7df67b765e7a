"""Curated reading lists in Markdown (the "Neural Networks on Silicon" shape) into a Collection.

    # Title
    Description …
    ## Conference Papers
    ### 2016 ISCA
    - **Eyeriss: A Spatial Architecture … .** (MIT, NVIDIA)
      - *A comment in italics.*
    ## Important Topics
    ### Network Compression
    - [Deep Compression: … .](http://arxiv.org/abs/1510.00149) (Stanford University, **2016 ICLR**)

Sections by year and venue (or by topic), bold entries highlighted, italic sub-items kept as the entry's
comment, affiliations as printed, links to the paper, code, slides and demo kept. An entry whose year
cannot be told (from its section, its parentheses or its arXiv id) is skipped, and the report says so.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from portal.imports import ImportFailed, ImportReport, Progress
from portal.lines import read_lines

from ..models import Collection, CollectionEntry, PublicationKind
from .parsed import ParsedPublication
from .text import arxiv_from_url, doi_from_url, find_awards
from .writing import save_publications

EXTRA_LINK = re.compile(r"\\?\[\s*\[([^\[\]]+)\]\s*(?:\]\s*)?\(([^()\s]+)\)\s*\\?\]?")
TITLE_LINK = re.compile(r"\[((?:[^\[\]]|\*\*)+)\]\(([^()\s]+)\)")
SECTION_VENUE = re.compile(r"^((?:19|20)\d{2})\s+(.+)$")
VENUE_YEAR = re.compile(r"^((?:19|20)\d{2})\s+(.+)$|^(.+?)\s*'(\d{2})$")
EXTRA_FIELDS = {"slides": "slides_url", "demo": "video_url", "video": "video_url", "code": "code_url",
                "pdf": "pdf_url", "poster": "poster_url", "project": "project_url"}  # fmt: skip


@dataclass
class CuratedEntry:
    publication: ParsedPublication | None
    section: str
    highlighted: bool
    comment: list[str]
    line: int
    text: str
    reason: str = ""


def parse_curated_list(text: str) -> tuple[dict, list[CuratedEntry], list[tuple[str, str, str]]]:
    """({title, description}, entries, skipped lines)."""
    title, description, entries, skipped = "", [], [], []
    h2 = h3 = h4 = ""
    current: CuratedEntry | None = None
    for line in read_lines(text, blanks=True):
        if line.kind == "blank":
            current = None if current and not current.comment else current
            continue
        if line.kind == "heading":
            level, name = line.level, line.text
            if level == 1 and not title:
                title = name
            elif level == 2:
                h2, h3, h4 = name, "", ""
            elif level == 3:
                h3, h4 = name, ""
            elif level >= 4:
                h4 = name
            current = None
            continue
        bullet = line.kind == "item" and line.marker in "-*+"
        if not h2:
            if not bullet and title:
                description.append(line.raw.strip())
            continue
        if bullet and line.indent <= 1:
            if h2.lower() == "table of contents":
                continue
            current = CuratedEntry(None, section_name(h2, h3, h4), False, [], line.number, line.text)
            entries.append(current)
        elif bullet and current:
            depth = 1 if line.indent >= 4 else 0
            current.comment.append(("  " * depth) + "- " + line.text)
        elif current and not current.comment:  # an entry wrapped onto the next line
            current.text += " " + line.raw.strip()
        else:
            skipped.append((line.place, line.raw.strip()[:120], "not a list entry"))
    if not title:
        raise ImportFailed([("line 1", "no title: a curated list starts with “# Title”")])
    for entry in entries:
        entry.publication, entry.highlighted, entry.reason = parse_curated_entry(entry)
        entry.comment = comment_lines(entry.comment)
    return {"title": title, "description": "\n".join(description).strip()}, entries, skipped


def section_name(h2: str, h3: str, h4: str) -> str:
    return " — ".join(part for part in (h3 or h2, h4) if part)[:200]


def comment_lines(lines: list[str]) -> list[str]:
    """Italic comments as the list wrote them, emphasis markers dropped (the comment is the emphasis)."""
    cleaned = []
    for line in lines:
        indent, _dash, body = line.partition("- ")
        body = body.strip()
        if re.fullmatch(r"\*[^*].*\*\.?|_[^_].*_\.?", body):
            body = body.strip(".").strip("*_").strip() + ("." if body.endswith(".") else "")
        cleaned.append(f"{indent}- {body}")
    return cleaned


def parse_curated_entry(entry: CuratedEntry) -> tuple[ParsedPublication | None, bool, str]:
    text = entry.text
    links: dict[str, Any] = {}
    for match in EXTRA_LINK.finditer(text):
        field_name = EXTRA_FIELDS.get(match.group(1).strip().lower())
        if field_name:
            links.setdefault(field_name, match.group(2))
    text = EXTRA_LINK.sub(" ", text)
    url = ""
    if link := TITLE_LINK.search(text):
        url = link.group(2)
        text = text[: link.start()] + link.group(1) + text[link.end() :]
    comment = ""
    if trailing := re.search(r"\s\*([^*]+)\*\s*$", text):
        comment, text = trailing.group(1).strip(), text[: trailing.start()]
    venue, year, institutions, awards = "", None, "", []
    if parens := re.search(r"\(([^()]*)\)\s*\.?\s*$", text):
        title_part = text[: parens.start()]
        if "**" not in title_part or title_part.count("**") % 2 == 0:
            kept = []
            for part in (p.strip() for p in parens.group(1).split(",")):
                bare = part.strip("*").strip()
                if "**" in part and (found := VENUE_YEAR.match(bare)):
                    venue = (found.group(2) or found.group(3)).strip()
                    year = int(found.group(1) or f"20{found.group(4)}")
                elif "**" in part and (award := find_awards(bare)):
                    awards += award
                elif bare:
                    kept.append(bare)
            institutions = ", ".join(kept)
            text = title_part
    highlighted = "**" in text
    title = re.sub(r"\s+", " ", text.replace("**", "")).strip().rstrip(".").strip()
    section = SECTION_VENUE.match(entry.section.split(" — ")[0])
    if section:
        year, venue = int(section.group(1)), section.group(2)
    arxiv = arxiv_from_url(url)
    if year is None and arxiv:
        year = 2000 + int(arxiv[:2])
    if year is None:
        return None, highlighted, "no year: not in a year section, not in its parentheses, no arXiv id"
    if comment:
        entry.comment.append(f"- *{comment}*")
    kind = ""
    if re.search(r"\bworkshop\b", venue, re.I):
        kind = PublicationKind.WORKSHOP
    elif venue:
        kind = PublicationKind.CONFERENCE
    elif arxiv:
        kind, venue = PublicationKind.PREPRINT, "arXiv"
    doi = doi_from_url(url)
    return (
        ParsedPublication(
            place=f"line {entry.line}",
            title=title,
            year=year,
            kind=kind,
            venue_acronym=venue if venue and " " not in venue else "",
            venue_name=venue,
            institutions=institutions,
            awards=awards,
            doi=doi,
            arxiv_id=arxiv,
            url="" if doi else url,
            is_lab_work=False,
            **links,
        ),
        highlighted,
        "",
    )


def import_collection(
    text: str, *, slug: str = "", dry_run: bool = False, progress: Progress = None
) -> ImportReport:
    """Create or bring up to date the collection the list describes; all or nothing."""
    info, entries, skipped = parse_curated_list(text)
    slug = slug or slugify(info["title"])[:80] or "reading-list"
    usable = [entry for entry in entries if entry.publication]
    parsed = [entry.publication for entry in usable if entry.publication]
    skipped += [(f"line {e.line}", e.text[:120], e.reason) for e in entries if not e.publication]
    with transaction.atomic():
        report, ids = save_publications(parsed, format="collection", progress=progress, skipped=skipped)
        report.dry_run = dry_run
        collection, created = Collection.objects.get_or_create(
            slug=slug, defaults={"title_en": info["title"], "description_en": info["description"]}
        )
        wanted = []
        for entry, publication_id in zip(usable, ids, strict=True):
            if publication_id:
                wanted.append((publication_id, entry.section, entry.highlighted, "\n".join(entry.comment)))
        stored = [
            (e.publication_id, e.section, e.is_highlighted, e.comment_en)  # type: ignore[attr-defined]
            for e in collection.entries.order_by("position")
        ]
        if stored != wanted:
            collection.entries.all().delete()
            rows = [
                CollectionEntry(collection=collection, publication_id=pk, position=position, section=section,
                                is_highlighted=highlighted, comment_en=comment)
                for position, (pk, section, highlighted, comment) in enumerate(wanted, start=1)
            ]  # fmt: skip
            for row in rows:
                row.render_markdown_fields()
            CollectionEntry.objects.bulk_create(rows)
        state = "created" if created else ("rebuilt" if stored != wanted else "unchanged")
        report.notes.insert(0, f"collection {slug!r} {state}: {len(wanted)} entries")
        if dry_run:
            transaction.set_rollback(True)
            for report_row in report.rows:
                report_row.publication_id = None
    return report
