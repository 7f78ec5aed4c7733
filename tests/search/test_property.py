"""Random edits, then the index answers exactly as a freshly rebuilt one."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, SectionFactory, TagFactory
from vestnik.content import services as content
from vestnik.content.models import Article
from vestnik.search import services

WORDS = ["court", "courts", "prison", "defender", "torture", "Петров", "Петрова", "суд", "суда"]
QUERIES = ["court", "prison", "defenders", "torture", "петров", "суд", "court -prison", "def*"]
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
edit = st.one_of(
    st.tuples(st.just("create"), text, text),
    st.tuples(st.just("title"), st.integers(0, 20), text),
    st.tuples(st.just("body"), st.integers(0, 20), text),
    st.tuples(st.just("publish"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("tag"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("move"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 20), st.none()),
)


def answers(edition, sections, tag):
    out = []
    for q in QUERIES:
        for kw in ({}, {"tag": tag}, {"section": sections[1]}):
            found = services.search(edition, q, now=NOW, per_page=50, **kw)
            out.append([(r.object_id, r.title, r.url, round(r.score, 9)) for r in found.results])
    return out


@pytest.mark.django_db
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(edit, min_size=1, max_size=8))
def test_random_edits_leave_the_index_as_a_reindex_would(en, edits):
    sections = [SectionFactory(edition=en), SectionFactory(edition=en)]
    tag = TagFactory(edition=en)
    for op, a, b in edits:
        articles = list(Article.objects.order_by("pk"))
        if op == "create":
            ArticleFactory(section=sections[0], title=a, body=f"<p>{b}</p>", added=NOW)
            continue
        if not articles:
            continue
        article = articles[a % len(articles)]
        if op == "title":
            article.title = b
            article.save()
        elif op == "body":
            article.body = f"<p>{b}</p>"
            article.save()
        elif op == "publish":
            (content.publish_article if b else content.unpublish_article)(article)
        elif op == "tag":
            (article.tags.add if b else article.tags.remove)(tag)
        elif op == "move":
            article.section = sections[int(b)]
            article.save()
        else:
            article.delete()
    live = answers(en, sections, tag)
    services.reindex()
    assert answers(en, sections, tag) == live
