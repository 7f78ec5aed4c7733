"""SQLite FTS5: BM25 with title 10, subtitle 4, body 1 (see migration 0002)."""

from __future__ import annotations

from django.db import connection

from vestnik.search.backends.base import ENTRY_TABLE, RECENCY, Backend, Filters, Hit, Page
from vestnik.search.query import Clause, ParsedQuery

FTS_TABLE = "vestnik_search_fts"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _clause(clause: Clause) -> str:
    if clause.prefix:
        return _quote(clause.terms[0]) + " *"
    return _quote(" ".join(clause.terms))


def match_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH string: only quoted strings and the operators we put in."""
    include = " AND ".join(_clause(c) for c in query.include)
    if not query.exclude:
        return include
    exclude = " OR ".join(_clause(c) for c in query.exclude)
    return f"({include}) NOT ({exclude})"


class SQLiteBackend(Backend):
    name = "sqlite-fts5"

    def search(self, query: ParsedQuery, filters: Filters, offset: int, limit: int) -> Page:
        if query.is_empty:
            return Page()
        where, params = self.filter_sql(filters)
        # bm25() cannot sit beside a window function: rank inside, count outside. CROSS JOIN
        # keeps the FTS table the outer loop; else the planner walks every entry of the
        # edition and probes the FTS index for each (30 times slower).
        sql = f"""
            SELECT id, score, count(*) OVER () FROM (
                SELECT e.id AS id, e.day AS day, e.object_id AS object_id,
                       bm25({FTS_TABLE}, 10.0, 4.0, 1.0)
                       * (1.0 + {RECENCY} / (1.0 + max(0, %s - e.day) / 365.0)) AS score
                FROM {FTS_TABLE} CROSS JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {where}
            )
            ORDER BY score, day DESC, object_id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608 - only our own table names and placeholders are interpolated
        with connection.cursor() as cursor:
            cursor.execute(sql, [filters.today, match_expression(query), *params, limit, offset])
            rows = cursor.fetchall()
        if not rows and offset:
            return Page(total=self._count(query, filters))
        # bm25() is lower-is-better; results speak higher-is-better.
        return Page([Hit(r[0], -r[1]) for r in rows], rows[0][2] if rows else 0)

    def _count(self, query: ParsedQuery, filters: Filters) -> int:
        where, params = self.filter_sql(filters)
        sql = f"""
            SELECT count(*) FROM {FTS_TABLE} CROSS JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid
            WHERE {FTS_TABLE} MATCH %s AND {where}
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(query), *params])
            return int(cursor.fetchone()[0])
