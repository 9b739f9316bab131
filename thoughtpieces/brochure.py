"""
"Create your own brochure": chosen pieces as one PDF, made with WeasyPrint.

WeasyPrint needs Pango from the operating system. Where it is missing the
rest of the site works and the brochure button says what to install.
"""

import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

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


def brochure_pdf(*, pieces: list[dict], request) -> bytes:
    from weasyprint import HTML

    html = render_to_string("thoughtpieces/brochure.html", {"pieces": pieces}, request=request)
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=local_files_fetcher()
    ).write_pdf()
