"""Browser-side defences beyond the CSP (docs/security/csp.md): no-store on learner
data, the security headers on every response, and every template ready for the
strict policy."""

import re

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse

from iomsite.security import cacheable_when_signed_out
from tests.site.headers import LEGACY_REPORT, csp_directives, post_csp_report

pytestmark = pytest.mark.django_db


# --- no-store on learner data ----------------------------------------------------------


def _learner_data_urls(client):
    """(who, url, expected status) for every page and download that shows learner data."""
    from courses.models import Certificate, CoursePage
    from iomsite.accounts.models import DataExport
    from journals.models import JournalEntry, JournalShare
    from quizzes.models import QuizAttempt

    lead = "teamlead@example.org"
    share = JournalShare.objects.filter(team__isnull=False).select_related("entry", "team").first()
    entry = JournalEntry.objects.select_related("author").first()
    attempt = QuizAttempt.objects.filter(status="submitted").select_related("user", "quiz").first()
    certificate = Certificate.objects.select_related("user").first()
    course = CoursePage.objects.first()
    team = share.team
    member = team.memberships.exclude(user__email=lead).first().user
    client.force_login(entry.author)
    client.post(reverse("accounts:data_export_request"))
    export = DataExport.objects.filter(user=entry.author).latest("pk")
    client.logout()
    return [
        (entry.author.email, reverse("courses:my_learning"), 200),
        (entry.author.email, reverse("journals:index"), 200),
        (entry.author.email, reverse("journals:entry", args=[entry.pk]), 200),
        (entry.author.email, reverse("journals:history", args=[entry.pk]), 200),
        (entry.author.email, reverse("journals:export"), 200),
        (entry.author.email, reverse("journals:export") + "?format=md", 200),
        (entry.author.email, reverse("journals:notifications"), 200),
        (entry.author.email, reverse("accounts:profile"), 200),
        (entry.author.email, reverse("accounts:data_exports"), 200),
        (entry.author.email, reverse("accounts:data_export", args=[export.pk]), 200),
        (entry.author.email, reverse("accounts:data_export_download", args=[export.pk]), 200),
        (attempt.user.email, attempt.quiz.url + f"attempts/{attempt.pk}/review/", 200),
        (certificate.user.email, reverse("certificates:download", args=[certificate.code]), None),
        ("", reverse("certificates:verify_code", args=[certificate.code]), 200),
        (lead, reverse("teams:list"), 200),
        (lead, reverse("teams:detail", args=[team.pk]), 200),
        (lead, reverse("courses:team_progress", args=[team.pk]), 200),
        (lead, reverse("courses:team_progress_csv", args=[team.pk]), 200),
        (
            lead,
            reverse("courses:team_member_progress", args=[team.pk, member.pk, course.pk]),
            200,
        ),
        (lead, reverse("journals:team", args=[team.pk]), 200),
        (lead, reverse("journals:shared_entry", args=[share.entry.pk]), None),  # to the team's view
        (lead, reverse("journals:team_entry", args=[team.pk, share.entry.pk]), 200),
        ("admin@example.org", reverse("courses:report_index"), 200),
        ("admin@example.org", reverse("courses:report_course", args=[course.pk]), 200),
    ]


def test_every_learner_data_response_is_no_store(client, transactional_db):
    """One demo site for all the URLs (loading it takes seconds); each URL is checked
    and every failure reported together."""
    from iomsite.accounts.models import User
    from iomsite.demo import demo_load

    demo_load(with_accounts=True)
    failures = []
    urls = _learner_data_urls(client)
    assert len(urls) >= 20
    for email, url, status in urls:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        response = client.get(url)
        if status is not None and response.status_code != status:
            failures.append(f"{url} as {email or 'anonymous'}: status {response.status_code}")
        if response.get("Cache-Control") != "no-store, private":
            failures.append(f"{url}: Cache-Control {response.get('Cache-Control')!r}")
        if hasattr(response, "close"):
            response.close()
    assert not failures, "\n".join(failures)


def _new_page(request):
    return HttpResponse("<p>A page added after this rule was written</p>")


@cacheable_when_signed_out
def _public_page(request):
    response = HttpResponse("<p>Public content</p>")
    response["Cache-Control"] = "max-age=300, public"
    return response


# The site's own routes follow: middleware (two-factor, kept posts) reverses them.

urlpatterns = [
    path("new/", _new_page),
    path("public/", _public_page),
    path("", include("iomsite.urls")),
]


@pytest.mark.urls(__name__)
def test_a_page_nobody_listed_is_no_store_and_gets_the_csp(client, practitioner):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(practitioner)
        response = client.get("/new/")
        assert response["Cache-Control"] == "no-store, private"
        assert csp_directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.urls(__name__)
def test_opting_out_of_no_store_holds_for_signed_out_visitors_only(client, practitioner):
    assert client.get("/public/")["Cache-Control"] == "max-age=300, public"
    client.force_login(practitioner)
    assert client.get("/public/")["Cache-Control"] == "no-store, private"


# --- headers on every response ---------------------------------------------------------

EVERYWHERE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize(
    "url", ["/", "/no-such-page/", "/static/css/main.css", "/static/js/app.mjs", "/healthz/"]
)
def test_security_headers_on_every_response_static_files_and_errors_included(
    client, site_tree, url
):
    response = client.get(url)
    for name, value in EVERYWHERE.items():
        assert response[name] == value
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in permissions
    assert "interest-cohort" not in permissions  # the retired name
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'
    if url.startswith("/static/"):
        assert response.status_code == 200
        assert "no-store" not in response["Cache-Control"]  # WhiteNoise's caching stays


@override_settings(DEBUG=False)
def test_the_429_page_has_the_headers(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "csp_report": ("1/m", "100/m")}
    post_csp_report(client, LEGACY_REPORT)
    response = post_csp_report(client, LEGACY_REPORT)
    assert response.status_code == 429
    assert response["Cache-Control"] == "no-store, private"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


# --- every template, including ones added after this test -------------------------------
# Rendered by WeasyPrint or opened from a downloaded zip, never served to a browser
# under our CSP: their <style> blocks are fine.

NOT_BROWSER_PAGES = {
    "journals/journal_pdf.html",
    "courses/certificate_pdf.html",
    "thoughtpieces/brochure.html",
    "accounts/data_export_index.html",
}


def _templates():
    from django.conf import settings

    root = settings.BASE_DIR / "templates"
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if str(p.relative_to(root)) not in NOT_BROWSER_PAGES
    )


def test_no_template_has_inline_styles_handlers_or_scripts_without_the_nonce():
    problems = []
    for name in _templates():
        from django.conf import settings

        text = (settings.BASE_DIR / "templates" / name).read_text(encoding="utf-8")
        if re.search(r"<style\b", text, re.IGNORECASE):
            problems.append(f"{name}: <style> block (move it to frontend/scss)")
        if re.search(r"<[a-z][^>]*\sstyle\s*=", text, re.IGNORECASE):
            problems.append(f"{name}: style= attribute (use a class in frontend/scss)")
        if re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, re.IGNORECASE):
            problems.append(f"{name}: inline event handler (use a static/js file)")
        if "javascript:" in text:
            problems.append(f"{name}: javascript: URL")
        for tag in re.findall(r"<script\b[^>]*>", text, re.IGNORECASE):
            if 'type="application/json"' in tag:
                continue  # data, never run
            if "src=" not in tag:
                problems.append(f"{name}: inline <script> (use a static/js file)")
            elif 'nonce="{{ csp_nonce }}"' not in tag:
                problems.append(f'{name}: <script> without nonce="{{{{ csp_nonce }}}}"')
    assert not problems, "\n".join(problems)
