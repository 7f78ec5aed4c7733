"""Shared fixtures. Database choice: SQLite in memory, or PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import pytest


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
