"""
"Create your own brochure": chosen pieces as one PDF, made with WeasyPrint.

WeasyPrint needs Pango from the operating system. Where it is missing the
rest of the site works and the brochure button says what to install.

Bounded work (issue 12): a PDF is built once per set of piece revisions (and
day, as it says when it was made) and kept as a file under
BROCHURE_CACHE_ROOT; a set of more than BROCHURE_BACKGROUND_PIECES pieces is
built by a task on the `brochures` backend while the visitor is asked to check
again; and builds are rate-limited (group "brochure") per person and address.
"""

import hashlib
import json
import mimetypes
import os
import secrets
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.utils import timezone

# Bump when the PDF changes in a way the template's text does not show (styles, fonts).
BROCHURE_VERSION = "1"
PENDING_FOR_SECONDS = 10 * 60
KEEP_FOR_SECONDS = 2 * 24 * 60 * 60

INSTALL_HINT = (
    "PDF files (brochures and certificates) need the Pango text library on the server "
    "(on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0)."
)


@cache
def brochure_unavailable_reason() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return INSTALL_HINT
    return None


def _local_file(url: str) -> Path:
    """The file behind a /static/ or /media/ URL; anything else is refused."""
    path = urlsplit(url).path
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(settings.MEDIA_URL) :]).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    elif path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        if found:
            return Path(found)
    raise ValueError(f"Not a local file: {url}")


def local_files_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesOnly(URLFetcher):
        """Images come from disk; the PDF never fetches anything over the network."""

        def fetch(self, url, headers=None):
            file_path = _local_file(url)
            return URLFetcherResponse(
                url,
                body=file_path.read_bytes(),
                headers={"Content-Type": mimetypes.guess_type(file_path.name)[0] or ""},
            )

    return LocalFilesOnly()


def brochure_pdf(*, pieces: list[dict], request=None) -> bytes:
    """The PDF. Nothing in it depends on who asked, so a worker can build it too."""
    from weasyprint import HTML

    html = render_to_string("thoughtpieces/brochure.html", {"pieces": pieces})
    base_url = request.build_absolute_uri("/") if request else "http://localhost/"
    return HTML(string=html, base_url=base_url, url_fetcher=local_files_fetcher()).write_pdf()


@cache
def _template_digest() -> str:
    source = get_template("thoughtpieces/brochure.html").template.source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def brochure_key(pages) -> str:
    """Names one PDF: the pieces' live revisions, the template and the day."""
    revisions = sorted((page.pk, page.live_revision_id or 0) for page in pages)
    identity = [BROCHURE_VERSION, _template_digest(), timezone.localdate().isoformat(), revisions]
    return hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:40]


def cache_folder() -> Path:
    folder = Path(settings.BROCHURE_CACHE_ROOT)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cached_brochure(key: str) -> Path | None:
    path = cache_folder() / f"{key}.pdf"
    return path if path.is_file() else None


def brochure_store(*, key: str, pdf: bytes) -> Path:
    """Written whole, then renamed, so a reader never sees half a file."""
    folder = cache_folder()
    partial = folder / f"{key}.{secrets.token_hex(6)}.part"
    partial.write_bytes(pdf)
    path = folder / f"{key}.pdf"
    os.replace(partial, path)
    (folder / f"{key}.pending").unlink(missing_ok=True)
    _prune(folder)
    return path


def brochure_claim(key: str) -> bool:
    """True for the one request that should queue this build (no duplicate queueing)."""
    marker = cache_folder() / f"{key}.pending"
    try:
        if time.time() - marker.stat().st_mtime < PENDING_FOR_SECONDS:
            return False
        marker.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def brochure_release(key: str) -> None:
    (cache_folder() / f"{key}.pending").unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Old brochures (superseded revisions, earlier days) are removed."""
    cutoff = time.time() - KEEP_FOR_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
