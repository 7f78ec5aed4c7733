"""Slugs: ASCII, transliterated from Cyrillic and other scripts."""

from __future__ import annotations

from django.utils.text import slugify
from unidecode import unidecode

MAX_SLUG = 80

# Path segments the public site uses itself; a section or page may not take them.
RESERVED_SLUGS = frozenset(
    {"site-news", "tags", "archive", "search", "api", "feeds", "feed", "media", "static",
     "page", "admin", "cases", "sitemap.xml", "robots.txt"}
)  # fmt: skip


def make_slug(text: str, fallback: str = "item") -> str:
    """`Свободу правозащитнику!` → `svobodu-pravozashchitniku`; `old_post` → `old-post`."""
    # slugify keeps `_` (WordPress does too); our addresses use hyphens only
    slug = slugify(unidecode(text or "").replace("_", "-"))[:MAX_SLUG].strip("-")
    return slug or fallback
