"""The Content Security Policy (docs/security/csp.md): the strict learner policy with
per-request nonces on each kind of page, the Wagtail admin's policy, and the
violation report endpoint."""

import json
import logging
import re

import pytest
from django.urls import reverse

from iomsite.teams.factories import TeamMembershipFactory
from tests.site.headers import LEGACY_REPORT, csp_directives, post_csp_report

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\bnonce="([^"]+)"')


def _header_nonce(response) -> str:
    sources = csp_directives(response)["script-src"]
    nonces = [s[len("'nonce-") : -1] for s in sources if s.startswith("'nonce-")]
    assert len(nonces) == 1, sources
    return nonces[0]


def assert_strict_policy_with_nonced_scripts(response) -> str:
    """The learner policy, and every <script> on the page carries the header's nonce."""
    policy = csp_directives(response)
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
    assert csp_directives(response)["script-src"][0] == "'self'"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["Cache-Control"] == "no-store, private"


# --- the Wagtail admin ---------------------------------------------------------------


def test_the_admin_gets_its_own_policy(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = csp_directives(response)
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
    policy = csp_directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert_nonce = _header_nonce(response)
    for tag in SCRIPT_TAG.findall(response.content.decode()):
        assert f'nonce="{assert_nonce}"' in tag
    # The piece itself, outside the preview, still cannot be framed.
    assert csp_directives(client.get(piece.url))["frame-ancestors"] == ["'none'"]


def test_no_admin_page_references_gravatar(client, administrator):
    client.force_login(administrator)
    for url in ["/admin/", "/admin/users/", "/admin/account/", "/admin/pages/"]:
        content = client.get(url).content.decode()
        assert "gravatar" not in content.lower(), url


# --- the violation report endpoint ----------------------------------------------------

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


@pytest.fixture
def csp_log(caplog):
    caplog.set_level(logging.WARNING, logger="iomsite.csp")
    return caplog


def test_a_report_is_logged_with_directive_origin_and_path_only(client, db, csp_log):
    response = post_csp_report(client, LEGACY_REPORT)
    assert response.status_code == 204
    [record] = [r for r in csp_log.records if r.name == "iomsite.csp"]
    message = record.getMessage()
    assert "directive=script-src-elem" in message
    assert "blocked=https://evil.example" in message
    assert "document=/journal/entries/12/" in message
    for secret in ("steal.js", "token", "secret", "q=", "default-src"):
        assert secret not in message


def test_a_reporting_api_report_is_accepted(client, db, csp_log):
    response = post_csp_report(client, REPORTING_API_REPORT, "application/reports+json")
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
    response = post_csp_report(client, body, content_type)
    assert response.status_code == 400
    assert not [r for r in csp_log.records if r.name == "iomsite.csp"]


def test_the_report_endpoint_takes_posts_only_without_csrf(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post_csp_report(strict, LEGACY_REPORT).status_code == 204
    assert strict.get(reverse("csp_report")).status_code == 405


def test_the_report_endpoint_is_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "csp_report": ("3/m", "100/m")}
    answers = [post_csp_report(client, LEGACY_REPORT).status_code for _ in range(5)]
    assert answers == [204, 204, 204, 429, 429]
