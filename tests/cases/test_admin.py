"""The back office edits cases with their texts, parties, timeline, documents and articles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases.admin_forms import form_data
from tests.cases.files import EXE, pdf_bytes
from vestnik.cases.models import Case, CaseDocument
from vestnik.content.models import SiteNewsItem

pytestmark = pytest.mark.django_db

INLINES = ["translations", "parties", "events", "documents", "article_links"]


@pytest.fixture
def staff(admin_client):
    return admin_client


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def _new_case_post(en, echr, upload, number="No. 777/19") -> dict:
    data = {
        "slug": "admin-case", "court": str(echr.pk), "number": number, "status": "pending",
        "status_changed_0": "2024-01-01", "status_changed_1": "10:00:00", "is_public": "on",
        "translations-0-edition": str(en.pk), "translations-0-title": "A. v. Russia",
        "events-0-kind": "filing", "events-0-date": "2019-02-01", "events-0-text": "Lodged",
        "events-0-time_zone": "Europe/Moscow", "events-0-duration_minutes": "120",
        "events-0-text_translations__ru": "Подана",
        "parties-0-role": "applicant", "parties-0-kind": "person", "parties-0-name": "Secret",
        "parties-0-hide_name": "on", "parties-0-order": "0",
        "parties-0-name_translations__ru": "Секретный",
        "documents-0-title": "Application", "documents-0-doc_type": "application",
        "documents-0-upload": upload,
    }  # fmt: skip
    for prefix in INLINES:
        total = 1 if prefix in ("translations", "events", "parties", "documents") else 0
        data.update(_management(prefix, total))
    return data


def test_admin_creates_a_case_with_inlines_and_a_checked_document(staff, en, echr):
    upload = SimpleUploadedFile("Application.pdf", pdf_bytes("Application text"))
    response = staff.post("/admin/vestnik_cases/case/add/", _new_case_post(en, echr, upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(slug="admin-case")
    assert case.number_key == "777/19"
    assert case.translations.get().title == "A. v. Russia"
    assert case.parties.get().hide_name
    assert case.parties.get().name_translations == {"ru": "Секретный"}
    assert case.events.get().text_in("ru") == "Подана"
    document = CaseDocument.objects.get(case=case)
    assert document.file_format == "pdf" and len(document.sha256) == 64
    assert "Application text" in document.text
    assert staff.get(f"/admin/vestnik_cases/case/{case.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "number", "message"),
    [
        ("judgment.pdf", EXE, "No. 777/19", "not a PDF, DOC, DOCX or ODT"),
        ("ok.pdf", pdf_bytes("x"), "No. 7-77/2019", "looks like No. 12345/06"),
    ],
)
def test_admin_bad_input_is_an_error_and_saves_nothing(
    staff, en, echr, name, data, number, message
):
    upload = SimpleUploadedFile(name, data)
    response = staff.post(
        "/admin/vestnik_cases/case/add/", _new_case_post(en, echr, upload, number)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists() and not CaseDocument.objects.exists()


def test_admin_status_change_is_announced(staff, case_site):
    case = case_site["case"]
    url = f"/admin/vestnik_cases/case/{case.pk}/change/"
    data = form_data(staff, url)
    data["status"] = "judgment"
    response = staff.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Case.objects.get(pk=case.pk).status == "judgment"
    titles = set(SiteNewsItem.objects.values_list("title", flat=True))
    assert "Case “P. v. Russia”: Judgment delivered" in titles


def test_admin_refuses_a_hidden_name_in_the_case_texts(staff, en, echr):
    upload = SimpleUploadedFile("a.pdf", pdf_bytes("x"))
    data = _new_case_post(en, echr, upload)
    data["parties-0-name"] = "Zoya Tainova"
    data["translations-0-title"] = "Zoya Tainova v. Russia"
    response = staff.post("/admin/vestnik_cases/case/add/", data)
    assert response.status_code == 200
    assert "whose name is hidden" in response.content.decode()
    data["translations-0-title"] = "T. v. Russia"
    data["events-0-text_translations__ru"] = "зоя таинова подала жалобу"
    data["parties-0-name_translations__ru"] = "Зоя Таинова"
    response = staff.post("/admin/vestnik_cases/case/add/", data)
    assert "whose name is hidden" in response.content.decode()
    assert not Case.objects.exists() and not CaseDocument.objects.exists()


def test_admin_edits_court_names_per_edition(staff, echr, ru):
    page = BeautifulSoup(staff.get(f"/admin/vestnik_cases/court/{echr.pk}/change/").content,
                         "html.parser")  # fmt: skip
    box = page.find("input", attrs={"name": "name_translations__ru"})
    assert box["value"] == "Европейский суд по правам человека"
    response = staff.post(
        f"/admin/vestnik_cases/court/{echr.pk}/change/",
        {"name": "ECtHR", "slug": "echr", "kind": "ecthr", "level": "10", "order": "5",
         "name_translations__ru": "ЕСПЧ"},
    )  # fmt: skip
    assert response.status_code == 302
    echr.refresh_from_db()
    assert echr.name_in("ru") == "ЕСПЧ" and echr.name_in("en") == "ECtHR"


def test_admin_refuses_a_document_that_names_a_hidden_party(staff, en, echr):
    upload = SimpleUploadedFile("a.pdf", pdf_bytes("The applicant Secret complains"))
    response = staff.post("/admin/vestnik_cases/case/add/", _new_case_post(en, echr, upload))
    assert response.status_code == 200
    assert "anonymised copy" in response.content.decode()
    assert not Case.objects.exists() and not CaseDocument.objects.exists()
