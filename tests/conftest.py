"""Shared fixtures. Database choice: SQLite in memory, or PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import pytest

from tests import needs


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editions(db):
    from vestnik.content import services

    en, ru = services.ensure_editions([("en", "English"), ("ru", "Русский")])
    return {"en": en, "ru": ru}


@pytest.fixture
def en(editions):
    return editions["en"]


@pytest.fixture
def ru(editions):
    return editions["ru"]


@pytest.fixture
def cli_env(tmp_path):
    """Environment for running `vestnik` as a subprocess on a fresh, empty site.

    On SQLite the site lives in tmp_path; when the suite runs on PostgreSQL a scratch
    database is created for the test and dropped afterwards.
    """
    import os
    import uuid

    env = {**os.environ, "VESTNIK_HOME": str(tmp_path / "home")}
    env.pop("VESTNIK_TEST_DB_NAME", None)
    # set in-process by the browser tests (Playwright's event loop); never for a real site
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    name = f"vestnik_cli_{uuid.uuid4().hex[:12]}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{base}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _account_security(settings):
    """Outside tests/accounts, admin tests are about other things: no lockout, no second factor.

    tests/accounts overrides this fixture and runs with the production settings.
    """
    settings.AXES_ENABLED = False
    settings.VESTNIK_REQUIRE_2FA = False


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """End the run with what this machine lacks, so a skipped test never passes for a green one."""
    lines = needs.summary(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.section("skipped: this machine lacks something", sep="-", yellow=True)
        for line in lines:
            terminalreporter.line(line)
