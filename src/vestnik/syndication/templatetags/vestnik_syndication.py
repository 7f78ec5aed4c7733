"""`{% syndication_head %}`: feed links, canonical metadata and structured data of a page."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from vestnik.syndication.feeds import feed_links

register = template.Library()


@register.simple_tag(takes_context=True)
def syndication_head(context) -> SafeString | str:
    edition = context.get("edition")
    if edition is None:
        return ""
    data = {
        "feeds": feed_links(edition, section=context.get("section"), tag=context.get("tag")),
    }
    return render_to_string("vestnik_syndication/_head.html", data)
