"""The demo site has three invented cases with timelines, documents and articles."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from vestnik.cases import services
from vestnik.cases.models import Case
from vestnik.demo.services import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_demo()


def test_demo_cases_in_both_editions(client, demo):
    assert demo["cases"] == 3
    assert Case.objects.count() == 3
    for code in ("en", "ru"):
        index = BeautifulSoup(client.get(f"/{code}/cases/").content, "html.parser")
        assert len(index.select(".case-row")) == 3
        for case in Case.objects.all():
            response = client.get(case.get_absolute_url(code))
            assert response.status_code == 200
            page = BeautifulSoup(response.content, "html.parser")
            assert page.select(".timeline li")
            for link in page.select(".case-documents a"):
                file = client.get(link["href"])
                assert file.status_code == 200
                sha = hashlib.sha256(b"".join(file.streaming_content)).hexdigest()
                assert sha in page.select_one(".case-documents").get_text()
            feed = client.get(case.get_absolute_url(code) + "atom.xml")
            assert ET.fromstring(feed.content).tag.endswith("feed")  # noqa: S314 - our own feed
            for name in services.hidden_names([case]):
                assert name.encode() not in response.content
                assert name.encode() not in feed.content


def test_demo_articles_are_on_the_case_pages_and_link_back(client, demo):
    page = BeautifulSoup(client.get("/en/cases/s-v-russia/").content, "html.parser")
    article_link = page.select_one(".timeline-article a")
    assert "fisherman from Kandalaksha" in article_link.get_text()
    article = BeautifulSoup(client.get(article_link["href"]).content, "html.parser")
    assert article.select_one(".article-case a")["href"] == "/en/cases/s-v-russia/"
    hearing = BeautifulSoup(client.get("/ru/cases/tikhonravov/").content, "html.parser")
    assert client.get(hearing.select_one("a.ics")["href"]).status_code == 200


def test_demo_documents_are_searchable(demo):
    texts = [services.document_text(d) for c in Case.objects.all() for d in c.documents.all()]
    assert any("lack of the elements of a crime" in t for t in texts)  # PDF
    assert any("bruises on the ribs" in t for t in texts)  # DOCX
    assert any("Optional Protocol" in t for t in texts)  # ODT


def test_demo_cases_are_loaded_once(demo):
    from vestnik.demo.cases import load_demo_cases

    assert load_demo_cases() == 0
    assert Case.objects.count() == 3
