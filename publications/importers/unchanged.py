"""The re-import's fast path. Labs import their whole list again each time they add a paper: an entry
whose text is what it was when last imported, into a paper nobody has changed since, in a lab whose
people, aliases and venues are as they were, with the same importer code, would change nothing. Such an
entry is reported unchanged without being parsed; only the others are read.

An entry's fingerprint hashes its text with all that could change its reading: the file's @string and
@preamble blocks, the list's owner, the importers' source code, and the lab's people, aliases and venues.
It is kept per paper (ImportedEntry) with the paper's `updated_at` at that moment.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import connection
from django.db.models import Count, F, Max

from people.models import Person, PersonAlias
from portal.imports import ReportRow

from ..models import ImportedEntry, Publication, Venue

# A block of a BibTeX file: from a line opening with @ to the next such line.
BLOCK = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(]", re.M)
CONTEXT_BLOCKS = {"string", "preamble"}
AS_LAST_IMPORTED = (
    "the same entry as when it was last imported, into the paper as it was then: not read again"
)
LINE = re.compile(r"line (\d+)")


@dataclass
class Known:
    place: str
    title: str
    publication_id: int


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the importers' source: a fixed parser reads every entry again."""
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lab_state() -> str:
    """What matching an entry depends on beside the entry: the people, their aliases, the venues."""
    people = Person.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    aliases = list(PersonAlias.objects.order_by("pk").values_list("pk", "person_id", "name"))
    venues = list(Venue.objects.order_by("pk").values_list("pk", "acronym", "name", "kind", "dblp_key"))
    return hashlib.sha1(repr((people, aliases, venues)).encode()).hexdigest()


class Fingerprints:
    """The entries of a (comment-blanked) BibTeX text by the line they open on, with their fingerprints."""

    def __init__(self, text: str, owner_id: int | None):
        blocks = [(match.start(), match.group(1).lower()) for match in BLOCK.finditer(text)]
        ends = [start for start, _kind in blocks[1:]] + [len(text)] * bool(blocks)
        context = hashlib.sha1(f"{code_version()}|{lab_state()}|{owner_id}".encode())
        entries = []
        line, last = 1, 0
        for (start, kind), end in zip(blocks, ends, strict=True):
            line += text.count("\n", last, start)
            last = start
            raw = text[start:end]
            if kind in CONTEXT_BLOCKS:
                context.update(raw.encode())
            elif kind != "comment":
                entries.append((line, start, end, raw.strip()))
        base = context.digest()
        self.by_line: dict[int, str] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        seen: dict[str, int] = {}
        for line, start, end, raw in entries:
            fingerprint = hashlib.sha1(base + raw.encode()).hexdigest()
            self.by_line[line] = fingerprint
            seen[fingerprint] = seen.get(fingerprint, 0) + 1
            self.spans[fingerprint] = (start, end)
        # The same text twice in a file is read each time: the report says which copy was kept.
        self.twice = {fingerprint for fingerprint, count in seen.items() if count > 1}
        self.count = len(entries)

    def known(self) -> dict[str, tuple[int, str]]:
        """{fingerprint: (paper, title)} of the entries last imported as they are, into papers unchanged."""
        wanted = [f for f in self.by_line.values() if f not in self.twice]
        found = {}
        for start in range(0, len(wanted), 5000):
            rows = ImportedEntry.objects.filter(
                fingerprint__in=wanted[start : start + 5000], publication__updated_at=F("stamp")
            ).values_list(
                "fingerprint", "publication_id", "publication__title_en", "publication__title_zh_hans"
            )
            for fingerprint, pk, title_en, title_zh in rows:
                found[fingerprint] = (pk, title_en or title_zh)
        return found

    def set_aside(self, text: str, known: dict) -> tuple[str, list[Known]]:
        """`text` with the known entries blanked (their lines kept, so later places stay right), and
        what the report says of them."""
        lines = {fingerprint: line for line, fingerprint in self.by_line.items()}
        cuts = sorted(self.spans[fingerprint] for fingerprint in known)
        parts, done, previous = [], [], 0
        for start, end in cuts:
            parts += [text[previous:start], "\n" * text.count("\n", start, end)]
            previous = end
        parts.append(text[previous:])
        for fingerprint, (pk, title) in known.items():
            key = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]*)", text[slice(*self.spans[fingerprint])])
            place = f"entry {key.group(1) if key else ''} (line {lines[fingerprint]})"
            done.append(Known(place, title, pk))
        return "".join(parts), done

    def record(self, rows: Iterable[ReportRow]) -> None:
        """Keep the fingerprint of each entry an import stored or found unchanged, with its paper's
        `updated_at` now (rows: the report's, after the writes)."""
        found = {}
        for row in rows:
            line = LINE.search(row.place)
            if row.reason == AS_LAST_IMPORTED:
                continue  # kept as it was
            if row.publication_id and line and row.action in {"created", "updated", "unchanged"}:
                fingerprint = self.by_line.get(int(line.group(1)))
                if fingerprint and fingerprint not in self.twice:
                    found[row.publication_id] = fingerprint
        if not found:
            return
        if connection.vendor == "postgresql":  # one statement, the stamps read where they are
            entries, papers = (
                connection.ops.quote_name(m._meta.db_table) for m in (ImportedEntry, Publication)
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {entries} (publication_id, fingerprint, stamp) "
                    f"SELECT paper.id, given.fingerprint, paper.updated_at "
                    f"FROM unnest(%s::bigint[], %s::text[]) AS given(id, fingerprint) "
                    f"JOIN {papers} AS paper ON paper.id = given.id "
                    "ON CONFLICT (publication_id) DO UPDATE "
                    "SET fingerprint = EXCLUDED.fingerprint, stamp = EXCLUDED.stamp",
                    [list(found), list(found.values())],
                )
            return
        stamps = dict(Publication.objects.filter(pk__in=found).values_list("pk", "updated_at"))
        ImportedEntry.objects.bulk_create(
            [ImportedEntry(publication_id=pk, fingerprint=f, stamp=stamps[pk]) for pk, f in found.items()
             if pk in stamps],
            batch_size=2000, update_conflicts=True, unique_fields=["publication"],
            update_fields=["fingerprint", "stamp"],
        )  # fmt: skip
