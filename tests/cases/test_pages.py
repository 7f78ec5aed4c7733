"""Public case pages: index with filters, case page, documents, feed, calendar, JSON-LD."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.cases.factories import make_cases
from vestnik.cases import services
from vestnik.cases.models import Case

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_case_page_shows_facts_timeline_documents_and_articles(client, case_site):
    response = client.get("/en/cases/petrova-v-russia/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "P. v. Russia"
    facts = page.select_one(".case-facts").get_text(" ", strip=True)
    for expected in ("European Court of Human Rights", "No. 12345/06", "Communicated",
                     "Right to a fair trial", "Ilya Kortnev", "Name withheld"):  # fmt: skip
        assert expected in facts
    items = page.select(".timeline li[class^=timeline-]")
    assert [li["class"][0] for li in items] == [
        "timeline-filing", "timeline-article", "timeline-article", "timeline-hearing",
    ]  # fmt: skip
    assert "Centre files letters case" in items[1].get_text()
    assert items[3].select_one("a.ics")["href"].endswith(".ics")
    doc = case_site["document"]
    listing = page.select_one(".case-documents").get_text(" ", strip=True)
    assert doc.sha256 in listing and "ECLI:CE:ECHR:2006:0301" in listing
    assert page.find("a", hreflang="ru")["href"] == "/ru/cases/petrova-v-russia/"


def test_russian_page_speaks_russian_and_links_back(client, case_site):
    page = soup(client.get("/ru/cases/petrova-v-russia/"))
    assert page.h1.get_text() == "П. против России"
    text = page.get_text(" ", strip=True)
    assert "Европейский суд по правам человека" in text and "Хронология" in text
    assert "Илья Кортнев" in text and "Жалоба подана" in text
    assert "Жалоба коммуницирована" in text and "Centre files letters case" not in text
    assert page.find("a", hreflang="en")["href"] == "/en/cases/petrova-v-russia/"


def test_document_has_a_stable_url_and_the_shown_checksum(client, case_site):
    doc = case_site["document"]
    url = doc.get_absolute_url("en")
    assert url == f"/en/cases/documents/{doc.pk}/application-form.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == doc.sha256
    assert client.get(f"/en/cases/documents/{doc.pk}/other.pdf").status_code == 301
    assert client.get("/en/cases/documents/999999/x.pdf").status_code == 404


def test_article_page_says_it_is_part_of_the_case(client, case_site):
    article = case_site["articles"][0]
    page = soup(client.get(article.get_absolute_url()))
    note = page.select_one(".article-case")
    assert "This article is part of the case" in note.get_text()
    assert note.a["href"] == "/en/cases/petrova-v-russia/"
    assert "Communicated" in note.get_text()
    ru_note = soup(client.get(case_site["ru_article"].get_absolute_url())).select_one(
        ".article-case"
    )
    assert "Эта статья" in ru_note.get_text() and ru_note.a.get_text() == "П. против России"


def test_atom_feed_follows_one_case(client, case_site):
    response = client.get("/en/cases/petrova-v-russia/atom.xml")
    assert response.status_code == 200 and "atom+xml" in response["Content-Type"]
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert titles[0].startswith("Hearing: ")
    assert "Article: Court asks government" in titles
    assert titles[-1] == "Filing: Application lodged"
    ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids) and all(i.startswith("http://testserver/") for i in ids)
    page = soup(client.get("/en/cases/petrova-v-russia/"))
    feeds = [link["href"] for link in page.find_all("link", type="application/atom+xml")]
    assert "/en/cases/petrova-v-russia/atom.xml" in feeds


def test_hearing_calendar_file(client, case_site):
    hearing = case_site["hearing"]
    response = client.get(f"/en/cases/petrova-v-russia/hearing-{hearing.pk}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Hearing: Letters case"
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (10, 30, "Europe/Paris")
    assert "Strasbourg" in str(event["location"])
    filing = case_site["filing"]
    assert client.get(f"/en/cases/petrova-v-russia/hearing-{filing.pk}.ics").status_code == 404


def test_structured_data_is_valid_json_ld(client, case_site):
    page = soup(client.get("/en/cases/petrova-v-russia/"))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "CreativeWork" and data["name"] == "P. v. Russia"
    assert data["identifier"]["value"] == "No. 12345/06"
    assert data["hasPart"][0]["sha256"] == case_site["document"].sha256
    assert data["subjectOf"][0]["@type"] == "Event"
    assert [m["name"] for m in data["mentions"]] == ["Russia", "Ilya Kortnev"]


def test_index_filters_and_pagination(client, case_site):
    make_cases(case_site, 25)
    page = soup(client.get("/en/cases/"))
    assert len(page.select(".case-row")) == 20
    assert page.select_one("a[rel=next]")["href"] == "?&page=2"
    assert len(soup(client.get("/en/cases/?page=2")).select(".case-row")) == 6
    only = soup(client.get("/en/cases/?court=echr&status=communicated&subject=privacy&year=2006"))
    assert [a.get_text() for a in only.select(".case-row h2 a")] == ["P. v. Russia"]
    assert soup(client.get("/en/cases/?court=un-hrc")).select(".case-row") == []
    ru = soup(client.get("/ru/cases/?court=echr"))
    assert "П. против России" in ru.get_text()


@pytest.mark.parametrize(
    "query",
    ["court=nowhere", "status=won", "subject=%3Cscript%3E", "year=20x6", "year=1066", "page=0",
     "page=99", "page=abc", "court=" + "x" * 500, "year=%00"],
)  # fmt: skip
def test_bad_filters_are_a_clear_404(client, case_site, query):
    response = client.get(f"/en/cases/?{query}")
    assert response.status_code == 404
    assert (
        soup(response).select_one(".error[role=alert]") or b"not found" in response.content.lower()
    )
    assert b"<script>" not in response.content


@pytest.mark.parametrize(
    "url",
    ["/en/cases/no-such-case/", "/en/cases/no-such-case/atom.xml", "/xx/cases/",
     "/en/cases/petrova-v-russia/hearing-99999.ics", "/en/cases/documents/abc/x.pdf",
     "/en/cases/%D0%B4%D0%B5%D0%BB%D0%BE/"],
)  # fmt: skip
def test_unknown_things_are_404(client, case_site, url):
    assert client.get(url, follow=True).status_code == 404


def test_hidden_case_and_edition_without_text_are_404(client, case_site, en, echr):
    case = case_site["case"]
    other = services.create_case(
        services.CaseData(slug="en-only", court=echr, texts=[services.CaseText(en, "English only")])
    )
    assert client.get("/ru/cases/en-only/").status_code == 404
    assert client.get("/en/cases/en-only/").status_code == 200
    Case.objects.filter(pk=case.pk).update(is_public=False)
    assert client.get("/en/cases/petrova-v-russia/").status_code == 404
    assert client.get(case_site["document"].get_absolute_url("en")).status_code == 404
    assert "P. v. Russia" not in soup(client.get("/en/cases/")).get_text()
    assert other.pk


def test_status_change_shows_in_site_news_sidebar(client, case_site):
    services.set_status(case_site["case"], Case.Status.JUDGMENT, when=None)
    page = soup(client.get("/en/"))
    link = page.find("a", href="/en/cases/petrova-v-russia/")
    assert link is not None and "Judgment delivered" in link.get_text()


def test_old_case_numbers_and_dates_in_pages(client, case_site):
    page = soup(client.get("/en/cases/petrova-v-russia/"))
    assert page.select_one(".timeline time")["datetime"] == dt.date(2006, 3, 1).isoformat()


def test_case_pages_are_valid_html5(client, case_site):
    from tests.html import html5_errors

    make_cases(case_site, 3)
    for url in ["/en/cases/", "/ru/cases/", "/en/cases/petrova-v-russia/",
                "/ru/cases/petrova-v-russia/", "/en/cases/?court=nope"]:  # fmt: skip
        markup = client.get(url).content.decode()
        assert html5_errors(markup) == [], url
        assert markup.startswith("<!DOCTYPE html>")


def test_index_finds_a_case_by_number_however_it_is_written(client, case_site):
    for spelled in ("12345/06", "No.%2012345/06", "%E2%84%96%2012345%2F06"):
        page = soup(client.get(f"/en/cases/?number={spelled}"))
        assert [a.get_text() for a in page.select(".case-row h2 a")] == ["P. v. Russia"]
    response = client.get("/en/cases/?number=hello")
    assert response.status_code == 404 and "not a case number" in response.content.decode()


def test_api_data_of_a_case_has_no_hidden_names(case_site, en):
    import json

    from tests.cases.conftest import HIDDEN

    data = services.case_data(case_site["case"], en)
    assert data["number_key"] == "12345/06" and data["status"] == "communicated"
    assert data["parties"][0] == {
        "role": "applicant", "kind": "person", "name": None, "name_hidden": True,
    }  # fmt: skip
    assert data["documents"][0]["sha256"] == case_site["document"].sha256
    assert HIDDEN not in json.dumps(data, ensure_ascii=False)


def test_every_public_url_answers(client, case_site, en, ru):
    for edition in (en, ru):
        urls = services.public_urls(edition)
        assert f"/{edition.code}/cases/petrova-v-russia/atom.xml" in urls
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_the_old_feed_address_redirects_to_the_atom_file(client, case_site):
    response = client.get("/en/cases/petrova-v-russia/feed/")
    assert response.status_code == 301
    assert response["Location"] == "/en/cases/petrova-v-russia/atom.xml"
