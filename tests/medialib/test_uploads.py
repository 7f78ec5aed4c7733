"""Images and documents: what is accepted, what is refused, and that refusals store nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image as PILImage

from tests.medialib import files
from vestnik.medialib import services
from vestnik.medialib.models import Document, Image, Rendition

pytestmark = pytest.mark.django_db


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_image_gets_webp_and_jpeg_renditions_in_several_widths(settings):
    image = services.add_image(io.BytesIO(files.jpeg(1200, 800)), alt="Protest in Perm")
    widths = {(r.format, r.width) for r in image.renditions.all()}
    assert widths == {(f, w) for f in ("webp", "jpeg") for w in (320, 640, 1024, 1200)}
    for rendition in image.renditions.all():
        with PILImage.open(rendition.file.path) as img:
            assert img.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
            assert img.width == rendition.width
    assert image.file.name == f"images/{image.sha256[:2]}/{image.sha256}.jpeg"


def test_location_and_camera_data_are_not_kept(settings):
    image = services.add_image(io.BytesIO(files.jpeg(400, 300, exif_gps=True)), alt="A street")
    for path in [image.file.path, *(r.file.path for r in image.renditions.all())]:
        with PILImage.open(path) as img:
            exif = img.getexif()
            assert 0x8825 not in exif and 0x010F not in exif


def test_a_small_image_is_not_enlarged(settings):
    image = services.add_image(io.BytesIO(files.png(300, 200)), alt="Logo")
    assert sorted({r.width for r in image.renditions.all()}) == [300]


def test_the_same_image_twice_is_stored_once(settings):
    data = files.jpeg(500, 400)
    first = services.add_image(io.BytesIO(data), alt="One")
    second = services.add_image(io.BytesIO(data), alt="Two")
    assert first.pk == second.pk and Image.objects.count() == 1


def test_responsive_image_tag_renders_srcset_and_escaped_alt(settings):
    image = services.add_image(io.BytesIO(files.jpeg(1200, 800)), alt='Crowd "at" <court>')
    html = Template("{% load medialib %}{% responsive_image img %}").render(Context({"img": image}))
    assert html.startswith('<picture><source type="image/webp" srcset="')
    assert "-320.webp 320w" in html and "-1200.jpg 1200w" in html
    assert 'alt="Crowd &quot;at&quot; &lt;court&gt;"' in html
    assert 'width="1200" height="800"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (files.windows_exe(), "program"),
        (files.pdf(), "not an image"),
        (files.png_bomb(), "pixels"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "not an image"),
        (files.jpeg(100, 100)[:200], "not an image"),
    ],
    ids=["exe", "pdf", "bomb", "empty", "broken-png", "truncated-jpeg"],
)
def test_bad_images_are_refused_and_nothing_is_stored(settings, data, message):
    with pytest.raises(services.UploadRejected, match=message):
        services.add_image(io.BytesIO(data), alt="whatever")
    assert Image.objects.count() == 0 and Rendition.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_image_without_alt_text_is_refused(settings):
    with pytest.raises(services.UploadRejected, match="alternative text"):
        services.add_image(io.BytesIO(files.jpeg(100, 100)), alt="   ")
    assert _stored_files(settings) == []


def test_oversize_image_is_refused(settings):
    settings.VESTNIK_IMAGE_MAX_BYTES = 1000
    with pytest.raises(services.UploadRejected, match="too large"):
        services.add_image(io.BytesIO(files.jpeg(400, 400)), alt="Big")
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("maker", "kind"),
    [(files.pdf, "pdf"), (files.docx, "docx"), (files.odt, "odt"), (files.doc, "doc")],
)
def test_documents_are_recognised_by_content(settings, maker, kind):
    # The name lies on purpose: the kind comes from the bytes.
    document = services.add_document(
        io.BytesIO(maker()), title="Report", original_name="report.txt"
    )
    assert document.kind == kind
    assert document.file.name == f"documents/{document.sha256[:2]}/{document.sha256}.{kind}"
    assert Path(document.file.path).read_bytes() == maker()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (files.windows_exe(), "program"),
        (files.jpeg(50, 50), "PDF, DOC, DOCX or ODT"),
        (files.plain_zip(), "not a DOCX or ODT"),
        (files.xlsx_like_ole(), "not a Word document"),
        (files.zip_bomb_docx(), "zip bomb"),
        (b"PK\x03\x04broken", "damaged"),
        (b"", "empty"),
        (b"<html><script>alert(1)</script></html>", "PDF, DOC, DOCX or ODT"),
    ],
    ids=["exe", "jpeg", "zip", "xls", "zip-bomb", "broken-zip", "empty", "html"],
)
def test_bad_documents_are_refused_and_nothing_is_stored(settings, data, message):
    with pytest.raises(services.UploadRejected, match=message):
        services.add_document(io.BytesIO(data), title="x", original_name="report.pdf")
    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


def test_oversize_document_is_refused(settings):
    settings.VESTNIK_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(services.UploadRejected, match="too large"):
        services.add_document(io.BytesIO(files.pdf()), title="Report")


# Through the real admin forms -------------------------------------------------------------


@pytest.fixture
def admin_client_(client, django_user_model):
    user = django_user_model.objects.create_superuser("media", "m@example.org", "pw-long-enough-1")
    client.force_login(user)
    return client


def test_admin_uploads_an_image_and_lists_it(admin_client_, settings):
    upload = SimpleUploadedFile("photo.jpg", files.jpeg(800, 600), content_type="image/jpeg")
    response = admin_client_.post(
        "/admin/vestnik_medialib/image/add/", {"upload": upload, "alt": "Court building"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.alt == "Court building" and image.renditions.count() == 6
    listing = admin_client_.get("/admin/vestnik_medialib/image/?q=court")
    assert "Court building" in listing.content.decode()
    change = admin_client_.get(f"/admin/vestnik_medialib/image/{image.pk}/change/")
    assert "<picture>" in change.content.decode()


def test_admin_refuses_renamed_executable_with_a_clear_error(admin_client_, settings):
    upload = SimpleUploadedFile("cute.jpg", files.windows_exe(), content_type="image/jpeg")
    response = admin_client_.post(
        "/admin/vestnik_medialib/image/add/", {"upload": upload, "alt": "cat"}
    )
    assert response.status_code == 200
    assert "This file is a program" in response.content.decode()
    assert Image.objects.count() == 0 and _stored_files(settings) == []


def test_admin_requires_alt_text(admin_client_, settings):
    upload = SimpleUploadedFile("photo.jpg", files.jpeg(100, 100), content_type="image/jpeg")
    response = admin_client_.post("/admin/vestnik_medialib/image/add/", {"upload": upload})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert Image.objects.count() == 0 and _stored_files(settings) == []


def test_admin_uploads_a_document_and_refuses_a_fake_one(admin_client_, settings):
    fake = SimpleUploadedFile("report.pdf", files.windows_exe(), content_type="application/pdf")
    bad = admin_client_.post("/admin/vestnik_medialib/document/add/", {"upload": fake})
    assert bad.status_code == 200 and "This file is a program" in bad.content.decode()
    real = SimpleUploadedFile("report.docx", files.docx(), content_type="application/msword")
    good = admin_client_.post(
        "/admin/vestnik_medialib/document/add/", {"upload": real, "title": "Annual report"}
    )
    assert good.status_code == 302
    document = Document.objects.get()
    assert document.kind == "docx" and document.original_name == "report.docx"
