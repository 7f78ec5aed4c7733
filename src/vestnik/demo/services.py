"""`vestnik demo`: fill an empty site with the demo organisation's content and case files."""

from __future__ import annotations

from django.db import transaction

from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Event,
    Page,
    RelatedLink,
    Section,
    SiteNewsItem,
    Tag,
)
from vestnik.demo.cases import load_demo_cases
from vestnik.demo.content import articles, data, load_content


def load_demo(stdout=None) -> dict:
    """Fill an empty site with the demo content; return what was made ({} if not empty)."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    with transaction.atomic():
        if Article.objects.exists():
            say("The site has articles already; no demo content loaded.")
            return {}
        done = load_content(say)
        cases = load_demo_cases(done)
        codes = list(data("site")["editions"])
        demo = Article.objects.filter(pk__in=[a.pk for a in done.values()])
        counts = {
            "editions": len(codes),
            "sections": Section.objects.filter(edition__code__in=codes).count(),
            "articles": demo.count(),
            "published": demo.filter(status=Article.Status.PUBLISHED).count(),
            "drafts": demo.filter(status=Article.Status.DRAFT).count(),
            "translated_pairs": sum(
                1 for code in codes for item in articles(code) if item.get("translation_of")
            ),
            "reprints": demo.exclude(source=None).count(),
            "tags": Tag.objects.filter(edition__code__in=codes).count(),
            "links": RelatedLink.objects.filter(article__in=demo).count(),
            "contacts": Contact.objects.filter(article__in=demo).count(),
            "events": Event.objects.filter(article__in=demo).count(),
            "attachments": Attachment.objects.filter(article__in=demo).count(),
            "site_news": SiteNewsItem.objects.filter(edition__code__in=codes).count(),
            "pages": Page.objects.filter(edition__code__in=codes).count(),
            "cases": cases,
        }
    say(f"Demo content loaded: {counts}")
    return counts
