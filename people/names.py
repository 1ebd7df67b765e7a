"""Names as author lists print them, reduced to keys that match a lab member however they are written.

"Zhuoran Song", "Song, Zhuoran", "ZHUORAN SONG", "Zhuo-ran Song" and "宋卓然" (through its pinyin) give
the same full key; "Z. Song" gives only the initial key, which matches when one person alone has it.
Latin names keep their printed order ("Li Jiang" is not "Jiang Li": both are common, different people);
a Chinese name in characters says which part is the family name, so its pinyin matches either order.
"""

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

# A name is read character by character: pypinyin's dictionary of phrases (for words in running text)
# would cost every process that matches names some 45 MB, for no name it reads differently in tests.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
from pypinyin import lazy_pinyin  # noqa: E402

from .models import Person, PersonAlias

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Two-character family names; any other Chinese name takes its first character as the family name.
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "宇文",
    "长孙",
}


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces, hyphens inside names dropped ("Zhuo-ran")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def split_name(name: str) -> tuple[str, str] | None:
    """(given, family) folded, or None for a name with one part only."""
    name = " ".join(name.split())
    if CJK.search(name):
        chars = "".join(CJK.findall(name))
        family_length = 2 if chars[:2] in COMPOUND_SURNAMES else 1
        if len(chars) <= family_length:
            return None
        return "".join(lazy_pinyin(chars[family_length:])), "".join(lazy_pinyin(chars[:family_length]))
    if "," in name:
        family, _comma, given = name.partition(",")
        given, family = fold(given), fold(family)
    else:
        words = fold(name).split()
        if len(words) < 2:
            return None
        given, family = " ".join(words[:-1]), words[-1]
    if not given or not family:
        return None
    return given, family


def full_keys(name: str) -> set[str]:
    parts = split_name(name)
    keys = {fold(name)} if fold(name) and "," not in name else set()
    if CJK.search(name):
        keys.add("".join(CJK.findall(name)))
    if parts:
        given, family = parts
        keys.add(f"{given.replace(' ', '')} {family}")
        if CJK.search(name):
            keys.add(f"{family} {given}")
    return keys


def initial_key(name: str) -> str:
    """ "z song" for "Zhuoran Song", "Z. Song" and "Song, Z."; "hm li" for "Hao-Min Li" and "H.-M. Li":
    every given name's initial, so that "Li, H. R." is not taken for Haomin Li."""
    parts = split_name(name)
    if not parts:
        return ""
    given, family = parts
    initials = "".join(word[0] for word in re.split(r"[\s.\-]+", given) if word)
    return f"{initials or given[0]} {family}"


def initial_keys(name: str) -> set[str]:
    """A member's keys for names printed with initials: all of them ("hm li"), and the first alone
    ("h li"), as "H. Li" is printed for Hao-Min Li."""
    key = initial_key(name)
    if not key:
        return set()
    initials, family = key.split(" ", 1)
    # The folded given name runs "Louis-Martin" together: its initials are read from the name as written.
    written = name.split(",", 1)[1] if "," in name else " ".join(name.split()[:-1])
    hyphenated = "".join(folded[0] for word in re.split(r"[\s.\-‐]+", written) if (folded := fold(word)))
    return {key, f"{initials[0]} {family}"} | ({f"{hyphenated} {family}"} if hyphenated else set())


def is_initials_only(name: str) -> bool:
    parts = split_name(name)
    return bool(parts) and all(len(word) == 1 for word in parts[0].split())


@dataclass(frozen=True)
class Match:
    person_id: int | None
    how: str  # "orcid", "openalex", "dblp", "name", "initials", "ambiguous", "none"
    candidates: tuple[int, ...] = ()


class NameIndex:
    """Lab members by every key of their names and aliases; built once per import from two queries."""

    def __init__(self, people):
        """`people`: iterables of (id, names, orcid, openalex_id[, dblp])."""
        self.full: dict[str, set[int]] = defaultdict(set)
        self.initials: dict[str, set[int]] = defaultdict(set)
        self.by_orcid: dict[str, int] = {}
        self.by_openalex: dict[str, int] = {}
        self.by_dblp: dict[str, int] = {}
        self.seen: dict[tuple, Match] = {}  # author lists repeat the same names
        for person_id, names, orcid, openalex_id, *dblp in people:
            if dblp and dblp[0]:
                self.by_dblp[dblp[0]] = person_id
            for name in names:
                for key in full_keys(name):
                    self.full[key].add(person_id)
                for key in initial_keys(name):
                    self.initials[key].add(person_id)
            if orcid:
                self.by_orcid[orcid] = person_id
            if openalex_id:
                self.by_openalex[openalex_id] = person_id

    @classmethod
    def from_database(cls) -> "NameIndex":

        aliases = defaultdict(list)
        confirmed = PersonAlias.objects.filter(waits_for_review=False)
        for person_id, name in confirmed.values_list("person_id", "name"):
            aliases[person_id].append(name)
        rows = Person.objects.values_list("id", "name_en", "name_zh_hans", "orcid", "openalex_id", "dblp")
        return cls(
            (pk, [n for n in (en, zh, *aliases[pk]) if n], orcid, openalex_id, dblp)
            for pk, en, zh, orcid, openalex_id, dblp in rows
        )

    def match(self, name: str, orcid: str = "", openalex_id: str = "", dblp: str = "") -> Match:
        key = (name, orcid, openalex_id, dblp)
        if key not in self.seen:
            self.seen[key] = self.find(name, orcid, openalex_id, dblp)
        return self.seen[key]

    def find(self, name: str, orcid: str, openalex_id: str, dblp: str = "") -> Match:
        """A member by identifier, else by the name as stored (one member only), else by initials, and
        those only for a name printed with initials ("X. Liu"): a printed given name ("Xiao Liu") that
        is no member's never matches one whose initials agree ("Xueyuan Liu")."""
        if orcid and orcid in self.by_orcid:
            return Match(self.by_orcid[orcid], "orcid")
        if openalex_id and openalex_id in self.by_openalex:
            return Match(self.by_openalex[openalex_id], "openalex")
        if dblp and dblp in self.by_dblp:
            return Match(self.by_dblp[dblp], "dblp")
        found: set[int] = set()
        for key in full_keys(name):  # "L. Ye" is the member stored as "L. Ye" (or with it as a variant)
            found |= self.full.get(key, set())
        if len(found) == 1:
            return Match(next(iter(found)), "name")
        if not found and is_initials_only(name):
            found = self.initials.get(initial_key(name), set())
            if len(found) == 1:
                return Match(next(iter(found)), "initials")
        if len(found) > 1:
            return Match(None, "ambiguous", tuple(sorted(found)))
        return Match(None, "none")


def names_of_others(names, person_id) -> list[str]:
    """Those of `names` that already name another person (their name or a confirmed variant, as the
    imports match authors): a member may not take them as their own variants."""
    index = NameIndex.from_database()
    return [
        name for name in names
        if any(index.full.get(key, set()) - {person_id} for key in full_keys(name))
    ]  # fmt: skip


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")


def language_by_script(text: str) -> str:
    """ "zh_hans" for text written in Chinese, "en" otherwise, by which script carries it: an English
    item with a Chinese aside ("… accepted by DAC 2025 (祝贺!)") is English, a Chinese one naming
    EMNLP and a paper's short name is Chinese. Link targets do not count."""
    bare = LINK_TARGET.sub(" ", text or "")
    chinese = len(CJK.findall(bare))
    return "zh_hans" if chinese and chinese >= len(LATIN_WORD.findall(bare)) else "en"
