"""Sign-in lock-outs (django-axes), the client address behind proxies, and the
password reset throttle (issue 12)."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse
from freezegun import freeze_time

from iomsite.accounts import client_address
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import PRACTITIONER, TRAINER

pytestmark = pytest.mark.django_db

LIMIT = 5  # AXES_FAILURE_LIMIT's default
ADDRESS_LIMIT = 30  # AXES_ADDRESS_FAILURE_LIMIT's default
SIGN_IN = "/account/sign-in/"


def attempt(client, email, password, address="198.51.100.10", path=SIGN_IN):
    return client.post(path, {"username": email, "password": password}, REMOTE_ADDR=address)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def fail(client, email, times=LIMIT, **kwargs):
    return [attempt(client, email, "not-the-password", **kwargs) for _ in range(times)]


def normalise(content: bytes, *emails: str) -> str:
    """A page with per-request tokens (CSRF, CSP nonce) and the typed email taken out."""
    text = content.decode()
    text = re.sub(r'nonce="[^"]+"', "", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r"X-CSRFToken&quot;: &quot;[^&]+&quot;", "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    for email in emails:
        text = text.replace(email, "EMAIL")
    return text


# Lock-outs -------------------------------------------------------------------


def test_after_the_limit_even_the_right_password_is_refused(client, practitioner, password):
    responses = fail(client, practitioner.email)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert responses[-1].status_code == 429
    response = attempt(client, practitioner.email, password)
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    assert signed_in_as(client) is None


def test_one_account_is_locked_from_every_address(client, practitioner, password):
    for number in range(LIMIT):
        attempt(client, practitioner.email, "wrong", address=f"203.0.113.{number + 1}")
    response = attempt(client, practitioner.email, password, address="192.0.2.99")
    assert response.status_code == 429
    assert signed_in_as(client) is None


def test_one_address_is_locked_across_accounts(client, password):
    known = UserFactory.create_batch(3, roles=[PRACTITIONER])
    emails = [user.email for user in known] + [
        f"nobody{number}@example.org" for number in range(ADDRESS_LIMIT - 3)
    ]
    for email in emails:
        attempt(client, email, "wrong", address="203.0.113.50")
    someone_else = UserFactory(roles=[PRACTITIONER])
    assert attempt(client, someone_else.email, password, address="203.0.113.50").status_code == 429
    assert signed_in_as(client) is None
    # The same person from another address is not affected.
    assert attempt(client, someone_else.email, password, address="203.0.113.51").status_code == 302


def test_colleagues_sharing_an_office_address_are_not_locked_out_by_a_few_typos(client, password):
    """Five people behind one police-station firewall each mistype once: the
    address is well under its own limit, so the sixth signs in."""
    colleagues = UserFactory.create_batch(LIMIT, roles=[PRACTITIONER])
    for colleague in colleagues:
        attempt(client, colleague.email, "typo", address="203.0.113.60")
    someone = UserFactory(roles=[PRACTITIONER])
    assert attempt(client, someone.email, password, address="203.0.113.60").status_code == 302
    # Each colleague can still sign in too: one failure each is far from their limit.
    client.logout()
    assert attempt(client, colleagues[0].email, password, address="203.0.113.60").status_code == 302


def test_the_email_is_counted_without_case_or_spaces(client, practitioner, password):
    for variant in [
        "a@example.org",
        "A@Example.org",
        " a@example.org ",
        "A@EXAMPLE.ORG",
        "a@example.ORG",
    ]:
        attempt(client, variant, "wrong", address=f"192.0.2.{len(variant)}")
    assert attempt(client, "a@example.org", "x", address="192.0.2.200").status_code == 429


def test_the_message_reveals_nothing_about_the_account(client, practitioner):
    unknown = "no-account-here@example.org"
    known_wrong = attempt(client, practitioner.email, "wrong", address="192.0.2.1")
    unknown_wrong = attempt(client, unknown, "wrong", address="192.0.2.2")
    assert known_wrong.status_code == unknown_wrong.status_code == 200
    assert normalise(known_wrong.content, practitioner.email) == normalise(
        unknown_wrong.content, unknown
    )
    assert "Enter the email address and password for your account" in known_wrong.content.decode()

    fail(client, practitioner.email, address="192.0.2.3")
    fail(client, unknown, address="192.0.2.4")
    known_locked = attempt(client, practitioner.email, "wrong", address="192.0.2.5")
    unknown_locked = attempt(client, unknown, "wrong", address="192.0.2.6")
    assert known_locked.status_code == unknown_locked.status_code == 429
    assert normalise(known_locked.content, practitioner.email) == normalise(
        unknown_locked.content, unknown
    )
    assert practitioner.email not in known_locked.content.decode()


def test_the_lock_out_ends_after_the_cool_off(client, practitioner, password):
    with freeze_time("2026-12-01 10:00:00") as frozen:
        fail(client, practitioner.email)
        frozen.tick(timedelta(minutes=29))
        assert attempt(client, practitioner.email, password).status_code == 429
        frozen.tick(timedelta(minutes=31))
        assert attempt(client, practitioner.email, password).status_code == 302
        assert signed_in_as(client) == str(practitioner.pk)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_limit_is_a_setting(client, practitioner, password):
    assert [r.status_code for r in fail(client, practitioner.email, times=3)] == [200, 200, 429]


def test_the_wagtail_admin_login_is_protected_too(client, trainer, password):
    responses = fail(client, trainer.email, path="/admin/login/")
    assert responses[-1].status_code == 429
    response = attempt(client, trainer.email, password, path="/admin/login/")
    assert response.status_code == 429
    assert signed_in_as(client) is None


def test_failures_keep_no_password(client, practitioner):
    attempt(client, practitioner.email, "my-secret-guess")
    row = AccessAttempt.objects.get()
    assert "my-secret-guess" not in row.post_data


# Unlocking by an administrator -------------------------------------------------


def test_an_administrator_lifts_a_lock_out_with_the_unlock_button(
    client, signed_in, practitioner, administrator, password
):
    from django.test import Client

    person = Client()
    fail(person, practitioner.email, address="203.0.113.7")
    assert attempt(person, practitioner.email, password, address="192.0.2.8").status_code == 429

    admin = signed_in(administrator)
    page = admin.get(reverse("accounts_lockouts"))
    content = page.content.decode()
    assert page.status_code == 200
    assert practitioner.email in content and "203.0.113.7" in content
    # The button's own form: kind and value as hidden fields.
    form = re.search(
        r'<input type="hidden" name="kind" value="email">\s*'
        r'<input type="hidden" name="value" value="([^"]+)">',
        content,
    )
    assert form.group(1) == practitioner.email
    response = admin.post(
        reverse("accounts_lockout_unlock"), {"kind": "email", "value": form.group(1)}
    )
    assert response.status_code == 302
    listing = admin.get(reverse("accounts_lockouts")).content.decode()
    assert f'name="value" value="{practitioner.email}"' not in listing
    assert attempt(person, practitioner.email, password, address="192.0.2.8").status_code == 302
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(
        action="compass.lockout_lift", object_id=str(practitioner.pk), user=administrator
    ).exists()


def test_an_administrator_lifts_an_address_lock_out(client, signed_in, administrator, password):
    from django.test import Client

    person = Client()
    for number in range(ADDRESS_LIMIT):
        attempt(person, f"guess{number}@example.org", "wrong", address="203.0.113.80")
    victim = UserFactory(roles=[PRACTITIONER])
    assert attempt(person, victim.email, password, address="203.0.113.80").status_code == 429
    admin = signed_in(administrator)
    assert "203.0.113.80" in admin.get(reverse("accounts_lockouts")).content.decode()
    admin.post(reverse("accounts_lockout_unlock"), {"kind": "address", "value": "203.0.113.80"})
    assert attempt(person, victim.email, password, address="203.0.113.80").status_code == 302


def test_only_administrators_see_the_lock_outs(signed_in, trainer, team_lead):
    for user in (trainer, team_lead):
        client = signed_in(user)
        assert client.get(reverse("accounts_lockouts")).status_code in {302, 403}
        response = client.post(
            reverse("accounts_lockout_unlock"), {"kind": "address", "value": "1.2.3.4"}
        )
        assert response.status_code in {302, 403}
        assert not response.get("Location", "").endswith(reverse("accounts_lockouts"))


def test_the_lock_outs_page_is_in_the_settings_menu(signed_in, administrator):
    content = signed_in(administrator).get("/admin/").content.decode()
    assert "Sign-in lock-outs" in content


# The client address ----------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_by_default_a_forwarded_header_is_ignored():
    assert client_address(request_from("192.0.2.1", "203.0.113.9")) == "192.0.2.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_address_is_the_client():
    assert client_address(request_from("10.0.0.2", "6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    assert client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_from_the_right():
    request = request_from("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1")
    assert client_address(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_lock_outs_and_rate_limits_use_the_same_address(client, password):
    from django_ratelimit.core import _get_ip

    request = request_from("10.0.0.2", "203.0.113.9")
    assert _get_ip(request) == client_address(request) == "203.0.113.9"
    for number in range(LIMIT):
        client.post(
            SIGN_IN,
            {"username": f"guess{number}@example.org", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # Another person behind the same proxy is not locked out.
    someone = UserFactory(roles=[PRACTITIONER])
    response = client.post(
        SIGN_IN,
        {"username": someone.email, "password": password},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302


# Password reset --------------------------------------------------------------

RESET = "/account/password/reset/"


def reset(client, email, address="198.51.100.20"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_eleven_requests_for_one_email_send_at_most_the_limit(client, practitioner, settings):
    responses = [reset(client, practitioner.email, address=f"192.0.2.{n}") for n in range(11)]
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {reverse("accounts:password_reset_done")}
    assert 1 <= len(mail.outbox) <= settings.PASSWORD_RESET_EMAILS_PER_EMAIL < 11


def test_one_address_asking_for_many_emails_is_capped(client):
    people = UserFactory.create_batch(11, roles=[PRACTITIONER])
    for person in people:
        assert reset(client, person.email).status_code == 302
    assert 1 <= len(mail.outbox) < 11


def test_the_reset_page_is_the_same_whether_or_not_the_account_exists_or_was_throttled(
    client, practitioner
):
    unknown = reset(client, "nobody@example.org", address="192.0.2.1")
    known = reset(client, practitioner.email, address="192.0.2.2")
    for n in range(5):
        throttled = reset(client, practitioner.email, address=f"192.0.2.{10 + n}")
    assert len(mail.outbox) == 3
    assert (
        (unknown.status_code, unknown["Location"])
        == (known.status_code, known["Location"])
        == (throttled.status_code, throttled["Location"])
    )
    page = client.get(unknown["Location"]).content.decode()
    assert "If the address you entered has an account" in page


def test_the_wagtail_admin_reset_uses_ours(client, trainer):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == RESET
    # A POST straight at the admin's form sends nothing.
    client.post("/admin/password_reset/", {"email": trainer.email})
    assert mail.outbox == []


def test_a_trainer_is_counted_like_anyone(client):
    trainer = UserFactory(roles=[TRAINER])
    for n in range(6):
        reset(client, trainer.email, address=f"192.0.2.{n}")
    assert len(mail.outbox) == 3
