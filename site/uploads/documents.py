"""What a document's bytes must look like for its extension.

Wagtail accepts a document by its name alone, so a web page renamed `.pdf`
would be stored and handed out. Each allowed extension (WAGTAILDOCS_EXTENSIONS)
has a check on the file's first bytes, or on its zip directory for Office
files; a file that fails is refused with a message saying what it looks like.
"""

import os
import zipfile

from django.utils.translation import gettext as _

SNIFF_BYTES = 2048
# Markup at the start of a text file: a browser or a spreadsheet could treat it
# as a page or a script.
MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<?php",
    b"<iframe",
    b"<meta",
    b"<!--",
)
OFFICE_PARTS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def document_content_problem(upload) -> str | None:
    """Why this upload's content does not match its extension, or None if it does."""
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    try:
        check = CHECKS[extension]
    except KeyError:
        return _("Files ending .%(extension)s cannot be uploaded.") % {"extension": extension}
    if check(upload, head):
        return None
    looks_like = _looks_like(head)
    if looks_like:
        return _(
            "The file is named .%(extension)s but it is %(looks_like)s. Upload the real "
            ".%(extension)s file."
        ) % {"extension": extension, "looks_like": looks_like}
    return _(
        "The file is named .%(extension)s but its content is not a .%(extension)s file. "
        "Check you chose the right file, or save it again as .%(extension)s."
    ) % {"extension": extension}


def _pdf(upload, head) -> bool:
    return b"%PDF-" in head[:1024]


def _rtf(upload, head) -> bool:
    return head.startswith(b"{\\rtf")


def _office(part):
    def check(upload, head) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            names = zipfile.ZipFile(upload).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            upload.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)

    return check


def _text(upload, head) -> bool:
    if b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(MARKUP_STARTS):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text;
        # otherwise accept the Windows code page spreadsheets still save in.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


CHECKS = {
    "pdf": _pdf,
    "rtf": _rtf,
    "csv": _text,
    "txt": _text,
    **{extension: _office(part) for extension, part in OFFICE_PARTS.items()},
}


def _looks_like(head) -> str | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<?php" in start[:200]:
        return _("a PHP script")
    if start.startswith((b"<svg", b"<?xml")) and b"<svg" in start:
        return _("an SVG image")
    if start.startswith(MARKUP_STARTS):
        return _("a web page (HTML)")
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return _("a program")
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")):
        return _("an image")
    return None
