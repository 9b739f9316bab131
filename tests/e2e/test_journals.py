"""The journal: write with the live preview, lose the connection mid-sentence and lose
nothing, survive a sign-out, share, comment as a teammate, revoke. axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"^Saved at ")


def open_new_reflection(page):
    page.goto("/thought-pieces/")
    page.get_by_role("link", name="Compliance: more than turning up").first.click()
    page.get_by_role("link", name=re.compile("^Reflect on this")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New reflection")
    assert_accessible(page)
    page.get_by_label("Driscoll: What? So what? Now what?").check()
    page.get_by_role("button", name="Start writing").click()
    expect(page.get_by_label("Your reflection")).to_be_visible()
    expect(page.locator("form[data-autosave-ready]")).to_have_count(1)  # the script is running


def test_write_with_preview_go_offline_and_find_every_word(page, demo):
    sign_in(page, "m.osei@example.org", demo)
    open_new_reflection(page)
    body = page.get_by_label("Your reflection")
    expect(body).to_have_value(re.compile(r"^## What\?"))
    body.press("End")
    body.press("Control+End")
    body.type("\n**Consent** came first today.")
    expect(page.locator("#journal-preview strong")).to_have_text("Consent")
    expect(page.locator("#journal-status")).to_have_text(SAVED, timeout=10_000)
    assert_accessible(page)

    page.context.set_offline(True)
    body.type(" Then the panel met, and I listened.")
    expect(page.locator("#journal-status")).to_have_text("Not saved - retrying", timeout=10_000)
    page.context.set_offline(False)
    expect(page.locator("#journal-status")).to_have_text(SAVED, timeout=20_000)

    page.reload()
    expect(page.get_by_label("Your reflection")).to_have_value(
        re.compile(r"\*\*Consent\*\* came first today\. Then the panel met, and I listened\.")
    )
    page.get_by_role("link", name=re.compile("^Revision history")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revision history")
    assert_accessible(page)


def test_a_sign_out_mid_sentence_keeps_the_text_and_saves_it_after_signing_in(page, demo):
    sign_in(page, "m.osei@example.org", demo)
    open_new_reflection(page)
    body = page.get_by_label("Your reflection")
    body.press("Control+End")
    page.context.clear_cookies()  # the session expires
    body.type("Written while signed out.")
    expect(page.locator("#journal-status")).to_contain_text(
        "you have been signed out", timeout=10_000
    )
    expect(body).to_have_value(re.compile("Written while signed out\\.$"))

    other = page.context.new_page()
    sign_in(other, "m.osei@example.org", demo)
    other.close()
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # or wait for the retry
    expect(page.locator("#journal-status")).to_have_text(SAVED, timeout=40_000)
    page.reload()
    expect(page.get_by_label("Your reflection")).to_have_value(
        re.compile("Written while signed out\\.$")
    )


def test_share_read_and_comment_as_a_teammate_then_revoke(page, demo):
    sign_in(page, "dc.hughes@example.org", demo)
    open_new_reflection(page)
    body = page.get_by_label("Your reflection")
    body.press("Control+End")
    body.type("Talking it through with the client helped.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your entry has been saved.")).to_be_visible()
    entry_url = page.url
    page.get_by_role("link", name="Share this entry").click()
    assert_accessible(page)
    page.get_by_label("Team: Northmoor IOM").check()
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_text("Shared. You can stop sharing at any time.")).to_be_visible()
    permalink = None
    sign_out(page)

    sign_in(page, "practitioner@example.org", demo)
    page.goto("/journal/")
    page.get_by_role("link", name="Northmoor IOM discussions").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("which of the four reasons")).click()
    article = page.locator("article", has_text="Talking it through with the client helped.")
    expect(article).to_be_visible()
    assert_accessible(page)
    permalink = article.get_by_role(
        "link", name=re.compile("^Link to this reflection")
    ).get_attribute("href")
    article.get_by_label(re.compile("^Add a comment")).fill("That matches what I saw at panel.")
    article.get_by_role("button", name="Comment").click()
    expect(page.get_by_text("Your comment has been added.")).to_be_visible()
    sign_out(page)

    sign_in(page, "dc.hughes@example.org", demo)
    page.goto(entry_url)
    expect(page.get_by_text("That matches what I saw at panel.")).to_be_visible()
    expect(page.get_by_text("Who has read it")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Stop sharing")).click()
    expect(page.get_by_text("No longer shared.")).to_be_visible()
    sign_out(page)

    sign_in(page, "practitioner@example.org", demo)
    response = page.goto(permalink)
    assert response.status == 404


def test_feedback_from_a_trainer_and_the_notification(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    page.goto("/journal/")
    page.get_by_role("link", name=re.compile("^Compare your 2 reflections")).click()
    expect(page.locator(".app-journal-compare__column")).to_have_count(2)
    assert_accessible(page)
    page.locator(".app-journal-compare__column").last.get_by_role("link").click()
    entry_url = page.url
    page.get_by_role("link", name="Share this entry").click()
    page.get_by_label(re.compile("^Trainer, for feedback: Tom Adeyemi")).check()
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_text("Shared. You can stop sharing at any time.")).to_be_visible()
    sign_out(page)

    sign_in(page, "trainer@example.org", demo)
    page.goto("/journal/")
    page.get_by_role("link", name=re.compile("formal from substantive|four reasons")).first.click()
    expect(page.get_by_text("Shared with you for feedback by Priya Shah")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^Add a comment")).fill(
        "Good use of Bottoms. What would move him on?"
    )
    page.get_by_role("button", name="Comment").click()
    expect(page.get_by_text("Your comment has been added.")).to_be_visible()
    sign_out(page)

    sign_in(page, "practitioner@example.org", demo)
    page.goto("/journal/")
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_text("left feedback on")).to_be_visible()
    assert_accessible(page)
    page.goto(entry_url)
    expect(page.locator(".app-comment--feedback")).to_contain_text("What would move him on?")


def test_a_team_lead_posts_a_prompt_and_members_see_it(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.goto("/journal/")
    page.get_by_role("link", name="Northmoor IOM discussions").click()
    page.get_by_text("Post a prompt to the team").click()
    page.get_by_label("Your own question or words (optional)").fill(
        "What did this week teach you about consent?"
    )
    page.get_by_role("button", name="Post prompt").click()
    expect(page.get_by_text("Prompt posted.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)
    sign_in(page, "practitioner@example.org", demo)
    expect(page.get_by_text("What did this week teach you about consent?")).to_be_visible()


def test_download_my_data_and_export_the_journal(page, demo):
    sign_in(page, "practitioner@example.org", demo)
    page.goto("/account/profile/")
    page.get_by_role("link", name="Download my data").click()
    assert_accessible(page)
    page.get_by_role("button", name="Prepare my download").click()
    expect(page.get_by_text("Your download is ready.")).to_be_visible(timeout=20_000)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (zip)").click()
    assert download.value.suggested_filename.startswith("iom-compass-my-data-")

    page.goto("/journal/export/")
    assert_accessible(page)
    page.get_by_label("Markdown (.md)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".md")
