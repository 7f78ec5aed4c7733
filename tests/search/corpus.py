"""The fixed test corpus of tests/search/data/, loaded through the content services."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from vestnik.content import services as content
from vestnik.content.models import Article, Section

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


def load_corpus(editions: dict) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    sections: dict[tuple[str, str], Section] = {}
    for item in json.loads((DATA / "corpus.json").read_text(encoding="utf-8")):
        edition = editions[item["edition"]]
        key = (item["edition"], item["section"])
        if key not in sections:
            sections[key] = content.create_section(edition, item["section"])
        data = content.ArticleData(
            edition=edition,
            section=sections[key],
            title=item["title"],
            subtitle=item["subtitle"],
            body=f"<p>{item['body']}</p>",
            tags=item["tags"],
            added=dt.datetime.fromisoformat(item["date"]).replace(hour=12, tzinfo=dt.UTC),
        )
        articles[item["key"]] = content.create_article(data, publish=True)
    return articles


def queries() -> list[dict]:
    return json.loads((DATA / "queries.json").read_text(encoding="utf-8"))
