"""Full-text backends behind one interface; the database vendor picks one."""

from __future__ import annotations

from django.db import connection

from vestnik.search.backends.base import Backend, Filters, Hit


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from vestnik.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from vestnik.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()


__all__ = ["Backend", "Filters", "Hit", "get_backend"]
