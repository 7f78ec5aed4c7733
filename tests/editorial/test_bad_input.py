"""Hostile and malformed input to the editorial entry points: clear errors, never a 500."""

from __future__ import annotations

from tests.editorial.conftest import article_form_data, make_article
from vestnik.content.models import Article
from vestnik.editorial.models import WorkflowStep


def test_unknown_steps_huge_comments_and_bad_times_change_nothing(client, newsroom):
    article = make_article(newsroom["section_en"], status=Article.Status.REVIEW)
    client.force_login(newsroom["editor"])
    base = f"/admin/content/article/{article.pk}"
    cases = [
        ("workflow/explode/", {}),
        ("workflow/request_changes/", {"comment": "x" * 100_000}),
        ("workflow/schedule/", {"publish_at": "2099-13-45 99:99"}),
        ("workflow/schedule/", {"publish_at": "\x00"}),
    ]
    for suffix, data in cases:
        response = client.post(f"{base}/{suffix}", data, follow=True)
        assert response.status_code == 200
        assert "errornote" in response.content.decode() or "error" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not WorkflowStep.objects.exists()
    assert client.get(f"{base}/workflow/publish/").status_code == 405


def test_revision_pages_survive_garbage(client, newsroom):
    article = make_article(newsroom["section_en"])
    client.force_login(newsroom["editor"])
    base = f"/admin/content/article/{article.pk}/revisions"
    for query in ["?a=x&b=y", "?a=1&b=99999999999999999999", "?a=-1", "?a=%00"]:
        assert client.get(f"{base}/{query}").status_code == 200
    assert client.post(f"{base}/7/restore/").status_code == 404
    assert client.get("/admin/content/article/999999/revisions/").status_code == 404


def test_stale_or_forged_version_field_is_a_form_error(client, newsroom):
    article = make_article(newsroom["section_en"], by=newsroom["editor"], title="Kept")
    client.force_login(newsroom["editor"])
    url = f"/admin/content/article/{article.pk}/change/"
    for version in ["abc", "-1", "9" * 30, ""]:
        data = article_form_data(article, title="Changed", base_version=version)
        response = client.post(url, data)
        assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Kept"


def test_diff_and_conflict_escape_what_editors_typed(client, newsroom):
    payload = '<img src=x onerror="alert(1)">'
    article = make_article(newsroom["section_en"], by=newsroom["editor"], title="Plain")
    client.force_login(newsroom["editor"])
    url = f"/admin/content/article/{article.pk}/change/"
    client.post(url, article_form_data(article))
    article.refresh_from_db()
    stale = article_form_data(article)
    client.post(url, article_form_data(article, title=payload, subtitle=payload))
    conflict = client.post(url, stale).content.decode()
    assert "Edit conflict" in conflict
    assert payload not in conflict
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in conflict
    page = client.get(f"/admin/content/article/{article.pk}/revisions/?a=1&b=3").content.decode()
    assert payload not in page
    assert "onerror=&quot;" in page


def test_huge_body_is_stored_sanitised(client, newsroom):
    article = make_article(newsroom["section_en"], by=newsroom["editor"])
    client.force_login(newsroom["editor"])
    body = "<p>ok</p>" + '<p onmouseover="x()"><script>alert(1)</script>text</p>' * 5000
    response = client.post(
        f"/admin/content/article/{article.pk}/change/", article_form_data(article, body=body)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "script" not in article.body and "onmouseover" not in article.body
    assert article.body.count("<p>text</p>") == 5000
