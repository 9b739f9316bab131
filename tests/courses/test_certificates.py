"""Certificates: the owner's PDF download and the public check by code."""

import re

import pytest
from django.urls import reverse

from courses import certificate_views, services
from courses.certificates import (
    certificate_by_code,
    certificate_code_normalise,
    certificate_html,
)
from courses.models import Certificate, Step
from iomsite.accounts.factories import UserFactory
from learning_record.services import statement_report
from learning_record.verbs import Verb

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE)


@pytest.fixture
def certificate(course, enrolled, team_lead, piece):
    """A real certificate: the enrolled learner completes every step of the course."""
    read, meet, reflect, visit, shadow = Step.objects.filter(course=course, retired=False).order_by(
        "module__path", "position"
    )
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=visit)
    services.step_mark_done(actor=team_lead, learner=enrolled, step=shadow)
    return Certificate.objects.get(user=enrolled, course=course)


def compact(code):
    return code.replace("-", "").lower()


def issued_date(certificate):
    from iomsite.templatetags.compass import govuk_date

    return govuk_date(certificate.issued_at)


# Codes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["ABCD-EFGH-JKLM", "abcdefghjklm", " abcd efgh jklm ", "Abcd-efgh jklm", "ABCD–EFGH–JKLM"],
)
def test_codes_are_normalised_to_the_printed_form(typed):
    assert certificate_code_normalise(typed) == "ABCD-EFGH-JKLM"


@pytest.mark.parametrize("typed", ["", None, "ABCD-EFGH", "ABCD-EFGH-JKLM-N", "ABCD-EFGH-JKL!"])
def test_malformed_codes_are_not_codes(typed):
    assert certificate_code_normalise(typed) is None


def test_the_selector_finds_a_certificate_however_its_code_is_typed(certificate):
    assert certificate_by_code(code=compact(certificate.code)) == certificate
    assert certificate_by_code(code="ZZZZ-ZZZZ-ZZZZ") is None
    assert certificate_by_code(code="nonsense") is None


# Download ------------------------------------------------------------------


def test_the_owner_downloads_their_certificate_as_a_pdf(certificate, signed_in):
    client = signed_in(certificate.user)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert f"{certificate.code}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_the_code_in_the_download_address_may_be_typed_loosely(certificate, signed_in):
    client = signed_in(certificate.user)
    response = client.get(reverse("certificates:download", args=[compact(certificate.code)]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_is_one_a4_landscape_page_with_everything_printed(certificate, rf):
    from weasyprint import HTML

    request = rf.get("/", HTTP_HOST="testserver")
    html = certificate_html(certificate=certificate, request=request)
    assert certificate.learner_name in html
    assert certificate.course_title in html
    assert issued_date(certificate) in html
    assert re.search(r"CPD hours</th><td>4</td>", html)
    assert certificate.code in html
    assert f"http://testserver/certificates/{certificate.code}/" in html
    assert "DejaVu Sans" in html and "#0b4f57" in html
    pages = HTML(string=html).render().pages
    assert len(pages) == 1
    assert pages[0].width > pages[0].height  # landscape
    assert round(pages[0].width * 25.4 / 96) == 297  # A4, in mm


def test_someone_elses_certificate_is_not_found(certificate, signed_in, team_lead):
    client = signed_in(team_lead)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 404
    assert certificate.learner_name not in response.content.decode()


def test_an_unknown_code_is_not_found_either(certificate, signed_in):
    client = signed_in(certificate.user)
    response = client.get(reverse("certificates:download", args=["ZZZZ-ZZZZ-ZZZZ"]))
    assert response.status_code == 404


def test_signing_in_is_needed_to_download(client, certificate):
    url = reverse("certificates:download", args=[certificate.code])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


def test_without_pango_the_download_says_what_to_install(certificate, signed_in, monkeypatch):
    monkeypatch.setattr(certificate_views, "brochure_unavailable_reason", lambda: "Install Pango.")
    client = signed_in(certificate.user)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 503
    content = response.content.decode()
    assert "Certificates cannot be downloaded at the moment" in content
    assert "Install Pango." in content
    assert content.count("<h1") == 1
    assert not INLINE_SCRIPT.search(content)


def test_without_pango_someone_elses_code_is_still_not_found(
    certificate, signed_in, team_lead, monkeypatch
):
    monkeypatch.setattr(certificate_views, "brochure_unavailable_reason", lambda: "Install Pango.")
    client = signed_in(team_lead)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 404


# Public check --------------------------------------------------------------


def test_the_check_page_starts_with_just_the_form(client, db):
    response = client.get(reverse("certificates:verify"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert '<label class="govuk-label govuk-label--s" for="id_code">Certificate code</label>' in (
        content
    )
    assert "There is a problem" not in content
    assert not INLINE_SCRIPT.search(content)
    assert not re.search(r"\son[a-z]+=", content)
    assert "javascript:" not in content


def test_a_code_typed_loosely_shows_only_what_is_printed(client, certificate):
    learner = certificate.user
    response = client.get(reverse("certificates:verify"), {"code": compact(certificate.code)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "This is a genuine IOM Compass certificate" in content
    assert certificate.learner_name in content
    assert certificate.course_title in content
    assert issued_date(certificate) in content
    assert re.search(r"CPD hours</dt>\s*<dd[^>]*>4</dd>", content)
    assert learner.email not in content
    assert learner.get_agency_display() not in content
    assert "Northmoor" not in content  # the learner's team
    assert not INLINE_SCRIPT.search(content)


def test_the_printed_address_shows_the_certificate(client, certificate):
    response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    assert response.status_code == 200
    content = response.content.decode()
    assert certificate.learner_name in content
    assert certificate.user.email not in content


def test_an_unknown_code_explains_what_to_do(client, certificate):
    response = client.get(reverse("certificates:verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "There is a problem" in content
    assert '<a href="#id_code">No certificate has this code. Check it and try again</a>' in content
    assert 'aria-describedby="id_code_helptext id_code-error"' in content
    assert "<title>Error: Check a certificate" in content
    assert certificate.learner_name not in content
    assert not INLINE_SCRIPT.search(content)


def test_an_unknown_printed_address_is_not_found(client, certificate):
    response = client.get(reverse("certificates:verify_code", args=["ZZZZZZZZZZZZ"]))
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_an_empty_check_asks_for_the_code(client, db):
    response = client.get(reverse("certificates:verify"), {"code": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert '<a href="#id_code">Enter the code printed on the certificate</a>' in content


def test_a_malformed_code_asks_for_the_code(client, db):
    response = client.get(reverse("certificates:verify"), {"code": "not a code"})
    assert response.status_code == 400
    assert '<a href="#id_code">Enter the code printed on the certificate</a>' in (
        response.content.decode()
    )


def test_signed_in_people_see_the_same_check(signed_in, certificate):
    other = UserFactory(display_name="Olive Other")
    response = signed_in(other).get(
        reverse("certificates:verify"), {"code": certificate.code.lower()}
    )
    assert response.status_code == 200
    assert certificate.learner_name in response.content.decode()
