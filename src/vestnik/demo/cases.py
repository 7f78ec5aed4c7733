"""The demo's case files (data/cases.toml): three invented cases with timelines and documents."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vestnik.cases import services
from vestnik.cases.models import Case, Court, Subject
from vestnik.content.models import Article, Edition
from vestnik.demo.content import data
from vestnik.demo.documents import document


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@transaction.atomic
def load_demo_cases(articles: dict[str, Article] | None = None) -> int:
    """Add the demo cases (once) and link them to the demo articles; return how many."""
    cases = data("cases")["case"]
    editions = {e.code: e for e in Edition.objects.filter(code__in=["en", "ru"])}
    if not editions or Case.objects.filter(slug__in=[c["slug"] for c in cases]).exists():
        return 0
    articles = articles or {}
    for item in cases:
        texts = [
            services.CaseText(editions[code], t["title"], t["short_title"], t["summary"])
            for code, t in item["texts"].items()
            if code in editions
        ]
        case = services.create_case(
            services.CaseData(
                slug=item["slug"],
                court=Court.objects.get(slug=item["court"]),
                number=item["number"],
                filed=_day(item["filed"]),
                status=item["status"],
                subjects=list(Subject.objects.filter(slug__in=item["subjects"])),
                texts=texts,
                parties=[
                    services.PartyData(
                        p["role"], p["name"], p["kind"], p["hidden"], p["translations"]
                    )
                    for p in item["parties"]
                ],
            )
        )
        Case.objects.filter(pk=case.pk).update(
            status_changed=dt.datetime.combine(
                _day(item["status_changed"]), dt.time(12, tzinfo=dt.UTC)
            )
        )
        events = [
            services.add_event(
                case,
                event["kind"],
                _day(event["date"]),
                event["text"],
                {"ru": event["text_ru"]},
                time=dt.time.fromisoformat(event["time"]) if "time" in event else None,
                time_zone="Europe/Moscow",
                venue=event.get("venue", ""),
            )
            for event in item["events"]
        ]
        for doc in item["documents"]:
            content, _mime = document(doc["name"], doc["lines"])
            services.add_document(
                case,
                doc["name"],
                content,
                doc["title"],
                doc_type=doc["type"],
                date=_day(doc["date"]),
                language=doc["language"],
                official_id=doc.get("official_id", ""),
                event=events[doc["event"]],
            )
        for key in item["articles"]:
            article = articles.get(key)
            if article is not None:
                services.link_article(case, article)
        case.refresh_from_db()
        services.announce_status(case)
    return len(cases)
