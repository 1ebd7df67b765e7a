"""What the portal keeps beyond what BibTeX, RIS and CSL-JSON name, written so its own importers read
it back: exports then imports into an empty lab give the same records.

- BibTeX: biblatex's data annotations for authors (`author+an = {1="corresponding,equal"}` and
  `author+an:affiliation = {2="Tsinghua University"}`), al-folio's `selected`, and plainly named
  fields: `ccf_rank` (as printed), `citation_url`, `institutions`, `language`, and the paper's other
  language (`title_zh`, `abstract_zh`, `note_zh`, or `…_en` for a paper first in Chinese).
- RIS and CSL-JSON have no such fields: the same facts are "name: value" lines in the notes (RIS `N1`,
  CSL `note`), the convention Zotero and citeproc use for fields a format lacks ("portal-…: …").
"""

import re

# Field of the model -> the suffix it is written with: the second language of a bilingual paper.
LANGUAGE_SUFFIX = {"en": "en", "zh_hans": "zh"}
TRANSLATED = ("title", "abstract", "note")


def first_language(publication) -> str:
    """The language a paper is exported in: English where it has an English title, else Chinese."""
    return "en" if publication.title_en else "zh_hans"


def first(publication, name: str) -> str:
    """A translated field ("abstract") in the paper's first language."""
    return getattr(publication, f"{name}_{first_language(publication)}") or ""


def translations(publication) -> dict[str, str]:
    """{"title_zh": …, "abstract_zh": …}: the paper's text in its other language."""
    other = "zh_hans" if first_language(publication) == "en" else "en"
    values = {}
    for name in TRANSLATED:
        if value := getattr(publication, f"{name}_{other}") or "":
            values[f"{name}_{LANGUAGE_SUFFIX[other]}"] = value
    return values


def model_translations(values: dict[str, str]) -> dict[str, str]:
    """{"title_zh": …} read back as model fields {"title_zh_hans": …}."""
    fields = {}
    for language, suffix in LANGUAGE_SUFFIX.items():
        for name in TRANSLATED:
            if value := values.get(f"{name}_{suffix}"):
                fields[f"{name}_{language}"] = value
    return fields


def author_marks(authorship) -> str:
    marks = []
    if authorship.is_corresponding:
        marks.append("corresponding")
    if authorship.is_equal_contribution:
        marks.append("equal")
    return ",".join(marks)


def annotation(values: dict[int, str]) -> str:
    """biblatex's item annotation: `1="corresponding"; 3="equal"` (positions from 1)."""
    return "; ".join(
        f'{position}="{value.replace(chr(34), chr(39) * 2)}"' for position, value in values.items()
    )


ANNOTATION_ITEM = re.compile(r'(\d+)\s*=\s*"((?:[^"])*)"')


def read_annotation(text: str) -> dict[int, str]:
    return {int(position): value for position, value in ANNOTATION_ITEM.findall(text or "")}


# Fields RIS and CSL-JSON have no place for, written as "portal-…" lines.
PLAIN_EXTRAS = (
    "kind", "status", "arxiv_id", "pdf_url", "code_url", "slides_url", "poster_url", "video_url",
    "project_url", "citation_url", "ccf_rank_printed", "institutions",
)  # fmt: skip


def extras(publication) -> list[tuple[str, str]]:
    """(name, value) of what the portal keeps that RIS and CSL-JSON have no field for: author marks
    and affiliations, the link fields, the kind as the lab states it, the printed venue and rank, the
    note and the other language. Values are on one line each (line breaks written as \\n)."""
    authors = list(publication.authorships.all())
    rows = []
    if marks := {position: author_marks(a) for position, a in enumerate(authors, 1) if author_marks(a)}:
        rows.append(("portal-author-marks", annotation(marks)))
    affiliations = {position: a.affiliation for position, a in enumerate(authors, 1) if a.affiliation}
    if affiliations:
        rows.append(("portal-affiliations", annotation(affiliations)))
    if publication.featured:
        rows.append(("portal-selected", "true"))
    if publication.authors_cut_short:
        rows.append(("portal-et-al", "true"))
    for name in PLAIN_EXTRAS:
        if (value := getattr(publication, name)) and not (name == "status" and value == "published"):
            rows.append((f"portal-{name.replace('_', '-')}", value))
    if publication.venue_id and publication.venue_text:
        rows.append(("portal-venue-as-printed", publication.venue_text))
    if note := first(publication, "note"):
        rows.append(("portal-note", note))
    for name, value in translations(publication).items():
        rows.append((f"portal-{name.replace('_', '-')}", value))
    return [(name, value.replace("\\", "\\\\").replace("\n", "\\n")) for name, value in rows]


EXTRA_LINE = re.compile(r"^portal-([a-z-]+):\s?(.*)$")
ESCAPE = re.compile(r"\\(.)")


def unescape(match) -> str:
    return "\n" if match.group(1) == "n" else match.group(1)


def read_extras(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The portal's "portal-name: value" lines, by name ("ccf_rank_printed"), and the other lines."""
    found, rest = {}, []
    for line in lines:
        if match := EXTRA_LINE.match(line.strip()):
            found[match.group(1).replace("-", "_")] = ESCAPE.sub(unescape, match.group(2))
        elif line.strip():
            rest.append(line)
    return found, rest


NAME_SUFFIX = re.compile(r"^(?P<name>.*\S),\s*(?P<suffix>(?:jr|sr)\.?|[2-9](?:nd|rd|th)|ii|iii|iv)$", re.I)


def split_suffix(printed: str) -> tuple[str, str]:
    """("R. J. Kelleher", "3rd") of "R. J. Kelleher, 3rd"; (printed, "") of a name with no suffix."""
    found = NAME_SUFFIX.match(printed.strip())
    return (found.group("name"), found.group("suffix")) if found else (printed, "")


def bibtex_author(printed: str) -> str:
    """BibTeX's "Last, Jr, First" for a name with a suffix ("Kelleher, 3rd, R. J."), read back as
    printed; any other name as printed."""
    name, suffix = split_suffix(printed)
    parts = name.split()
    if not suffix or len(parts) < 2:
        return printed
    return f"{parts[-1]}, {suffix}, {' '.join(parts[:-1])}"
