"""An incremental publish writes only what changed, and ends equal to a full rebuild."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, ContactFactory
from tests.publishing.conftest import tree_files
from tests.publishing.factories import tiny_site
from vestnik.content import services
from vestnik.content.models import Article, Page, Section, SiteNewsItem
from vestnik.publishing import signing
from vestnik.publishing.services import publish

pytestmark = pytest.mark.django_db

SIGNED = {signing.MANIFEST, signing.SIGNATURE}


def comparable(root: Path) -> dict[str, bytes]:
    files = {k: v for k, v in tree_files(root).items() if k not in SIGNED}
    files["files-in-manifest"] = json.dumps(
        json.loads((root / signing.MANIFEST).read_bytes())["files"], sort_keys=True
    ).encode()
    return files


def _article(site: dict, n: int) -> Article | None:
    articles = list(Article.objects.order_by("id"))
    return articles[n % len(articles)] if articles else None


def op_edit_title(site, n):
    if a := _article(site, n):
        a.title = f"Edited {n}"
        a.save()


def op_move(site, n):
    if a := _article(site, n):
        others = [s for s in Section.objects.filter(edition=a.edition) if s.pk != a.section_id]
        if others:
            a.section = others[n % len(others)]
            a.slug = f"{a.slug}-m{n}"  # a free slug in the new section
            a.save()


def op_slug(site, n):
    if a := _article(site, n):
        a.slug = f"renamed-{a.pk}-{n}"
        a.save()


def op_unpublish(site, n):
    if a := _article(site, n):
        services.unpublish_article(a)


def op_publish(site, n):
    if a := _article(site, n):
        services.publish_article(a)


def op_delete(site, n):
    if a := _article(site, n):
        a.delete()


def op_site_news(site, n):
    services.add_site_news(
        site["en"], title=f"Notice {n}", added=dt.datetime(2025, 1, n + 1, tzinfo=dt.UTC)
    )


def op_add_article(site, n):
    if Article.objects.filter(section=site["sections"][n % 3], slug=f"new-{n}").exists():
        return  # the same step drawn twice: the article is there already
    ArticleFactory(
        section=site["sections"][n % 3], added=dt.datetime(2023, 6, n + 1, tzinfo=dt.UTC),
        slug=f"new-{n}", show_in_site_news=False,
    )  # fmt: skip


def op_contact(site, n):
    if a := _article(site, n):
        ContactFactory(article=a, name=f"Contact {n}")


def op_tag(site, n):
    if a := _article(site, n):
        if a.edition_id == site["en"].pk:
            a.tags.add(site["tag"])


def op_section_title(site, n):
    section = site["sections"][n % 3]
    section.title = f"Section {n}"
    section.save()


def op_page(site, n):
    Page.objects.filter(slug="about").update(title=f"About {n}")


OPS = [
    op_edit_title, op_move, op_slug, op_unpublish, op_publish, op_delete, op_site_news,
    op_add_article, op_contact, op_tag, op_section_title, op_page,
]  # fmt: skip


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 20)), min_size=1, max_size=6))
def test_incremental_tree_equals_a_full_rebuild(keys_home, ops):
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        site = tiny_site(5)
        out = Path(tmp) / "out"
        publish(out, workers=1)
        for op, n in ops:
            op(site, n)
        incremental = publish(out, workers=1)
        assert incremental.incremental
        full = publish(Path(tmp) / "full", full=True, workers=1)
        assert comparable(incremental.path) == comparable(full.path)
        assert signing.verify_tree(incremental.path).ok
        transaction.set_rollback(True)


def test_an_unchanged_site_republishes_without_rendering(keys_home, tmp_path):
    tiny_site(5)
    first = publish(tmp_path / "out", workers=1)
    again = publish(tmp_path / "out", workers=1)
    assert again.incremental and again.rendered == 0 and again.linked == first.files
    assert (again.path / "en" / "index.html").stat().st_ino == (
        first.path / "en" / "index.html"
    ).stat().st_ino  # hard link: no bytes copied


def test_an_edit_rewrites_the_article_and_its_lists_not_other_articles(keys_home, tmp_path):
    site = tiny_site(6)
    publish(tmp_path / "out", workers=1)
    article = site["articles"][4]  # not in the sidebar's text? it is: title changes it
    article.show_in_site_news = False
    SiteNewsItem.objects.filter(article=article).delete()
    before = publish(tmp_path / "out", workers=1)
    article.subtitle = "A new deck"  # subtitle shows on the article and in teasers only
    article.save()
    result = publish(tmp_path / "out", workers=1)
    assert result.rendered >= 1

    def page(build: Path, a: Article) -> Path:
        return build / a.get_absolute_url().lstrip("/") / "index.html"

    assert "A new deck" in page(result.path, article).read_text()
    assert page(result.path, article).stat().st_ino != page(before.path, article).stat().st_ino
    # every other article page is the previous build's file, hard-linked, not rewritten
    others = [a for a in site["articles"] if a.pk != article.pk] + [site["ru_article"]]
    for other in others:
        assert page(result.path, other).stat().st_ino == page(before.path, other).stat().st_ino
    # and so are the lists that do not show it (another section's first page)
    press = site["sections"][2]
    assert press.pk != article.section_id
    listing = press.get_absolute_url().lstrip("/") + "index.html"
    assert (result.path / listing).stat().st_ino == (before.path / listing).stat().st_ino


def test_publishing_from_the_back_office_republishes_on_commit(
    keys_home, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    out = tmp_path / "published"
    site = tiny_site(3)
    monkeypatch.setenv("VESTNIK_PUBLISH_DIR", str(out))
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(section=site["sections"][0], status="draft", slug="fresh")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.publish_article(article)
    assert len(callbacks) == 1  # one publish per transaction, however many rows changed
    assert (out / "current" / "en" / "news" / "fresh" / "index.html").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_article(article)
    assert not (out / "current" / "en" / "news" / "fresh" / "index.html").exists()


def test_a_site_news_item_splices_the_sidebar_instead_of_rendering_every_page(
    keys_home, tmp_path, client
):
    site = tiny_site(6)
    publish(tmp_path / "out", workers=1)
    services.add_site_news(site["en"], title="Annual report is out", link_url="/en/about/")
    result = publish(tmp_path / "out", workers=1)
    # the English article pages only got the new block; the site-news list was rendered
    assert result.spliced >= len(site["articles"])
    assert result.rendered < result.spliced
    for article in site["articles"]:
        path = result.path / article.get_absolute_url().lstrip("/") / "index.html"
        assert path.read_bytes() == client.get(article.get_absolute_url()).content
        assert "Annual report is out" in path.read_text()
    # the Russian edition's sidebar did not change: its pages are the same files
    ru = site["ru_article"].get_absolute_url().lstrip("/") + "index.html"
    assert "Annual report is out" not in (result.path / ru).read_text()
    full = publish(tmp_path / "full", full=True, workers=1)
    assert comparable(result.path) == comparable(full.path)


def test_a_page_without_one_sidebar_block_is_rendered_not_spliced():
    from vestnik.publishing.pages import splice_sidebar

    block = b"<!--site-news--><aside>new</aside><!--/site-news-->"
    page = b"<main>x</main><!--site-news--><aside>old</aside><!--/site-news--></body>"
    assert splice_sidebar(page, block) == (
        b"<main>x</main><!--site-news--><aside>new</aside><!--/site-news--></body>"
    )
    assert splice_sidebar(b"<main>no block</main>", block) is None
    assert splice_sidebar(page + page, block) is None
    assert splice_sidebar(b"<!--/site-news--> <!--site-news-->", block) is None
