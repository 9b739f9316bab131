"""Site-wide search from the header box, in a real browser, axe-checked at 320 and
1280 px, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, assert_accessible_as_served, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _more_glossary_terms(n: int = 12) -> None:
    from thoughtpieces.models import GlossaryTerm

    for i in range(n):
        GlossaryTerm.objects.create(
            term=f"CT{i:02}",
            expansion=f"Compliance test term {i}",
            definition="A made-up term about compliance, so that results run to two pages.",
        )


def test_a_practitioner_searches_from_the_header_filters_and_pages(page, demo):
    _more_glossary_terms()
    sign_in(page, "practitioner@example.org", demo)
    header = page.get_by_role("banner")
    header.get_by_label("Search IOM Compass").fill("compliance")
    header.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=compliance$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_text(re.compile(r"\d+ results for ‘compliance’"))).to_be_visible()
    main = page.get_by_role("main")
    for group in ["Thought Pieces", "Courses and modules", "Quizzes", "Glossary"]:
        expect(
            main.get_by_role("heading", level=2, name=re.compile(f"^{group} \\(\\d+\\)$"))
        ).to_be_visible()
    expect(main.locator("mark").first).to_have_text(re.compile("compliance", re.IGNORECASE))
    assert_accessible(page)

    filters = main.get_by_role("navigation", name="Show")
    filters.get_by_role("link", name=re.compile(r"^Glossary \(\d+\)$")).click()
    expect(page.get_by_text(re.compile(r"12 results in Glossary for ‘compliance’"))).to_be_visible()
    expect(main.get_by_role("heading", level=2)).to_have_count(2)  # "Show" and Glossary
    expect(main.locator(".app-results__item")).to_have_count(10)
    assert_accessible(page)

    pagination = main.get_by_role("navigation", name="Pages of results")
    pagination.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"kind=glossary&page=2"))
    expect(page).to_have_title(re.compile(r"\(page 2 of 2\)"))
    expect(main.locator(".app-results__item")).to_have_count(2)
    assert_accessible(page)

    main.locator(".app-results__item a").first.click()
    expect(page).to_have_url(re.compile(r"/glossary/#term-ct\d\d$"))


def test_search_works_without_javascript_and_explains_bad_input(nojs_page, browser, demo):
    page = nojs_page
    page.goto("/")
    header = page.get_by_role("banner")
    header.get_by_label("Search IOM Compass").fill("Bottoms")
    header.get_by_role("button", name="Search").click()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Compliance: more than turning up")).to_be_visible()
    expect(main.locator("mark", has_text="Bottoms").first).to_be_visible()
    assert_accessible_as_served(page, browser)

    page.goto("/search/?q=" + "x" * 300)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(main.get_by_role("link", name="Search for 200 characters or fewer")).to_be_visible()
    assert_accessible_as_served(page, browser)

    main.get_by_label("Search for").fill("zzyzx")
    main.get_by_role("button", name="Search").click()
    expect(main.get_by_role("heading", name="No results")).to_be_visible()
    assert_accessible_as_served(page, browser)
