"""A party whose name is hidden is in no public output: pages, feeds, JSON-LD, .ics, search."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import HIDDEN, HIDDEN_RU
from vestnik.cases import services
from vestnik.cases.models import Case, Party

FORBIDDEN = [HIDDEN, HIDDEN_RU, "Skrytnova", "Скрытнова", "Zinaida", "Зинаида"]


def _public_outputs(client, case_site) -> dict[str, bytes]:
    case = case_site["case"]
    hearing = case_site["hearing"]
    urls = ["/en/", "/ru/", "/en/site-news/", "/ru/site-news/"]
    for code in ("en", "ru"):
        base = f"/{code}/cases/"
        urls += [
            base, f"{base}?court=echr", f"{base}{case.slug}/", f"{base}{case.slug}/atom.xml",
            f"{base}{case.slug}/hearing-{hearing.pk}.ics",
        ]  # fmt: skip
    urls += [a.get_absolute_url() for a in case_site["articles"]]
    urls.append(case_site["ru_article"].get_absolute_url())
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content
    outputs["searchable_text"] = services.searchable_text(case).encode()
    outputs["document_text"] = services.document_text(case_site["document"]).encode()
    return outputs


def test_hidden_name_is_nowhere_in_public_output(client, case_site):
    services.set_status(case_site["case"], Case.Status.JUDGMENT)  # site news, feeds
    outputs = _public_outputs(client, case_site)
    assert b"Ilya Kortnev" in outputs["/en/cases/petrova-v-russia/"]  # the sweep sees names
    leaks = [
        (url, name)
        for url, body in outputs.items()
        for name in FORBIDDEN
        if name.lower().encode() in body.lower()
        or name.encode("unicode_escape").lower() in body.lower()
    ]
    assert leaks == []


def test_hiding_a_name_later_removes_it_everywhere(client, case_site):
    representative = case_site["case"].parties.get(role=Party.Role.REPRESENTATIVE)
    representative.hide_name = True
    representative.save()
    for url, body in _public_outputs(client, case_site).items():
        assert b"Kortnev" not in body and "Кортнев".encode() not in body, url


def test_hidden_name_cannot_be_written_into_case_texts(case_site):
    with pytest.raises(ValidationError, match="hidden"):
        services.add_event(
            case_site["case"], "filing", case_site["filing"].date, f"{HIDDEN} filed the complaint"
        )
    assert case_site["case"].events.count() == 2


def test_document_naming_a_hidden_party_is_refused(case_site):
    from tests.cases.files import docx_bytes, pdf_bytes

    with pytest.raises(ValidationError, match="anonymised copy"):
        services.add_document(
            case_site["case"], "j.pdf", pdf_bytes("Judgment", f"The applicant, {HIDDEN},"), "J"
        )
    with pytest.raises(ValidationError, match="anonymised copy"):
        services.add_document(
            case_site["case"], "j.docx", docx_bytes(f"Заявитель {HIDDEN_RU.upper()}"), "J"
        )
    assert case_site["case"].documents.count() == 1


def test_names_hidden_later_are_blanked_in_document_search_text(case_site):
    from tests.cases.files import pdf_bytes

    doc = services.add_document(
        case_site["case"], "letter.pdf", pdf_bytes("Letter signed by Ilya  Kortnev"), "Letter"
    )
    assert "Ilya  Kortnev" in services.document_text(doc) or "Ilya Kortnev" in doc.text
    Party.objects.filter(name="Ilya Kortnev").update(hide_name=True)
    text = services.document_text(doc)
    assert "Kortnev" not in text and "Letter signed by […]" in text
