"""The demo site's content, from the data files in vestnik/demo/data/ (see site.toml)."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from vestnik.content import services
from vestnik.content.models import Article, Attachment, Edition, Page, Section
from vestnik.content.services import ArticleData, ContactData, EventData
from vestnik.demo.documents import document, markup_html

DATA = Path(__file__).resolve().parent / "data"


@cache
def data(name: str) -> dict[str, Any]:
    """One data file of the demo, e.g. data("site")."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def utc(text: str) -> datetime:
    """An aware UTC datetime from "YYYY-MM-DD HH:MM"."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def local(text: str, zone: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone))


def articles(code: str) -> list[dict[str, Any]]:
    return data(f"articles-{code}")["article"]


def editions() -> dict[str, Edition]:
    """The demo editions (made when missing) with the demo organisation's titles."""
    site = data("site")["editions"]
    by_code = {e.code: e for e in services.ensure_editions()}
    missing = [(code, site[code]["site_title"]) for code in site if code not in by_code]
    if missing:
        by_code.update((e.code, e) for e in services.ensure_editions(missing))
    for code, texts in site.items():
        edition = by_code[code]
        edition.site_title, edition.tagline = texts["site_title"], texts["tagline"]
        edition.save(update_fields=["site_title", "tagline"])
    return by_code


def sections(edition: Edition) -> dict[str, Section]:
    """The demo sections of an edition by path; sections already there are reused."""
    by_path = {s.path: s for s in Section.objects.filter(edition=edition)}
    by_slug: dict[str, Section] = {}
    for order, item in enumerate(data("site")["sections"][edition.code]):
        parent = by_slug.get(item.get("parent", ""))
        path = f"{parent.path}/{item['slug']}" if parent else item["slug"]
        section = by_path.get(path)
        if section is None:
            section = services.create_section(
                edition, item["title"], item["slug"], parent=parent, order=order
            )
            section.description = item["description"]
            section.save(update_fields=["description"])
            by_path[path] = section
        by_slug[item["slug"]] = section
    return by_path


def _attach(article: Article, files: list[dict[str, Any]]) -> None:
    for order, item in enumerate(files):
        content, mime = document(item["name"], item["lines"])
        file = ContentFile(content, name=item["name"])
        Attachment(article=article, title=item["title"], file=file, mime=mime, order=order).save()


def create_article(item: dict[str, Any], edition: Edition, context: dict[str, Any]) -> Article:
    """One demo article; context holds the sections, sources and articles made so far."""
    added = utc(item["added"])
    place = item.get("place", "")
    dated = date.fromisoformat(item["dated"]) if item.get("dated") else added.date()
    contacts = data("site")["contacts"][edition.code]
    draft = item.get("draft", False)
    article = services.create_article(
        ArticleData(
            edition=edition,
            section=context["sections"][item["section"]],
            title=item["title"],
            subtitle=item.get("subtitle", ""),
            body=markup_html(item["body"]),
            summary=item.get("summary", ""),
            source=context["sources"].get(item.get("source", "")),
            dateline_place=place,
            dateline_date=dated if place else None,
            added=added,
            tags=item.get("tags", []),
            links=[(link["title"], link["url"]) for link in item.get("links", [])],
            contacts=[ContactData(**contacts[key]) for key in item.get("contacts", [])],
            events=[
                EventData(
                    event["title"],
                    local(event["starts"], event["time_zone"]),
                    event["venue"],
                    event["address"],
                    event["time_zone"],
                )
                for event in item.get("events", [])
            ],
            show_in_site_news=item.get("in_site_news", True),
            translation_of=context["done"].get(item.get("translation_of", "")),
            # published when it was added, not when the demo was loaded
            extra={} if draft else {"published_at": added},
        ),
        publish=not draft,
    )
    _attach(article, item.get("files", []))
    return article


def load_content(say) -> dict[str, Article]:
    """Editions, sections, sources, articles, site news and pages; the articles by key."""
    by_code = editions()
    sources = {
        key: services.get_or_create_source(item["name"], item["url"])
        for key, item in data("site")["sources"].items()
    }
    done: dict[str, Article] = {}
    for code in data("site")["editions"]:
        context = {"sections": sections(by_code[code]), "sources": sources, "done": done}
        items = articles(code)
        for item in items:
            done[item["key"]] = create_article(item, by_code[code], context)
        say(f"{code}: {len(items)} articles")
    for news in data("site")["site_news"]:
        services.add_site_news(
            by_code[news["edition"]],
            title=news["title"],
            article=done[news["article"]] if news.get("article") else None,
            link_url=news.get("link", ""),
            added=utc(news["added"]),
        )
    for code, pages in data("site")["pages"].items():
        for order, item in enumerate(pages):
            edition = by_code[code]
            if not Page.objects.filter(edition=edition, slug=item["slug"]).exists():
                page = Page(
                    edition=edition,
                    slug=item["slug"],
                    title=item["title"],
                    body=markup_html(item["body"]),
                )
                page.order = order
                page.save()
    return done
