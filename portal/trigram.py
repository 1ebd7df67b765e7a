"""Trigram indexes (PostgreSQL's pg_trgm) for the searched text of portal.models.searched_text."""

from django.db import migrations


class TrigramIndex(migrations.operations.base.Operation):
    """A trigram index (pg_trgm) on a table's `search_text` (searched_text): a search for a word few
    records hold reads the index, not the table. PostgreSQL only: SQLite reads its few rows."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, table: str):
        self.table = table

    def state_forwards(self, app_label, state):
        pass  # not Django state: the field is the model's, the index PostgreSQL's

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{self.table}_search_trgm" ON "{self.table}" '
                "USING gin (search_text gin_trgm_ops)"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{self.table}_search_trgm"')

    def describe(self):
        return f"Trigram index on {self.table}.search_text"

    def deconstruct(self):
        return self.__class__.__name__, [self.table], {}
