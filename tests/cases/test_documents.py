"""Documents are checked by their content, checksummed, and their text is extracted."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from tests.cases.files import (
    BROKEN_PDF,
    EXE,
    doc_bytes,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    zip_with,
)
from vestnik.cases import documents, services
from vestnik.cases.models import CaseDocument


def test_pdf_docx_odt_text_is_extracted():
    assert (
        "violation of Article 8"
        in documents.check_document(
            "j.pdf", pdf_bytes("JUDGMENT", "There has been a violation of Article 8")
        ).text
    )
    checked = documents.check_document("j.docx", docx_bytes("Решение суда", "Жалоба удовлетворена"))
    assert checked.file_format == "docx" and "Жалоба удовлетворена" in checked.text
    checked = documents.check_document("j.ODT", odt_bytes("Observations of the Government"))
    assert checked.file_format == "odt" and "Observations of the Government" in checked.text
    checked = documents.check_document("old.doc", doc_bytes())
    assert checked.file_format == "doc" and checked.text == ""


def test_checksum_and_safe_name():
    data = pdf_bytes("x")
    checked = documents.check_document("../../etc/Решение суда 2019.pdf", data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.safe_name == "reshenie-suda-2019.pdf"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("judgment.pdf", EXE, "not a PDF, DOC, DOCX or ODT"),
        ("judgment.docx", EXE, "not a PDF, DOC, DOCX or ODT"),
        ("judgment.pdf", BROKEN_PDF, "damaged"),
        ("judgment.pdf", b"", "empty"),
        ("judgment.exe", EXE, "Only PDF, DOC, DOCX and ODT"),
        ("judgment", EXE, "Only PDF, DOC, DOCX and ODT"),
        ("judgment.docx", b"%PDF-1.4 not really", "really a PDF"),
        ("judgment.pdf", docx_bytes("hi"), "really a DOCX"),
        ("judgment.docx", zip_with("evil.sh", b"rm -rf /"), "not a PDF"),
        ("judgment.docx", b"PK\x03\x04broken zip", "not a PDF"),
        ("judgment.odt", zip_with("mimetype", b"text/html"), "not a PDF"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(ValidationError, match=message):
        documents.check_document(name, data)


def test_too_large_and_zip_bomb(monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(ValidationError, match="larger than"):
        documents.check_document("big.pdf", b"%PDF-" + b"0" * 2000)
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 50 * 2**20)
    monkeypatch.setattr(documents, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(ValidationError, match="unpacks to too much"):
        documents.check_document("bomb.docx", docx_bytes("a" * 20_000))


def test_bad_upload_saves_nothing(case_site, settings):
    case = case_site["case"]
    before = sorted(p.name for p in (settings.MEDIA_ROOT / "cases").rglob("*"))
    with pytest.raises(ValidationError):
        services.add_document(case, "virus.pdf", EXE, "Judgment")
    with pytest.raises(ValidationError, match="already"):
        services.add_document(
            case, "copy.pdf", case_site["document"].file.open("rb").read(), "Same again"
        )
    assert CaseDocument.objects.count() == 1
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "cases").rglob("*")) == before


def test_document_in_the_future_is_refused(case_site):
    import datetime as dt

    from django.utils import timezone

    with pytest.raises(ValidationError, match="future"):
        services.add_document(
            case_site["case"], "j.pdf", pdf_bytes("later"), "Judgment",
            date=timezone.localdate() + dt.timedelta(days=3),
        )  # fmt: skip
    assert CaseDocument.objects.count() == 1


def test_document_text_for_search(case_site):
    text = services.document_text(case_site["document"])
    assert "Article 8 complaint" in text and "ECLI:CE:ECHR:2006:0301" in text
