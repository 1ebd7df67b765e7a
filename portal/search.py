"""What a search query asks for: its words, each with the synonyms the lab listed (SearchSynonyms).

"ReRAM accelerator" → [["ReRAM", "RRAM", …], ["accelerator", "加速器"]]: a record matches when each part
is found, in any of its alternatives, in one of the searched fields (a substring, case-insensitive, so
Chinese text needs no word breaks). A phrase the lab listed ("processing in memory") is one part.
"""

from django.core.cache import cache

from .models import SearchSynonyms

MAX_PARTS = 8


def synonym_groups(version: str) -> list[list[str]]:
    key = f"search-synonyms:{version}"
    groups = cache.get(key)
    if groups is None:
        groups = [group.term_list() for group in SearchSynonyms.objects.all()]
        cache.set(key, groups, 24 * 3600)
    return groups


def same(term: str) -> str:
    return term.casefold().replace("-", " ")


def query_parts(query: str, groups: list[list[str]]) -> list[list[str]]:
    text = " ".join(same(query).split())
    parts = []
    # Phrases first, longest first: "processing in memory" is one part, not three.
    phrases = sorted(
        {same(term) for group in groups for term in group if " " in same(term)}, key=len, reverse=True
    )
    for phrase in phrases:
        if f" {phrase} " in f" {text} ":
            group = next(group for group in groups if phrase in {same(term) for term in group})
            parts.append(group)
            text = f" {text} ".replace(f" {phrase} ", " ").strip()
    for word in text.split():
        group = next((group for group in groups if word in {same(term) for term in group}), None)
        parts.append(group if group else [word])
    return parts[:MAX_PARTS]


def search_parts(query: str, version: str) -> list[list[str]]:
    return query_parts(query, synonym_groups(version)) if query.strip() else []
