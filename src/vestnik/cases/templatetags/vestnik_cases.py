"""Template helpers of case files."""

from __future__ import annotations

from django import template

from vestnik.cases import services
from vestnik.cases.models import Case

register = template.Library()


@register.simple_tag
def article_cases(article) -> list[dict]:
    """The cases an article belongs to, with status, for "This article is part of the case".

    The static publisher hands over what it loaded for a whole chunk of articles
    (`article.publishing_inputs`, see vestnik.publishing.registry); otherwise one query.
    """
    inputs = getattr(article, "publishing_inputs", None)
    if inputs is not None and "cases" in inputs:
        return services.article_case_box(article, inputs["cases"] or [])
    return services.article_case_box(article, None)


@register.filter
def status_label(value: str) -> str:
    try:
        return str(Case.Status(value).label)
    except ValueError:
        return value
