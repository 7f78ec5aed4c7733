"""Old addresses of imported content → permanent redirects (content.Redirect)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from vestnik.content.models import Article, Redirect
from vestnik.site.middleware import has_control_chars

MAX_PATH = 1000


def old_path(url: str) -> str:
    """The path (and query) of an old absolute or relative URL, as Django's request.path has it."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme and parts.scheme not in ("http", "https"):
        return ""
    path = unquote(parts.path or "/")
    if not path.startswith("/"):
        path = "/" + path
    if parts.query:
        path += "?" + parts.query
    if len(path) > MAX_PATH or has_control_chars(path):
        return ""
    return path


def save_redirects(
    paths: Iterable[str], article: Article | None = None, target_url: str = ""
) -> int:
    """Point each old path at the article (or URL); returns how many were written."""
    wanted = [
        p for p in dict.fromkeys(paths) if p and len(p) <= MAX_PATH and not has_control_chars(p)
    ]
    target = article.get_absolute_url() if article is not None else target_url
    wanted = [p for p in wanted if p != target]
    if not wanted:
        return 0
    existing = {r.old_path: r for r in Redirect.objects.filter(old_path__in=wanted)}
    written = 0
    for path in wanted:
        redirect = existing.get(path)
        if redirect is None:
            Redirect.objects.create(old_path=path, article=article, target_url=target_url)
        elif redirect.article_id != (article.pk if article else None) or (
            redirect.target_url != target_url
        ):
            redirect.article, redirect.target_url = article, target_url
            redirect.save(update_fields=["article", "target_url"])
        else:
            continue
        written += 1
    return written
