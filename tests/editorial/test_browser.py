"""The newsroom in headless Chromium: write, submit, review, publish; an edit conflict."""

from __future__ import annotations

import os

import pytest

from tests import needs
from tests.editorial.conftest import PASSWORD
from vestnik.content.models import Article

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    executable = needs.chromium()
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # itself are ordinary blocking calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True)
        yield browser
        browser.close()


def login(browser, live_server, username: str):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_contributor_drafts_editor_publishes_reader_sees_it(browser, live_server, newsroom):
    section = newsroom["section_en"]
    page = login(browser, live_server, "carl")
    page.goto(f"{live_server.url}/admin/content/article/add/")
    page.select_option("#id_edition", str(newsroom["en"].pk))
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_title", "Hearing in the Memorial case")
    # the slug fills itself from the title
    editor = page.locator(".field-body [contenteditable=true]")
    editor.click()
    page.keyboard.type("The court will hear the appeal on Monday.")
    page.click("#contacts-group .add-row a")
    page.fill("#id_contacts-0-name", "Anna Petrova")
    page.fill("#id_contacts-0-city", "Moscow")
    page.fill("#id_contacts-0-phones", "+7 900 000 00 00")
    page.click("#contacts-group .add-row a")
    page.fill("#id_contacts-1-name", "Boris Ivanov")
    page.click("#contacts-1 .vestnik-move-up")  # the press officer goes first
    page.click("input[name=_continue]")
    page.wait_for_selector("#workflow")
    article = Article.objects.get(title="Hearing in the Memorial case")
    assert article.slug.startswith("hearing-in-the-memorial")
    assert "hear the appeal on Monday" in article.body
    assert [c.name for c in article.contacts.all()] == ["Boris Ivanov", "Anna Petrova"]
    assert page.errors == []  # the editor and the reorder script loaded cleanly
    page.click("button[value=submit]")
    page.wait_for_selector("text=is now In review")
    assert "Publish now" not in page.content()
    page.context.close()

    page = login(browser, live_server, "edna")
    page.goto(f"{live_server.url}/admin/content/article/{article.pk}/change/")
    page.click("button[value=publish]")
    page.wait_for_selector("text=is now Published")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.locator("h1").first.inner_text() == "Hearing in the Memorial case"
    content = page.content()
    assert content.index("Boris Ivanov") < content.index("Anna Petrova")
    page.context.close()


def test_edit_conflict_between_two_browsers(browser, live_server, newsroom):
    from tests.editorial.conftest import make_article

    article = make_article(newsroom["section_en"], by=newsroom["editor"], title="Shared text")
    url = f"{live_server.url}/admin/content/article/{article.pk}/change/"
    first = login(browser, live_server, "edna")
    second = login(browser, live_server, "ada")
    first.goto(url)
    second.goto(url)
    first.fill("#id_title", "Title by Edna")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist .success")
    second.fill("#id_title", "Title by Ada")
    second.click("input[name=_continue]")
    conflict = second.wait_for_selector("#edit-conflict")
    text = conflict.inner_text()
    assert "Edit conflict" in text
    assert "edna" in text
    assert "Title by Edna" in text
    article.refresh_from_db()
    assert article.title == "Title by Edna"
    first.context.close()
    second.context.close()


def test_editor_schedules_and_the_article_goes_live_when_due(browser, live_server, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    from tests.editorial.conftest import make_article
    from vestnik.editorial.services import publish_due

    article = make_article(newsroom["section_en"], status=Article.Status.REVIEW, title="Later")
    page = login(browser, live_server, "edna")
    page.goto(f"{live_server.url}/admin/content/article/{article.pk}/change/")
    when = timezone.localtime() + timedelta(hours=1)
    page.fill("input[name=publish_at]", when.strftime("%Y-%m-%dT%H:%M"))
    page.click("button[value=schedule]")
    page.wait_for_selector("text=is now Scheduled")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert "Later" not in page.locator("main").inner_text()
    # An hour later the scheduler (server thread or `vestnik worker`) runs this.
    assert publish_due(now=when + timedelta(minutes=1)) == [article.pk]
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.locator("h1").first.inner_text() == "Later"
    page.context.close()
