"""A learner works through the induction; a team lead watches and confirms. axe on each page."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_learner_marks_a_piece_read_and_an_activity_done(page, demo):
    sign_in(page, "m.osei@example.org", demo)  # Mary: assigned, nothing done yet
    page.get_by_role("link", name="Where IOM came from").first.click()
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("Marked done: Meet the lead professional")).to_be_visible()
    page.get_by_role("link", name="Read ‘Where IOM came from’").click()
    page.get_by_role("button", name="I have read this piece").click()
    expect(page.get_by_text("Marked as read: Where IOM came from.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="My learning", exact=True).click()
    expect(page.get_by_text("67% complete")).to_be_visible()


def test_a_piece_in_a_locked_module_says_so_and_the_module_stays_locked(page, demo):
    """The learner reads ahead: the page says plainly that the reading does not
    count yet (no success message), and every view still says the module cannot
    start."""
    sign_in(page, "practitioner@example.org", demo)  # Priya: first module not finished
    page.goto("/thought-pieces/")
    page.get_by_role("link", name="Compliance: more than turning up").first.click()
    expect(page.locator(".govuk-inset-text").filter(has_text="will not count")).to_contain_text(
        "You can read it now, but it will not count for the course yet."
    )
    page.get_by_role("button", name="I have read this piece").click()
    summary = page.locator(".govuk-notification-banner")
    expect(summary).to_contain_text("which you cannot start until you finish Where IOM came from")
    expect(summary).to_contain_text("Your reading has not been counted for it yet.")
    expect(page.get_by_text("Marked as read")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="My learning", exact=True).click()
    row = page.locator(".govuk-task-list__item").filter(has_text="Compliance in practice")
    expect(row.locator(".govuk-task-list__status")).to_have_text("Cannot start yet")
    page.get_by_role("link", name="Compliance in practice").click()
    expect(page.get_by_text("Cannot start yet").first).to_be_visible()


def test_a_learner_follows_their_course(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    expect(page.get_by_role("heading", name="IOM induction")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Where IOM came from").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where IOM came from")
    assert_accessible(page)
    page.get_by_role("link", name="Read ‘Where IOM came from’").click()
    expect(page.get_by_text("You have marked this piece as read.")).to_be_visible()  # demo data

    page.get_by_role("link", name="My learning", exact=True).click()
    page.get_by_role("link", name="Compliance in practice").click()
    expect(page.get_by_text("before starting this module")).to_be_visible()
    expect(page.get_by_role("button", name="Mark done")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="IOM induction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IOM induction")
    assert_accessible(page)


def test_a_team_lead_sees_progress_and_confirms_a_step(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_role("link", name="See the team’s learning progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team progress")
    expect(page.get_by_role("table").first).to_contain_text("Jo Clarke")
    assert_accessible(page)

    page.get_by_label("Agency").select_option(label="Police")
    page.get_by_role("button", name="Show").click()
    matrix = page.locator("table.app-matrix")
    expect(matrix).to_contain_text("Dan Hughes")
    expect(matrix).not_to_contain_text("Mary Osei")

    matrix.get_by_role("link", name="Dan Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dan Hughes")
    assert_accessible(page)

    page.get_by_role("link", name="Back to team progress").click()
    due = page.get_by_role("group", name="Due date (optional)")
    due.get_by_label("Day").fill("1")
    due.get_by_label("Month").fill("1")
    due.get_by_label("Year").fill("2000")
    page.get_by_role("button", name="Assign to everyone in the team").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    # What was typed stays in the boxes.
    expect(
        page.get_by_role("group", name="Due date (optional)").get_by_label("Year")
    ).to_have_value("2000")
    assert_accessible(page)
    sign_out(page)


def test_anyone_checks_a_certificate_code_and_its_owner_downloads_it(page, demo):
    from courses.models import Certificate

    certificate = Certificate.objects.get(user__email="j.clarke@example.org")
    page.goto("/certificates/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox").fill(certificate.code.lower().replace("-", ""))
    page.get_by_role("button").filter(has_text="Check").first.click()
    expect(page.get_by_text("Jo Clarke")).to_be_visible()
    expect(page.get_by_text("IOM induction").first).to_be_visible()
    expect(page.get_by_text("j.clarke@example.org")).to_have_count(0)
    assert_accessible(page)

    sign_in(page, "j.clarke@example.org", demo)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download certificate (PDF)").click()
    assert certificate.code in download_info.value.suggested_filename


def test_a_trainer_reads_the_course_report(page, demo):
    sign_in(page, "trainer@example.org", demo)
    page.get_by_role("link", name="Course reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Course reports")
    assert_accessible(page)
    page.get_by_role("link", name="IOM induction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IOM induction")
    expect(page.get_by_role("table", name="Completion by module")).to_contain_text(
        "Where IOM came from"
    )
    assert_accessible(page)
