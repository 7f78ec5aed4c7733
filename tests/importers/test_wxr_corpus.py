"""The real WordPress theme unit test export, imported and read back through the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.shared import shared_dir
from vestnik.content.models import Article, Page, Redirect, Section, Tag
from vestnik.content.slugs import make_slug
from vestnik.importers.models import ImportedItem
from vestnik.importers.services import import_wxr

WP = "{https://wordpress.org/export/1.2/}"


def corpus() -> Path:
    path = (
        shared_dir() / "corpora" / "wordpress-theme-unit-test" / "themeunittestdata.wordpress.xml"
    )
    if not path.is_file():
        pytest.fail(f"corpus missing: {path}")
    return path


def expected_counts(path: Path) -> dict[str, int]:
    """Counts read straight from the file with a plain parse, not through the importer."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    items = root.findall("channel/item")

    def of(kind: str, statuses: set[str]) -> int:
        return sum(
            1
            for i in items
            if i.findtext(f"{WP}post_type") == kind and i.findtext(f"{WP}status") in statuses
        )

    tag_names = [t.findtext(f"{WP}tag_name") for t in root.iter(f"{WP}tag")]
    tag_names += [c.text for c in root.iter("category") if c.get("domain") == "post_tag"]
    return {
        "posts": of("post", {"publish", "future", "draft", "pending", "private"}),
        "published_posts": of("post", {"publish", "future"}),
        "pages": of("page", {"publish"}),
        "categories": len(list(root.iter(f"{WP}category"))),
        "tags": len({make_slug(n) for n in tag_names if n and n.strip()}),
        "comments": len(list(root.iter(f"{WP}comment"))),
        "attachments": of("attachment", {"inherit", "publish", "private"}),
    }


@pytest.fixture
def imported(en):
    summary = import_wxr(corpus(), edition_code="en")
    return summary


def test_counts_match_the_file(imported):
    expected = expected_counts(corpus())
    assert Article.objects.count() == expected["posts"]
    assert Article.objects.filter(status="published").count() == expected["published_posts"]
    assert Page.objects.count() == expected["pages"]
    assert Section.objects.count() == expected["categories"]
    assert Tag.objects.count() == expected["tags"]
    assert imported.total("posts", "created") == expected["posts"]
    assert imported.notes["comments (counted, not imported)"] == expected["comments"]
    assert imported.total("attachments") == expected["attachments"]
    assert (
        ImportedItem.objects.filter(kind="attachment").exclude(url="").count()
        == expected["attachments"]
    )


def test_every_imported_page_renders(imported, client):
    urls = [a.get_absolute_url() for a in Article.objects.select_related("edition", "section")]
    urls += [p.get_absolute_url() for p in Page.objects.select_related("edition")]
    urls += [s.get_absolute_url() for s in Section.objects.select_related("edition")]
    urls += [t.get_absolute_url() for t in Tag.objects.select_related("edition")]
    failures = [(u, r.status_code) for u in urls if (r := client.get(u)).status_code >= 500]
    assert failures == []
    published = Article.objects.published().select_related("edition", "section")
    assert published.exists()
    for article in published:
        assert client.get(article.get_absolute_url()).status_code == 200, article.title


def test_nested_categories_become_nested_sections(imported):
    grandchild = Section.objects.get(slug="grandchild-category")
    assert grandchild.parent.slug == "child-category-03"
    assert grandchild.parent.parent.slug == "parent-category"
    assert grandchild.path == "parent-category/child-category-03/grandchild-category"


def test_edge_cases(imported, client):
    untitled = Article.objects.get(slug="edge-case-no-title")
    assert untitled.title.strip()
    markup = Article.objects.get(slug="markup-title-with-markup")
    assert "<" not in markup.title and "With" in markup.title and "Markup" in markup.title
    special = Article.objects.get(slug="title-with-special-characters")
    assert "&amp;" not in special.title and "&" in special.title
    long_word = Article.objects.get(slug="title-should-not-overflow-the-content-area")
    assert client.get(long_word.get_absolute_url()).status_code == 200
    greek = Page.objects.get(title="Ελληνικά-Greek")
    assert greek.slug.isascii()
    assert "Ελληνικά" in client.get(greek.get_absolute_url()).content.decode()


def test_statuses_dates_sticky_and_excerpts(imported):
    assert Article.objects.get(title="Draft").status == "draft"
    scheduled = Article.objects.get(title="Scheduled")
    assert (
        scheduled.status == "published"
        and not Article.objects.published().filter(pk=scheduled.pk).exists()
    )
    assert Article.objects.get(slug="template-excerpt-defined").summary
    sticky = Article.objects.get(slug="template-sticky")
    assert ImportedItem.objects.get(kind="post", target_id=sticky.pk).sticky


def test_bodies_are_clean_html(imported):
    for article in Article.objects.all():
        assert "<!-- wp:" not in article.body
        assert "[caption" not in article.body and "[gallery" not in article.body
        assert "<script" not in article.body.lower()
    caption = Article.objects.get(slug="post-format-image-caption")
    assert "<figcaption>" in caption.body


def test_old_addresses_redirect(imported, client):
    article = Article.objects.get(slug="template-sticky")
    record = ImportedItem.objects.get(kind="post", target_id=article.pk)
    response = client.get(f"/?p={record.key}")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    response = client.get("/2012/01/07/template-sticky/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    page = Page.objects.get(slug="about")
    assert client.get("/?page_id=2")["Location"] == page.get_absolute_url()
    assert Redirect.objects.count() >= Article.objects.count()


def test_second_import_changes_nothing(imported):
    def snapshot():
        return (
            list(Article.objects.values_list("id", "title", "body", "slug", "updated")),
            list(Page.objects.values_list("id", "title", "body", "updated")),
            list(Section.objects.values_list("id", "path", "title")),
            list(Tag.objects.values_list("id", "slug")),
            list(Redirect.objects.values_list("old_path", "article_id", "target_url")),
            list(ImportedItem.objects.values_list("id", "content_hash", "updated")),
        )

    before = snapshot()
    again = import_wxr(corpus(), edition_code="en")
    assert snapshot() == before
    assert again.total("posts", "unchanged") == again.total("posts")
    assert again.total("posts", "created") == 0


def test_percent_encoded_unicode_permalinks_redirect(imported, client):
    page = Page.objects.get(title="Επίπεδο 3")
    level = "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf"  # επίπεδο
    old = f"/greek/{level}-2/{level}-3/"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == page.get_absolute_url()
