"""Other apps add their own searchable things here (case documents, pages …).

An app describes each of its objects as an `EntryData` and

* calls `vestnik.search.services.index_entries([...])` / `remove_entries(kind, ids)` in
  the same transaction as its own change, and
* registers a provider, so `vestnik reindex` can rebuild its entries from scratch::

      from vestnik.search import registry
      registry.register("case-document", lambda: (entry_for(d) for d in Document.objects.all()))

Register in the app's `AppConfig.ready()`. `kind` is a short stable name, unique per app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

ARTICLE = "article"


@dataclass
class EntryData:
    """One searchable thing as the index sees it."""

    kind: str
    object_id: int
    edition_id: int
    url: str
    title: str
    added: dt.datetime
    language: str = "en"
    subtitle: str = ""
    text: str = ""
    extra_text: str = ""  # searchable but not shown (source name, place)
    section_id: int | None = None
    section_title: str = ""
    tag_ids: Sequence[int] = ()


Provider = Callable[[], Iterable[EntryData]]
_providers: dict[str, Provider] = {}


def register(kind: str, provider: Provider) -> None:
    """Make `vestnik reindex` rebuild entries of `kind` from `provider()`."""
    if kind == ARTICLE:
        raise ValueError("'article' entries belong to the search app itself")
    _providers[kind] = provider


def unregister(kind: str) -> None:
    _providers.pop(kind, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)
