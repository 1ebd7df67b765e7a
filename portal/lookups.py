"""Lookups the portal's search adds to Django's."""

from django.db.models import Lookup, TextField


@TextField.register_lookup
class ContainsAnyUpper(Lookup):
    """`search_text__contains_any_upper=["PIM", "存算一体", …]`: a column kept upper-cased (a record's
    searched text, portal.models.searched_text) holds any of the terms, which the database upper-cases
    as it did the column.

    On PostgreSQL one `LIKE ANY (ARRAY[…])`: the trigram index answers all the terms in one scan, and the
    planner weighs them as one condition. As eight `LIKE`s joined by OR it took them for eight index
    scans, chose to read the table (10,000 talks: 9 ms against 0.3 ms), and building the OR cost the
    site's search a third of its Python; one regular expression of the terms was no better (pg_trgm
    cannot narrow an alternation: the index gave back every row). A single term stays one `LIKE`, which
    the planner weighs better when it is common (counting the 17,000 papers holding `accel`: a bitmap
    scan of the index in 28 ms, where as `LIKE ANY` it read the table in 107 ms). Elsewhere, and for one
    term, the `LIKE`s joined by OR."""

    lookup_name = "contains_any_upper"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        patterns = [f"%{escaped(term)}%" for term in self.rhs]
        if not patterns:
            return "1 = 0", []
        if connection.vendor == "postgresql" and len(patterns) > 1:
            array = ", ".join(["UPPER(%s)"] * len(patterns))
            return f"{lhs} LIKE ANY (ARRAY[{array}])", [*lhs_params, *patterns]
        condition = " OR ".join([f"{lhs} LIKE UPPER(%s) ESCAPE '\\'"] * len(patterns))
        return f"({condition})", [param for pattern in patterns for param in (*lhs_params, pattern)]


def escaped(term: str) -> str:
    """A term as a `LIKE` pattern matching it as written (`_` and `%` are themselves)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
