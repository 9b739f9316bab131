"""A visitor finds the public areas from the header and the home page; a signed-in
practitioner finds Courses and Quizzes in the header. axe on each index page."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reaches_every_public_area_from_the_home_page(page):
    page.goto("/")
    assert page.title() == "IOM Compass"
    assert_accessible(page)
    main = page.get_by_role("main")
    for label, heading in [
        ("Thought Pieces", "Thought Pieces"),
        ("Courses", "Courses"),
        ("Quizzes", "Quizzes"),
        ("Glossary", "Glossary"),
        ("Check a certificate", "Check a certificate"),
    ]:
        page.goto("/")
        main.get_by_role("link", name=label, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
    page.goto("/courses/")
    assert_accessible(page)
    page.goto("/quizzes/")
    assert_accessible(page)


def test_a_practitioner_finds_courses_and_quizzes_in_the_header(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Quizzes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quizzes")
    nav.get_by_role("link", name="Courses", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Courses")
    expect(nav.get_by_role("link", name="My learning")).to_be_visible()
    expect(nav.get_by_role("link", name="Journal")).to_be_visible()
    assert_accessible(page)
