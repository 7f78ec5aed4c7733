"""An Atom feed per case, so a journalist can follow one case."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from vestnik.cases import services
from vestnik.cases.models import Case, CaseTranslation
from vestnik.cases.views import _public_case
from vestnik.site.views import _edition

MAX_ITEMS = 50


class CaseFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, edition: str, slug: str):
        ed = _edition(request, edition)
        case, text = _public_case(ed, slug)
        entries = services.timeline(case, ed)
        return {
            "case": case, "text": text, "edition": ed, "entries": entries[::-1][:MAX_ITEMS],
            "origin": request.build_absolute_uri("/").rstrip("/"),
        }  # fmt: skip

    def get_feed(self, obj, request: HttpRequest):
        # the feed's xml:lang is the active language while Django builds it
        with override(obj["edition"].language):
            return super().get_feed(obj, request)

    def title(self, obj) -> str:
        text: CaseTranslation = obj["text"]
        return f"{text.title} — {obj['edition'].site_title or 'vestnik'}"

    def subtitle(self, obj) -> str:
        case: Case = obj["case"]
        return _("Status: %(status)s") % {"status": Case.Status(case.status).label}

    def link(self, obj) -> str:
        return obj["case"].get_absolute_url(obj["edition"].code)

    def items(self, obj) -> list:
        return [(obj, entry) for entry in obj["entries"]]

    def item_title(self, item) -> str:
        _obj, entry = item
        return f"{entry.label}: {entry.text}"

    def item_description(self, item) -> str:
        _obj, entry = item
        names = ", ".join(d.title for d in entry.documents)
        return entry.text + (f" ({names})" if names else "")

    def item_link(self, item) -> str:
        obj, entry = item
        if entry.article is not None:
            return entry.article.get_absolute_url()
        return f"{obj['case'].get_absolute_url(obj['edition'].code)}#event-{entry.event.pk}"

    def item_guid(self, item) -> str:
        # Atom ids must be absolute IRIs.
        link = self.item_link(item)
        return link if "://" in link else item[0]["origin"] + link

    def item_pubdate(self, item) -> dt.datetime:
        _obj, entry = item
        if entry.article is not None:
            return entry.article.added
        return dt.datetime.combine(entry.date, dt.time(12), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item) -> dt.datetime:
        return self.item_pubdate(item)
