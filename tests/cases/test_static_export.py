"""Case files in the static tree follow changes like articles do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vestnik.cases import services
from vestnik.cases.models import Case
from vestnik.publishing.services import publish


@pytest.fixture
def home(tmp_path, monkeypatch, settings):
    monkeypatch.setenv("VESTNIK_HOME", str(tmp_path / "home"))
    settings.VESTNIK_SITE_URL = "http://testserver"
    return tmp_path


def files(root: Path) -> dict[str, bytes]:
    out = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if not rel.startswith("MANIFEST"):
                out[rel] = path.read_bytes()
    return out


def test_a_status_change_rewrites_the_linked_article_pages(case_site, home, client):
    first = publish(home / "out", workers=1)
    article = case_site["articles"][1]
    page = article.get_absolute_url().lstrip("/") + "index.html"
    assert "Communicated" in (first.path / page).read_text()
    for item in services.set_status(case_site["case"], Case.Status.JUDGMENT):
        item.delete()  # without the site-news item, only pages that show the status change
    again = publish(home / "out", workers=1)
    assert "Communicated" not in (again.path / page).read_text()
    assert (again.path / page).read_bytes() == client.get(article.get_absolute_url()).content
    full = publish(home / "full", full=True, workers=1)
    assert files(again.path) == files(full.path)
