"""Fixtures of the operations tests: a full site, archives, and fresh instances to restore into."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests import needs
from vestnik.ops import archive

VESTNIK = str(Path(sys.executable).with_name("vestnik"))
FINGERPRINT = str(Path(__file__).with_name("fingerprint.py"))


def run(env: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    # browser tests set this in-process for Playwright; a real site never runs with it
    env = {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [VESTNIK, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def remote_fingerprint(env: dict, urls: list[str], tmp_path: Path) -> dict:
    import json

    urls_file = tmp_path / "urls.json"
    urls_file.write_text(json.dumps(urls))
    result = subprocess.run(
        [sys.executable, FINGERPRINT, str(urls_file)],
        env={**env, "ALLOWED_HOSTS": "testserver"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch):
    """Encryption tests derive keys at a low scrypt cost (the format records the cost)."""
    monkeypatch.setattr(archive, "SCRYPT_LOG_N", 12)


@pytest.fixture
def full_site(db, settings, tmp_path):
    """The demo content plus users, a group with permissions, an admin log entry and odd media."""
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType

    from vestnik.content.models import Article
    from vestnik.demo.services import load_demo

    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    load_demo()
    admin = User.objects.create_superuser("admin", "admin@example.org", "correct horse 1")
    editor = User.objects.create_user("редактор", "ed@example.org", "battery staple 2")
    group = Group.objects.create(name="Editors")
    group.permissions.set(Permission.objects.filter(codename__endswith="_article"))
    editor.groups.add(group)
    article = Article.objects.order_by("pk").first()
    assert article is not None
    LogEntry.objects.log_actions(
        admin.pk, [article], ADDITION, change_message="created", single_object=True
    )
    ContentType.objects.clear_cache()
    odd = settings.MEDIA_ROOT / "uploads" / "odd name ü.bin"
    odd.parent.mkdir(parents=True, exist_ok=True)
    odd.write_bytes(bytes(range(256)) * 40)
    return {"admin": admin, "editor": editor}


@pytest.fixture
def other_db_env(tmp_path):
    """A fresh instance on the *other* database: SQLite when the suite runs on PostgreSQL,
    a scratch PostgreSQL database (VESTNIK_CROSS_DATABASE_URL's server, default the local
    one) when it runs on SQLite."""
    env = {**os.environ, "VESTNIK_HOME": str(tmp_path / "other-home")}
    env.pop("VESTNIK_TEST_DB_NAME", None)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    base = os.environ.get(
        "VESTNIK_CROSS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    ).rpartition("/")[0]
    try:
        admin = psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        needs.missing(
            "needs a PostgreSQL server for the SQLite→PostgreSQL restore: set "
            f"VESTNIK_CROSS_DATABASE_URL to one ({exc})"
        )
    name = f"vestnik_ops_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{base}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
