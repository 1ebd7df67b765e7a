"""The text a paper is searched by, kept by PostgreSQL itself (`Publication.search_text`).

A search matches a word in a paper's titles and abstracts (both languages), its venue (as printed, the
venue's name and acronym), its DOI, its authors' names and its research areas' names. Asked as one
condition per field, across four tables, PostgreSQL could use no index: every search read every paper,
and at 100,000 papers `存算一体` took 2 s, `accel` 0.2 s. The same words kept in one upper-cased column
of the paper, with a trigram index (pg_trgm), make a search one `LIKE` on one column:
- a common word (`accel` is in a fifth of the titles) is answered from the list's own order index,
  reading the newest papers until 20 match;
- a rare one (`QRAE`, an author's name) from the trigram index, in both scripts (the database's
  character classes must count Han characters as letters, as C.UTF-8 and every UTF-8 locale do).

The column is filled by triggers, so that no way of writing a paper (the admin, the API, the importers'
COPY, a merge, a member's approved change) can leave it stale: a paper's own row before it is written,
and, per statement, the papers whose authors, research areas, venue or area names changed. On SQLite,
the embedded default, it stays empty and the search reads the fields themselves (a lab's few thousand
papers in milliseconds): see `publications.filters.text_search`.
"""

from django.db import migrations

SEPARATOR = r"E'\n'"

FUNCTION = f"""
CREATE OR REPLACE FUNCTION publication_search_text(p publications_publication) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT upper(concat_ws({SEPARATOR},
    nullif(p.title_en, ''), nullif(p.title_zh_hans, ''), nullif(p.abstract_en, ''),
    nullif(p.abstract_zh_hans, ''), nullif(p.venue_text, ''), nullif(p.doi, ''),
    (SELECT concat_ws({SEPARATOR}, nullif(v.name, ''), nullif(v.acronym, ''))
       FROM publications_venue v WHERE v.id = p.venue_id),
    (SELECT string_agg(a.name, {SEPARATOR} ORDER BY a.position)
       FROM publications_authorship a WHERE a.publication_id = p.id),
    (SELECT string_agg(concat_ws({SEPARATOR}, nullif(r.name_en, ''), nullif(r.name_zh_hans, '')), {SEPARATOR})
       FROM publications_publication_research_areas pr
       JOIN people_researcharea r ON r.id = pr.researcharea_id WHERE pr.publication_id = p.id)))
$$;

CREATE OR REPLACE FUNCTION publication_search_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := publication_search_text(NEW);
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION publication_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the papers named by the changed rows (new_rows and old_rows are the statement's transition tables)
  IF TG_TABLE_NAME = 'publications_venue' THEN
    UPDATE publications_publication p SET search_text = publication_search_text(p)
     WHERE p.venue_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                           WHERE n.name IS DISTINCT FROM o.name OR n.acronym IS DISTINCT FROM o.acronym);
  ELSIF TG_TABLE_NAME = 'people_researcharea' THEN
    UPDATE publications_publication p SET search_text = publication_search_text(p)
     WHERE p.id IN (SELECT pr.publication_id FROM publications_publication_research_areas pr
                     JOIN new_rows n ON n.id = pr.researcharea_id JOIN old_rows o ON o.id = n.id
                    WHERE n.name_en IS DISTINCT FROM o.name_en
                       OR n.name_zh_hans IS DISTINCT FROM o.name_zh_hans);
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE publications_publication p SET search_text = publication_search_text(p)
     WHERE p.id IN (SELECT publication_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE publications_publication p SET search_text = publication_search_text(p)
     WHERE p.id IN (SELECT publication_id FROM old_rows);
  ELSE
    UPDATE publications_publication p SET search_text = publication_search_text(p)
     WHERE p.id IN (SELECT publication_id FROM new_rows UNION SELECT publication_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
"""

TEXT_OF_ROW = "publication_search_text(p)"
OWN_COLUMNS = "title_en, title_zh_hans, abstract_en, abstract_zh_hans, venue_text, doi, venue_id"


def statement_triggers(table: str, events: tuple[str, ...]) -> list[str]:
    """One trigger per event: PostgreSQL gives transition tables only to single-event triggers."""
    tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
              "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}  # fmt: skip
    return [
        f"CREATE TRIGGER {table}_search_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {tables[event]} FOR EACH STATEMENT EXECUTE FUNCTION publication_search_refresh()"
        for event in events
    ]


TRIGGERS = [
    "CREATE TRIGGER publications_publication_search BEFORE INSERT OR UPDATE OF "
    f"{OWN_COLUMNS} ON publications_publication FOR EACH ROW EXECUTE FUNCTION publication_search_own()",
    *statement_triggers("publications_authorship", ("INSERT", "UPDATE", "DELETE")),
    *statement_triggers("publications_publication_research_areas", ("INSERT", "UPDATE", "DELETE")),
    *statement_triggers("publications_venue", ("UPDATE",)),
    *statement_triggers("people_researcharea", ("UPDATE",)),
]
TRIGGER_NAMES = [
    ("publications_publication_search", "publications_publication"),
    *[
        (f"publications_authorship_search_{e}", "publications_authorship")
        for e in ("insert", "update", "delete")
    ],
    *[
        (f"publications_publication_research_areas_search_{e}", "publications_publication_research_areas")
        for e in ("insert", "update", "delete")
    ],
    ("publications_venue_search_update", "publications_venue"),
    ("people_researcharea_search_update", "people_researcharea"),
]


# The list's order (Publication.Meta.ordering) as an index: the admin's change list (and any list in this
# order) reads a page from it rather than sorting every paper, so 100,000 papers cost what 10,000 do.
# PostgreSQL only: SQLite cannot declare NULLS LAST in an index.
LIST_ORDER = (
    "CREATE INDEX IF NOT EXISTS publication_list_order ON publications_publication "
    "(year DESC, date DESC NULLS LAST, id DESC)"
)


class KeepSearchText(migrations.operations.base.Operation):
    """The function, the triggers, every paper's text, its trigram index and the list-order index
    (PostgreSQL only)."""

    reversible = True
    reduces_to_sql = True

    def state_forwards(self, app_label, state):
        pass  # the column is a model field (its own AddField); the rest is not Django state

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(FUNCTION)
        for statement in TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute(
            "UPDATE publications_publication p SET search_text = publication_search_text(p)"
        )
        schema_editor.execute(
            "CREATE INDEX publication_search_trgm ON publications_publication "
            "USING gin (search_text gin_trgm_ops)"
        )
        schema_editor.execute(LIST_ORDER)
        # the planner's statistics of the new column: without them it guesses that a common word is rare
        schema_editor.execute("ANALYZE publications_publication")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS publication_search_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS publication_list_order")
        for name, table in TRIGGER_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for function in ("publication_search_refresh()", "publication_search_own()",
                         "publication_search_text(publications_publication)"):  # fmt: skip
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")

    def describe(self):
        return "Keep each paper's search text with triggers, and index it by trigrams"

    def deconstruct(self):
        return self.__class__.__name__, [], {}
