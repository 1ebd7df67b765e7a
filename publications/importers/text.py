"""Phrases every format prints the same way: awards, equal contribution, DOIs and arXiv ids in links."""

import re
from datetime import date
from typing import Any
from urllib.parse import unquote

from people.names import CJK  # noqa: F401 (the parsers read it from here)

from ..models import AwardKind

AWARD_PATTERNS = [
    (re.compile(r"best\s+paper\s+(award\s+)?(nomination|nominee|candidate|finalist)s?\.?", re.I),
     AwardKind.BEST_PAPER_NOMINATION),
    (re.compile(r"best\s+paper(\s+award)?\.?", re.I), AwardKind.BEST_PAPER),
    (re.compile(r"distinguished\s+paper(\s+award)?\.?", re.I), AwardKind.DISTINGUISHED),
    (re.compile(r"honou?rable\s+mention\.?", re.I), AwardKind.HONORABLE_MENTION),
    (re.compile(r"(ieee\s+micro\s+)?top\s+picks(\s+(selection|honorable mention))?\.?", re.I),
     AwardKind.TOP_PICKS),
    (re.compile(r"最佳论文(提名|奖)?"), None),
    (re.compile(r"(acm\s+)?artifacts?\s+available\.?", re.I), AwardKind.ARTIFACTS_AVAILABLE),
    (re.compile(r"(acm\s+)?artifacts?\s+evaluated\s*[–—:-]?\s*functional\.?", re.I),
     AwardKind.ARTIFACTS_FUNCTIONAL),
    (re.compile(r"(acm\s+)?artifacts?\s+evaluated\s*[–—:-]?\s*reusable\.?", re.I),
     AwardKind.ARTIFACTS_REUSABLE),
    (re.compile(r"(acm\s+)?results?\s+reproduced\.?", re.I), AwardKind.RESULTS_REPRODUCED),
]  # fmt: skip
DOI_IN_URL = re.compile(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/)?)(10\.\d{4,9}/[^\s?#]+)", re.I)
ARXIV_IN_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def find_awards(text: str) -> list[tuple[str, str]]:
    """(kind, label) for each award the text names, in order, each kind once."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, named in AWARD_PATTERNS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            chinese = AwardKind.BEST_PAPER_NOMINATION if "提名" in match.group() else AwardKind.BEST_PAPER
            found.append((match.start(), named or chinese, ""))
    kinds: set[str] = set()
    result: list[tuple[str, str]] = []
    for _start, kind, label in sorted(found):
        if kind not in kinds:
            kinds.add(kind)
            result.append((kind, label))
    return result


def equal_contribution_count(text: str) -> int:
    """How many leading authors a note says contributed equally (2 when it does not say)."""
    match = re.search(r"(?:first|1st)\s+(two|three|four|\d)\s+authors", text, re.I)
    if match and re.search(r"equal", text, re.I):
        return NUMBERS.get(match.group(1).lower(), 0)
    return 2 if re.search(r"equal(ly)?\s+contribut", text, re.I) else 0


def doi_from_url(url: str) -> str:
    match = DOI_IN_URL.search(url or "")
    return unquote(match.group(1)).rstrip(".") if match else ""


def arxiv_from_url(url: str) -> str:
    match = ARXIV_IN_URL.search(url or "")
    return match.group(1) if match else ""


# A language as files name it ("english", "zh-cn") -> the code a paper keeps.
LANGUAGES = {"english": "en", "chinese": "zh", "en": "en", "zh": "zh", "zh-cn": "zh", "german": "de"}


def safe_date(year: Any, month: Any, day: Any) -> date | None:
    """The date, or None where the parts make none (a 31 February, a missing day)."""
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
