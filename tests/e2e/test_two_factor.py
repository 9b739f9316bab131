"""Two-factor sign-in in the browser: a trainer's first sign-in sets up an
authenticator app; a team lead with an app enters its code; axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import app_code, assert_accessible, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def password_step(page, email, password):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_trainer_sets_up_two_factor_sign_in_at_first_sign_in(page, demo):
    password_step(page, "trainer@example.org", demo)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.locator("svg.app-qr-code")).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#two-factor-key")
    expect(key).to_be_visible()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", key.inner_text().strip())
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill("12")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    # Wrong codes are throttled for a moment; then the right one works.
    page.wait_for_timeout(1500)
    page.get_by_label("Code from your authenticator app").fill(
        app_code("trainer@example.org", confirmed=False)
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.locator(".app-recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes, continue").click()
    expect(page.get_by_role("heading", name="My learning")).to_be_visible()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_team_lead_enters_the_code_from_their_app(page, demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from iomsite.accounts.models import User

    lead = User.objects.get(email="teamlead@example.org")
    TOTPDevice.objects.create(user=lead, name="Phone", confirmed=True)

    password_step(page, "teamlead@example.org", demo)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    assert_accessible(page)
    page.get_by_role("link", name="Use a recovery code instead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Use a recovery code")
    assert_accessible(page)
    page.get_by_role("link", name="Use a code from your app instead").click()

    page.get_by_label("Code from your authenticator app").fill(app_code("teamlead@example.org"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="My learning")).to_be_visible()
    page.get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("link", name="Northmoor IOM", exact=True)).to_be_visible()

    page.goto("/account/profile/")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("link", name="Turn off two-factor sign-in")).to_have_count(0)
    assert_accessible(page)
    sign_out(page)


def test_a_locked_out_sign_in_sees_the_paused_page(page, demo):
    for _ in range(5):
        password_step(page, "nobody@example.org", "wrong-password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signing in is paused")
    assert_accessible(page)
