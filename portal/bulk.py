"""Many new rows of one model at once, for imports: instances made without per-field work, and
written with PostgreSQL's COPY.

Profiled on a 10,000-entry BibTeX import, Django's way cost more than reading the file: making a
Publication with keyword arguments computes every field's default left out (django-modeltranslation
switches the language for each of its translated fields to do so), and `bulk_create` compiles and
quotes each of the ~56 values of each row into the SQL text. `Blank` makes instances from positional
values (Django's fast path) with the defaults taken once; `insert` sends the rows with COPY, after
drawing their ids from the table's sequence, so the instances get their primary keys as with
`bulk_create`; it also takes plain records, for rows no one needs as instances. Elsewhere (SQLite)
`insert` is `bulk_create`. Neither sends model signals, as `bulk_create` does not.
"""

import copy
from functools import cache
from operator import attrgetter
from typing import Any, Generic, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


class Blank(Generic[M]):
    """New instances of `model` with the given field values (by name, or by attname for keys) and
    every other field at its default, without computing the defaults again for each instance."""

    def __init__(self, model: type[M]):
        self.model = model
        fields = model._meta.concrete_fields
        prototype = model()
        self.values = [prototype.__dict__[field.attname] for field in fields]
        self.position = {field.attname: index for index, field in enumerate(fields)}
        # A relation given as an instance: its key goes in the attname's place.
        self.related = {field.name: index for index, field in enumerate(fields) if field.is_relation}
        # Defaults such as list and dict are made anew for each instance, never shared.
        self.mutable = [index for index, value in enumerate(self.values) if isinstance(value, list | dict)]

    def __call__(self, **given: Any) -> M:
        values = self.values.copy()
        for index in self.mutable:
            values[index] = copy.copy(values[index])
        for name, value in given.items():
            if name in self.related and name not in self.position:
                values[self.related[name]] = None if value is None else value.pk
            else:
                values[self.position[name]] = value
        return self.model(*values)


def plain(field: models.Field) -> bool:
    """A field whose stored value is the instance's attribute as it is (text, numbers, booleans, keys to
    integer ids): neither `pre_save` nor the database preparation changes it."""
    kinds = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)
    if field.is_relation:
        field = field.target_field
        kinds = (models.IntegerField, models.AutoField, models.BigAutoField)
    return isinstance(field, kinds) and type(field).pre_save is models.Field.pre_save


@cache
def columns(model: type[models.Model]) -> tuple[list[str], list]:
    """The columns COPY writes (all concrete ones but the primary key) and how to read each one's value
    from an instance."""
    names, readers = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        if plain(field):
            readers.append(attrgetter(field.attname))
        else:
            readers.append(
                lambda instance, field=field: field.get_db_prep_save(
                    field.pre_save(instance, True), connection
                )
            )
    return names, readers


def insert(model: type[models.Model], rows: list) -> None:
    """Insert new rows of `model`: instances without primary keys (which get theirs, as with
    bulk_create) or records holding the model's fields by attname (an authorship's `publication_id`),
    for which no model instance is made (an import writes tens of thousands of authorships)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([row if isinstance(row, model) else instance(model, row) for row in rows])
        return
    key = model._meta.pk
    names, readers = columns(model)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, key.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns_sql = ", ".join([connection.ops.quote_name(key.column), *names])
        with cursor.cursor.copy(f"COPY {table} ({columns_sql}) FROM STDIN") as copy_in:
            for row, pk in zip(rows, ids, strict=True):
                copy_in.write_row([pk, *(read(row) for read in readers)])
    for row, pk in zip(rows, ids, strict=True):
        if isinstance(row, model):
            row.pk = pk
            row._state.adding = False
            row._state.db = connection.alias


def instance(model: type[models.Model], record) -> models.Model:
    """A model instance with the fields a record holds (by attname)."""
    return model(
        **{field.attname: getattr(record, field.attname) for field in model._meta.concrete_fields
           if hasattr(record, field.attname)}
    )  # fmt: skip
