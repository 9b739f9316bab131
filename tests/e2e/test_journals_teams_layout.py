"""Issue 13: prompts, team pages and team progress as people see them in a browser."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Everything wider than its scrolling box, and whether that box can be scrolled
# (overflow auto/scroll) and reached from the keyboard (focusable, named region).
OVERFLOW_REPORT = """() => {
  const out = {page: document.documentElement.scrollWidth, view: window.innerWidth, cut: []};
  for (const cell of document.querySelectorAll('main th, main td, main svg, main figure')) {
    const box = cell.getBoundingClientRect();
    let scroller = cell.parentElement;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (['auto', 'scroll'].includes(style.overflowX)) break;
      scroller = scroller.parentElement;
    }
    const inScroller = scroller && scroller !== document.body;
    const limit = inScroller ? scroller.getBoundingClientRect().right : window.innerWidth;
    if (box.right > limit + 1 && !inScroller) out.cut.push(cell.outerHTML.slice(0, 80));
    if (inScroller && box.right > limit + 1) {
      const named = scroller.getAttribute('role') === 'region'
        && scroller.getAttribute('tabindex') === '0'
        && (scroller.getAttribute('aria-labelledby') || scroller.getAttribute('aria-label'));
      if (!named) out.cut.push('unreachable: ' + cell.outerHTML.slice(0, 80));
    }
  }
  return out;
}"""


def test_team_progress_fits_at_320_and_1280_and_the_wide_table_scrolls(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_role("link", name="See the team’s learning progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team progress")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        report = page.evaluate(OVERFLOW_REPORT)
        assert report["page"] <= width, f"page {report['page']} px wide at {width}"
        assert not report["cut"], report["cut"]
    region = page.get_by_role("region", name=re.compile(r"Learners \d+ to \d+ of"))
    expect(region).to_have_attribute("tabindex", "0")
    region.focus()
    page.keyboard.press("End")
    assert_accessible(page)


def _links_answer(page) -> list[str]:
    """The same-site links in the main content that do not answer 200."""
    hrefs = page.eval_on_selector_all(
        "main a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    broken = []
    for href in sorted(set(hrefs)):
        status = page.request.get(href, max_redirects=0).status
        if status not in (200, 302):
            broken.append(f"{href}: {status}")
    return broken


def test_an_administrator_posts_a_prompt_with_a_question_and_words_of_their_own(page, demo):
    sign_in(page, "admin@example.org", demo)
    page.goto("/journal/")
    assert _links_answer(page) == []
    prompt_links = page.locator("h2:has-text('Post a reflection prompt') + p + ul")
    prompt_links.get_by_role("link", name="Northmoor IOM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team discussions")
    expect(page.get_by_text("As an administrator you can post prompts")).to_be_visible()
    page.get_by_text("Post a prompt to the team").click()
    question = page.get_by_label("A question to consider (optional)")
    question.select_option(index=1)
    chosen = question.locator("option:checked").inner_text()[-40:]  # the question's end
    page.get_by_label("Your own question or words (optional)").fill(
        "Think of one case from this month."
    )
    when = page.get_by_role("group", name="Discuss by (optional)")
    when.get_by_label("Day").fill("31")
    when.get_by_label("Month").fill("2")
    when.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Post prompt").click()
    # 31 February: refused, and everything typed is still there.
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Discuss by date must be a real date"
    )
    expect(page.get_by_label("Your own question or words (optional)")).to_have_value(
        "Think of one case from this month."
    )
    expect(when.get_by_label("Day")).to_have_value("31")
    assert_accessible(page)
    when.get_by_label("Day").fill("28")
    page.get_by_role("button", name="Post prompt").click()
    expect(page.get_by_text("Prompt posted.")).to_be_visible()
    prompts = page.locator("h2:has-text('Prompts') + ul")
    expect(prompts).to_contain_text("Think of one case from this month.")
    expect(prompts).to_contain_text(chosen)
    # Not a member: no link into the members' discussion.
    expect(prompts.get_by_role("link", name=re.compile("^Discussion"))).to_have_count(0)
    assert _links_answer(page) == []

    # /team/: the administrator leads no team, so every team is under "All teams".
    page.goto("/team/")
    expect(page.get_by_text("You do not lead a team.")).to_be_visible()
    all_teams = page.get_by_role("table", name="All teams")
    expect(all_teams.get_by_role("link", name="Northmoor IOM")).to_be_visible()
    expect(page.get_by_role("table", name="Teams you lead")).to_have_count(0)
    assert_accessible(page)


def test_a_trainer_sees_only_links_they_can_open_on_a_team_page(page, demo):
    sign_in(page, "trainer@example.org", demo)
    page.goto("/journal/")
    page.locator("h2:has-text('Post a reflection prompt') + p + ul").get_by_role(
        "link", name="Northmoor IOM"
    ).click()
    expect(page.get_by_text("As a trainer you can post prompts")).to_be_visible()
    assert _links_answer(page) == []
    assert_accessible(page)


def test_a_team_leads_own_learning_says_who_assigned_it(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.goto("/learning/")
    card = page.locator(".app-course-card").first
    expect(card).to_contain_text("assigned by you")
    expect(card).not_to_contain_text("your team lead")
    expect(card).to_contain_text(re.compile(r"\d{4} ·\s+\d+% complete"))
