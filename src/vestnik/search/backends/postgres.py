"""PostgreSQL: a tsvector of the analysed terms (weights A/B/C), GIN index, ts_rank_cd."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import connection

from vestnik.search.backends.base import ENTRY_TABLE, RECENCY, Backend, Filters, Hit, Page
from vestnik.search.models import SearchEntry
from vestnik.search.query import Clause, ParsedQuery

# PostgreSQL keeps positions up to 16383 and lexemes under 2 KB.
MAX_POSITION = 16383
# ts_rank_cd weights are {D, C, B, A}: body (C) 0.1, subtitle (B) 0.4, title (A) 1.0.
WEIGHTS = "{0.0, 0.1, 0.4, 1.0}"


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(entry: SearchEntry) -> str:
    """The entry's terms as tsvector input text: no parser, so no term is changed."""
    positions: dict[str, list[str]] = defaultdict(list)
    pos = 0
    for text, weight in (
        (entry.title_terms, "A"),
        (entry.subtitle_terms, "B"),
        (entry.body_terms, "C"),
    ):
        for term in text.split():
            pos += 1
            positions[term].append(f"{min(pos, MAX_POSITION)}{weight}")
        pos += 1  # a gap, so that no phrase runs from one field into the next
    return " ".join(f"{_lexeme(t)}:{','.join(p[:256])}" for t, p in positions.items())


def _clause(clause: Clause) -> str:
    if clause.prefix:
        return _lexeme(clause.terms[0]) + ":*"
    return "(" + " <-> ".join(_lexeme(t) for t in clause.terms) + ")"


def tsquery_literal(query: ParsedQuery) -> str:
    parts = [_clause(c) for c in query.include]
    parts += ["!" + _clause(c) for c in query.exclude]
    return " & ".join(parts)


class PostgresBackend(Backend):
    name = "postgresql"

    def store(self, entries: Sequence[SearchEntry]) -> None:
        if not entries:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {ENTRY_TABLE} SET document = %s::tsvector WHERE id = %s",  # noqa: S608
                [(tsvector_literal(e), e.pk) for e in entries],
            )

    def search(self, query: ParsedQuery, filters: Filters, offset: int, limit: int) -> Page:
        if query.is_empty:
            return Page()
        where, params = self.filter_sql(filters)
        sql = f"""
            SELECT e.id,
                   ts_rank_cd(%s::float4[], e.document, q, 1)
                   * (1.0 + {RECENCY} / (1.0 + GREATEST(0, %s - e.day) / 365.0)) AS score,
                   count(*) OVER () AS total
            FROM {ENTRY_TABLE} e, CAST(%s AS tsquery) q
            WHERE e.document @@ q AND {where}
            ORDER BY score DESC, e.day DESC, e.object_id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608 - only our own table names and placeholders are interpolated
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [WEIGHTS, filters.today, tsquery_literal(query), *params, limit, offset]
            )
            rows = cursor.fetchall()
        if not rows and offset:
            return Page(total=self._count(query, filters))
        return Page([Hit(r[0], float(r[1])) for r in rows], rows[0][2] if rows else 0)

    def _count(self, query: ParsedQuery, filters: Filters) -> int:
        where, params = self.filter_sql(filters)
        sql = f"""
            SELECT count(*) FROM {ENTRY_TABLE} e, CAST(%s AS tsquery) q
            WHERE e.document @@ q AND {where}
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery_literal(query), *params])
            return int(cursor.fetchone()[0])
