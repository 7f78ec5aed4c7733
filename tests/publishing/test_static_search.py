"""Search in the static tree: a signed Pagefind index, and the search page using it in a browser."""

from __future__ import annotations

import io
import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.core.management import call_command

from tests import needs
from vestnik.publishing import signing
from vestnik.publishing.services import publish
from vestnik.publishing.tree import PublishError

pytestmark = pytest.mark.django_db

# the live pages' policy; the static search's WebAssembly needs 'wasm-unsafe-eval'
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'none'"
)


def manifest_files(build: Path) -> dict:
    return json.loads((build / signing.MANIFEST).read_bytes())["files"]


def test_the_index_is_built_signed_and_has_both_languages(demo_site, tmp_path):
    out = tmp_path / "out"
    build = publish(out, workers=1).path
    entry = json.loads((build / "pagefind" / "pagefind-entry.json").read_bytes())
    assert set(entry["languages"]) == {"en", "ru"}
    # article and case pages only: not homes, lists, tags or the search page itself
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    articles = sum(1 for p in build.rglob("index.html") if b"data-pagefind-body" in p.read_bytes())
    assert pages == articles > 20
    listed = manifest_files(build)
    index_files = [
        p.relative_to(build).as_posix() for p in (build / "pagefind").rglob("*") if p.is_file()
    ]
    assert "pagefind/pagefind.js" in index_files
    assert all(rel in listed for rel in index_files)
    # the search page of each edition is in the tree, with its script
    for code in ("en", "ru"):
        page = (build / code / "search" / "index.html").read_bytes()
        assert b"vestnik_search/static-search.js" in page
    text = io.StringIO()
    call_command("verify", str(out), stdout=text)
    assert "OK" in text.getvalue()


def test_an_unchanged_site_links_the_previous_index(demo_site, tmp_path):
    out = tmp_path / "out"
    first = publish(out, workers=1).path
    again = publish(out, workers=1).path
    for path in (first / "pagefind").rglob("*"):
        if path.is_file():
            twin = again / path.relative_to(first)
            assert twin.stat().st_ino == path.stat().st_ino, path  # a hard link, not a new run
    assert manifest_files(again) == manifest_files(first)


def rename_an_indexed_article(edition):
    article = edition.articles.get(title__startswith="Court awards")
    article.title = "Quokkas visit the courthouse"
    article.save()
    return article


def test_a_changed_article_rebuilds_the_index(demo_site, tmp_path):
    out = tmp_path / "out"
    first = publish(out, workers=1).path
    rename_an_indexed_article(demo_site)
    again = publish(out, workers=1).path
    old = {p.name for p in (first / "pagefind" / "fragment").iterdir()}
    new = {p.name for p in (again / "pagefind" / "fragment").iterdir()}
    assert new != old  # the edited page got a new fragment
    unchanged = sorted(old & new)[0]
    assert (again / "pagefind" / "fragment" / unchanged).stat().st_ino == (
        first / "pagefind" / "fragment" / unchanged
    ).stat().st_ino  # unchanged fragments stay the same files (mirrors copy less)


def test_a_publish_after_a_save_keeps_the_index_until_the_next_full_refresh(demo_site, tmp_path):
    out = tmp_path / "out"
    first = publish(out, workers=1).path
    article = rename_an_indexed_article(demo_site)
    quick = publish(out, workers=1, keep_search_index=True).path
    assert "Quokkas" in (quick / article.get_absolute_url().lstrip("/") / "index.html").read_text()
    entry = "pagefind/pagefind-entry.json"
    assert (quick / entry).stat().st_ino == (first / entry).stat().st_ino  # kept, not rebuilt
    assert signing.verify_tree(quick).ok
    refreshed = publish(out, workers=1).path
    assert (refreshed / entry).stat().st_ino != (first / entry).stat().st_ino  # re-indexed


def test_switched_off_there_is_no_index(demo_site, tmp_path, settings):
    settings.VESTNIK_PUBLISH_SEARCH = False
    build = publish(tmp_path / "out", workers=1).path
    assert not (build / "pagefind").exists()
    assert not any(rel.startswith("pagefind/") for rel in manifest_files(build))


def test_a_failing_indexer_fails_the_publish_and_keeps_current(demo_site, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = publish(out, workers=1).path
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the index exploded' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    article = demo_site.articles.get(title__startswith="Court awards")
    article.title = "A change that needs a new index"
    article.save()
    with pytest.raises(PublishError, match="the index exploded"):
        publish(out, workers=1)
    assert (out / "current").resolve() == first


class _Handler(SimpleHTTPRequestHandler):
    """A plain static server, with the CSP the nginx example sends."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def static_server(demo_site, tmp_path):
    build = publish(tmp_path / "out", workers=1).path
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(build)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", build
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_the_published_search_page_finds_inflected_forms_in_a_browser(static_server, client):
    base, build = static_server
    # the live page for a query, as a file: the server's results are there, the script waits
    live = client.get("/en/search/", {"q": "compensation"}).content
    (build / "live-answer").mkdir()
    (build / "live-answer" / "index.html").write_bytes(live)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    cases = [
        # the text says "компенсацию" / "compensation"
        ("ru", "компенсациями", "Суд присудил компенсацию задержанному"),
        ("en", "compensations", "Court awards compensation to a detainee"),
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=needs.chromium(), headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            missing: list[str] = []
            page.on(
                "response",
                lambda r: missing.append(r.url) if r.status >= 400 else None,
            )
            for code, word, title in cases:
                page.goto(f"{base}/{code}/search/?q={quote(word)}")
                link = page.locator("ol.search-results li.search-result h2 a", has_text=title)
                link.first.wait_for(timeout=15000)
                href = link.first.get_attribute("href") or ""
                path = unquote(urlsplit(href).path)
                assert path.startswith(f"/{code}/")
                assert (build / path.lstrip("/") / "index.html").is_file(), href
                assert page.locator("#search-q").input_value() == word
                assert page.locator("ol.search-results mark").count() >= 1
            page.goto(f"{base}/live-answer/?q=compensation")
            page.wait_for_load_state("networkidle")
            assert page.locator("ol.search-results").count() == 1
            assert page.locator(".search-count").count() == 1
            assert errors == []
            assert [url for url in missing if not url.endswith("/favicon.ico")] == []
        finally:
            browser.close()
