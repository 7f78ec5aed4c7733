"""The one HTML allowlist of vestnik: every stored HTML field goes through `clean_html`.

Every stored text field also loses the characters XML 1.0 cannot carry (`strip_controls`):
one of them in a title or a link makes feeds, sitemaps and the static publisher fail.
"""

from __future__ import annotations

import re
from typing import TypeVar

import nh3
from django.db import models

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


# C0 controls but tab, newline and carriage return; lone surrogates; the two non-characters.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """The text without the characters XML 1.0 forbids (NUL, other C0 controls, U+FFFE …)."""
    return XML_FORBIDDEN.sub("", text)


M = TypeVar("M", bound=models.Model)


CHARACTER_REFERENCE = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]{1,8})|(?P<dec>[0-9]{1,10}));?")


def strip_control_references(html: str) -> str:
    """The HTML without forbidden characters, raw or written as `&#1;` / `&#x1f;`."""

    def keep(match: re.Match[str]) -> str:
        code = int(match["hex"], 16) if match["hex"] else int(match["dec"])
        return "" if code < 0x110000 and XML_FORBIDDEN.match(chr(code)) else match[0]

    return CHARACTER_REFERENCE.sub(keep, strip_controls(html))


def clean_text_fields(instance: M) -> M:
    """Strip forbidden characters from every text field of a model instance (before writing)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and XML_FORBIDDEN.search(value):
                setattr(instance, field.attname, strip_controls(value))
    return instance


def clean_html(html: str | None) -> str:
    """Strip everything that is not on the allowlist: scripts, handlers, styles, bad URLs."""
    if not html:
        return ""
    # The HTML parser turns `&#1;` into a raw control character; removing it may join what it
    # split (`java&#1;script:`), so a changed result is sanitised again until nothing changes.
    cleaned = _clean_once(strip_controls(html))
    for _ in range(4):
        stripped = strip_controls(cleaned)
        if stripped == cleaned:
            return cleaned
        cleaned = _clean_once(stripped)
    return ""  # never stable: the serialiser escapes `&`, so this is not expected to happen


def _clean_once(html: str) -> str:
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
    return " ".join(strip_controls(nh3.clean(html, tags=set(), attributes={})).split())
