"""A small site with every kind of page, and helpers to read a published tree."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, PageFactory, SiteNewsItemFactory
from vestnik.content import services
from vestnik.demo.services import load_demo


@pytest.fixture
def keys_home(tmp_path, monkeypatch, settings):
    """A VESTNIK_HOME of the test's own, so the publishing key is generated there.

    The published origin is the test client's, so published bytes equal live responses.
    """
    settings.VESTNIK_SITE_URL = "http://testserver"
    home = tmp_path / "home"
    monkeypatch.setenv("VESTNIK_HOME", str(home))
    return home


@pytest.fixture
def demo_site(db, keys_home):
    """The demo content plus the corners: pagination, empty section, future and old articles."""
    load_demo()
    en = services.ensure_editions([("en", "English"), ("ru", "Русский")])[0]
    many = services.create_section(en, "Bulletins", slug="bulletins")
    services.create_section(en, "Empty corner", slug="empty-corner")
    base = timezone.now() - dt.timedelta(days=400)
    for i in range(23):
        ArticleFactory(section=many, added=base + dt.timedelta(days=i * 13))
    ArticleFactory(section=many, added=timezone.now() + dt.timedelta(days=3), slug="future")
    ArticleFactory(section=many, added=dt.datetime(1985, 5, 1, tzinfo=dt.UTC), slug="old-one")
    ArticleFactory(section=many, status="draft", slug="draft-one")
    PageFactory(edition=en, slug="hidden-page", title="Hidden", show_in_menu=False)
    for i in range(3):
        SiteNewsItemFactory(edition=en, added=timezone.now() - dt.timedelta(minutes=i))
    return en


def tree_files(root: Path) -> dict[str, bytes]:
    files = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            files[os.path.relpath(path, root).replace(os.sep, "/")] = Path(path).read_bytes()
    return files


def url_of(rel: str) -> str:
    if rel.endswith("index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel
