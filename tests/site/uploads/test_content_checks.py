"""Uploads are checked by content for their extension and capped in size, images and
documents alike; documents are always downloads (docs/security/uploads.md)."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.site.uploads.photos import (
    DISGUISED,
    admin_image_add,
    photo,
    picture_png,
)

pytestmark = pytest.mark.django_db


# --- Images: type by content, size and pixel caps ----------------------------------


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("php", "Upload a valid image"),
        ("html", "Upload a valid image"),
        ("svg", "The extension does not match the file format (svg)"),
    ],
)
def test_a_script_renamed_jpg_is_refused_with_a_clear_error(signed_in, trainer, kind, message):
    response = admin_image_add(signed_in(trainer), "innocent.jpg", DISGUISED[kind])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    multiple = signed_in(trainer).post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("innocent.jpg", DISGUISED[kind])},
    )
    body = json.loads(multiple.content)
    assert not body["success"] and message in body["error_message"]


def test_a_png_renamed_jpg_is_refused(signed_in, trainer):
    response = admin_image_add(signed_in(trainer), "photo.jpg", picture_png())
    assert "The extension does not match the file format" in response.content.decode()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(signed_in, trainer):
    """A few kilobytes of PNG that would decode to 56 million pixels."""
    buffer = io.BytesIO()
    PILImage.new("1", (8000, 7000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    response = admin_image_add(signed_in(trainer), "bomb.png", buffer.getvalue())
    assert response.status_code == 200
    assert "This file has too many pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_an_image_over_the_size_cap_is_refused(signed_in, trainer, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    response = admin_image_add(signed_in(trainer), "big.jpg", photo(size=(400, 400)))
    assert "This file is too big" in response.content.decode()
    assert not Image.objects.exists()


# --- Documents ---------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    return buffer.getvalue()


def admin_document_add(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": 1},
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("guidance.pdf", DISGUISED["html"], "it is a web page (HTML)"),
        ("guidance.pdf", b"MZ\x90\x00" + b"\x00" * 60, "it is a program"),
        ("notes.txt", DISGUISED["svg"], "it is an SVG image"),
        ("notes.txt", b"  <script>fetch('/')</script>", "it is a web page (HTML)"),
        ("list.csv", DISGUISED["php"], "it is a PHP script"),
        ("plan.docx", plain_zip(), "its content is not a .docx file"),
        ("plan.xlsx", docx(), "its content is not a .xlsx file"),
        ("letter.rtf", PDF, "its content is not a .rtf file"),
    ],
)
def test_a_document_whose_content_does_not_match_its_name_is_refused(
    signed_in, trainer, name, data, message
):
    response = admin_document_add(signed_in(trainer), name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guidance.pdf", PDF),
        ("plan.docx", docx()),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
        ("list.csv", b"name,area\nSam,Northmoor\n"),
        ("excel.csv", "caf\xe9,\xa3120\n".encode("cp1252")),  # Windows spreadsheets
        ("notes.txt", "Notes – 5 < 6\n".encode()),
    ],
)
def test_real_documents_are_accepted(signed_in, trainer, name, data):
    response = admin_document_add(signed_in(trainer), name, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Document.objects.get().file_size == len(data)


def test_the_multiple_document_uploader_checks_content_too(signed_in, trainer):
    response = signed_in(trainer).post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("guidance.pdf", DISGUISED["html"])},
    )
    body = json.loads(response.content)
    assert not body["success"]
    assert "it is a web page (HTML)" in body["error_message"]
    assert not Document.objects.exists()


def test_a_document_over_the_size_cap_is_refused(signed_in, trainer, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = admin_document_add(signed_in(trainer), "big.pdf", PDF + b"0" * 2000)
    message = "This file is too big (2.0\xa0KB). Maximum filesize 1.0\xa0KB."
    assert message in response.content.decode()
    assert not Document.objects.exists()
    multiple = signed_in(trainer).post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)},
    )
    assert "This file is too big" in json.loads(multiple.content)["error_message"]


@pytest.mark.parametrize(("name", "data"), [("guidance.pdf", PDF), ("notes.txt", b"Notes\n")])
def test_documents_are_served_as_downloads_never_inline(client, signed_in, trainer, name, data):
    assert admin_document_add(signed_in(trainer), name, data).status_code == 302
    document = Document.objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
