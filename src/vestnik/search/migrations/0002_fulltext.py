"""The full-text structure of each database: an FTS5 table on SQLite, a tsvector on PostgreSQL.

Both are fed the already-analysed terms of `SearchEntry` (title, subtitle, body), so the two
backends see exactly the same terms. On SQLite, triggers keep the external-content FTS5
table in step with every insert, update and delete of an entry, cascades included.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE vestnik_search_fts USING fts5(
        title_terms, subtitle_terms, body_terms,
        content='vestnik_search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '/'"
    )""",
    """CREATE TRIGGER vestnik_search_fts_ai AFTER INSERT ON vestnik_search_searchentry BEGIN
        INSERT INTO vestnik_search_fts(rowid, title_terms, subtitle_terms, body_terms)
        VALUES (new.id, new.title_terms, new.subtitle_terms, new.body_terms);
    END""",
    """CREATE TRIGGER vestnik_search_fts_ad AFTER DELETE ON vestnik_search_searchentry BEGIN
        INSERT INTO vestnik_search_fts(vestnik_search_fts, rowid, title_terms,
            subtitle_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.subtitle_terms, old.body_terms);
    END""",
    """CREATE TRIGGER vestnik_search_fts_au AFTER UPDATE ON vestnik_search_searchentry BEGIN
        INSERT INTO vestnik_search_fts(vestnik_search_fts, rowid, title_terms,
            subtitle_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.subtitle_terms, old.body_terms);
        INSERT INTO vestnik_search_fts(rowid, title_terms, subtitle_terms, body_terms)
        VALUES (new.id, new.title_terms, new.subtitle_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS vestnik_search_fts_au",
    "DROP TRIGGER IF EXISTS vestnik_search_fts_ad",
    "DROP TRIGGER IF EXISTS vestnik_search_fts_ai",
    "DROP TABLE IF EXISTS vestnik_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE vestnik_search_searchentry ADD COLUMN document tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX vestnik_search_document ON vestnik_search_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS vestnik_search_document",
    "ALTER TABLE vestnik_search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("vestnik_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
