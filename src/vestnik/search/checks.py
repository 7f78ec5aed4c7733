"""Deployment check: the SQLite full-text triggers exist (a table rebuild drops them)."""

from __future__ import annotations

from django.core.checks import Error, register
from django.db import connection
from django.db.utils import DatabaseError

TRIGGERS = {"vestnik_search_fts_ai", "vestnik_search_fts_ad", "vestnik_search_fts_au"}


@register("database")
def fts_triggers(app_configs=None, databases=None, **kwargs) -> list[Error]:
    # Django passes the databases a database check may query (migrate, check --database)
    if not databases or "default" not in databases or connection.vendor != "sqlite":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'vestnik_search_searchentry'")
            migrated = cursor.fetchone() is not None
    except DatabaseError:
        return []
    if migrated and not TRIGGERS <= names:
        return [
            Error(
                "The search index triggers are missing; a migration rebuilt the entry table.",
                hint="Recreate them as in vestnik/search/migrations/0002, then `vestnik reindex`.",
                id="vestnik.search.E001",
            )
        ]
    return []
