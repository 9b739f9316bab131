"""Browser-side defences (docs/security/csp.md): the strict CSP with per-request
nonces, the Wagtail admin's policy, the violation report endpoint, no-store on
learner data, and the security headers on every response."""

import json
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse

from iomsite.security import cacheable_when_signed_out
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\bnonce="([^"]+)"')


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _header_nonce(response) -> str:
    sources = _policy(response)["script-src"]
    nonces = [s[len("'nonce-") : -1] for s in sources if s.startswith("'nonce-")]
    assert len(nonces) == 1, sources
    return nonces[0]


def assert_strict_policy_with_nonced_scripts(response) -> str:
    """The learner policy, and every <script> on the page carries the header's nonce."""
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report/"]
    nonce = _header_nonce(response)
    scripts = SCRIPT_TAG.findall(response.content.decode())
    assert scripts, "the page loads no scripts at all"
    for tag in scripts:
        found = NONCE_ATTR.search(tag)
        assert found and found.group(1) == nonce, f"script without this request's nonce: {tag}"
    return nonce


# --- the learner policy on each kind of page ----------------------------------------


@pytest.fixture
def pages(site_tree, practitioner, team, team_lead):
    """One URL of each kind of page, and who opens it."""
    from journals.services import journal_entry_create
    from quizzes.factories import make_quiz, single_choice
    from thoughtpieces.factories import make_thought_piece

    TeamMembershipFactory(team=team, user=practitioner)
    piece = make_thought_piece()
    quiz = make_quiz(items=[single_choice()])
    entry = journal_entry_create(
        author=practitioner,
        question=piece.questions.order_by("sort_order").first(),
        body="Asked first.",
    )
    return {"piece": piece, "quiz": quiz, "entry": entry, "team": team, "lead": team_lead}


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("home", 200),
        ("thought piece", 200),
        ("quiz question", 200),
        ("journal", 200),
        ("journal entry", 200),
        ("team", 200),
        ("sign-in", 200),
        ("not found", 404),
    ],
)
def test_each_kind_of_page_has_the_strict_csp_and_nonced_scripts(
    client, pages, practitioner, kind, status
):
    if kind in {"quiz question", "journal", "journal entry", "team"}:
        client.force_login(practitioner if kind != "team" else pages["lead"])
    if kind == "quiz question":
        started = client.post(pages["quiz"].url)
        url = started["Location"]
        assert "/questions/" in url
    else:
        url = {
            "home": "/",
            "thought piece": pages["piece"].url,
            "journal": reverse("journals:index"),
            "journal entry": reverse("journals:entry", args=[pages["entry"].pk]),
            "team": reverse("courses:team_progress", args=[pages["team"].pk]),
            "sign-in": reverse("accounts:login"),
            "not found": "/no-such-page/",
        }[kind]
    response = client.get(url)
    assert response.status_code == status
    assert_strict_policy_with_nonced_scripts(response)


def test_the_nonce_is_new_on_every_request(client, site_tree):
    nonces = {assert_strict_policy_with_nonced_scripts(client.get("/")) for _ in range(3)}
    assert len(nonces) == 3
    assert all(len(n) >= 22 for n in nonces)  # 16 random bytes, base64


def test_htmx_is_configured_to_need_neither_eval_nor_inline_styles(client, site_tree):
    content = client.get("/").content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", content)[1])
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["includeIndicatorStyles"] is False
    assert "style" not in config["attributesToSettle"]
    assert config["historyCacheSize"] == 0


def test_the_500_page_has_the_strict_csp(client, site_tree, settings):
    settings.ROOT_URLCONF = "tests.urls_boom"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert _policy(response)["script-src"][0] == "'self'"
    assert _policy(response)["frame-ancestors"] == ["'none'"]
    assert response["Cache-Control"] == "no-store, private"


# --- the Wagtail admin ---------------------------------------------------------------


def test_the_admin_gets_its_own_policy(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _policy(response)
    # Relaxed for Wagtail's own inline scripts and styles, and nothing else.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert response["Cache-Control"] == "no-store, private"


def test_a_page_preview_gets_the_learner_policy_framed_by_self_only(
    client, site_tree, administrator
):
    """Wagtail renders previews through the middleware with `request.is_preview`
    (the preview panel, "view draft", moderation): the learner policy, framed by
    our own admin only."""
    from thoughtpieces.factories import make_thought_piece

    piece = make_thought_piece()
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[piece.pk]))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert_nonce = _header_nonce(response)
    for tag in SCRIPT_TAG.findall(response.content.decode()):
        assert f'nonce="{assert_nonce}"' in tag
    # The piece itself, outside the preview, still cannot be framed.
    assert _policy(client.get(piece.url))["frame-ancestors"] == ["'none'"]


def test_no_admin_page_references_gravatar(client, administrator):
    client.force_login(administrator)
    for url in ["/admin/", "/admin/users/", "/admin/account/", "/admin/pages/"]:
        content = client.get(url).content.decode()
        assert "gravatar" not in content.lower(), url


# --- the violation report endpoint ----------------------------------------------------

LEGACY_REPORT = {
    "csp-report": {
        "document-uri": "https://compass.example/journal/entries/12/?q=my+secret+words",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "blocked-uri": "https://evil.example/steal.js?token=abc",
        "status-code": 200,
    }
}
REPORTING_API_REPORT = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://compass.example/team/3/?name=Jo",
        "user_agent": "Chromium",
        "body": {
            "documentURL": "https://compass.example/team/3/?name=Jo",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
            "sample": "color: red",
        },
    }
]


def _post_report(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(reverse("csp_report"), data=data, content_type=content_type)


@pytest.fixture
def csp_log(caplog):
    caplog.set_level(logging.WARNING, logger="iomsite.csp")
    return caplog


def test_a_report_is_logged_with_directive_origin_and_path_only(client, db, csp_log):
    response = _post_report(client, LEGACY_REPORT)
    assert response.status_code == 204
    [record] = [r for r in csp_log.records if r.name == "iomsite.csp"]
    message = record.getMessage()
    assert "directive=script-src-elem" in message
    assert "blocked=https://evil.example" in message
    assert "document=/journal/entries/12/" in message
    for secret in ("steal.js", "token", "secret", "q=", "default-src"):
        assert secret not in message


def test_a_reporting_api_report_is_accepted(client, db, csp_log):
    response = _post_report(client, REPORTING_API_REPORT, "application/reports+json")
    assert response.status_code == 204
    [message] = [r.getMessage() for r in csp_log.records if r.name == "iomsite.csp"]
    assert "directive=style-src-attr blocked=inline document=/team/3/" in message
    assert "Jo" not in message and "red" not in message


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json at all", "application/csp-report"),
        (b"\xff\xfe\x00", "application/csp-report"),
        (b"[]", "application/csp-report"),
        (b'{"csp-report": "a string"}', "application/csp-report"),
        (b'[{"type": "csp-violation", "body": 3}]', "application/reports+json"),
        (b"[" * 5000 + b"]" * 5000, "application/csp-report"),
        (json.dumps(LEGACY_REPORT).encode(), "text/plain"),
        (b'{"csp-report": {"blocked-uri": "x"}}' + b" " * 11 * 1024, "application/csp-report"),
    ],
    ids=["junk", "not-utf8", "empty-list", "wrong-shape", "wrong-body", "deep", "type", "big"],
)
def test_bad_reports_are_a_400_never_a_500(client, db, csp_log, body, content_type):
    response = _post_report(client, body, content_type)
    assert response.status_code == 400
    assert not [r for r in csp_log.records if r.name == "iomsite.csp"]


def test_the_report_endpoint_takes_posts_only_without_csrf(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _post_report(strict, LEGACY_REPORT).status_code == 204
    assert strict.get(reverse("csp_report")).status_code == 405


def test_the_report_endpoint_is_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "csp_report": ("3/m", "100/m")}
    answers = [_post_report(client, LEGACY_REPORT).status_code for _ in range(5)]
    assert answers == [204, 204, 204, 429, 429]


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
        assert _policy(response)["frame-ancestors"] == ["'none'"]


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
    _post_report(client, LEGACY_REPORT)
    response = _post_report(client, LEGACY_REPORT)
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
