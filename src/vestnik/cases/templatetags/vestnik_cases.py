"""Template helpers of case files."""

from __future__ import annotations

from django import template

from vestnik.cases import services
from vestnik.cases.models import Case

register = template.Library()


@register.simple_tag
def article_cases(article) -> list[dict]:
    """The cases an article belongs to, with status, for "This article is part of the case"."""
    code = article.edition.code
    return [
        {
            "title": text.title,
            "url": text.case.get_absolute_url(code),
            "status": Case.Status(text.case.status).label,
            "status_key": text.case.status,
        }
        for text in services.cases_of_article(article)
    ]


@register.filter
def status_label(value: str) -> str:
    try:
        return str(Case.Status(value).label)
    except ValueError:
        return value
