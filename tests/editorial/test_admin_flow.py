"""The back office over HTTP: write, submit, review, publish; revisions; edit conflicts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.editorial.conftest import article_form_data, make_article
from vestnik.content.models import Article, Contact
from vestnik.editorial.models import AuditEntry, Revision, WorkflowStep


def test_contributor_writes_submits_and_editor_publishes(client, newsroom):
    client.force_login(newsroom["contributor"])
    section = newsroom["section_en"]
    stub = Article(edition=newsroom["en"], section=section, title="", slug="", added=timezone.now())
    stub.version = 1
    data = article_form_data(
        stub, title="Court hearing announced", slug="court-hearing",
        body='<p>Hello <script>alert(1)</script><a href="https://example.org/x">link</a></p>',
        **{
            "contacts-TOTAL_FORMS": 1, "contacts-0-name": "Anna Petrova",
            "contacts-0-city": "Moscow", "contacts-0-phones": "+7 900 000 00 00",
            "contacts-0-order": 0,
        },
    )  # fmt: skip
    response = client.post("/admin/content/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="court-hearing")
    assert article.created_by == newsroom["contributor"]
    assert article.status == Article.Status.DRAFT
    assert "<script" not in article.body
    assert 'rel="noopener noreferrer"' in article.body
    assert Contact.objects.get(article=article).name == "Anna Petrova"
    assert article.revisions.count() == 1
    assert article.revisions.get().data["contacts"][0]["name"] == "Anna Petrova"

    response = client.post(f"/admin/content/article/{article.pk}/workflow/submit/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    # In review, the contributor can no longer publish or edit it.
    assert client.post(f"/admin/content/article/{article.pk}/workflow/publish/").status_code == 403
    assert client.get(article.get_absolute_url()).status_code == 404

    client.force_login(newsroom["editor"])
    page = client.get(f"/admin/content/article/{article.pk}/change/")
    assert page.status_code == 200
    assert "Publish now" in page.content.decode()
    client.post(f"/admin/content/article/{article.pk}/workflow/publish/")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    public = client.get(article.get_absolute_url())
    assert public.status_code == 200
    assert "Anna Petrova" in public.content.decode()
    steps = list(WorkflowStep.objects.filter(article=article).order_by("at", "id"))
    assert [(s.action, s.actor.username) for s in steps] == [
        ("submit", "carl"),
        ("publish", "edna"),
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"workflow.submit", "workflow.publish", "article.create"} <= actions


def test_request_changes_keeps_the_comment_and_returns_the_draft(client, newsroom):
    article = make_article(
        newsroom["section_en"], by=newsroom["contributor"], status=Article.Status.REVIEW
    )
    client.force_login(newsroom["editor"])
    client.post(
        f"/admin/content/article/{article.pk}/workflow/request_changes/",
        {"comment": "Please add the source."},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    step = WorkflowStep.objects.get(article=article)
    assert step.comment == "Please add the source."
    assert step.actor == newsroom["editor"]


def test_schedule_from_the_admin_rejects_past_and_garbage_times(client, newsroom):
    article = make_article(newsroom["section_en"], status=Article.Status.REVIEW)
    client.force_login(newsroom["editor"])
    url = f"/admin/content/article/{article.pk}/workflow/schedule/"
    for bad in ["yesterday", "2001-01-01 10:00", "9" * 5000, ""]:
        response = client.post(url, {"publish_at": bad}, follow=True)
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW
    when = timezone.now() + timedelta(days=1)
    client.post(url, {"publish_at": when.strftime("%Y-%m-%d %H:%M")})
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.publish_at is not None


def test_every_save_keeps_a_revision_and_restore_makes_a_new_one(client, newsroom):
    article = make_article(newsroom["section_en"], by=newsroom["editor"], title="First title")
    client.force_login(newsroom["editor"])
    url = f"/admin/content/article/{article.pk}/change/"
    assert client.post(url, article_form_data(article)).status_code == 302
    # The state before the first edit is kept too.
    assert article.revisions.last().comment == "Before the first edit in the back office"
    article.refresh_from_db()
    response = client.post(
        url,
        article_form_data(
            article, title="Second title", body="<p>Body text, now longer.</p>",
            **{"links-TOTAL_FORMS": 1, "links-0-title": "Report", "links-0-url": "https://example.org/r",
               "links-0-order": 0},
        ),
    )  # fmt: skip
    assert response.status_code == 302
    assert Revision.objects.filter(article=article).count() == 3

    page = client.get(f"/admin/content/article/{article.pk}/revisions/?a=2&b=3").content.decode()
    assert "<del>First</del>" in page
    assert "<ins>Second</ins>" in page
    assert "now longer" in page
    assert "Report" in page

    client.post(f"/admin/content/article/{article.pk}/revisions/2/restore/")
    article.refresh_from_db()
    assert article.title == "First title"
    assert not article.links.exists()
    assert article.revisions.count() == 4
    assert article.revisions.first().comment == "Restored revision #2"


def test_stale_form_gets_a_conflict_message_and_nothing_is_overwritten(client, newsroom):
    article = make_article(newsroom["section_en"], by=newsroom["editor"], title="Original")
    client.force_login(newsroom["editor"])
    url = f"/admin/content/article/{article.pk}/change/"
    client.post(url, article_form_data(article))  # revision 1
    article.refresh_from_db()
    stale = article_form_data(article, title="Edit of the second editor")
    # The first editor saves first.
    assert (
        client.post(url, article_form_data(article, title="Edit of the first editor")).status_code
        == 302
    )
    client.force_login(newsroom["admin"])
    response = client.post(url, stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Edit conflict" in page
    assert "edna" in page
    assert "<del>Original</del> <ins>Edit of the first editor</ins>" in page
    article.refresh_from_db()
    assert article.title == "Edit of the first editor"
    # A form without any version is stale too.
    no_version = article_form_data(article, title="Blind overwrite")
    del no_version["base_version"]
    assert client.post(url, no_version).status_code == 200
    article.refresh_from_db()
    assert article.title == "Edit of the first editor"


def test_schedule_accepts_the_browsers_datetime_local_format(client, newsroom):
    article = make_article(newsroom["section_en"], status=Article.Status.REVIEW)
    client.force_login(newsroom["editor"])
    page = client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert 'type="datetime-local" name="publish_at"' in page
    when = timezone.localtime() + timedelta(hours=3)
    client.post(
        f"/admin/content/article/{article.pk}/workflow/schedule/",
        {"publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert abs((article.publish_at - when).total_seconds()) < 60


def test_editor_media_carries_the_requests_csp_nonce(rf, newsroom):
    from vestnik.editorial.admin import with_csp_nonce
    from vestnik.editorial.forms import ArticleForm

    request = rf.get("/admin/")
    request.csp_nonce = "n0nce"
    context = {"media": ArticleForm().media}
    with_csp_nonce(request, context)
    html = str(context["media"])
    assert '<script type="importmap" nonce="n0nce">' in html
