"""An expired session loses nothing: a no-JavaScript journal Save and a quiz
dilemma answer (sent by htmx) after the session ended are kept, offered after
signing in again, and saved from the kept page. axe on the kept page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .helpers import assert_accessible, assert_accessible_as_served, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEPT_HEADING = "You were signed out before this was saved"


def expire_session(page) -> None:
    """The session ends: its cookie goes, every other cookie stays (as on a timeout)."""
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)


def sign_in_here(page, email: str, password: str) -> None:
    """Sign in on the sign-in page the site sent us to (keeping where it goes next)."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to IOM Compass")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_no_javascript_save_after_the_session_ended_is_kept(nojs_page, browser, demo):
    page = nojs_page
    sign_in(page, "m.osei@example.org", demo)
    page.goto("/journal/new/")
    page.get_by_label("Title (optional)").fill("After the panel")
    page.get_by_role("button", name="Start writing").click()
    body = page.get_by_label("Your reflection")
    body.fill("Written on a long shift.\n\nThe session ran out before I pressed Save.")
    entry_url = page.url
    expire_session(page)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_text("It is kept for you")).to_be_visible()
    sign_in_here(page, "m.osei@example.org", demo)

    expect(page.get_by_role("heading", level=1)).to_have_text(KEPT_HEADING)
    expect(page.get_by_text("The session ran out before I pressed Save.")).to_be_visible()
    assert_accessible_as_served(page, browser)
    page.get_by_role("button", name=re.compile("^Save it now")).click()
    page.wait_for_load_state()
    assert page.url == entry_url
    expect(page.get_by_text("Your entry has been saved.")).to_be_visible()
    expect(page.get_by_label("Your reflection")).to_have_value(
        re.compile("The session ran out before I pressed Save\\.$")
    )


def test_a_dilemma_answer_after_the_session_ended_is_kept(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    page.goto("/quizzes/")
    page.get_by_role("link", name="Crime Control or Due Process?").click()
    page.get_by_role("button", name="Start now").click()
    region = page.locator("#quiz-question")
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 1 of 5")
    question_url = page.url
    region.locator("input[name=option]").first.check()
    region.locator("input[name=confidence]").nth(3).check()
    region.locator("textarea[name=rationale]").fill("Kept across an expired session.")
    expire_session(page)
    region.locator("button[type=submit]").click()  # htmx: a 401 that sends us to sign in
    page.wait_for_url(re.compile(r"/account/sign-in/"))
    expect(page.get_by_text("It is kept for you")).to_be_visible()
    sign_in_here(page, "practitioner@example.org", demo)

    expect(page.get_by_role("heading", level=1)).to_have_text(KEPT_HEADING)
    expect(page.get_by_role("heading", name="An answer in a quiz")).to_be_visible()
    expect(page.get_by_text("Kept across an expired session.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Save it now")).click()
    page.wait_for_load_state()
    assert page.url == question_url
    expect(page.get_by_role("heading", name="Ways of reading this case")).to_be_visible()
    expect(page.get_by_text("Kept across an expired session.")).to_be_visible()
