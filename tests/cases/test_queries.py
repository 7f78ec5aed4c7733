"""Case pages cost a fixed number of queries, however long the case's story grows."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.factories import make_cases
from tests.cases.files import pdf_bytes
from tests.factories import ArticleFactory
from vestnik.cases import services


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_case_page_and_feed_queries_do_not_grow(client, case_site):
    case = case_site["case"]
    urls = ["/en/cases/petrova-v-russia/", "/en/cases/petrova-v-russia/atom.xml"]
    before = [count(client, url) for url in urls]
    for i in range(5):
        event = services.add_event(case, "decision", dt.date(2010, 1, 1 + i), f"Decision {i}")
        services.add_document(case, f"d{i}.pdf", pdf_bytes(f"doc {i}"), f"Doc {i}", event=event)
        services.link_article(case, ArticleFactory(section=case_site["en_section"]))
    after = [count(client, url) for url in urls]
    assert before == after


def test_case_index_queries_do_not_grow(client, case_site):
    make_cases(case_site, 2)
    before = count(client, "/en/cases/")
    make_cases(case_site, 30, start=2)
    assert count(client, "/en/cases/") == before
