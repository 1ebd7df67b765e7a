"""What every format's parser gives the pipeline: parsed entries with their authors, and the keys that
tell papers apart (a title however it is spelled), with the places of a file in their order."""

import datetime
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from people.names import CJK, fold

URL_FIELDS = (
    "url", "pdf_url", "code_url", "slides_url", "poster_url", "video_url", "project_url", "citation_url",
)  # fmt: skip


TEXT_FIELDS = ("volume", "issue", "pages", "publisher", "institutions", "language")


# Columns whose values are short by nature; any other text from a file is stored whole.
SHORT_FIELDS = ("volume", "issue", "pages", "language")


@dataclass
class ParsedAuthor:
    name: str
    is_corresponding: bool = False
    is_equal_contribution: bool = False
    affiliation: str = ""
    orcid: str = ""
    openalex_id: str = ""
    dblp: str = ""  # DBLP's person id ("56/1234")
    is_owner: bool = False  # printed as the list's owner (in bold)


@dataclass(slots=True)
class NewAuthorship:
    """An authorship an import writes: the row, without a model instance (bulk.insert)."""

    publication_id: int | None
    position: int
    name: str
    person_id: int | None
    is_corresponding: bool
    is_equal_contribution: bool
    affiliation: str


@dataclass
class ParsedPublication:
    place: str
    title: str
    year: int | str | None  # a year printed as no number ("in press") is kept, for check() to refuse
    title_language: str = ""  # "en" or "zh_hans"; empty: told from the title's characters
    kind: str = ""  # empty: decided by the venue
    # The kind was read from the file's entry type (@article), which labs use loosely: a known venue's
    # own kind outweighs it. A kind the lab stated (a [C]/[J] code) stands.
    kind_from_entry_type: bool = False
    authors: list[ParsedAuthor] = field(default_factory=list)
    venue_acronym: str = ""
    venue_name: str = ""
    ccf_rank: str = ""  # as printed: "A", "B", "C"
    awards: list[tuple[str, str]] = field(default_factory=list)  # (AwardKind, label)
    date: datetime.date | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""
    pdf_url: str = ""
    code_url: str = ""
    slides_url: str = ""
    poster_url: str = ""
    video_url: str = ""
    project_url: str = ""
    citation_url: str = ""
    abstract: str = ""
    note: str = ""
    institutions: str = ""
    language: str = ""
    keywords: list[str] = field(default_factory=list)
    openalex_id: str = ""
    dblp_key: str = ""  # the record's key in DBLP ("conf/isca/SongZ0L20")
    cited_by_count: int | None = None
    citations_by_year: dict = field(default_factory=dict)
    featured: bool | None = None
    is_lab_work: bool = True
    authors_cut_short: bool = False  # "…, et al.": the list printed names only the first authors
    printed_code: str = ""  # "C53": the code the list printed, compared with the one the site gives
    venue_printed: str = ""  # the venue as the lab printed it, beside a venue of the list
    status: str = ""  # PublicationStatus: published, accepted, preprint; empty: as the model says
    # The paper's text in its other language, as model fields ({"title_zh_hans": …}).
    translations: dict = field(default_factory=dict)
    doi_from_link: bool = False  # read from a link, not given as the DOI: a guess that gives way
    venue_dblp_key: str = ""  # "conf/isca": DBLP's key of the venue, which the CCF list keys by
    # Stored, but look at this: what the parser filled in or left out (a year from the citation key).
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not self.title_language:
            self.title_language = "zh_hans" if CJK.search(self.title or "") else "en"


def title_key(title: str) -> str:
    return re.sub(r"\W", "", fold(title))


TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "on",
    "in",
    "to",
    "and",
    "with",
    "via",
    "by",
    "at",
    "from",
}


def loose_title_key(title: str) -> str:
    """A title without its small words: the preprint and the published version of one paper often
    differ only there ("Certification of Low Criticality …" and "… for Low Criticality …")."""
    return title_keys(title)[1]


def title_keys(title: str) -> tuple[str, str]:
    """(title_key, loose_title_key), folding the title once: imports compute both for every title."""
    folded = fold(title)
    strict = re.sub(r"\W", "", folded)
    words = re.findall(r"\w+", folded)
    return strict, "".join(word for word in words if word not in TITLE_SMALL_WORDS) or strict


def same_title(one: str, other: str) -> bool:
    """Whether two titles can be the same paper's: alike once folded (a changed subtitle or spelling
    still is), or in different scripts (a Chinese paper's English title)."""
    if bool(CJK.search(one)) != bool(CJK.search(other)):
        return True
    first, second = title_key(one), title_key(other)
    return first == second or SequenceMatcher(None, first, second).ratio() >= 0.6


def line_order(place: str) -> tuple:
    """Problems in the order of the file: by line where the place names one."""
    line = re.search(r"line (\d+)", place)
    return (int(line.group(1)) if line else 0, place)


def place_order(place: str) -> tuple:
    """The order of the file: by the line a place names ("entry song2020 (line 12)"), else its first
    number ("work 3")."""
    number = re.search(r"(?<=line )\d+", place) or re.search(r"\d+", place)
    return (int(number.group()) if number else 0, place)
