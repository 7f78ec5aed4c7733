"""Import of a saved old site: the reference page and its Russian twin, folders, redirects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from tests.importers.html_samples import build_site, reference_lines
from vestnik.content.models import Article, Redirect, Section
from vestnik.importers.errors import ImportFailed
from vestnik.importers.htmlsite import import_html_site
from vestnik.importers.models import ImportedItem


@pytest.fixture
def site(tmp_path):
    return build_site(tmp_path / "mirror")


@pytest.fixture
def imported(editions, site):
    return import_html_site(site, "en")


def test_reference_page_is_taken_apart(imported):
    lines = reference_lines()
    article = Article.objects.get(edition__code="en", slug__startswith="russia-free")
    assert article.title == "Russia: Free Human Rights Defender"
    assert article.subtitle == "Activist Apparently Targeted for Exposing Prison Abuse"
    assert article.source.name == "Human Rights Watch"
    assert article.dateline_place == "Moscow"
    assert article.dateline_date == dt.date(2009, 5, 26)
    assert article.body.startswith("<p>The Russian authorities should free")
    assert "News of site" not in article.body and "Add: 19.09.2016" not in article.body
    assert "(Moscow, May 26, 2009)" not in article.body
    assert "For more information, please contact" not in article.body
    assert "Main page" not in article.body and "All rights reserved" not in article.body
    assert lines[-3] not in article.body  # the last site-news item
    contacts = list(article.contacts.all())
    assert [(c.city, c.name) for c in contacts] == [
        ("Moscow", "Allison Gill"),
        ("Moscow", "Matthew Schaaf"),
        ("New York", "Rachel Denber"),
    ]
    assert contacts[0].languages == "English, Russian"
    assert contacts[2].phone_list == ["+1-212-216-1266", "+1-917-916-1266 (mobile)"]
    assert article.is_published and article.section.path == "news/russian"


def test_russian_twin_is_read_in_its_encoding_and_paired(imported):
    ru = Article.objects.get(edition__code="ru")
    en = Article.objects.get(edition__code="en", slug__startswith="russia-free")
    assert ru.title == "Россия: освободить правозащитника"
    assert ru.subtitle == "Активист преследуется за разоблачение пыток"
    assert ru.dateline_place == "Екатеринбург" and ru.dateline_date == dt.date(2009, 5, 26)
    assert ru.source.name == "Хьюман Райтс Вотч"
    assert [c.name for c in ru.contacts.all()] == ["Эллисон Гилл"]
    assert ru.translation_group and ru.translation_group == en.translation_group
    assert ru.section.edition.code == "ru" and ru.section.path == "news/russian"


def test_folders_become_sections_and_index_pages_are_skipped(imported):
    assert set(Section.objects.filter(edition__code="en").values_list("path", flat=True)) == {
        "news", "news/russian", "news/europe",
    }  # fmt: skip
    assert {s.key for s in imported.skipped} == {"en/news/index.html"}
    geneva = Article.objects.get(title="Appeal heard in Geneva")
    assert geneva.dateline_place == "Geneva" and geneva.added.date() == dt.date(2012, 3, 3)


def test_hostile_markup_is_sanitised(imported, client):
    article = Article.objects.get(title__startswith="Hostile")
    for bad in ("script", "onclick", "javascript", "iframe", "evil.example"):
        assert bad not in article.body
    assert client.get(article.get_absolute_url()).status_code == 200


def test_old_paths_redirect(imported, client):
    article = Article.objects.get(edition__code="en", slug__startswith="russia-free")
    response = client.get("/en/news/russian/sokolov.html")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    assert Redirect.objects.filter(article__edition__code="ru").count() == 1


def test_second_import_changes_nothing_and_edits_are_kept(imported, site):
    before = list(Article.objects.values_list("id", "title", "body", "updated"))
    again = import_html_site(site, "en")
    assert list(Article.objects.values_list("id", "title", "body", "updated")) == before
    assert again.total("articles", "unchanged") == 4 and again.total("articles", "created") == 0
    geneva = Article.objects.get(title="Appeal heard in Geneva")
    geneva.title = "Appeal heard in Geneva (edited)"
    geneva.save()
    page = site / "en/news/europe/geneva-appeal.html"
    page.write_text(page.read_text().replace("Appeal heard", "Appeal heard again"))
    third = import_html_site(site, "en")
    assert third.total("articles", "kept_local") == 1
    geneva.refresh_from_db()
    assert geneva.title == "Appeal heard in Geneva (edited)"
    assert ImportedItem.objects.get(key="en/news/europe/geneva-appeal.html").conflict


def test_changed_page_is_updated(imported, site):
    page = site / "en/news/russian/sokolov.html"
    page.write_text(
        page.read_text()
        .replace("(Moscow, May 26, 2009)", "(Kazan, May 27, 2009)")
        .replace("Allison Gill", "Alison Gill")
    )
    summary = import_html_site(site, "en")
    assert summary.total("articles", "updated") == 1
    article = Article.objects.get(edition__code="en", slug__startswith="russia-free")
    assert (article.dateline_place, article.dateline_date) == ("Kazan", dt.date(2009, 5, 27))
    assert article.contacts.first().name == "Alison Gill"
    assert article.contacts.count() == 3


def test_section_map(editions, site, tmp_path):
    mapping = tmp_path / "sections.txt"
    mapping.write_text("# old folder = new section\nnews/russian = russia\nnews = world\n")
    import_html_site(site, "en", section_map=mapping)
    paths = set(Article.objects.values_list("section__path", flat=True))
    assert paths == {"russia", "world"}


def test_bad_inputs(editions, site, tmp_path):
    mapping = tmp_path / "bad.txt"
    mapping.write_text("news = Новости!\n")
    with pytest.raises(ImportFailed, match="line 1: expected"):
        import_html_site(site, "en", section_map=mapping)
    with pytest.raises(ImportFailed, match="not a folder"):
        import_html_site(tmp_path / "nowhere", "en")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportFailed, match="no .html pages"):
        import_html_site(tmp_path / "empty", "en")
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import", "html", str(tmp_path / "nowhere"), "--edition", "en")
    assert not Article.objects.exists()


def test_garbage_and_huge_pages_are_skipped(editions, tmp_path):
    root = tmp_path / "junk"
    root.mkdir()
    (root / "binary.html").write_bytes(bytes(range(256)) * 100)
    (root / "empty.html").write_bytes(b"")
    (root / "huge.html").write_bytes(b"<p>" + b"x" * (6 * 1024 * 1024))
    (root / "deep.html").write_text("<div>" * 5000 + "<h1>Deep</h1>" + "</div>" * 5000)
    summary = import_html_site(root, "en")
    assert {s.key for s in summary.skipped} == {
        "binary.html", "empty.html", "huge.html", "deep.html",
    }  # fmt: skip
    assert not Article.objects.exists()


def test_dry_run_and_command(editions, site, capsys):
    call_command("import", "html", str(site), "--edition", "en", "--dry-run")
    assert "dry run" in capsys.readouterr().out
    assert not Article.objects.exists()
    call_command("import", "html", str(site), "--edition", "en")
    out = capsys.readouterr().out
    assert "articles: 4 created" in out and "translation pairs: 1 created" in out


def test_pairs_by_file_name(editions, tmp_path):
    from tests.importers.html_samples import plain_article, russian_page

    root = tmp_path / "site" / "press"
    root.mkdir(parents=True)
    (root / "release.html").write_text(plain_article("Release in English"), encoding="utf-8")
    (root / "release_ru.html").write_bytes(russian_page())
    import_html_site(tmp_path / "site", "en")
    en = Article.objects.get(edition__code="en")
    ru = Article.objects.get(edition__code="ru")
    assert en.translation_group and en.translation_group == ru.translation_group


def test_contacts_with_odd_emails(editions, tmp_path):
    from tests.importers.html_samples import plain_article

    root = tmp_path / "site"
    root.mkdir()
    contacts = (
        "<p>For more information, please contact:</p>"
        "<p>In Kazan, Ann Lee (English): +7-843-000-0000; a..b@example.org</p>"
        "<p>In Paris, Jean Roy (French): +33-1-00-00-00-00, jean@example.org</p>"
    )
    (root / "a.html").write_text(plain_article("Contacts", extra=contacts), encoding="utf-8")
    import_html_site(root, "en")
    ann, jean = Article.objects.get().contacts.all()
    assert (ann.name, ann.email) == ("Ann Lee", "")
    assert (jean.city, jean.email) == ("Paris", "jean@example.org")
    assert jean.phone_list == ["+33-1-00-00-00-00"] and ann.phone_list == ["+7-843-000-0000"]
