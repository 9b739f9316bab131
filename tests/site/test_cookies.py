"""Over HTTPS the session, CSRF and language cookies carry the __Host- prefix:
the browser then keeps them only if Secure, Path=/ and without a Domain, so no
other host under the same domain can plant or overwrite them."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse

from tests.site.test_settings import SETUP, run_python

pytestmark = pytest.mark.django_db
COOKIES = ("SESSION", "CSRF", "LANGUAGE")
PRODUCTION_ENV = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "compass.example.org"}


def production_cookie_settings(**env) -> dict:
    names = [f"{kind}_COOKIE_{part}" for kind in COOKIES for part in ("NAME", "SECURE", "PATH")]
    names += [f"{kind}_COOKIE_DOMAIN" for kind in COOKIES]
    result = run_python(
        SETUP + f"import json; print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))",
        **PRODUCTION_ENV,
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production():
    return production_cookie_settings()


def test_production_cookies_carry_the_host_prefix_and_meet_its_rules(production):
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["LANGUAGE_COOKIE_NAME"] == "__Host-django_language"
    for kind in COOKIES:
        assert production[f"{kind}_COOKIE_SECURE"] is True
        assert production[f"{kind}_COOKIE_PATH"] == "/"
        assert production[f"{kind}_COOKIE_DOMAIN"] is None


def test_development_over_plain_http_keeps_the_plain_names():
    """A __Host- cookie is dropped over http://, so `make run` would never sign in."""
    plain = production_cookie_settings(DJANGO_DEBUG="true")
    assert plain["SESSION_COOKIE_NAME"] == "sessionid"
    assert plain["CSRF_COOKIE_NAME"] == "csrftoken"
    assert settings.SESSION_COOKIE_NAME == "sessionid"  # the test suite, browser journeys too


def test_signing_in_over_https_sets_only_host_prefixed_cookies(production, practitioner, password):
    with override_settings(**production):
        client = Client(enforce_csrf_checks=True)
        page = client.get(reverse("accounts:login"), secure=True)
        csrf = page.cookies["__Host-csrftoken"]
        assert "csrftoken" not in page.cookies
        response = client.post(
            reverse("accounts:login"),
            {
                "username": practitioner.email,
                "password": password,
                "csrfmiddlewaretoken": page.context["csrf_token"],
            },
            secure=True,
            headers={"referer": "https://testserver/account/sign-in/"},
        )
        assert response.status_code == 302
        session = response.cookies["__Host-sessionid"]
        assert "sessionid" not in response.cookies
        for cookie in (csrf, session):
            assert cookie["secure"] is True
            assert cookie["path"] == "/"
            assert cookie["domain"] == ""
        assert session["httponly"] is True
        assert client.get(reverse("courses:my_learning"), secure=True).status_code == 200


@pytest.mark.parametrize(
    "broken",
    [
        {"SESSION_COOKIE_SECURE": False},
        {"SESSION_COOKIE_DOMAIN": ".example.org"},
        {"CSRF_COOKIE_PATH": "/learning/"},
    ],
)
def test_check_deploy_refuses_a_host_cookie_the_browser_would_drop(production, broken):
    with override_settings(**{**production, **broken}):
        errors = run_checks(include_deployment_checks=True, tags=["security"])
    assert [e.id for e in errors if e.id.startswith("uploads.")] == ["uploads.E001"]
    with override_settings(**production):
        errors = run_checks(include_deployment_checks=True, tags=["security"])
    assert not [e for e in errors if e.id.startswith("uploads.")]


def test_no_script_reads_the_csrf_cookie_by_name():
    """Scripts take the token from the page (hx-headers, the form's hidden input,
    journals' fresh-token endpoint), so renaming the cookie breaks nothing."""
    root = Path(settings.BASE_DIR)
    scripts = [*root.glob("static/js/**/*.mjs"), *root.glob("static/js/**/*.js")]
    assert scripts
    for script in scripts:
        text = script.read_text()
        assert "document.cookie" not in text, script
        assert "csrftoken" not in text, script
