"""The reference page of ../shared/seeds/, rebuilt through the services and read back."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.html import soup, text
from tests.shared import shared_dir
from vestnik.content import services

CONTACT = re.compile(r"^In (?P<city>[^,]+), (?P<name>[^(]+) \((?P<langs>[^)]+)\): (?P<phones>.+)$")
DATELINE = re.compile(r"^\((?P<place>[^,]+), (?P<date>[A-Z][a-z]+ \d+, \d{4})\) – (?P<rest>.*)$")
EVENT = re.compile(
    r"news conference at (?P<hour>\d+) p\.m\. on (?P<month>[A-Z][a-z]+) (?P<day>\d+) in the "
    r"(?P<venue>[^(]+?) \((?P<address>[^)]+)\)"
)


def seed_file() -> Path:
    seeds = shared_dir() / "seeds"
    files = sorted(seeds.glob("000_*.txt"))
    if not files:
        pytest.fail(f"reference page missing: {seeds}/000_*.txt")
    return files[0]


def parse_reference(path: Path) -> dict:
    """Split the text dump into the parts of the page."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    nonempty = [line for line in lines if line]
    crumbs = [c.strip() for c in nonempty[0].split(">")]
    source, heading = nonempty[1], nonempty[2]
    title, _, subtitle = heading.partition(". ")
    start = nonempty.index(heading) + 1
    contact_at = nonempty.index("For more information, please contact:")
    news_at = nonempty.index("News of site")
    paragraphs = nonempty[start:contact_at]
    first = DATELINE.match(paragraphs[0])
    assert first, paragraphs[0]
    paragraphs[0] = first["rest"]
    contacts = [CONTACT.match(line) for line in nonempty[contact_at + 1 : news_at]]
    news, pending_title = [], ""
    for line in nonempty[news_at + 1 :]:
        if line.startswith("Add: "):
            news.append((pending_title, line.removeprefix("Add: ")))
            pending_title = ""
        else:
            pending_title = line
    return {
        "crumbs": crumbs,
        "source": source,
        "title": title,
        "subtitle": subtitle,
        "place": first["place"],
        "date": dt.datetime.strptime(first["date"], "%B %d, %Y").date(),
        "paragraphs": paragraphs,
        "contacts": contacts,
        "news": news,
    }


@pytest.fixture
def reference(en):
    ref = parse_reference(seed_file())
    section = services.create_section(en, ref["crumbs"][1])
    event = EVENT.search(" ".join(ref["paragraphs"]))
    moscow = ZoneInfo("Europe/Moscow")
    event_start = dt.datetime.strptime(
        f"{event['month']} {event['day']} {ref['date'].year} {int(event['hour']) + 12}",
        "%B %d %Y %H",
    ).replace(tzinfo=moscow)
    body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in ref["paragraphs"])
    article = services.create_article(
        services.ArticleData(
            edition=en,
            section=section,
            title=ref["title"],
            subtitle=ref["subtitle"],
            source=services.get_or_create_source(ref["source"]),
            dateline_place=ref["place"],
            dateline_date=ref["date"],
            body=body,
            added=dt.datetime(2009, 5, 27, 9, 0, tzinfo=dt.UTC),
            show_in_site_news=False,
            contacts=[
                services.ContactData(
                    name=m["name"].strip(),
                    city=m["city"],
                    languages=m["langs"],
                    phones=[p.strip() for p in m["phones"].split("; or ")],
                )
                for m in ref["contacts"]
            ],
            events=[
                services.EventData(
                    title="News conference",
                    start=event_start,
                    venue=event["venue"].strip(),
                    address=event["address"],
                    time_zone="Europe/Moscow",
                )
            ],
        ),
        publish=True,
    )
    for title, added in ref["news"]:
        day = dt.datetime.strptime(added, "%d.%m.%Y").replace(hour=12, tzinfo=dt.UTC)
        services.add_site_news(en, title=title, added=day)
    return ref, article


def test_reference_article_anatomy(client, reference):
    """The article page shows the reference page's parts, in the page's order."""
    ref, article = reference
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)

    crumbs = page.select('nav[aria-label="Breadcrumb"] ol > li')
    assert [text(li) for li in crumbs] == ref["crumbs"] == ["Main page", "News Russian"]

    node = page.find("article")
    assert len(node.find_all("h1")) == 1
    assert text(node.select_one(".source")) == ref["source"] == "Human Rights Watch"
    assert text(node.find("h1")) == ref["title"] == "Russia: Free Human Rights Defender"
    assert text(node.select_one(".subtitle")) == ref["subtitle"]

    paragraphs = node.select(".body > p")
    assert text(paragraphs[0].select_one(".dateline")) == "(Moscow, May 26, 2009) –"
    assert paragraphs[0].select_one(".dateline time")["datetime"] == "2009-05-26"
    assert [text(p) for p in paragraphs][1:] == [" ".join(p.split()) for p in ref["paragraphs"][1:]]
    assert text(paragraphs[0]).endswith(" ".join(ref["paragraphs"][0].split()))

    contacts = node.select(".contacts li.contact")
    assert len(contacts) == len(ref["contacts"]) == 3
    for li, expected in zip(contacts, ref["contacts"], strict=True):
        assert text(li.select_one(".contact-name")) == expected["name"].strip()
        assert text(li.select_one(".contact-languages")) == expected["langs"]
        assert expected["city"] in text(li)
        numbers = [text(a) for a in li.select("a.contact-phone")]
        assert numbers == [p.split("(")[0].strip() for p in expected["phones"].split("; or ")]
    first_phone = contacts[0].select_one("a.contact-phone")["href"]
    assert first_phone == "tel:+79162385127"

    event = node.select_one(".events .event")
    assert "Independent Press Center" in text(event)
    assert event.find("time")["datetime"] == "2009-05-27T14:00:00+04:00"

    # Order of the parts: source, title, subtitle, body, contacts, event.
    order = [
        node.select_one(sel)
        for sel in (".source", "h1", ".subtitle", ".body", ".contacts", ".events")
    ]
    positions = [str(node).index(str(part)) for part in order]
    assert positions == sorted(positions)


def test_reference_sidebar_lists_the_ten_items_in_order(client, reference):
    """The site-news sidebar shows the ten items of the page with `Add:` dates, newest first."""
    ref, article = reference
    page = soup(client.get(article.get_absolute_url()))
    items = page.select("aside.site-news li")
    assert len(items) == len(ref["news"]) == 10
    for li, (title, added) in zip(items, ref["news"], strict=True):
        assert li.find("a") is not None and li.find("a")["href"]
        if title:
            assert text(li.find("a")) == " ".join(title.split())
        assert text(li.select_one(".added")) == f"Add: {added}"
        day = dt.datetime.strptime(added, "%d.%m.%Y").date()
        assert li.find("time")["datetime"].startswith(day.isoformat())
