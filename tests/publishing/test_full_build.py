"""A full build is the live site as files: same URLs, same bytes."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser

import pytest

from tests.publishing.conftest import tree_files, url_of
from vestnik.publishing import registry
from vestnik.publishing.services import publish

pytestmark = pytest.mark.django_db

NOT_LIVE_PAGES = {"MANIFEST.json", "MANIFEST.json.sig", "index.html"}


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in {"href", "src"}:
                self.links.append(value)


def local_links(html: bytes) -> list[str]:
    parser = Links()
    parser.feed(html.decode())
    out = []
    for link in parser.links:
        link = link.split("#", 1)[0]
        if link.startswith("/") and not link.startswith("//") and "?" not in link:
            out.append(link)
    return out


def test_every_file_equals_the_live_response(client, demo_site, tmp_path):
    result = publish(tmp_path / "out", workers=1)
    files = tree_files(result.path)
    assert len(files) > 150
    for rel, data in sorted(files.items()):
        if rel in NOT_LIVE_PAGES:
            continue
        if rel.endswith("404.html"):
            prefix = rel[: -len("404.html")]
            response = client.get(f"/{prefix}no-such-page-here/")
            assert response.status_code == 404, rel
        else:
            response = client.get(url_of(rel))
            assert response.status_code == 200, rel
        assert body(response) == data, f"{rel} differs from the live page"


def test_crawling_the_live_site_finds_only_published_pages(client, demo_site, tmp_path):
    """Every page a reader can reach by links is in the tree, byte for byte."""
    files = tree_files(publish(tmp_path / "out", workers=1).path)
    by_url = {url_of(rel): data for rel, data in files.items()}
    seen = {"/en/", "/ru/"}
    queue = deque(seen)
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in {301, 302}:
            continue
        assert response.status_code == 200, url
        assert by_url.get(url) == body(response), f"{url} missing or different in the tree"
        if response["Content-Type"].startswith("text/html"):
            for link in local_links(body(response)):
                if link not in seen and not link.startswith("/admin"):
                    seen.add(link)
                    queue.append(link)
    assert len(seen) > 100
    # links inside the tree all resolve inside the tree (it works on any host)
    for rel, data in files.items():
        if rel.endswith(".html"):
            for link in local_links(data):
                assert link in by_url, f"{rel} links to {link}, not in the tree"


def test_tree_has_every_kind_of_page(demo_site, tmp_path):
    files = tree_files(publish(tmp_path / "out", workers=1).path)
    for rel in [
        "en/index.html", "ru/index.html", "en/site-news/index.html", "en/bulletins/index.html",
        "en/bulletins/page/2/index.html", "en/empty-corner/index.html", "en/hidden-page/index.html",
        "404.html", "en/404.html", "static/vestnik_site/site.css",
        ".well-known/vestnik-publish-key.txt", "MANIFEST.json", "MANIFEST.json.sig",
        "robots.txt", "sitemap.xml", "sitemap-news.xml", "sitemap-en-articles.xml",
        "en/feeds/atom.xml", "ru/feeds/rss.xml", "en/feeds/site-news/atom.xml",
        "en/feeds/sections/bulletins/atom.xml", "en/cases/index.html",
    ]:  # fmt: skip
        assert rel in files, rel
    assert any(rel.startswith("media/attachments/") for rel in files)
    assert any(rel.startswith("en/archive/") for rel in files)
    assert any(rel.startswith("ru/tags/") for rel in files)
    assert "en/bulletins/page/3/index.html" not in files
    assert not any("future" in rel or "draft-one" in rel for rel in files)
    assert "en/bulletins/old-one/index.html" in files  # published; only its archive year is not
    assert not any(rel.startswith("en/archive/1985") for rel in files)
    assert not any(rel.startswith("static/admin/") for rel in files)
    assert files["index.html"].count(b"/en/") >= 1


def test_registered_urls_are_published_with_live_bytes(client, demo_site, tmp_path):
    registry.register_urls("test.key", lambda: ["/.well-known/vestnik-publish-key.txt"])
    try:
        with pytest.raises(Exception, match="same file"):
            publish(tmp_path / "out", workers=1)
        registry.register_urls("test.key", lambda: ["/en/"])
        with pytest.raises(Exception, match="same file"):
            publish(tmp_path / "out", workers=1)
        registry.register_urls("test.key", lambda: ["/en/no-such-thing/"])
        with pytest.raises(Exception, match="404"):
            publish(tmp_path / "out", workers=1)
    finally:
        registry.unregister_urls("test.key")


def test_a_publish_names_the_public_site_whatever_the_allowed_hosts(demo_site, tmp_path, settings):
    """The publisher renders without a request: it must not trip Django's Host check."""
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.VESTNIK_SITE_URL = "https://mirror.example.net"
    result = publish(tmp_path / "out")
    files = tree_files(result.path)
    home = files["en/index.html"].decode()
    assert 'content="https://mirror.example.net/en/"' in home
    assert not [rel for rel, body in files.items() if b"testserver" in body]


def test_without_a_site_url_the_first_allowed_host_is_the_origin(demo_site, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["*", ".example.org", "news.example.org"]
    settings.VESTNIK_SITE_URL = ""
    result = publish(tmp_path / "out")
    home = (result.path / "en" / "index.html").read_text()
    assert 'content="http://news.example.org/en/"' in home


def test_every_page_of_a_split_sitemap_is_published(client, demo_site, tmp_path, monkeypatch):
    from vestnik.syndication import sitemaps

    monkeypatch.setattr(sitemaps.EditionArticlesSitemap, "limit", 10)
    result = publish(tmp_path / "out")
    index = (result.path / "sitemap.xml").read_text()
    pages = sorted(p.name for p in result.path.glob("sitemap-en-articles-p*.xml"))
    assert pages and all(f"/{name}</loc>" in index for name in pages)
    for name in ["sitemap-en-articles.xml", *pages]:
        assert (result.path / name).read_bytes() == client.get(f"/{name}").content


def test_the_number_of_queries_does_not_grow_with_the_articles(keys_home, tmp_path):
    """Article pages load in chunks: no query per page (the case box included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleFactory
    from tests.publishing.factories import tiny_site

    site = tiny_site(3)
    section = site["sections"][2]
    with CaptureQueriesContext(connection) as few:
        publish(tmp_path / "a", full=True, workers=1)
    for i in range(20):
        ArticleFactory(section=section, slug=f"more-{i}")
    with CaptureQueriesContext(connection) as many:
        publish(tmp_path / "b", full=True, workers=1)
    assert len(many.captured_queries) == len(few.captured_queries)
