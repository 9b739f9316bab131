"""Reading, searching and collecting Thought Pieces in a real browser, axe-checked."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_finds_reads_and_navigates_a_piece(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    page.get_by_role("link", name="Thought Pieces", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thought Pieces")
    assert_accessible(page)

    page.get_by_label("Search Thought Pieces").fill("curfew")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result for ‘curfew’")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Compliance: more than turning up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compliance: more than turning up")
    expect(page.get_by_text("Thought Piece IC/TP/2/1.1")).to_be_visible()
    assert_accessible(page)

    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Questions to consider").click()
    expect(page).to_have_url(re.compile(r"#questions-to-consider$"))
    expect(page.get_by_role("heading", name="Questions to consider")).to_be_in_viewport()
    questions = page.locator("#questions-to-consider + ol > li")
    expect(questions).to_have_count(4)

    figure = page.get_by_role("img", name="Four boxes labelled constraint-based")
    expect(figure).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth > 0", figure.element_handle())

    glossary_link = page.locator(".app-glossary-link").first
    expect(glossary_link).to_contain_text("Integrated Offender Management")
    glossary_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossary")
    expect(page.locator("#term-iom")).to_be_visible()
    assert_accessible(page)


def test_the_topic_filter_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/thought-pieces/")
    page.get_by_label("Topic").select_option(label="Compliance")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    expect(page.locator(".app-results")).to_contain_text("Compliance: more than turning up")
    expect(page.locator(".app-results")).not_to_contain_text("Where IOM came from")
    context.close()


def test_a_learner_builds_a_brochure(page, demo):
    page.goto("/thought-pieces/")
    page.get_by_role("button", name="Download brochure (PDF)").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select at least one Thought Piece for your brochure")
    assert_accessible(page)

    page.get_by_label("Where IOM came from").check()
    page.get_by_label("Compliance: more than turning up").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download brochure (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("thought-pieces-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_trainer_pastes_a_web_copy_and_supplies_its_missing_reference(page, demo):
    """The import form as a trainer uses it: a pasted copy with no reference is
    refused with the gap named and the text kept; typing the reference imports it."""
    from pathlib import Path

    bulletin = Path(__file__).parent.parent / "thoughtpieces" / "fixtures" / "web"
    sign_in(page, "trainer@example.org", demo)
    page.goto("/admin/thought-pieces/import/")
    page.get_by_label("Or paste the text").fill(
        (bulletin / "partnership_bulletin.txt").read_text(encoding="utf-8")
    )
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("could not find the reference. Nothing was saved")
    expect(
        page.get_by_text("Could not find: reference, version, authors, questions.")
    ).to_be_visible()
    expect(page.get_by_text("Community Safety Bulletin", exact=True)).to_be_visible()
    expect(page.get_by_label("Or paste the text")).to_have_value(
        re.compile("The Eastfield hub opened its doors")
    )

    page.get_by_label("Reference, if the text has none").fill("CSP/NB/7")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text(re.compile(r"\(CSP/NB/7\):\s+created as a draft"))).to_be_visible()
    expect(
        page.get_by_text("2 headings, 0 tables, 0 figures, 0 questions, 0 references.")
    ).to_be_visible()
    page.get_by_role("link", name="Review and edit").click()
    expect(page.locator("#id_title")).to_have_value("A Week in the Eastfield Hub")
    expect(page.locator("#id_reference")).to_have_value("CSP/NB/7")
