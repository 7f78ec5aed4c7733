"""Template helpers of the public site: dates, datelines, phone links."""

from __future__ import annotations

import re
from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

DATELINE_FORMATS = {"ru": "j E Y"}
DATELINE_DEFAULT = "F j, Y"
FIRST_P = re.compile(r"<p(\s[^>]*)?>", re.IGNORECASE)


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def edition_date(value: date | datetime | None, edition) -> str:
    """A date in the edition's own format (site news: 19.09.2016)."""
    if not value:
        return ""
    fmt = getattr(edition, "date_format", None) or "d.m.Y"
    return date_format(_local(value), fmt)


@register.filter
def long_date(value: date | datetime | None) -> str:
    """A date as a reader says it: May 26, 2009 / 26 мая 2009."""
    if not value:
        return ""
    fmt = DATELINE_FORMATS.get((get_language() or "en")[:2], DATELINE_DEFAULT)
    return date_format(value, fmt)


@register.filter
def clock(value: datetime | None) -> str:
    """Hours and minutes in the value's own time zone (an event's local time)."""
    return date_format(value, "H:i") if value else ""


@register.filter
def iso(value: date | datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


@register.simple_tag
def dateline(article) -> SafeString:
    """`(Moscow, May 26, 2009) –`, marked up; empty when the article has no dateline."""
    parts = []
    if article.dateline_place:
        parts.append(format_html('<span class="dateline-place">{}</span>', article.dateline_place))
    if article.dateline_date:
        parts.append(
            format_html(
                '<time datetime="{}">{}</time>',
                article.dateline_date.isoformat(),
                long_date(article.dateline_date),
            )
        )
    if not parts:
        return mark_safe("")  # noqa: S308 - constant
    inner = mark_safe(", ".join(parts))  # noqa: S308 - parts are escaped by format_html
    return format_html('<span class="dateline">({}) –</span> ', inner)


@register.simple_tag
def body_with_dateline(article) -> SafeString:
    """The stored (already sanitised) body with the dateline opening its first paragraph."""
    body = article.body or ""
    line = dateline(article)
    if not line:
        return mark_safe(body)  # noqa: S308 - sanitised on save by content.sanitize
    match = FIRST_P.search(body)
    if match is None:
        return mark_safe(f"<p>{line}</p>{body}")  # noqa: S308 - as above
    at = match.end()
    return mark_safe(body[:at] + line + body[at:])  # noqa: S308 - as above


@register.filter
def tel_href(phone: str) -> str:
    """`+7-916-238-5127 (mobile)` → `tel:+79162385127`."""
    number = phone.split("(", 1)[0]
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}" if digits else ""


@register.filter
def phone_number(phone: str) -> str:
    return phone.split("(", 1)[0].strip()


@register.filter
def phone_note(phone: str) -> str:
    if "(" not in phone:
        return ""
    return phone.split("(", 1)[1].rstrip(") ").strip()


@register.filter
def filesize(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@register.filter
def plain(value: str) -> str:
    return escape(value)
