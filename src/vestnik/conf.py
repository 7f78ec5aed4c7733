"""Settings read from the environment, with the defaults of the embedded install.

Everything here is a function so that tests (and the CLI) can change the
environment before Django reads its settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

DEFAULT_EDITIONS = "en:English,ru:Русский"


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """An integer from the environment; a malformed value falls back to the default."""
    try:
        return int(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default


def home() -> Path:
    """The data folder: SQLite database, media, keys. `VESTNIK_HOME`, default ./var."""
    return Path(env("VESTNIK_HOME", "var")).resolve()


def editions() -> list[tuple[str, str]]:
    """`VESTNIK_EDITIONS` as (code, name) pairs, e.g. "en:English,ru:Русский"."""
    pairs = []
    for item in env("VESTNIK_EDITIONS", DEFAULT_EDITIONS).split(","):
        code, _, name = item.strip().partition(":")
        if code:
            pairs.append((code.strip(), (name or code).strip()))
    return pairs


def database(data_home: Path) -> dict[str, Any]:
    url = env("DATABASE_URL")
    if url:
        db: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        if db["ENGINE"] == "django.db.backends.sqlite3":
            db.update(sqlite_options())
        else:
            db.setdefault("TEST", {})
            # Parallel checkouts (and CI) may share one server: each can name its test db.
            if env("VESTNIK_TEST_DB_NAME"):
                db["TEST"]["NAME"] = env("VESTNIK_TEST_DB_NAME")
        return db
    db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_home / "vestnik.sqlite3")}
    db.update(sqlite_options())
    return db


def sqlite_options() -> dict[str, Any]:
    # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on busy_timeout instead of failing on upgrade. A worker
    # keeps its connection (CONN_MAX_AGE None): opening one costs more than most queries.
    return {
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
