"""Business rules of syndication: the content version, HTTP validators, response cache, rates."""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from vestnik.content.models import Article
from vestnik.syndication.models import ContentState

STATE_PK = 1


@dataclass(frozen=True)
class ContentVersion:
    """What every cache validator is derived from: changes whenever public content may."""

    token: str
    changed: datetime

    @property
    def timestamp(self) -> int:
        return int(self.changed.timestamp())


def content_version() -> ContentVersion:
    """The current version: one primary-key read; re-bumped when a scheduled article appears."""
    row = (
        ContentState.objects.filter(pk=STATE_PK)
        .values_list("token", "changed", "next_change")
        .first()
    )
    if row is None:
        return bump_content_version()
    token, changed, next_change = row
    if next_change is not None and next_change <= timezone.now():
        return bump_content_version()
    return ContentVersion(token, changed)


def bump_content_version() -> ContentVersion:
    """Record that content changed: new token, new Last-Modified, next scheduled appearance."""
    now = timezone.now()
    upcoming = Article.objects.filter(status=Article.Status.PUBLISHED, added__gt=now).aggregate(
        first=Min("added")
    )["first"]
    token = uuid.uuid4().hex
    values = {"token": token, "changed": now.replace(microsecond=0), "next_change": upcoming}
    if not ContentState.objects.filter(pk=STATE_PK).update(**values):
        try:
            with transaction.atomic():
                ContentState.objects.create(pk=STATE_PK, **values)
        except IntegrityError:  # another process created it first
            ContentState.objects.filter(pk=STATE_PK).update(**values)
    return ContentVersion(token, values["changed"])


def make_etag(version: ContentVersion, *parts: str) -> str:
    """A weak validator for one URL at one content version (quoted, ready for the header)."""
    digest = hashlib.sha256("\x1f".join((version.token, *parts)).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def cache_control() -> str:
    """Cache-Control for public responses: short for browsers, a CDN may serve stale on errors."""
    max_age = int(settings.VESTNIK_CACHE_MAX_AGE)
    s_maxage = (
        max_age if settings.VESTNIK_CACHE_S_MAXAGE is None else settings.VESTNIK_CACHE_S_MAXAGE
    )
    return (
        f"public, max-age={max_age}, s-maxage={s_maxage}, "
        f"stale-while-revalidate={max_age}, stale-if-error=86400"
    )


def response_cache_key(version: ContentVersion, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"vestnik:resp:{version.token}:{digest}"


def cached_body(key: str) -> dict | None:
    return cache.get(key)


def store_body(key: str, status: int, content: bytes, content_type: str) -> None:
    timeout = int(settings.VESTNIK_RESPONSE_CACHE_SECONDS)
    cache.set(key, {"status": status, "content": content, "content_type": content_type}, timeout)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0


def parse_rate(rate: str) -> tuple[int, int]:
    """`120/min` → (120, 60). Units: s, sec, m, min, h, hour, d, day."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400}
    return int(count), seconds.get(unit.strip().lower(), seconds.get(unit[:1].lower(), 60))


def check_rate(client_id: str, scope: str = "api") -> RateDecision:
    """Fixed-window rate limit per client in Django's cache (shared across workers on Redis)."""
    limit, window = parse_rate(str(settings.VESTNIK_API_RATE))
    now = int(time.time())
    window_start = now - now % window
    key = f"vestnik:rate:{scope}:{client_id}:{window_start}"
    cache.add(key, 0, window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, window + 1)
        used = 1
    if used > limit:
        return RateDecision(False, max(1, window_start + window - now))
    return RateDecision(True)
