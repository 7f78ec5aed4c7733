"""What every backend does: store the full-text form of entries, and find entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from vestnik.search.models import SearchEntry
from vestnik.search.query import ParsedQuery

ENTRY_TABLE = SearchEntry._meta.db_table
TAGS_TABLE = SearchEntry.tags.through._meta.db_table

TAG_CONDITION = (
    f"EXISTS (SELECT 1 FROM {TAGS_TABLE} t WHERE t.searchentry_id = e.id AND t.tag_id = %s)"  # noqa: S608
)

# Relevance is multiplied by 1 + RECENCY / (1 + age in years): a new article gains at most
# a quarter over an old one, so a much better match still wins.
RECENCY = 0.25


@dataclass
class Filters:
    edition_id: int
    now: dt.datetime
    today: int
    section_ids: Sequence[int] | None = None
    tag_id: int | None = None
    day_from: int | None = None
    day_to: int | None = None


@dataclass
class Hit:
    entry_id: int
    score: float


@dataclass
class Page:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


class Backend:
    name = "base"

    def store(self, entries: Sequence[SearchEntry]) -> None:
        """Write the full-text form of freshly saved entries (if the database needs it)."""

    def search(self, query: ParsedQuery, filters: Filters, offset: int, limit: int) -> Page:
        raise NotImplementedError

    @staticmethod
    def filter_sql(filters: Filters, placeholder: str = "%s") -> tuple[str, list]:
        """The WHERE conditions on the entry table `e` shared by both backends."""
        sql = ["e.edition_id = %s", "e.added <= %s"]
        params: list = [filters.edition_id, filters.now]
        if filters.section_ids is not None:
            ids = list(filters.section_ids) or [0]
            sql.append(f"e.section_id IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
        if filters.tag_id is not None:
            sql.append(TAG_CONDITION)
            params.append(filters.tag_id)
        if filters.day_from is not None:
            sql.append("e.day >= %s")
            params.append(filters.day_from)
        if filters.day_to is not None:
            sql.append("e.day <= %s")
            params.append(filters.day_to)
        return " AND ".join(sql), params
