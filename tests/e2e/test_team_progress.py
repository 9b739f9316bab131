"""A team lead with 300 learners on one course: the summary, filters, search,
pages and Back, and assigning to people found by name, with JavaScript (htmx
swaps the table) and without it (the same page, whole). axe on every state."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, assert_accessible_as_served, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COHORT = 300


def _cohort():
    from courses.factories import cohort_bulk_create
    from courses.models import CoursePage
    from iomsite.teams.models import Team

    team = Team.objects.get(name="Northmoor IOM")
    course = CoursePage.objects.get(title="IOM induction")
    cohort_bulk_create(team=team, course=course, count=COHORT)
    return team, course


def _open_team_progress(page, demo, team, course):
    sign_in(page, "teamlead@example.org", demo)
    response = page.goto(f"/learning/team/{team.pk}/?course={course.pk}")
    assert len(response.body()) < 100_000, "the page grows with the team"
    expect(page.get_by_role("heading", level=1)).to_have_text("Team progress")


def _table_names(page) -> list[str]:
    return page.locator("table.app-matrix tbody th").all_inner_texts()


def test_with_javascript_the_table_changes_in_place(page, demo):
    team, course = _cohort()
    _open_team_progress(page, demo, team, course)
    strip = page.get_by_role("list", name="Learners by status")
    expect(strip).to_contain_text("All learners")
    caption = page.locator("#progress-caption")
    expect(caption).to_contain_text(re.compile(r"Learners 1 to 25 of 3\d\d"))
    assert_accessible(page)

    filters = page.get_by_role("search", name="Filter the table")
    filters.get_by_label("Name or email").fill("O'Neill")
    filters.get_by_label("Name or email").press("Enter")
    expect(page).to_have_url(re.compile(r"q=O%27Neill"))
    expect(caption).to_contain_text(re.compile(r"of \d\d?$"))
    assert all("O'Neill" in name for name in _table_names(page))
    assert_accessible(page)

    filters.get_by_label("Name or email").fill("")
    filters.get_by_label("Status").select_option(label="Overdue")  # a change sends it
    expect(page).to_have_url(re.compile(r"status=overdue"))
    expect(page.locator("table.app-matrix tbody .govuk-tag--red").first).to_be_visible()
    overdue_first = _table_names(page)

    filters.get_by_label("Status").select_option(label="Everyone")
    expect(page).to_have_url(re.compile(r"status=&"))
    expect(caption).to_contain_text(re.compile(r"Learners 1 to 25 of 3\d\d"))
    page.get_by_role("navigation", name="Pages of learners").get_by_role(
        "link", name="Page 2"
    ).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(caption).to_contain_text("Learners 26 to 50")
    assert_accessible(page)
    page.go_back()
    expect(caption).to_contain_text("Learners 1 to 25")

    assign = page.locator("form", has=page.get_by_role("button", name="Find people"))
    assign.get_by_label("Course").select_option(label="IOM induction")
    assign.get_by_label("Find people by name or email").fill("Ahmed")
    people = page.locator("#assign-people")
    expect(people.get_by_role("checkbox").first).to_be_visible()
    expect(people).to_contain_text("10 more people found.")
    first = people.get_by_role("checkbox").first
    name = first.evaluate("box => box.labels[0].textContent").split(" (")[0]
    first.check()
    assign.get_by_label("Find people by name or email").fill("Brown")
    expect(people).to_contain_text("Brown")
    expect(people.get_by_role("checkbox", name=re.compile(re.escape(name)))).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Assign to the people ticked").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "IOM induction assigned to 1 person."
    )
    assert overdue_first  # the demo's spread has people past their date


def test_without_javascript_every_step_is_a_whole_page(nojs_page, browser, demo):
    page = nojs_page
    team, course = _cohort()
    _open_team_progress(page, demo, team, course)
    filters = page.get_by_role("search", name="Filter the table")
    filters.get_by_label("Status").select_option(label="Not started")
    filters.get_by_label("Order").select_option(label="Name")
    filters.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"status=not_started.*sort=name"))
    names = _table_names(page)
    assert names == sorted(names) and len(names) == 25
    assert_accessible_as_served(page, browser)

    page.get_by_role("navigation", name="Pages of learners").get_by_role(
        "link", name="Next"
    ).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    assert set(_table_names(page)).isdisjoint(names)
    page.get_by_role("list", name="Learners by status").get_by_role(
        "link", name=re.compile("Completed")
    ).click()
    expect(page.locator("table.app-matrix tbody .govuk-tag--green").first).to_be_visible()

    assign = page.locator("form", has=page.get_by_role("button", name="Find people"))
    assign.get_by_label("Find people by name or email").fill("Learner 0001")
    assign.get_by_label("Find people by name or email").press("Enter")  # Enter finds
    people = page.locator("#assign-people")
    expect(people.get_by_role("checkbox")).to_have_count(10)
    people.get_by_role("checkbox").nth(0).check()
    people.get_by_role("checkbox").nth(1).check()
    assert_accessible_as_served(page, browser)
    assign.get_by_label("Find people by name or email").fill("Learner 0002")
    assign.get_by_role("button", name="Find people").click()
    expect(people.locator("input:checked")).to_have_count(2)  # still ticked
    expect(people.get_by_role("checkbox")).to_have_count(12)
    assign.get_by_label("Course").select_option(label="IOM induction")
    page.get_by_role("button", name="Assign to the people ticked").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("assigned to 2 people.")
    assert_accessible_as_served(page, browser)
