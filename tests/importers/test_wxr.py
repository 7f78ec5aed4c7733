"""WordPress import on small exports written here: mapping, idempotence, updates, local edits."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.importers.wxr_samples import Post, wxr
from vestnik.content.models import Article, Page, Redirect, Section
from vestnik.importers.models import ImportedItem, ImportRun
from vestnik.importers.services import import_wxr

CATEGORIES = [("news", "", "News"), ("russia", "news", "Russia"), ("page", "", "Page")]


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def export(tmp_path):
    posts = [
        Post(1, "Court hearing", categories=[("russia", "Russia")], tags=[("courts", "Courts")]),
        Post(2, "Plans", status="draft", categories=[("news", "News")]),
        Post(3, "Secret", status="private", categories=[("news", "News")]),
        Post(4, "Thrown away", status="trash"),
        Post(5, "About us", post_type="page", slug="about"),
        Post(6, "Featured", sticky=True, excerpt="Short summary.", comments=3),
        Post(7, "Menu", post_type="nav_menu_item"),
    ]
    return write(tmp_path, wxr(posts, categories=CATEGORIES, tags=[("courts", "Courts")]))


def test_posts_pages_sections_and_statuses(en, export):
    summary = import_wxr(export, "en")
    hearing = Article.objects.get(title="Court hearing")
    assert hearing.section.path == "news/russia"
    assert hearing.is_published and [t.name for t in hearing.tags.all()] == ["Courts"]
    assert Article.objects.get(title="Plans").status == "draft"
    assert Article.objects.get(title="Secret").status == "draft"
    assert not Article.objects.filter(title="Thrown away").exists()
    assert Page.objects.get(title="About us").slug == "about"
    featured = Article.objects.get(title="Featured")
    assert featured.section.slug == "uncategorized"
    assert "Short summary." in featured.summary
    assert ImportedItem.objects.get(kind="post", key="6").sticky
    # a category called "page" may not take a path the site uses itself
    assert Section.objects.filter(title="Page").exclude(slug="page").exists()
    assert summary.notes["comments (counted, not imported)"] == 3
    assert {s.reason for s in summary.skipped} == {
        "status “trash” is not imported",
        "post type “nav_menu_item” is not imported",
    }
    assert ImportRun.objects.get().summary["counts"]["posts"]["created"] == 4


def test_versions_1_0_and_1_1_are_read(en, tmp_path):
    for version in ("1.0", "1.1"):
        path = write(tmp_path, wxr([Post(10, f"Old {version}")], version=version), version)
        import_wxr(path, "en")
    assert Article.objects.filter(title__startswith="Old ").count() == 1  # same site, same ID


def test_dry_run_saves_nothing(en, export):
    summary = import_wxr(export, "en", dry_run=True)
    assert summary.total("posts", "created") == 4
    assert not Article.objects.exists() and not ImportedItem.objects.exists()
    assert not Redirect.objects.exists()


def test_newer_export_updates_changed_items_only(en, tmp_path):
    first = [Post(1, "One"), Post(2, "Two")]
    import_wxr(write(tmp_path, wxr(first)), "en")
    two = Article.objects.get(title="Two")
    second = [Post(1, "One"), Post(2, "Two, corrected", content="<p>New text.</p>")]
    summary = import_wxr(write(tmp_path, wxr(second)), "en")
    assert summary.total("posts", "updated") == 1 and summary.total("posts", "unchanged") == 1
    two.refresh_from_db()
    assert two.title == "Two, corrected" and "New text." in two.body


def test_local_edits_are_kept_and_recorded(en, tmp_path):
    import_wxr(write(tmp_path, wxr([Post(1, "One")])), "en")
    article = Article.objects.get()
    article.title = "One (edited here)"
    article.save()
    summary = import_wxr(write(tmp_path, wxr([Post(1, "One, new in WordPress")])), "en")
    article.refresh_from_db()
    assert article.title == "One (edited here)"
    assert summary.total("posts", "kept_local") == 1
    record = ImportedItem.objects.get(kind="post")
    assert record.conflict and record.pending_hash


def test_old_urls_redirect_permanently(en, client, tmp_path):
    import_wxr(write(tmp_path, wxr([Post(42, "Moved", slug="moved-post")])), "en")
    article = Article.objects.get()
    for old in ("/?p=42", "/2015/03/moved-post/", "/index.php?p=42"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()
    assert client.get("/?p=43").status_code == 302  # unknown: the usual edition chooser


def test_hostile_content_is_sanitised(en, tmp_path):
    content = '<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:x">l</a>'
    import_wxr(write(tmp_path, wxr([Post(1, "<script>alert(1)</script>Title", content)])), "en")
    article = Article.objects.get()
    assert "script" not in article.body and "onclick" not in article.body
    assert "javascript" not in article.body
    assert "<" not in article.title


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_attachments_download_when_asked(en, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "report.pdf").write_bytes(b"%PDF-1.4 test")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(files)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        posts = [
            Post(2, "report.pdf", post_type="attachment", status="inherit", parent=1,
                 attachment_url=f"{base}/report.pdf"),
            Post(1, "With a file"),
            Post(3, "gone.pdf", post_type="attachment", status="inherit", parent=1,
                 attachment_url=f"{base}/gone.pdf"),
        ]  # fmt: skip
        summary = import_wxr(write(tmp_path, wxr(posts)), "en", download_attachments=True)
    finally:
        server.shutdown()
    article = Article.objects.get()
    [attachment] = article.attachments.all()
    assert attachment.file.read() == b"%PDF-1.4 test"
    assert [s.key for s in summary.skipped] == ["3"]
    assert "download failed" in summary.skipped[0].reason
    assert ImportedItem.objects.filter(kind="attachment").count() == 2


def test_attachments_are_only_recorded_by_default(en, tmp_path):
    posts = [
        Post(1, "With a file"),
        Post(2, "photo", post_type="attachment", status="inherit", parent=1,
             attachment_url="https://old.example.org/files/photo.jpg"),
    ]  # fmt: skip
    import_wxr(write(tmp_path, wxr(posts)), "en")
    record = ImportedItem.objects.get(kind="attachment")
    assert record.url == "https://old.example.org/files/photo.jpg"
    assert not Article.objects.get().attachments.exists()


def test_command_prints_summary(en, export, capsys):
    call_command("import", "wxr", str(export), "--edition", "en")
    out = capsys.readouterr().out
    assert "posts: 4 created" in out
    assert "comments (counted, not imported): 3" in out
    assert "status “trash” is not imported" in out


def test_admin_lists_imported_items_read_only(en, export, admin_client):
    import_wxr(export, "en")
    response = admin_client.get("/admin/vestnik_importers/importeditem/?conflict__exact=0")
    assert response.status_code == 200 and b"old.example.org" in response.content
    assert admin_client.get("/admin/vestnik_importers/importrun/").status_code == 200
    assert admin_client.get("/admin/vestnik_importers/importeditem/add/").status_code == 403


def test_hostile_category_trees(en, tmp_path):
    """Parents that form a loop, a parent that does not exist, and a 300-level chain."""
    categories = [("a", "b", "A"), ("b", "a", "B"), ("orphan", "missing", "Orphan")]
    categories += [(f"level-{i}", f"level-{i - 1}" if i else "", f"Level {i}") for i in range(300)]
    posts = [
        Post(1, "In a loop", categories=[("a", "A")]),
        Post(2, "Orphan", categories=[("orphan", "Orphan")]),
        Post(3, "Deep", categories=[("level-299", "Level 299")]),
    ]
    summary = import_wxr(write(tmp_path, wxr(posts, categories=categories)), "en")
    assert summary.total("posts", "created") == 3
    assert all(len(s.path) <= 400 for s in Section.objects.all())
    assert Article.objects.get(title="Orphan").section.path == "orphan"
    assert {Article.objects.get(title="In a loop").section.slug} <= {"a", "b"}


def test_dry_run_leaves_no_downloaded_files(en, tmp_path, settings):
    files = tmp_path / "files"
    files.mkdir()
    (files / "a.pdf").write_bytes(b"%PDF a")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(files)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    posts = [
        Post(1, "With a file"),
        Post(2, "a.pdf", post_type="attachment", status="inherit", parent=1,
             attachment_url=f"http://127.0.0.1:{server.server_port}/a.pdf"),
    ]  # fmt: skip
    try:
        summary = import_wxr(
            write(tmp_path, wxr(posts)), "en", dry_run=True, download_attachments=True
        )
    finally:
        server.shutdown()
    assert summary.skipped == [] and not Article.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not [p for p in media.rglob("*") if p.is_file()]
