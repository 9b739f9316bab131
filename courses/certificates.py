"""
Certificates after they are issued: looking one up by the code printed on it,
and printing it as a one-page A4 landscape PDF with WeasyPrint.

Issuing is `certificate_services.certificate_issue`. Codes are stored as "ABCD-EFGH-JKLM";
people type them in any case, with or without spaces and hyphens.
"""

import re

from django.template.loader import render_to_string
from django.urls import reverse

from thoughtpieces.brochure import local_files_fetcher

from .models import Certificate

CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces, hyphens and pasted dashes
_CODE = re.compile(rf"[A-Z0-9]{{{CODE_GROUPS * CODE_GROUP_LENGTH}}}")


def certificate_code_normalise(raw: str | None) -> str | None:
    """'abcd efgh-jklm' → 'ABCD-EFGH-JKLM'; None if it cannot be a certificate code."""
    compact = _SEPARATORS.sub("", raw or "").upper()
    if not _CODE.fullmatch(compact):
        return None
    return "-".join(
        compact[start : start + CODE_GROUP_LENGTH]
        for start in range(0, len(compact), CODE_GROUP_LENGTH)
    )


def certificate_by_code(*, code: str | None) -> Certificate | None:
    """The certificate with this code, typed in any form, or None."""
    normalised = certificate_code_normalise(code)
    if normalised is None:
        return None
    return Certificate.objects.filter(code=normalised).first()


def certificate_for_owner(*, user, code: str | None) -> Certificate | None:
    """The user's own certificate with this code; None for anyone else's (never say it exists)."""
    normalised = certificate_code_normalise(code)
    if normalised is None or not user.is_authenticated:
        return None
    return Certificate.objects.filter(code=normalised, user=user).first()


def certificate_verify_url(*, certificate: Certificate, request) -> str:
    """The absolute address where anyone can check this certificate."""
    return request.build_absolute_uri(reverse("certificates:verify_code", args=[certificate.code]))


def certificate_html(*, certificate: Certificate, request) -> str:
    return render_to_string(
        "courses/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": certificate_verify_url(certificate=certificate, request=request),
        },
        request=request,
    )


def certificate_pdf(*, certificate: Certificate, request) -> bytes:
    """Needs WeasyPrint with Pango: check `brochure_unavailable_reason()` first."""
    from weasyprint import HTML

    return HTML(
        string=certificate_html(certificate=certificate, request=request),
        base_url=request.build_absolute_uri("/"),
        url_fetcher=local_files_fetcher(),
    ).write_pdf()
