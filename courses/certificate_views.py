"""
Certificates: the owner downloads theirs as a PDF; anyone can check a code.

The public check shows only what is printed on the certificate (name, course,
date issued, CPD hours) and nothing else about the learner.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from iomsite.forms import GovukFormMixin
from iomsite.ratelimits import rate_limit
from thoughtpieces.brochure import brochure_unavailable_reason

from .certificates import (
    certificate_by_code,
    certificate_code_normalise,
    certificate_for_owner,
    certificate_pdf,
    certificate_verify_url,
)

CODE_MISSING = "Enter the code printed on the certificate"
CODE_UNKNOWN = "No certificate has this code. Check it and try again"


class CertificateCodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Certificate code",
        help_text="It is printed at the bottom of the certificate, for example ABCD-EFGH-JKLM.",
        max_length=40,
        error_messages={"required": CODE_MISSING, "max_length": CODE_MISSING},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-20",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = certificate_code_normalise(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(CODE_MISSING, code="malformed")
        return code


def _no_store(response):
    patch_cache_control(response, no_store=True, private=True)
    return response


def _verify_response(request, data):
    """The check page: the form alone, the form with an error, or the certificate."""
    form = CertificateCodeForm(data)
    certificate = None
    status = 200
    if form.is_bound:
        if not form.is_valid():
            status = 400
        else:
            certificate = certificate_by_code(code=form.cleaned_data["code"])
            if certificate is None:
                form.add_error("code", CODE_UNKNOWN)
                status = 404
    response = render(
        request,
        "courses/certificate_verify.html",
        {"form": form, "certificate": certificate},
        status=status,
    )
    return _no_store(response)


@require_safe
def certificate_verify(request):
    """Public: GET ?code=… checks a code; without one, just the form."""
    return _verify_response(request, request.GET if "code" in request.GET else None)


@require_safe
def certificate_verify_code(request, code: str):
    """Public: the address printed on the certificate, checked straight away."""
    return _verify_response(request, {"code": code})


@require_safe
@login_required
@rate_limit("certificate", methods=("GET",))
def certificate_download(request, code: str):
    """The owner's certificate as a PDF. Anyone else's code is a 404, as if it did not exist."""
    certificate = certificate_for_owner(user=request.user, code=code)
    if certificate is None:
        raise Http404("No certificate of yours has this code.")
    reason = brochure_unavailable_reason()
    if reason:
        response = render(
            request,
            "courses/certificate_unavailable.html",
            {
                "certificate": certificate,
                "reason": reason,
                "verify_url": certificate_verify_url(certificate=certificate, request=request),
            },
            status=503,
        )
        return _no_store(response)
    response = HttpResponse(
        certificate_pdf(certificate=certificate, request=request),
        content_type="application/pdf",
    )
    filename = f"iom-compass-certificate-{certificate.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _no_store(response)
