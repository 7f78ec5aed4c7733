"""docs/editors.md, step by step in Chromium on the demo site; its screenshots are made here.

`./dev screenshots` runs this with VESTNIK_SCREENSHOTS=docs/img: each step's picture is
written there (palette PNG, well under 200 KB). Without it the steps are only checked.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pyotp
import pytest

from tests import needs
from vestnik.cases.models import Case
from vestnik.content.models import Article, Edition

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MAX_BYTES = 200_000


@pytest.fixture(autouse=True)
def _account_security(settings):
    """The guide shows the real sign-in: second factor required."""
    settings.AXES_ENABLED = False  # one test signs in several times from one address
    settings.VESTNIK_REQUIRE_2FA = True


@pytest.fixture
def demo_accounts():
    from vestnik.cases.defaults import ensure_defaults
    from vestnik.cases.models import Court, Subject
    from vestnik.demo.accounts import ensure_demo_accounts
    from vestnik.demo.services import load_demo

    # an earlier transactional test may have flushed the courts the first migration made
    ensure_defaults(Court, Subject)
    load_demo()
    return {a.username: a for a in ensure_demo_accounts()}


@pytest.fixture
def shoot():
    """Save a screenshot of a page or an element under the name the guide uses."""
    folder = os.environ.get("VESTNIK_SCREENSHOTS", "")
    written: list[Path] = []

    def take(target, name: str) -> None:
        if not folder:
            return
        from PIL import Image

        path = Path(folder) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = target.screenshot(animations="disabled", caret="initial")
        image = Image.open(io.BytesIO(raw)).convert("RGB")
        # 64 colours are plenty for admin pages and keep each file small
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        written.append(path)

    yield take
    for path in written:
        assert path.stat().st_size < MAX_BYTES, f"{path} is {path.stat().st_size} bytes"


@pytest.fixture
def browser():
    executable = needs.chromium()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, headless=True)
        yield chromium
        chromium.close()


def sign_in(browser, live_server, account, shoot=None):
    page = browser.new_context(viewport={"width": 1100, "height": 720}).new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", account.username)
    page.fill("#id_password", account.password)
    if shoot:
        shoot(page, "sign-in")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", pyotp.TOTP(account.totp_secret).now())
    if shoot:
        shoot(page, "second-factor")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_the_editors_guide_step_by_step(browser, live_server, demo_accounts, shoot):
    base = live_server.url
    # 1. Signing in: password, then the code of the authenticator app
    page = sign_in(browser, live_server, demo_accounts["demo-contributor"], shoot)
    assert page.url == f"{base}/admin/"
    shoot(page, "back-office")

    # 2. A reprint: source, dateline, contacts and an event
    en = Edition.objects.get(code="en")
    page.goto(f"{base}/admin/content/article/add/")
    page.select_option("#id_edition", str(en.pk))
    page.select_option("#id_section", str(en.sections.get(path="news").pk))
    page.select_option("#id_source", label="Baltic Monitor of Prisons")
    page.fill("#id_title", "Monitors report cold cells in Murmansk detention centre")
    page.fill("#id_dateline_place", "Murmansk")
    page.fill("#id_dateline_date", "2026-11-30")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.type("Reprinted with permission. Observers visited the centre on 28 November.")
    shoot(page.locator("#article_form fieldset").first, "reprint-source-and-dateline")
    page.click("#contacts-group .add-row a")
    page.fill("#id_contacts-0-name", "Daria Mukhina")
    page.fill("#id_contacts-0-city", "Petrozavodsk")
    page.fill("#id_contacts-0-phones", "+7-900-000-1201 (mobile)")
    page.fill("#id_contacts-0-email", "press@example.org")
    page.click("#events-group .add-row a")
    page.fill("#id_events-0-title", "Public report of the monitors")
    page.fill("#id_events-0-start_0", "2026-12-10")
    page.fill("#id_events-0-start_1", "12:00")
    page.fill("#id_events-0-venue", "Press centre")
    shoot(page.locator("#contacts-group"), "contacts")
    page.click("input[name=_continue]")
    page.wait_for_selector("#workflow")
    article = Article.objects.get(title__startswith="Monitors report cold cells")
    assert article.source.name == "Baltic Monitor of Prisons"
    assert article.dateline_place == "Murmansk" and article.contacts.count() == 1
    assert article.events.get().title == "Public report of the monitors"

    # 3. Review: the contributor submits, the editor publishes
    page.click("button[value=submit]")
    page.wait_for_selector("text=is now In review")
    shoot(page.locator("#workflow"), "submitted-for-review")
    page.context.close()
    page = sign_in(browser, live_server, demo_accounts["demo-editor"])
    page.goto(f"{base}/admin/content/article/{article.pk}/change/")
    page.wait_for_selector("button[value=publish]")
    shoot(page.locator("#workflow"), "review-and-publish")
    page.click("button[value=publish]")
    page.wait_for_selector("text=is now Published")
    article.refresh_from_db()
    page.goto(f"{base}{article.get_absolute_url()}")
    assert "Monitors report cold cells" in page.locator("h1").first.inner_text()
    shoot(page, "published-article")

    # 4. Revisions: every save is kept; compare two and restore
    page.goto(f"{base}/admin/content/article/{article.pk}/change/")
    page.fill("#id_title", "Monitors find cold cells in the Murmansk detention centre")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    numbers = sorted(article.revisions.values_list("number", flat=True))
    assert len(numbers) >= 2
    page.goto(
        f"{base}/admin/content/article/{article.pk}/revisions/?a={numbers[-2]}&b={numbers[-1]}"
    )
    assert "Murmansk" in page.locator("#content").inner_text()
    shoot(page, "revisions")

    # 5. Case files
    case = Case.objects.get(slug="s-v-russia")
    page.goto(f"{base}/admin/vestnik_cases/case/{case.pk}/change/")
    assert "No. 48213/15" in page.content()
    shoot(page, "case-file")
    page.context.close()
