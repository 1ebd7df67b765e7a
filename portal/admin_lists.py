"""Change lists that stay flat as a table grows: counts the admin shows without reading the table, and
a year filter that reads the years from an index.

At 100,000 papers the publication change list counted every row twice (the paginator and the "N total"
beside the search box) and read every row's year for its filter: 50 ms of a 130 ms page, and growing
with the table (scripts/bench_pages.py --growth measures it).
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# Below this many rows (by the planner's statistics) a list is counted exactly.
ESTIMATE_FROM = 20_000


def estimated_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows of an unfiltered queryset's table (kept by ANALYZE and
    autovacuum), or None where there is none to trust: another database, a filtered list, a table never
    analysed or small enough to count."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or queryset.query.where or queryset.query.distinct:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
        )
        row = cursor.fetchone()
    if row is None or row[0] < ESTIMATE_FROM:
        return None
    return int(row[0])


class EstimatedCountPaginator(Paginator):
    """Pages of a large unfiltered list numbered from the table's estimated size; a filtered or
    searched list, or a small table, is counted exactly."""

    @cached_property
    def count(self):
        estimate = estimated_rows(self.object_list)
        return estimate if estimate is not None else super().count


class LargeTableAdmin(admin.ModelAdmin):
    """For models that reach 100,000 rows: the estimated count, and no second count for "N total"."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False


class YearFilter(admin.SimpleListFilter):
    """The years the table holds, newest first, read from its year index (PostgreSQL: one index probe
    per year, however many rows each holds) rather than from every row."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        queryset = model_admin.get_queryset(request)
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            table = connection.ops.quote_name(model_admin.model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"""
                    WITH RECURSIVE years(year) AS (
                        (SELECT year FROM {table} ORDER BY year DESC LIMIT 1)
                        UNION ALL
                        SELECT (SELECT t.year FROM {table} t WHERE t.year < years.year
                                ORDER BY t.year DESC LIMIT 1)
                        FROM years WHERE years.year IS NOT NULL
                    ) SELECT year FROM years WHERE year IS NOT NULL""")  # fmt: skip
                years = [row[0] for row in cursor.fetchall()]
        else:  # SQLite, or a member's own records: few enough to read
            years = queryset.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(year=int(self.value()))
