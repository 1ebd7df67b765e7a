"""The CCF recommended venue list, shipped as `publications/data/ccf-venues.tsv`."""

import csv
from dataclasses import dataclass
from pathlib import Path

from .models import Venue

CCF_TABLE = Path(__file__).resolve().parent / "data" / "ccf-venues.tsv"


@dataclass(frozen=True)
class CcfVenue:
    rank: str
    kind: str
    acronym: str
    name: str
    dblp_key: str
    category: str


def read_ccf_table(path: Path = CCF_TABLE) -> list[CcfVenue]:
    """Rows of the table, one per (kind, full name): the list repeats some venues under two categories."""
    seen: dict[tuple[str, str], CcfVenue] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            venue = CcfVenue(
                rank=row["rank"].strip(),
                kind=row["kind"].strip(),
                acronym=row["acronym"].strip(),
                name=row["full_name"].strip(),
                dblp_key=row["dblp_key"].strip(),
                category=row["category"].strip(),
            )
            seen.setdefault((venue.kind, venue.name), venue)
    return list(seen.values())


def load_ccf_venues(venue_model=None, path: Path = CCF_TABLE) -> tuple[int, int]:
    """Create or update a Venue per row (keyed by kind and full name); returns (created, updated).

    `venue_model` lets a data migration pass its historical model.
    """
    venue_model = venue_model or Venue
    rows = read_ccf_table(path)
    existing = {(v.kind, v.name): v for v in venue_model.objects.filter(kind__in={"conference", "journal"})}
    to_create, to_update = [], []
    for row in rows:
        values = {
            "acronym": row.acronym,
            "ccf_rank": row.rank,
            "dblp_key": row.dblp_key,
            "ccf_category": row.category,
        }
        venue = existing.get((row.kind, row.name))
        if venue is None:
            to_create.append(venue_model(kind=row.kind, name=row.name, **values))
        elif any(getattr(venue, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(venue, field, value)
            to_update.append(venue)
    venue_model.objects.bulk_create(to_create, batch_size=500)
    venue_model.objects.bulk_update(
        to_update, ["acronym", "ccf_rank", "dblp_key", "ccf_category"], batch_size=500
    )
    return len(to_create), len(to_update)
