"""Preview links: a draft as it will look, at a URL signed for one article, for a limited time."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from vestnik.content.models import Article

SALT = "vestnik.editorial.preview"


def max_age() -> int:
    return settings.VESTNIK_PREVIEW_SECONDS


def make_token(article: Article) -> str:
    return signing.dumps({"article": article.pk}, salt=SALT, compress=True)


def preview_url(article: Article) -> str:
    return reverse("editorial-preview", args=[make_token(article)])


def article_from_token(token: str) -> Article | None:
    """The article a valid, unexpired token names; None for anything else."""
    if len(token) > 500:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # also SignatureExpired
        return None
    pk = data.get("article") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        return None
    return Article.objects.select_related("edition", "source").filter(pk=pk).first()
