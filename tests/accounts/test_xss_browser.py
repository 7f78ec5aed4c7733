"""The XSS corpus through the real admin forms into every text field, then every page in Chromium.

The browser runs with the Content-Security-Policy switched off, so escaping and sanitising
alone must stop every payload; the CSP is a second wall, checked separately.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import URLValidator

from tests.accounts.browser import add_session, chromium
from tests.accounts.helpers import login_verified
from tests.factories import SectionFactory
from tests.medialib import files
from vestnik.content.models import Article, Source, Tag
from vestnik.editorial.services import transition

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).parent / "data" / "xss.txt"


def load_corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def test_the_corpus_is_big_and_varied():
    payloads = load_corpus()
    assert len(payloads) >= 150
    assert len(set(payloads)) == len(payloads)
    text = "\n".join(payloads).lower()
    for kind in ["<script", "onerror", "javascript:", "data:", "<svg", "expression(", "<math"]:
        assert kind in text, kind


def _form_defaults(html: str) -> tuple[dict[str, str], dict[str, int]]:
    """Field names of the admin form with their initial values and max lengths."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=re.compile(r"_form$"))
    assert form is not None
    values: dict[str, str] = {}
    limits: dict[str, int] = {}
    for el in form.find_all(["input", "textarea", "select"]):
        name = el.get("name")
        if not name:
            continue
        if el.get("maxlength"):
            limits[name.replace("__prefix__", "0")] = int(el["maxlength"])
        if "__prefix__" in name:
            continue
        if el.name == "input" and el.get("type") in ("checkbox", "radio"):
            if el.has_attr("checked"):
                values[name] = el.get("value", "on")
            continue
        if el.name == "select":
            chosen = el.find("option", selected=True)
            values[name] = chosen["value"] if chosen else ""
        elif el.name == "textarea":
            values[name] = el.text
        else:
            values[name] = el.get("value", "")
    return values, limits


def _url_or_wrapped(payload: str) -> str:
    try:
        URLValidator()(payload)
    except ValidationError:
        return "https://example.org/?q=" + quote(payload, safe="")
    return payload


def _fit(value: str, name: str, limits: dict[str, int]) -> str:
    limit = limits.get(name)
    return value[:limit] if limit else value


ADD_ARTICLE = "/admin/content/article/add/"
ARTICLES = 40

# The text fields of an article and its blocks, as the admin form names them.
TEXT_FIELDS = [
    "title",
    "subtitle",
    "dateline_place",
    "body",
    "summary",
    "contacts-0-name",
    "contacts-0-city",
    "contacts-0-languages",
    "contacts-0-phones",
    "contacts-0-note",
    "events-0-title",
    "events-0-venue",
    "events-0-address",
    "links-0-title",
    "attachments-0-title",
]
UNLIMITED = 4000


class Packer:
    """Fill each field with as many payloads as fit, each field cycling through the corpus.

    Every article carries different payloads in different fields, so a few dozen articles take
    the corpus through every long field; `placed` records which payload reached which field.
    """

    def __init__(self, payloads: list[str]) -> None:
        self.payloads = payloads
        self.cursor: dict[str, int] = {}
        self.placed: dict[str, set[int]] = {}

    def fill(self, name: str, limit: int | None) -> str:
        limit = limit or UNLIMITED
        start = self.cursor.setdefault(name, (len(self.cursor) * 37) % len(self.payloads))
        parts: list[str] = []
        i = start
        while True:
            payload = self.payloads[i % len(self.payloads)]
            used = sum(len(p) + 1 for p in parts)
            if parts and used + len(payload) > limit:
                break
            parts.append(payload[:limit])
            self.placed.setdefault(name, set()).add(i % len(self.payloads))
            i += 1
            if i - start >= len(self.payloads):
                break
        self.cursor[name] = i
        return " ".join(parts)


def _post_article(client, form, packer: Packer, n: int, section, source, tag) -> Article:
    values, limits = form
    now = dt.datetime.now() - dt.timedelta(minutes=n)
    data: dict[str, object] = {**values}
    for prefix in ("contacts", "events", "links", "attachments"):
        data[f"{prefix}-TOTAL_FORMS"] = "1"
    for name in TEXT_FIELDS:
        data[name] = packer.fill(name, limits.get(name))
    data.update(
        {
            "edition": section.edition_id,
            "section": section.pk,
            "source": source.pk,
            "tags": [tag.pk],
            "slug": f"xss-{n}",
            "status": "published",
            "added_0": now.strftime("%Y-%m-%d"),
            "added_1": now.strftime("%H:%M:%S"),
            "show_in_site_news": "on",
            "contacts-0-email": "press@example.org",
            "contacts-0-order": "0",
            "events-0-start_0": "2030-01-02",
            "events-0-start_1": "10:00:00",
            "events-0-time_zone": "Europe/Moscow",
            "links-0-url": _url_or_wrapped(packer.payloads[n % len(packer.payloads)]),
            "links-0-order": "0",
            "attachments-0-file": SimpleUploadedFile(f"report-{n}.pdf", files.pdf()),
            "attachments-0-order": "0",
        }
    )
    response = client.post(ADD_ARTICLE, data)
    assert response.status_code == 302, (n, _errors(response))
    return Article.objects.get(section=section, slug=f"xss-{n}")


def _errors(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " | ".join(e.get_text(" ", strip=True) for e in soup.select(".errorlist, .errornote"))


def _post_simple(client, add_url: str, data: dict[str, object], model, **lookup):
    response = client.post(add_url, data)
    assert response.status_code == 302, _errors(response)
    return model.objects.get(**lookup)


def test_no_payload_runs_on_any_public_or_admin_page(client, live_server, en, django_user_model):
    payloads = load_corpus()
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "long-pass-123!")
    login_verified(client, boss)
    section = SectionFactory(edition=en, slug="news", title="News")

    form = _form_defaults(client.get(ADD_ARTICLE).content.decode())
    packer = Packer(payloads)
    articles = []
    for n in range(ARTICLES):
        source = _post_simple(
            client,
            "/admin/content/source/add/",
            {"name": packer.fill("source-name", 200), "url": f"https://example.org/{n}"},
            Source,
            url=f"https://example.org/{n}",
        )
        tag = _post_simple(
            client,
            "/admin/content/tag/add/",
            {"name": packer.fill("tag-name", 100), "slug": f"t{n}", "edition": en.pk},
            Tag,
            slug=f"t{n}",
        )
        articles.append(_post_article(client, form, packer, n, section, source, tag))
    # The back office saves drafts; the editor publishes them through the workflow.
    for article in articles:
        if article.status != Article.Status.PUBLISHED:
            transition(article, "publish", user=boss)

    coverage = {name: len(ids) / len(payloads) for name, ids in packer.placed.items()}
    long_fields = [name for name in TEXT_FIELDS if (form[1].get(name) or UNLIMITED) >= 300]
    assert all(coverage[name] == 1.0 for name in long_fields), coverage

    # The payloads really were stored (escaping happens on output, sanitising on save).
    stored = Article.objects.get(slug="xss-0")
    assert any(p in stored.title for p in payloads)
    assert "<script" not in stored.body and "onerror" not in stored.body

    pages = ["/en/", "/en/site-news/", f"/en/{section.path}/", "/admin/"]
    for article in articles:
        pages.append(article.get_absolute_url())
        pages.append(f"/admin/content/article/{article.pk}/change/")
    for tag in Tag.objects.all()[::4]:
        pages.append(f"/en/tags/{tag.slug}/")
    per_admin_page = 100
    for model in ("article", "source", "tag", "sitenewsitem"):
        for p in range(math.ceil(len(articles) / per_admin_page)):
            pages.append(f"/admin/content/{model}/?p={p + 1}")
    pages.append(f"/admin/content/article/{articles[0].pk}/history/")
    pages.append("/admin/content/article/?q=script")

    with chromium(live_server.url, bypass_csp=True) as browser:
        add_session(browser, client, live_server.url)
        queue = list(pages)
        seen: set[str] = set()
        while queue:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = browser.visit(path)
            assert response.status == 200, path
            # Follow the public pagination so every list page is opened too.
            for href in browser.page.eval_on_selector_all(
                "a[rel=next]", "els => els.map(e => e.getAttribute('href'))"
            ):
                queue.append(href)
        findings = browser.findings

    problems = findings.problems()
    assert problems == [], "\n".join(sorted(set(problems)))
    assert findings.pages >= 2 * ARTICLES
    short = {k: f"{v:.0%}" for k, v in coverage.items() if v < 1}
    print(
        f"\nXSS corpus: {len(payloads)} payloads in {len(coverage)} fields of {ARTICLES} articles"
        f" (fields shorter than 300 characters got {short}), {findings.pages} pages, 0 findings"
    )
