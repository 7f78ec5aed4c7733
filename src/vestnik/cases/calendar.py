"""iCalendar files for hearings (the icalendar package writes RFC 5545)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event

from vestnik.cases.models import CaseTranslation, TimelineEvent


def hearing_calendar(
    event: TimelineEvent, text: CaseTranslation, code: str, url: str, host: str
) -> bytes:
    language = text.edition.language or code
    with override(language):
        summary = _("Hearing: %(case)s") % {"case": text.display_name}
    cal = Calendar()
    cal.add("prodid", "-//vestnik//case hearings//EN")
    cal.add("version", "2.0")
    item = Event()
    item.add("uid", f"hearing-{event.pk}@{host.split(':')[0] or 'vestnik'}")
    # RFC 5545: without METHOD, DTSTAMP is when the information was last revised; the case's
    # last change keeps the file byte-stable between requests (and in the static tree)
    item.add("dtstamp", event.case.updated.astimezone(dt.UTC))
    item.add("summary", summary)
    start = event.start
    if start is None:
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
    else:
        item.add("dtstart", start)
        item.add("dtend", start + dt.timedelta(minutes=event.duration_minutes or 60))
    item.add("description", f"{event.text_in(code)}\n{url}")
    if event.venue:
        item.add("location", event.venue)
    item.add("url", url)
    cal.add_component(item)
    return cal.to_ical()
