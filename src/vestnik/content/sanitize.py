"""The one HTML allowlist of vestnik: every stored HTML field goes through `clean_html`."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _local_images_only(element: str, attribute: str, value: str) -> str | None:
    """Images come from the site's own media library: a remote `src` would tell a third party
    (or an adversary) who reads the article, so it is dropped."""
    if element == "img" and attribute == "src":
        v = value.strip()
        return v if v.startswith("/") and not v.startswith(("//", "/\\")) else None
    return value


def clean_html(html: str | None) -> str:
    """Strip everything that is not on the allowlist: scripts, handlers, styles, bad URLs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_local_images_only,
    ).strip()


def plain_text(html: str | None) -> str:
    """The text of an HTML fragment with every tag removed."""
    if not html:
        return ""
    return " ".join(nh3.clean(html, tags=set(), attributes={}).split())
