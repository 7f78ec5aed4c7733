"""`{% syndication_head %}`: feed links, OpenGraph/Twitter tags and JSON-LD of a page."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from vestnik.content.sanitize import strip_controls
from vestnik.syndication import structured
from vestnik.syndication.feeds import feed_links

register = template.Library()


@register.simple_tag(takes_context=True)
def syndication_head(context) -> str:
    edition = context.get("edition")
    if edition is None:
        return ""
    absolute = structured.absolute_builder(context.get("request"))
    article = context.get("article")
    scripts = []
    if article is not None:
        url = absolute(context.get("canonical") or article.get_absolute_url())
        scripts.append(structured.news_article(article, absolute, url))
    if context.get("is_home"):
        scripts.append(structured.home_organization(edition, absolute))
    breadcrumbs = context.get("breadcrumbs")
    if breadcrumbs is not None:
        sections = list(breadcrumbs)
        last = None
        if article is not None:
            last = (article.title, context.get("canonical") or article.get_absolute_url())
        elif context.get("section") is not None:
            sections.append(context["section"])
        scripts.append(
            structured.breadcrumb_list(edition, sections, absolute, _("Main page"), last)
        )
    data = {
        "feeds": feed_links(edition, section=context.get("section"), tag=context.get("tag")),
        "meta": structured.open_graph(context, absolute),
        "scripts": [structured.json_ld(s) for s in scripts],
    }
    return render_to_string("vestnik_syndication/_head.html", data)


@register.filter
def xml_safe(value: object) -> str:
    """Text for an XML template without the characters XML 1.0 forbids (see sanitize.py)."""
    return strip_controls(str(value))
